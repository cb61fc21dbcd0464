// counterclaim: the review controls (article reader, dispute board). Each form sends one
// correction as JSON with the CSRF header; the browser adds the reviewer's credentials
// (sign in at /login first). Keyboard: every control is a native form field or button;
// "r" moves focus to the review controls of the selected statement (or the first one).
// A span is set by selecting words in the article and "Use selected text" (or typed as
// START-END offsets); an argument by its role and a name, a class or "none".
(() => {
  "use strict";

  function say(box, message, isError) {
    const status = box && box.querySelector(".review-status");
    if (!status) return;
    status.textContent = message;
    status.classList.toggle("error", Boolean(isError));
  }

  async function send(form) {
    const box = form.closest(".review");
    const body = { target: form.dataset.target, field: form.dataset.field };
    const target = form.querySelector("[name=target]");
    if (target) body.target = target.value;
    const role = form.querySelector("[name=role]");
    if (role) body.field = `arg.${role.value}`;
    const value = form.querySelector("[name=value]");
    if (value) body.value = value.value;
    const reason = box && box.querySelector("input[name=reason]");
    if (reason && reason.value.trim()) body.reason = reason.value.trim();
    say(box, "Saving…", false);
    let response;
    try {
      response = await fetch(`/api/review/${encodeURIComponent(form.dataset.kind)}`, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-Counterclaim-CSRF": "1" },
        body: JSON.stringify(body),
      });
    } catch (err) {
      say(box, `Not saved: ${err}`, true);
      return;
    }
    if (response.status === 201) {
      const done = await response.json();
      say(box, `Saved by ${done.reviewer}.`, false);
      const here = location.hash;
      setTimeout(() => { location.hash = here; location.reload(); }, 150);
      return;
    }
    let detail = `${response.status}`;
    try { detail = (await response.json()).detail || detail; } catch (err) { /* not JSON */ }
    if (typeof detail !== "string") detail = JSON.stringify(detail);
    if (response.status === 401) detail = "sign in first (Sign in to review)";
    say(box, `Not saved: ${detail}`, true);
  }

  // The offsets of the text selected in the article: #text holds the document's text
  // exactly (its segments joined), so characters before the selection are its start.
  // The last selection made in the article is kept: moving to the button may clear it.
  let lastSpan = null;
  function selectedSpan() {
    const text = document.getElementById("text");
    const selection = window.getSelection();
    if (!text || !selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return null;
    const before = document.createRange();
    before.selectNodeContents(text);
    before.setEnd(range.startContainer, range.startOffset);
    const start = before.toString().length;
    return [start, start + range.toString().length];
  }
  document.addEventListener("selectionchange", () => {
    const span = selectedSpan();
    if (span) lastSpan = span;
  });

  document.addEventListener("click", (ev) => {
    const button = ev.target.closest("button.use-selection");
    if (!button) return;
    const form = button.closest("form");
    const span = selectedSpan() || lastSpan;
    if (!span) {
      say(form.closest(".review"), "Select the words in the article first.", true);
      return;
    }
    form.querySelector("[name=value]").value = `${span[0]}-${span[1]}`;
    form.querySelector("button[type=submit]").focus();
  });

  document.addEventListener("submit", (ev) => {
    const form = ev.target.closest("form.review-form");
    if (!form) return;
    ev.preventDefault();
    send(form);
  });

  document.addEventListener("keydown", (ev) => {
    if (ev.key !== "r" || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    if (ev.target.closest("input, select, textarea")) return;
    const card = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    const box = (card && card.querySelector(".review")) || document.querySelector(".review");
    const control = box && box.querySelector("select, input, button");
    if (control) { ev.preventDefault(); control.focus(); }
  });
})();
