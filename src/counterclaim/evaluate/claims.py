"""Score claims, disputes, one-sided figures and cross-document entities against gold files.

Used by :mod:`counterclaim.evaluate.gold`. A predicted entity stands for a gold entity when one of
its mentions is a gold mention (:func:`~counterclaim.evaluate.mentions.predicted_entities`). A predicted claim
matches a gold claim of the same article with the same type, value and arguments (each gold
argument's entity, mapped so). A predicted dispute matches a gold dispute when it pairs a
claim matching a gold ``for`` claim with one matching a gold ``against`` claim. A one-sided
figure matches when its claim matches the gold ``claim``, or (for a gold item without a
claim) its evidence overlaps the gold evidence. Across articles (a gold file with several),
each gold entity should map to one global entity and no two gold entities to the same one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from counterclaim import compare
from counterclaim.compare import LedgerClaim, Said
from counterclaim.evaluate.mentions import predicted_entities
from counterclaim.evaluate.scoring import PRF
from counterclaim.records import Analysis, Claim
from counterclaim.resolve.crossdoc import doc_entities, resolve_all

ARG_ROLES = ("actor", "place", "victim", "person", "sides", "perpetrator", "target")
type Gold = Mapping[str, Any]


@dataclass(slots=True)
class Tally:
    ok: int = 0
    total: int = 0

    def __str__(self) -> str:
        return f"{self.ok}/{self.total}"


@dataclass(slots=True)
class ClaimReport:
    """Claim-level scores over the articles of one gold file."""

    claims: PRF = field(default_factory=PRF)
    disputes: Tally = field(default_factory=Tally)  # gold disputes found
    predicted_disputes: Tally = field(default_factory=Tally)  # predicted ones that match
    unanswered: Tally = field(default_factory=Tally)
    crossdoc: Tally = field(default_factory=Tally)  # gold entities on one global entity
    crossdoc_merges: list[tuple[str, str]] = field(default_factory=list)
    multi: bool = False

    def lines(self) -> list[str]:
        c = self.claims
        out = [
            f"claims: {c.tp + c.fn} gold, {c.tp + c.fp} predicted, {c.tp} matched; "
            f"precision {c.precision:.3f}  recall {c.recall:.3f}  F1 {c.f1:.3f}",
            f"disputes found {self.disputes} gold; predicted disputes matching gold "
            f"{self.predicted_disputes}",
            f"unanswered figures found {self.unanswered}",
        ]
        if self.multi:
            merges = ", ".join("/".join(p) for p in self.crossdoc_merges[:8]) or "none"
            out.append(f"cross-document entities resolved {self.crossdoc}, "
                       f"merge errors {len(self.crossdoc_merges)} ({merges})")  # fmt: skip
        return out


def gold_of_predicted(gold: Gold, analysis: Analysis) -> dict[str, str]:
    """Predicted entity key -> gold entity key, through the gold mentions."""
    text = analysis.document.text
    mentions = [m for m in analysis.mentions if m.entity]
    out: dict[str, str] = {}
    for key, entity in (gold.get("entities") or {}).items():
        surfaces = entity.get("mentions") or []
        for surface in surfaces if isinstance(surfaces, list) else []:
            for pred in predicted_entities(surface, text, mentions):
                out.setdefault(pred, key)
    return out


def _gold_args(claim: Gold) -> dict[str, object]:
    args = {r: claim[r] for r in ARG_ROLES if claim.get(r) is not None}
    return {r: tuple(sorted(v)) if isinstance(v, list) else v for r, v in args.items()}


def _pred_args(claim: Claim, mapping: Mapping[str, str]) -> dict[str, object]:
    out: dict[str, object] = {}
    for role in ARG_ROLES:
        value = claim.args.get(role)
        if isinstance(value, tuple):
            out[role] = tuple(sorted(mapping.get(v, "?") for v in value))
        elif value is not None:
            out[role] = mapping.get(value, "?")
    return out


def match_claims(gold: Gold, analysis: Analysis, mapping: Mapping[str, str]) -> dict[int, str]:
    """Predicted claim id -> gold claim id, one to one, in order."""
    golds = [g for g in gold.get("claims") or [] if g.get("type")]
    taken: set[str] = set()
    out = {}
    for claim in analysis.claims:
        args = _pred_args(claim, mapping)
        for g in golds:
            if g["id"] in taken or g["type"] != claim.type:
                continue
            if bool(g.get("value", True)) == claim.value and _gold_args(g) == args:
                out[claim.id] = g["id"]
                taken.add(g["id"])
                break
    return out


def _ledger(analysis: Analysis, ids: Mapping[str, str]) -> list[LedgerClaim]:
    """An analysis's claims as compare records, entity keys mapped through ``ids``."""
    attrs = {a.id: a for a in analysis.attributions}
    entities = {e.key: e for e in analysis.entities}
    doc = analysis.document
    date = doc.date.isoformat() if doc.date else None
    out = []
    for claim in analysis.claims:
        a = attrs.get(claim.attribution)
        said = Said(doc.id, claim.attribution, doc_date=date, publisher=doc.publisher)
        if a is not None:
            speaker = entities.get(a.speaker or "")
            said = Said(doc.id, a.id, ids.get(a.speaker or "", a.speaker), a.speaker_name or "?",
                        stance=a.stance, responds_to=a.responds_to, chain=a.chain, date=a.date,
                        doc_date=date, publisher=doc.publisher,
                        side=speaker.side if speaker else None)  # fmt: skip
        args = {r: tuple(ids.get(k, k) for k in v) if isinstance(v, tuple) else ids.get(v, v)
                for r, v in claim.args.items()}  # fmt: skip
        names = {ids.get(k, k): e.name for k, e in entities.items()}
        geo = {ids.get(k, k): e.geo for k, e in entities.items() if e.geo}
        sides = {ids.get(k, k): e.side for k, e in entities.items() if e.side}
        out.append(LedgerClaim(claim, said, args, names, sides, geo))
    return out


def score_claims(
    entries: Sequence[tuple[str, Gold, Analysis]], corpus: Gold | None = None
) -> ClaimReport:
    """Score articles ``(prefix, gold entry, analysis)``; ``corpus`` holds cross-article gold.

    The prefix names an article in cross-article ids ("02" in "02:c1"); it is empty for a
    single article.
    """
    report = ClaimReport(multi=len(entries) > 1)
    index = resolve_all([doc_entities(a) for _, _, a in entries])
    matched: dict[tuple[str, int], str] = {}
    ledger: list[LedgerClaim] = []
    for prefix, gold, analysis in entries:
        mapping = gold_of_predicted(gold, analysis)
        pairs = match_claims(gold, analysis, mapping)
        typed = [c for c in analysis.claims if c.type != "statement"]
        report.claims.add(len(pairs), len(typed), len([g for g in gold.get("claims") or []]))
        for cid, gid in pairs.items():
            matched[(analysis.document.id, cid)] = f"{prefix}:{gid}" if prefix else gid
        doc_id = analysis.document.id
        ids = {e.key: index.global_of((doc_id, e.key)) or e.key for e in analysis.entities}
        ledger.extend(_ledger(analysis, ids))
    disputes = compare.find_disputes(ledger)
    golds = _gold_disputes(entries, corpus)
    _score_disputes(report, disputes, golds, matched)
    _score_unanswered(report, entries, ledger, matched)
    if report.multi and corpus is not None:
        _score_crossdoc(report, entries, corpus, index)
    return report


def _gold_disputes(
    entries: Sequence[tuple[str, Gold, Analysis]], corpus: Gold | None
) -> list[Gold]:
    if corpus is not None and corpus.get("disputes") and len(entries) > 1:
        return list(corpus["disputes"])
    prefix = entries[0][0] if entries else ""
    return [
        {**d, "for": [f"{prefix}:{c}" if prefix else c for c in d.get("for", [])],
         "against": [f"{prefix}:{c}" if prefix else c for c in d.get("against", [])]}
        for _, gold, _ in entries[:1] for d in gold.get("disputes") or []
    ]  # fmt: skip


def _score_disputes(
    report: ClaimReport, disputes: list[compare.Dispute], golds: list[Gold], matched: Mapping
) -> None:
    def hits(d: compare.Dispute, g: Gold) -> bool:
        sides = [{matched.get(c.ref) for c in side} for side in (d.for_, d.against)]
        pro, con = set(g.get("for", [])), set(g.get("against", []))
        return bool((sides[0] & pro and sides[1] & con) or (sides[0] & con and sides[1] & pro))

    report.disputes.total += len(golds)
    report.disputes.ok += sum(any(hits(d, g) for d in disputes) for g in golds)
    report.predicted_disputes.total += len(disputes)
    report.predicted_disputes.ok += sum(any(hits(d, g) for g in golds) for d in disputes)


def _score_unanswered(
    report: ClaimReport,
    entries: Sequence[tuple[str, Gold, Analysis]],
    ledger: list[LedgerClaim],
    matched: Mapping,
) -> None:
    silences = []
    for _, _, a in entries:
        mentions = [(m.span, m.entity, next((e.type for e in a.entities if e.key == m.entity), ""),
                     m.entity) for m in a.mentions if m.entity]  # fmt: skip
        silences += compare.find_silences(a.document.id, a.document.text, mentions,
                                          a.document.body_start)  # fmt: skip
    found = compare.unanswered(ledger, silences)
    for prefix, gold, analysis in entries:
        for item in gold.get("unanswered") or []:
            report.unanswered.total += 1
            want = item.get("claim")
            if want:
                name = f"{prefix}:{want}" if prefix else want
                ok = any(u.claim and matched.get(u.claim.ref) == name for u in found)
            else:
                ev = item.get("evidence") or {}
                ok = any(s.doc_id == analysis.document.id and s.span.start < ev.get("end", -1)
                         and ev.get("start", 1 << 30) < s.span.end
                         for u in found for s in u.evidence)  # fmt: skip
            report.unanswered.ok += ok


def _score_crossdoc(
    report: ClaimReport, entries: Sequence[tuple[str, Gold, Analysis]], corpus: Gold, index: Any
) -> None:
    """Each gold entity's mentions, over all articles, should land on one global entity."""
    where: dict[str, set[str]] = {}
    for _prefix, gold, analysis in entries:
        for pred, key in gold_of_predicted(gold, analysis).items():
            gid = index.global_of((analysis.document.id, pred))
            if gid is not None:
                where.setdefault(key, set()).add(gid)
    for key in corpus.get("entities") or {}:
        if key in where:
            report.crossdoc.total += 1
            report.crossdoc.ok += len(where[key]) == 1
    keys = sorted(where)
    report.crossdoc_merges = [(a, b) for i, a in enumerate(keys) for b in keys[i + 1 :]
                              if where[a] & where[b]]  # fmt: skip
