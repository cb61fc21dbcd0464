// counterclaim: small progressive enhancement for the article reader.
// Without JavaScript every highlighted passage is a link to its statement card below.
(() => {
  "use strict";
  const text = document.getElementById("text");
  const detail = document.getElementById("detail");
  if (!text || !detail) return;
  const hint = detail.innerHTML;
  const cards = Array.from(document.querySelectorAll(".statements .card[data-attr]"));
  const ids = cards.map((c) => c.dataset.attr);
  let pinned = null;

  const panelShown = () => getComputedStyle(detail).display !== "none";

  function mark(id) {
    text.querySelectorAll("a.hl.active").forEach((el) => el.classList.remove("active"));
    if (id === null) return;
    text.querySelectorAll(`a.hl[data-attr="${id}"]`).forEach((el) => el.classList.add("active"));
  }

  function show(id) {
    mark(id);
    if (id === null) { detail.innerHTML = hint; return; }
    const card = document.getElementById(`attr-${id}`);
    if (!card) return;
    const copy = card.cloneNode(true);
    copy.removeAttribute("id");
    detail.replaceChildren(copy);
  }

  function pin(id, scroll) {
    pinned = id;
    show(id);
    if (id !== null) history.replaceState(null, "", `#attr-${id}`);
    if (scroll && id !== null) {
      const first = text.querySelector(`a.hl[data-attr="${id}"]`);
      if (first) { first.focus({ preventScroll: true }); first.scrollIntoView({ block: "center", behavior: "smooth" }); }
    }
  }

  text.addEventListener("mouseover", (ev) => {
    const el = ev.target.closest("a.hl");
    if (el) show(el.dataset.attr);
  });
  text.addEventListener("mouseleave", () => show(pinned));
  text.addEventListener("focusin", (ev) => {
    const el = ev.target.closest("a.hl");
    if (el) show(el.dataset.attr);
  });
  text.addEventListener("click", (ev) => {
    const el = ev.target.closest("a.hl");
    if (!el || !panelShown()) return; // narrow screens: follow the link to the card
    ev.preventDefault();
    pin(el.dataset.attr, false);
  });

  document.addEventListener("keydown", (ev) => {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    if (ev.target.closest("input, select, textarea")) return;
    if (ev.key === "Escape") { pin(null, false); history.replaceState(null, "", location.pathname + location.search); return; }
    if (ev.key !== "j" && ev.key !== "k") return;
    const at = pinned === null ? -1 : ids.indexOf(pinned);
    const next = ev.key === "j" ? Math.min(ids.length - 1, at + 1) : Math.max(0, at - 1);
    if (ids.length) pin(ids[next], true);
  });

  const start = location.hash.match(/^#attr-(\d+)$/);
  if (start && ids.includes(start[1]) && panelShown()) pin(start[1], false);
})();
