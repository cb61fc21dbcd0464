"""Score the pipeline's output for an article against its gold ledger (GOLD_FORMAT.md).

``evaluate_gold`` reads a gold file, runs extract and resolve on its article and returns a
:class:`GoldReport`; ``score_analysis`` scores an :class:`Analysis` you already have (tests
build one by hand). Attributions are matched with :func:`counterclaim.evaluate.scoring.align`;
narrator attributions (what the publisher itself states) are not in the gold and are left
out. Claims, disputes and one-sided figures are scored by :mod:`counterclaim.evaluate.claims`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counterclaim.evaluate import scoring
from counterclaim.evaluate.attributions import gold_item, pred_item
from counterclaim.evaluate.claims import score_claims
from counterclaim.evaluate.mentions import predicted_entities
from counterclaim.evaluate.scoring import PRF, Item
from counterclaim.records import Analysis, Attribution, Document, Skipped

if TYPE_CHECKING:
    from spacy.language import Language

LABELS = ("source", "cue", "content")
STOPWORDS = frozenset(
    ["a", "an", "the", "of", "in", "on", "at", "from", "to", "for", "with", "by", "and", "or"]
)

type Gold = Mapping[str, Any]


class GoldError(ValueError):
    """A gold file (or its article) that cannot be read."""


@dataclass(slots=True)
class Tally:
    """Hits out of a total, for the accuracies over matched pairs."""

    ok: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.ok += hit
        self.total += 1

    @property
    def value(self) -> float:
        return self.ok / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.value:.3f} ({self.ok}/{self.total})"


@dataclass(frozen=True, slots=True)
class EntityResult:
    """Where one gold entity's mentions went among the predicted entities."""

    key: str
    predicted: tuple[str, ...]  # predicted entity keys its mentions resolve to
    missing: tuple[str, ...] = ()  # gold mention strings no predicted mention covers
    merged_with: tuple[str, ...] = ()  # other gold entities sharing a predicted entity

    @property
    def resolved(self) -> bool:
        """All mentions found, all in one predicted entity."""
        return not self.missing and len(self.predicted) == 1

    @property
    def ok(self) -> bool:
        return self.resolved and not self.merged_with


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the per-attribution table: a gold item, a prediction, or both."""

    gold_id: str | None
    pred: Attribution | None
    source_ok: bool | None = None
    stance_ok: bool | None = None
    chain_ok: bool | None = None
    gold_source: str | None = None
    gold_chain: tuple[object, ...] = ()


@dataclass(slots=True)
class GoldReport:
    """Counts of one gold evaluation (one or several articles); ``lines()`` renders them."""

    articles: list[str] = field(default_factory=list)
    match: PRF = field(default_factory=PRF)
    source: Tally = field(default_factory=Tally)
    stance: Tally = field(default_factory=Tally)
    chain: Tally = field(default_factory=Tally)
    responds_to: Tally = field(default_factory=Tally)
    entities: list[EntityResult] = field(default_factory=list)
    exact: dict[str, PRF] = field(default_factory=lambda: {label: PRF() for label in LABELS})
    gold_source_spans: bool = False  # whether any gold item gave a source span
    rows: list[Row] = field(default_factory=list)
    claims: Any = None  # an evaluate_claims.ClaimReport, when claims were scored

    @property
    def precision(self) -> float:
        return self.match.precision

    @property
    def recall(self) -> float:
        return self.match.recall

    @property
    def f1(self) -> float:
        return self.match.f1

    @property
    def source_accuracy(self) -> float:
        return self.source.value

    @property
    def stance_accuracy(self) -> float:
        return self.stance.value

    @property
    def chain_accuracy(self) -> float:
        return self.chain.value

    @property
    def responds_to_accuracy(self) -> float:
        return self.responds_to.value

    @property
    def entity_accuracy(self) -> float:
        return sum(e.ok for e in self.entities) / len(self.entities) if self.entities else 0.0

    @property
    def merge_errors(self) -> list[tuple[str, str]]:
        """Pairs of gold entities that share a predicted entity."""
        return sorted({tuple(sorted((e.key, o))) for e in self.entities for o in e.merged_with})

    def lines(self) -> list[str]:
        """A printable report; the last line is ``attribution F1 X.XXX``."""
        m = self.match
        out = [
            f"gold: {', '.join(self.articles)}",
            f"attributions: {m.tp + m.fn} gold, {m.tp + m.fp} predicted, {m.tp} matched",
            f"precision {m.precision:.3f}  recall {m.recall:.3f}  F1 {m.f1:.3f}",
            f"source accuracy {self.source}",
            f"stance accuracy {self.stance}",
            f"chain accuracy {self.chain}",
            f"responds_to accuracy {self.responds_to} (matched gold denials)",
            *_table(self.rows),
            *self._entity_lines(),
            "exact span match (CofeNet style)  P      R      F1",
        ]
        for label in LABELS:
            e = self.exact[label]
            if label == "source" and not self.gold_source_spans:
                out.append(f"  {label:<32}n/a (the gold gives no source spans)")
                continue
            out.append(f"  {label:<32}{e.precision:.3f}  {e.recall:.3f}  {e.f1:.3f}")
        if self.claims is not None:
            out.extend(self.claims.lines())
        out.append(f"attribution F1 {m.f1:.3f}")
        return out

    def _entity_lines(self) -> list[str]:
        good = sum(e.ok for e in self.entities)
        out = [
            f"entities resolved {good}/{len(self.entities)}, merge errors {len(self.merge_errors)}"
        ]
        for e in self.entities:
            if e.ok:
                continue
            why = []
            if e.missing:
                why.append("no predicted mention for " + ", ".join(repr(s) for s in e.missing))
            if len(e.predicted) > 1:
                why.append("split over " + ", ".join(e.predicted))
            if e.merged_with:
                why.append("merged with " + ", ".join(e.merged_with))
            out.append(f"  FAIL {e.key}: {'; '.join(why)}")
        return out


def _table(rows: Sequence[Row]) -> list[str]:
    def mark(flag: bool | None) -> str:
        return "-" if flag is None else "ok" if flag else "WRONG"

    out = [f"  {'gold':<6}{'match':<7}{'predicted source':<28}{'stance':<8}{'chain':<6}details"]
    for row in rows:
        pred = row.pred
        name = (
            "" if pred is None else pred.speaker_name or (pred.source.text if pred.source else "?")
        )
        if row.gold_id is None:
            detail = f"extra: {pred.cue.text!r} -> {_clip(pred.content.text)}" if pred else ""
        else:
            chain = " / ".join(pred.chain) if pred else ""
            detail = (
                f"gold {row.gold_source} via {_show(row.gold_chain)}; predicted via {chain or '-'}"
            )
        matched = "yes" if row.gold_id and pred else "no"
        out.append(
            f"  {row.gold_id or '-':<6}{matched:<7}{_clip(name, 26):<28}"
            f"{mark(row.stance_ok):<8}{mark(row.chain_ok):<6}source {mark(row.source_ok)}; {detail}"
        )
    return out


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _show(chain: Sequence[object]) -> str:
    return " / ".join("+".join(c) if isinstance(c, list) else str(c) for c in chain) or "-"


# ---------------------------------------------------------------- reading


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """The article entries of a gold file: the file itself, or each of its ``articles``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise GoldError(f"cannot read gold file {path}: {err}") from err
    entries = data.get("articles", [data]) if isinstance(data, dict) else None
    if not entries or not all(isinstance(e, dict) for e in entries):
        raise GoldError(f"{path}: expected a gold object or an 'articles' list of them")
    return entries


def article_path_for(gold_path: str | Path, entry: Gold) -> Path:
    """The article beside the gold file: its ``article`` field, else the same stem ``.txt``."""
    gold_path = Path(gold_path)
    if entry.get("article"):
        return gold_path.parent / entry["article"]
    stem = gold_path.name.removesuffix(".json").removesuffix(".gold")
    return gold_path.with_name(stem + ".txt")


def read_article(path: str | Path, publisher: str | None = None) -> Document:
    """Read an article the way ``counterclaim ingest --publisher PUBLISHER`` does."""
    from counterclaim.ingest.readers import read_paths

    items = list(read_paths(path, publisher=publisher))
    if len(items) != 1 or isinstance(items[0], Skipped):
        reason = items[0].reason if items and isinstance(items[0], Skipped) else "no single article"
        raise GoldError(f"cannot read article {path}: {reason}")
    return items[0]


def gold_publisher(entry: Gold) -> str | None:
    """The publisher the gold's ``document`` names (an entity key such as ``voa``): eval
    gives it to the pipeline as a user gives ``--publisher`` to ingest, so an article whose
    header names no agency still gets chains ending with its publisher."""
    document = entry.get("document")
    publisher = document.get("publisher") if isinstance(document, Mapping) else None
    return str(publisher) if publisher else None


def evaluate_gold(
    gold_path: str | Path, article_path: str | Path | None = None, *, nlp: Language | None = None
) -> GoldReport:
    """Run extract and resolve on the gold file's article(s) and score the output.

    Args:
        gold_path: A ``*.gold.json`` file (one article, or several under ``articles``).
        article_path: The article, for a single-article gold file; by default the file
            named by its ``article`` field (or with the same stem, ``.txt``) beside it.
            Each article is read with the publisher its gold ``document`` names
            (:func:`gold_publisher`), as ``ingest --publisher`` reads it; a header naming
            an agency still wins.
        nlp: A loaded spaCy pipeline; by default extract loads the configured model.

    Returns:
        The report over all articles of the file.

    Raises:
        GoldError: The gold file or an article cannot be read.
    """
    from counterclaim.extract import extract
    from counterclaim.pipeline.analysis import later_stages
    from counterclaim.resolve.document import resolve_document

    entries = load_gold(gold_path)
    if article_path is not None and len(entries) != 1:
        raise GoldError(f"{gold_path} holds {len(entries)} articles; article_path needs one")
    paths = (
        [Path(article_path)] if article_path else [article_path_for(gold_path, e) for e in entries]
    )
    docs = [read_article(path, gold_publisher(e)) for e, path in zip(entries, paths, strict=True)]
    analyses = {a.document.id: a for a in extract(docs, nlp=nlp)}
    report = GoldReport()
    scored = []
    for entry, path, doc in zip(entries, paths, docs, strict=True):
        analysis = resolve_document(analyses.get(doc.id, Analysis(document=doc)))
        score_analysis(entry, analysis, report, name=path.name)
        prefix = path.name.split("-", 1)[0] if len(entries) > 1 else ""
        scored.append((prefix, entry, later_stages(analysis)))
    report.claims = score_claims(scored, _corpus(gold_path) if len(entries) > 1 else None)
    return report


def _corpus(path: str | Path) -> Gold:
    return json.loads(Path(path).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- scoring


def score_analysis(
    gold: Gold, analysis: Analysis, report: GoldReport | None = None, *, name: str | None = None
) -> GoldReport:
    """Score one article's resolved analysis against its gold entry, adding to ``report``."""
    report = report if report is not None else GoldReport()
    report.articles.append(name or str(gold.get("article") or analysis.document.id))
    entities: Mapping[str, Gold] = gold.get("entities") or {}
    golds = [gold_item(g) for g in gold.get("attributions") or []]
    preds = [pred_item(a) for a in analysis.attributions if a.kind != "narrator"]
    pairs = scoring.align(preds, golds)
    report.match.add(len(pairs), len(preds), len(golds))
    pred_of = {j: i for i, j in pairs}
    for j, g in enumerate(golds):
        i = pred_of.get(j)
        if i is None:
            report.rows.append(_row(g.ref, None))
            continue
        p: Attribution = preds[i].ref
        row = _row(
            g.ref,
            p,
            source_ok=_source_ok(str(g.ref.get("source") or ""), p, analysis, entities),
            stance_ok=p.stance == g.ref.get("stance", "assert"),
            chain_ok=_chain_ok(g.ref.get("reported_by") or [], p.chain, entities),
        )
        report.source.add(row.source_ok)
        report.stance.add(row.stance_ok)
        report.chain.add(row.chain_ok)
        report.rows.append(row)
        if g.ref.get("stance") == "deny" and g.ref.get("responds_to"):
            report.responds_to.add(_responds_ok(g.ref, p, golds, preds, pred_of))
    matched = set(pred_of.values())
    report.rows.extend(Row(None, p.ref) for i, p in enumerate(preds) if i not in matched)
    _score_exact(report, preds, golds)
    report.entities.extend(entity_results(entities, analysis))
    return report


def _row(gold: Gold, pred: Attribution | None, **flags: bool) -> Row:
    chain = tuple(gold.get("reported_by") or ())
    return Row(str(gold.get("id")), pred, gold_source=gold.get("source"), gold_chain=chain, **flags)


def _score_exact(report: GoldReport, preds: Sequence[Item], golds: Sequence[Item]) -> None:
    report.gold_source_spans |= any(g.source for g in golds)
    for label in LABELS:
        tp, n_pred, n_gold = scoring.exact_span_prf(
            [getattr(p, label) for p in preds], [getattr(g, label) for g in golds]
        )
        report.exact[label].add(tp, n_pred, n_gold)


def norm(text: str) -> str:
    """Case-, quote-, space- and leading-article-insensitive form of a surface string."""
    text = re.sub(r"\s+", " ", text.replace("’", "'").lower()).strip().strip(".,;:\"'“”")
    return re.sub(r"^(the|a|an) ", "", text)


def _surfaces(entity: Gold) -> set[str]:
    return {norm(m) for m in entity.get("mentions") or []} | {norm(str(entity.get("name", "")))}


def head_words(description: str) -> list[str]:
    """Content words of a free source description: "media (unnamed)" -> ["media"]."""
    words = re.findall(r"\w+", re.sub(r"\(.*?\)", " ", description.lower()))
    return [w for w in words if w not in STOPWORDS]


def _source_ok(
    gold_source: str, pred: Attribution, analysis: Analysis, entities: Mapping[str, Gold]
) -> bool:
    """The predicted speaker is the gold entity, or its phrase names the unnamed gold source."""
    if gold_source in entities:
        entity = next((e for e in analysis.entities if e.key == pred.speaker), None)
        if entity is None:
            return False
        have = {norm(s.text) for s in entity.mentions} | {norm(entity.name)}
        return bool(have & _surfaces(entities[gold_source]))
    phrase = " ".join(filter(None, [pred.source.text if pred.source else None, pred.speaker_name]))
    words = head_words(gold_source)
    return bool(words) and all(re.search(rf"\b{re.escape(w)}\b", phrase.lower()) for w in words)


def _chain_ok(gold: Sequence[Any], pred: Sequence[str], entities: Mapping[str, Gold]) -> bool:
    """Same length, and each position names the same intermediaries (a set for a list)."""
    return len(gold) == len(pred) and all(
        _position_ok(g, p, entities) for g, p in zip(gold, pred, strict=True)
    )


def _position_ok(gold: Any, pred: str, entities: Mapping[str, Gold]) -> bool:
    wanted = list(gold) if isinstance(gold, list) else [gold]
    given = re.split(r"\s*(?:,|&|\band\b)\s*", pred) if isinstance(gold, list) else [pred]
    given = [g for g in given if g.strip()]
    if len(wanted) != len(given):
        return False
    for text in given:
        hit = next((w for w in wanted if _names(w, text, entities)), None)
        if hit is None:
            return False
        wanted.remove(hit)
    return True


def _names(gold: str, text: str, entities: Mapping[str, Gold]) -> bool:
    """Whether surface ``text`` names gold chain element ``gold`` (entity key or free text)."""
    if gold in entities:
        return norm(text) in _surfaces(entities[gold]) | {norm(gold)}
    return norm(text) == norm(gold)


def _responds_ok(
    gold: Gold,
    pred: Attribution,
    golds: Sequence[Item],
    preds: Sequence[Item],
    pred_of: Mapping[int, int],
) -> bool:
    """The predicted denial points at the prediction matched with the gold denied item."""
    target = next((j for j, g in enumerate(golds) if g.ref.get("id") == gold["responds_to"]), None)
    if target is None or target not in pred_of or pred.responds_to is None:
        return False
    return preds[pred_of[target]].ref.id == pred.responds_to


# ---------------------------------------------------------------- entities


def entity_results(entities: Mapping[str, Gold], analysis: Analysis) -> list[EntityResult]:
    """For each gold entity with mentions: the predicted entities its mentions resolve to."""
    text, mentions = analysis.document.text, [m for m in analysis.mentions if m.entity]
    found: dict[str, tuple[set[str], list[str]]] = {}
    for key, entity in entities.items():
        predicted: set[str] = set()
        missing = []
        for surface in entity.get("mentions") or []:
            keys = predicted_entities(surface, text, mentions)
            predicted |= keys
            if not keys:
                missing.append(surface)
        if entity.get("mentions"):
            found[key] = (predicted, missing)
    results = []
    for key, (predicted, missing) in found.items():
        shared = tuple(o for o, (other, _) in found.items() if o != key and other & predicted)
        results.append(EntityResult(key, tuple(sorted(predicted)), tuple(missing), shared))
    return results
