"""Score one ledger built from several gold articles: cross-document entities and disputes.

:func:`evaluate_corpus` ingests the articles of the gold files it is given (and of the
``documents`` of cross-document files, GOLD_FORMAT.md "Several articles at once") into one
fresh ledger through :func:`counterclaim.pipeline.ingest`, so cross-document linking and
the stored disputes happen as in real use, each article read with the publisher its gold
names (as ``ingest --publisher``). It then scores:

- cross-document entities: each entity of a cross-document file should have all its
  mentions (in every article whose gold names it in the text) on one global entity, and no
  two such entities may share one (merge errors);
- disputes: every stored dispute against every gold dispute, the within-story disputes of
  each gold file plus the cross-document ones, by the type-agnostic rule
  (:func:`counterclaim.evaluate.claims.dispute_matches`). Recall is the share of gold
  disputes found; precision the share of stored disputes that match some gold dispute.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counterclaim.evaluate.attributions import attribution_matches
from counterclaim.evaluate.claims import (
    AttrKey,
    ClaimReport,
    GoldDispute,
    PredKey,
    Tally,
    claim_origins,
    dispute_detail,
    gold_disputes,
    score_disputes,
)
from counterclaim.evaluate.gold import (
    GoldError,
    article_path_for,
    gold_publisher,
    load_gold,
    read_article,
)
from counterclaim.evaluate.mentions import predicted_entities
from counterclaim.records import Analysis

if TYPE_CHECKING:
    from spacy.language import Language
    from sqlalchemy import Engine

type Gold = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Article:
    """One gold file of the corpus: ``label`` (its file name) is how cross-document files
    name it."""

    label: str
    gold: Gold
    path: Path  # the article
    publisher: str | None
    doc_id: str


@dataclass(slots=True)
class CorpusReport:
    """Scores of one ledger against the gold files and cross-document files behind it."""

    articles: list[str] = field(default_factory=list)
    crossdoc_files: list[str] = field(default_factory=list)
    entities: Tally = field(default_factory=Tally)  # cross-document entities on one global
    entity_failures: list[str] = field(default_factory=list)
    merges: list[tuple[str, str]] = field(default_factory=list)
    cross: ClaimReport = field(default_factory=ClaimReport)  # cross-document gold disputes
    within: ClaimReport = field(default_factory=ClaimReport)  # within-story gold disputes
    disputes: ClaimReport = field(default_factory=ClaimReport)  # all of them

    @property
    def recall(self) -> float:
        t = self.disputes.disputes
        return t.ok / t.total if t.total else 0.0

    @property
    def precision(self) -> float:
        t = self.disputes.predicted_disputes
        return t.ok / t.total if t.total else 0.0

    def lines(self) -> list[str]:
        """A printable report; the last line is ``dispute recall X.XXX precision Y.YYY``."""
        d = self.disputes
        out = [f"corpus: {len(self.articles)} articles ({', '.join(self.articles)})"]
        if self.crossdoc_files:
            out.append(f"cross-document gold: {', '.join(self.crossdoc_files)}")
            out.append(f"cross-document entities {self.entities}, "
                       f"merge errors {len(self.merges)}")  # fmt: skip
            out += [f"  FAIL {why}" for why in self.entity_failures]
            out += [f"  MERGED {a} / {b}" for a, b in self.merges]
            out.append(f"cross-document disputes found {self.cross.disputes}")
        out.append(f"within-story disputes found {self.within.disputes}")
        out.append(f"disputes found {d.disputes} gold; predicted disputes matching gold "
                   f"{d.predicted_disputes}")  # fmt: skip
        out += dispute_detail(d.missed, d.unmatched)
        out.append(f"dispute recall {self.recall:.3f} precision {self.precision:.3f}")
        return out


# ---------------------------------------------------------------- reading


def collect(paths: Iterable[str | Path]) -> tuple[list[Path], list[tuple[Path, Gold]]]:
    """The gold files and the cross-document files named by ``paths``.

    A folder stands for its ``*.json`` files. A JSON object with ``documents`` is a
    cross-document file: the gold files of its documents (``<stem>.gold.json`` beside it)
    are added. Any other file is a single-article gold file.

    Raises:
        GoldError: A file cannot be read, or a document has no gold file.
    """
    golds: dict[Path, None] = {}
    crossdocs: list[tuple[Path, Gold]] = []
    for path in map(Path, paths):
        for file in sorted(path.glob("*.json")) if path.is_dir() else [path]:
            data = _read_json(file)
            if isinstance(data, dict) and "documents" in data:
                crossdocs.append((file, data))
                for name in data["documents"]:
                    gold = file.with_name(Path(name).stem + ".gold.json")
                    if not gold.is_file():
                        raise GoldError(f"{file}: no gold file {gold.name} for {name}")
                    golds[gold.resolve()] = None
            else:
                golds[file.resolve()] = None
    return list(golds), crossdocs


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise GoldError(f"cannot read gold file {path}: {err}") from err


def _article(path: Path) -> Article:
    entries = load_gold(path)
    if len(entries) != 1:
        raise GoldError(f"{path}: a corpus takes single-article gold files")
    gold = entries[0]
    article = article_path_for(path, gold)
    publisher = gold_publisher(gold)
    doc = read_article(article, publisher)
    return Article(path.name, gold, article, publisher, doc.id)


# ---------------------------------------------------------------- the run


def evaluate_corpus(
    paths: Iterable[str | Path],
    *,
    nlp: Language | None = None,
    model: str | None = None,
    db: str | None = None,
) -> CorpusReport:
    """Ingest the articles behind ``paths`` into one ledger and score it.

    Args:
        paths: Gold files, cross-document files and folders of them (:func:`collect`).
        nlp: A loaded pipeline; by default ``model`` is loaded once.
        model: A spaCy package name or model path.
        db: Ledger URL; by default a temporary SQLite file, removed afterwards. A given
            ledger should be empty: every dispute in it is scored.

    Raises:
        GoldError: A gold file or an article cannot be read, or an article is not ingested.
    """
    from counterclaim.store import make_engine

    files, crossdocs = collect(paths)
    if not files:
        raise GoldError("no gold files to score")
    articles = [_article(f) for f in files]
    labels = [a.label for a in articles]
    if len(set(labels)) != len(labels):
        raise GoldError(f"gold files must have distinct names: {', '.join(sorted(labels))}")
    if db is not None:
        return _run(make_engine(db), articles, crossdocs, nlp, model)
    with tempfile.TemporaryDirectory(prefix="counterclaim-eval-") as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'ledger.db'}")
        try:
            return _run(engine, articles, crossdocs, nlp, model)
        finally:
            engine.dispose()


def _run(
    engine: Engine,
    articles: Sequence[Article],
    crossdocs: Sequence[tuple[Path, Gold]],
    nlp: Language | None,
    model: str | None,
) -> CorpusReport:
    from counterclaim import pipeline

    by_publisher: dict[str | None, list[Path]] = {}
    for a in articles:
        by_publisher.setdefault(a.publisher, []).append(a.path)
    for publisher, group in by_publisher.items():
        if nlp is None:
            nlp = pipeline.load_pipeline(model)
        done = pipeline.ingest(group, engine, publisher=publisher, nlp=nlp)
        if done.skipped:
            why = "; ".join(f"{s.origin}: {s.reason}" for s in done.skipped)
            raise GoldError(f"articles not ingested: {why}")
    analyses = {a.label: pipeline.document_analysis(engine, a.doc_id) for a in articles}
    predicted = pipeline.disputes(engine)
    report = CorpusReport(articles=[a.path.name for a in articles],
                          crossdoc_files=[p.name for p, _ in crossdocs])  # fmt: skip
    behind: dict[PredKey, set[AttrKey]] = {}
    origins: dict[tuple[str, str], AttrKey] = {}
    within: list[GoldDispute] = []
    for a in articles:
        for aid, gids in attribution_matches(a.gold, analyses[a.label]).items():
            behind[(a.doc_id, aid)] = {(a.label, g) for g in gids}
        origins |= claim_origins(a.gold, a.label)
        within += gold_disputes(a.gold.get("disputes") or [], origins, a.label)
    cross = [g for _, cd in crossdocs for g in gold_disputes(cd.get("disputes") or [], origins)]
    score_disputes(report.cross, predicted, cross, behind)
    score_disputes(report.within, predicted, within, behind)
    score_disputes(report.disputes, predicted, within + cross, behind)
    if crossdocs:
        golds = {a.label: (a.gold, analyses[a.label]) for a in articles}
        entities = [e for _, cd in crossdocs for e in cd.get("entities") or []]
        _score_entities(report, entities, golds, _global_ids(engine, analyses.values()))
    return report


def _global_ids(engine: Engine, analyses: Iterable[Analysis]) -> dict[tuple[str, str], str]:
    """(doc id, entity key) -> global id; an unlinked entity stands alone."""
    from sqlalchemy.orm import Session

    from counterclaim.store import entities as entity_store

    refs = [(a.document.id, e.key) for a in analyses for e in a.entities]
    with Session(engine) as session:
        links = entity_store.links_at(session, refs)
    return {ref: links.get(ref) or f"{ref[0][:8]}:{ref[1]}" for ref in refs}


def _score_entities(
    report: CorpusReport,
    entities: Sequence[Gold],
    golds: Mapping[str, tuple[Gold, Analysis]],
    global_ids: Mapping[tuple[str, str], str],
) -> None:
    """Each cross-document entity on one global entity; no two sharing one.

    Only the articles whose gold gives the entity mentions count (the publisher, say, is
    often never named in the text); an entity named in none is not scored.
    """
    where: dict[str, set[str]] = {}
    for n, entity in enumerate(entities):
        name = str(entity.get("name") or n)
        found: set[str] = set()
        missing = []
        for ref in entity.get("mentions") or []:
            gold, analysis = golds.get(str(ref.get("file")), (None, None))
            local = (gold or {}).get("entities", {}).get(ref.get("entity")) or {}
            if analysis is None or not local.get("mentions"):
                continue
            text, mentions = analysis.document.text, [m for m in analysis.mentions if m.entity]
            keys = {k for s in local["mentions"] for k in predicted_entities(s, text, mentions)}
            if not keys:
                missing.append(f"{ref.get('file')}:{ref.get('entity')}")
            found |= {global_ids.get((analysis.document.id, k), k) for k in keys}
        if not found and not missing:
            continue
        where[name] = found
        report.entities.total += 1
        if len(found) == 1 and not missing:
            report.entities.ok += 1
            continue
        why = [f"no predicted mention in {', '.join(missing)}"] if missing else []
        if len(found) > 1:
            why.append(f"split over {len(found)} global entities")
        report.entity_failures.append(f"{name}: {'; '.join(why)}")
    names = sorted(where)
    report.merges = [(a, b) for i, a in enumerate(names) for b in names[i + 1 :]
                     if where[a] & where[b]]  # fmt: skip
