"""Score claims, disputes, one-sided figures and cross-document entities against gold files.

Used by :mod:`counterclaim.evaluate.gold`. A predicted entity stands for a gold entity when one of
its mentions is a gold mention (:func:`~counterclaim.evaluate.mentions.predicted_entities`). A predicted claim
matches a gold claim of the same article made in a matching attribution with the same type,
value and arguments (each gold argument's entity, mapped so). A predicted dispute matches a
gold dispute when one of its sides holds a claim made in an attribution matching (the
attribution rule) one behind the gold ``for`` side and the other side one behind the
``against`` or ``also_against`` side; claim types are not compared (GOLD_FORMAT.md). A
one-sided figure matches when its claim matches the gold ``claim``, or (for a gold item
without a claim) its evidence overlaps the gold evidence. Across articles (a gold file with
several), each gold entity should map to one global entity and no two gold entities to the
same one.

Two readings of the gold format, both for claims the format cannot express otherwise:

- who killed or hurt in a casualty claim is ``actor`` in most gold files and
  ``perpetrator`` in the ledger (and in some gold files): one role, compared as ``actor``;
- a predicted argument that is a description ("civilians", "terrorists": the victim class
  figures are grouped by) or an unnamed entity the gold does not list is not compared,
  since gold arguments are entities only (a gold file writes such victims as free text,
  ``victims``). A gold argument the prediction lacks still fails the match.

Counts are not part of the claim match (GOLD_FORMAT.md); casualty figures are scored apart:
a gold fatalities or injuries claim with a ``count`` is found when a claim of its type in a
matching attribution gives the same low/best/high (``approx`` as best, hedged or not).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from counterclaim import compare
from counterclaim.compare import LedgerClaim, Said
from counterclaim.evaluate.attributions import attribution_matches
from counterclaim.evaluate.mentions import predicted_entities
from counterclaim.evaluate.scoring import PRF
from counterclaim.records import Analysis, Attribution, Claim, Count
from counterclaim.resolve.crossdoc import doc_entities, resolve_all

ARG_ROLES = ("actor", "place", "victim", "person", "sides", "perpetrator", "target")
CASUALTY_TYPES = frozenset({"fatalities", "injuries"})
type Gold = Mapping[str, Any]
type AttrKey = tuple[str, str]  # (article label: a prefix or a gold file name, attribution id)
type PredKey = tuple[str, int]  # (document id, predicted attribution id)


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
    #: typed claims (not ``statement``) made in reported speech: the gold types no
    #: narrator sentences, so the publisher's own claims are left out of this one
    typed: PRF = field(default_factory=PRF)
    figures: Tally = field(default_factory=Tally)  # gold casualty counts found with their count
    disputes: Tally = field(default_factory=Tally)  # gold disputes found
    predicted_disputes: Tally = field(default_factory=Tally)  # predicted ones that match
    unanswered: Tally = field(default_factory=Tally)
    crossdoc: Tally = field(default_factory=Tally)  # gold entities on one global entity
    crossdoc_merges: list[tuple[str, str]] = field(default_factory=list)
    multi: bool = False
    missed: list[GoldDispute] = field(default_factory=list)  # gold disputes not found
    unmatched: list[compare.Dispute] = field(default_factory=list)  # predicted, no gold

    def lines(self) -> list[str]:
        c = self.claims
        out = [
            f"claims: {c.tp + c.fn} gold, {c.tp + c.fp} predicted, {c.tp} matched; "
            f"precision {c.precision:.3f}  recall {c.recall:.3f}  F1 {c.f1:.3f}",
            f"disputes found {self.disputes} gold; predicted disputes matching gold "
            f"{self.predicted_disputes}",
            *dispute_detail(self.missed, self.unmatched),
            f"unanswered figures found {self.unanswered}",
        ]
        out.append(
            f"typed claims in reported speech: {self.typed.tp + self.typed.fn} gold, "
            f"{self.typed.tp + self.typed.fp} predicted, {self.typed.tp} matched; precision "
            f"{self.typed.precision:.3f}  recall {self.typed.recall:.3f}"
        )
        out.append(f"casualty figures found with their count (low/best/high) {self.figures}")
        if self.multi:
            merges = ", ".join("/".join(p) for p in self.crossdoc_merges[:8]) or "none"
            out.append(f"cross-document entities resolved {self.crossdoc}, "
                       f"merge errors {len(self.crossdoc_merges)} ({merges})")  # fmt: skip
        return out


@dataclass(frozen=True, slots=True)
class GoldDispute:
    """A gold dispute, each side as the gold attributions behind its claims."""

    id: str
    proposition: str
    pro: frozenset[AttrKey]  # behind the ``for`` claims
    con: frozenset[AttrKey]  # behind the ``against`` and ``also_against`` claims
    where: str = ""  # the article label of a within-story dispute


def gold_disputes(
    disputes: Iterable[Gold], origins: Mapping[tuple[str, str], AttrKey], label: str = ""
) -> list[GoldDispute]:
    """Gold disputes with their sides as attributions.

    Args:
        disputes: Gold disputes; a claim is a claim id of the article ``label``, a
            ``"label:claim"`` id, or ``{"file", "claim"}`` (a cross-document file).
        origins: (article label, claim id) -> the gold attribution the claim is made in.
        label: The article of bare claim ids.
    """

    def side(refs: Iterable[Any]) -> frozenset[AttrKey]:
        keys = (_claim_key(r, label) for r in refs)
        return frozenset(origins[k] for k in keys if k in origins)

    return [
        GoldDispute(str(d.get("id", "")), str(d.get("proposition", "")), side(d.get("for") or []),
                    side([*(d.get("against") or []), *(d.get("also_against") or [])]), label)
        for d in disputes
    ]  # fmt: skip


def _claim_key(ref: Any, label: str) -> tuple[str, str]:
    if isinstance(ref, Mapping):
        return str(ref.get("file", label)), str(ref.get("claim"))
    text = str(ref)
    return tuple(text.split(":", 1)) if ":" in text else (label, text)  # type: ignore[return-value]


def claim_origins(gold: Gold, label: str = "") -> dict[tuple[str, str], AttrKey]:
    """(label, claim id) -> (label, attribution id) of the article's gold claims."""
    return {(label, str(c["id"])): (label, str(c["from"]))
            for c in gold.get("claims") or [] if c.get("id") and c.get("from")}  # fmt: skip


def dispute_matches(
    pred: compare.Dispute, gold: GoldDispute, behind: Mapping[PredKey, Collection[AttrKey]]
) -> bool:
    """GOLD_FORMAT.md's rule: one side of ``pred`` holds a claim made in an attribution that
    matches one behind the gold ``for`` side, the other side one behind its ``against`` (or
    ``also_against``). Claim types are not compared.

    ``behind`` maps a predicted attribution to the gold attributions it matches (by the
    attribution rule, :func:`counterclaim.evaluate.attributions.attribution_matches`). The predicted
    ``also_against`` claims stand on the ``against`` side.
    """

    def gold_behind(side: Iterable[LedgerClaim]) -> set[AttrKey]:
        return {k for c in side for k in behind.get((c.said.doc_id, c.said.attribution), ())}

    one = gold_behind(pred.for_)
    other = gold_behind((*pred.against, *pred.also_against))
    return bool((one & gold.pro and other & gold.con) or (one & gold.con and other & gold.pro))


def score_disputes(
    report: ClaimReport,
    predicted: Sequence[compare.Dispute],
    golds: Sequence[GoldDispute],
    behind: Mapping[PredKey, Collection[AttrKey]],
) -> None:
    """Add recall (gold disputes found) and precision (predicted ones matching any gold
    dispute) to ``report``, with the gold disputes missed and the predictions unmatched."""
    hits = [[dispute_matches(d, g, behind) for g in golds] for d in predicted]
    found = [any(row[j] for row in hits) for j in range(len(golds))]
    report.disputes.total += len(golds)
    report.disputes.ok += sum(found)
    report.predicted_disputes.total += len(predicted)
    report.predicted_disputes.ok += sum(any(row) for row in hits)
    report.missed.extend(g for g, ok in zip(golds, found, strict=True) if not ok)
    report.unmatched.extend(d for d, row in zip(predicted, hits, strict=True) if not any(row))


def dispute_detail(
    missed: Sequence[GoldDispute], unmatched: Sequence[compare.Dispute]
) -> list[str]:
    """Indented lines naming the gold disputes missed and the predicted ones matching none."""
    out = [f"  missed {g.where + ' ' if g.where else ''}{g.id}: {g.proposition}" for g in missed]
    out += [f"  unmatched prediction ({d.kind}, {d.type}): {d.proposition}" for d in unmatched]
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


def _who_did_it(kind: object, args: dict[str, object]) -> dict[str, object]:
    """Casualty claims name who killed or hurt as ``actor`` (gold) or ``perpetrator``
    (the ledger; some gold files too): one role, compared as ``actor``."""
    if str(kind) in CASUALTY_TYPES and "perpetrator" in args:
        args.setdefault("actor", args["perpetrator"])
        del args["perpetrator"]
    return args


def _gold_args(claim: Gold) -> dict[str, object]:
    args = {r: claim[r] for r in ARG_ROLES if claim.get(r) is not None}
    args = {r: tuple(sorted(v)) if isinstance(v, list) else v for r, v in args.items()}
    return _who_did_it(claim.get("type"), args)


def _pred_args(
    claim: Claim, mapping: Mapping[str, str], entities: Collection[str] | None = None
) -> dict[str, object]:
    """The claim's arguments as gold entity keys ("?" for an entity the gold lacks).

    With ``entities`` (the analysis's named entities, and unnamed ones the gold lists),
    an argument that is only a description ("people", "terrorists": a victim class the
    figures are grouped by) is not compared: the gold's arguments are entities only
    (GOLD_FORMAT.md).
    """
    out: dict[str, object] = {}
    for role in ARG_ROLES:
        value = claim.args.get(role)
        if isinstance(value, tuple):
            out[role] = tuple(sorted(mapping.get(v, "?") for v in value))
        elif value is not None and (entities is None or value in entities):
            out[role] = mapping.get(value, "?")
    return _who_did_it(claim.type, out)


def match_claims(
    gold: Gold,
    analysis: Analysis,
    mapping: Mapping[str, str],
    behind: Mapping[int, Collection[str]] | None = None,
) -> dict[int, str]:
    """Predicted claim id -> gold claim id, one to one, in order.

    With ``behind`` (predicted attribution id -> the gold attributions it matches), a gold
    claim with a ``from`` is matched only by a claim made in a matching attribution: "made
    in the same attribution" (GOLD_FORMAT.md), without which a ``statement`` (no
    arguments) would match any gold statement.
    """
    golds = [g for g in gold.get("claims") or [] if g.get("type")]
    taken: set[str] = set()
    out = {}
    # unnamed descriptions the gold lists as no entity ("people", "terrorists") are victim
    # classes, not arguments: not compared (see _pred_args)
    keys = {e.key for e in analysis.entities if e.type != "UNNAMED" or e.key in mapping}
    for claim in analysis.claims:
        args = _pred_args(claim, mapping, keys)
        made_in = behind.get(claim.attribution, ()) if behind is not None else None
        for g in golds:
            if g["id"] in taken or g["type"] != claim.type:
                continue
            if made_in is not None and g.get("from") and str(g["from"]) not in made_in:
                continue
            if bool(g.get("value", True)) == claim.value and _gold_args(g) == args:
                out[claim.id] = g["id"]
                taken.add(g["id"])
                break
    return out


def _said(analysis: Analysis, a: Attribution, ids: Mapping[str, str]) -> Said:
    doc = analysis.document
    speaker = next((e for e in analysis.entities if e.key == a.speaker), None)
    return Said(doc.id, a.id, ids.get(a.speaker or "", a.speaker), a.speaker_name or "?",
                stance=a.stance, responds_to=a.responds_to, chain=a.chain, date=a.date,
                doc_date=doc.date.isoformat() if doc.date else None, publisher=doc.publisher,
                side=speaker.side if speaker else None)  # fmt: skip


def _denials(analysis: Analysis, ids: Mapping[str, str]) -> list[Said]:
    """The denials of an analysis, for the claims they imply (as the ledger's query reads
    them: :func:`counterclaim.compare.implied_denials`)."""
    return [_said(analysis, a, ids) for a in analysis.attributions
            if a.stance == "deny" and a.responds_to is not None]  # fmt: skip


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
            said = _said(analysis, a, ids)
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
    denials: list[Said] = []
    behind: dict[PredKey, set[AttrKey]] = {}
    origins: dict[tuple[str, str], AttrKey] = {}
    for prefix, gold, analysis in entries:
        made_in = attribution_matches(gold, analysis)
        for aid, gids in made_in.items():
            behind[(analysis.document.id, aid)] = {(prefix, g) for g in gids}
        origins |= claim_origins(gold, prefix)
        mapping = gold_of_predicted(gold, analysis)
        pairs = match_claims(gold, analysis, mapping, made_in)
        # every predicted claim counts, as every gold claim does: statements are matched too
        report.claims.add(len(pairs), len(analysis.claims), len(gold.get("claims") or []))
        kinds = {a.id: a.kind for a in analysis.attributions}
        typed = [c for c in analysis.claims
                 if c.type != "statement" and kinds.get(c.attribution) != "narrator"]  # fmt: skip
        gold_typed = [g for g in gold.get("claims") or [] if g.get("type") != "statement"]
        typed_ids = {g["id"] for g in gold_typed}
        hits = sum(1 for c in typed if pairs.get(c.id) in typed_ids)
        report.typed.add(hits, len(typed), len(gold_typed))
        _score_figures(report, gold, analysis, made_in)
        for cid, gid in pairs.items():
            matched[(analysis.document.id, cid)] = f"{prefix}:{gid}" if prefix else gid
        doc_id = analysis.document.id
        ids = {e.key: index.global_of((doc_id, e.key)) or e.key for e in analysis.entities}
        ledger.extend(_ledger(analysis, ids))
        denials.extend(_denials(analysis, ids))
    disputes = compare.find_disputes(ledger, denials)
    if corpus is not None and corpus.get("disputes") and len(entries) > 1:
        golds = gold_disputes(corpus["disputes"], origins)
    else:
        golds = [g for p, gold, _ in entries[:1]
                 for g in gold_disputes(gold.get("disputes") or [], origins, p)]  # fmt: skip
    score_disputes(report, disputes, golds, behind)
    _score_unanswered(report, entries, ledger, matched)
    if report.multi and corpus is not None:
        _score_crossdoc(report, entries, corpus, index)
    return report


def count_agrees(gold: Mapping[str, Any], count: Count | None) -> bool:
    """The predicted count gives the gold count's every value (``approx`` is a best)."""
    if count is None or not gold:
        return False
    want = {"low": count.low, "best": count.best, "high": count.high, "approx": count.best}
    return all(want.get(k) == v for k, v in gold.items() if v is not None)


def _score_figures(
    report: ClaimReport, gold: Gold, analysis: Analysis, made_in: Mapping[int, Collection[str]]
) -> None:
    for g in gold.get("claims") or []:
        if g.get("type") not in CASUALTY_TYPES or not g.get("count"):
            continue
        report.figures.total += 1
        report.figures.ok += any(
            c.type == g["type"]
            and str(g.get("from")) in made_in.get(c.attribution, ())
            and count_agrees(g["count"], c.count)
            for c in analysis.claims
        )


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
