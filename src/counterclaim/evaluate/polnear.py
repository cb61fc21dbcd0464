"""PolNeAR (brat standoff) reading and evaluation.

PolNeAR ships one text file per article (``text/NAME.txt``) and one brat ``.ann`` file per
annotator (``attributions/NAME_ANNOTATOR.ann``). ``T`` lines are spans (``Source``, ``Cue``,
``Content``, an ``Attribution`` anchor; also ``Discard`` / ``Discuss`` notes that are not
attributions); ``E`` lines tie one attribution's spans together
(``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1``, sometimes with ``Content2``). Spans may be
discontinuous (``start end;start end``). One annotator is used per article: the first
``.ann`` file in sorted order.

Evaluation uses the project's matching rule (:mod:`counterclaim.evaluate.scoring`): a prediction
matches a gold attribution when the contents overlap by at least half of the shorter and the
cues overlap. Source accuracy is measured over matched pairs whose gold attribution has a
source (the predicted source must overlap it); matched pairs whose gold has no source are
counted separately. Exact-span F1 per label (source, cue, content) compares the sets of span
pieces of each document, as in CofeNet's PolNeAR table.

Span convention: the ledger's content leaves out the quotation marks around a quote and
the "that" introducing reported speech (``../shared/GOLD_FORMAT.md``); PolNeAR counts
both, and the closing punctuation before a closing quote mark ("… under wraps.”").
:func:`polnear_convention` converts the predicted contents to PolNeAR's convention before
scoring, so exact-span figures compare with published work (CofeNet: 0.729 exact content
F1); the overlap match hardly changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from counterclaim.evaluate import scoring
from counterclaim.evaluate.scoring import PRF, Item, Pieces

#: Opening quote marks PolNeAR includes in a content span.
OPENING_QUOTES = "\"“‘'"
#: What PolNeAR includes after a content: punctuation, then a closing quote mark.
_CLOSING = re.compile(r"[.,!?;:]?[\"”’']")
_THAT = re.compile(r"\bthat,?\s+$", re.I)
_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")
LABELS = ("source", "cue", "content")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One annotated attribution: character pieces of its cue, content and source."""

    id: str
    cue: Pieces
    content: Pieces
    source: Pieces = ()

    def item(self) -> Item:
        """This attribution reduced to a :class:`scoring.Item`."""
        return Item(cue=self.cue, content=self.content, source=self.source, ref=self)


def parse_pieces(offsets: str) -> Pieces:
    """``"3 7;9 12"`` -> ``((3, 7), (9, 12))``, sorted, empty pieces dropped."""
    pieces = []
    for part in offsets.split(";"):
        start, end = (int(x) for x in part.split())
        if end > start:
            pieces.append((start, end))
    return tuple(sorted(pieces))


def parse_ann(ann: str) -> list[GoldAttribution]:
    """Parse the text of one brat ``.ann`` file into attributions.

    Lines that are not ``T``/``E`` records (notes, continuation lines of span texts that
    contain a newline) are ignored. ``Content2`` pieces are merged into the content.
    Attributions without a cue or a content are dropped: they cannot be matched.
    """
    spans: dict[str, Pieces] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for line in ann.splitlines():
        if m := _T_LINE.match(line):
            spans[m.group(1)] = parse_pieces(m.group(3))
        elif m := _E_LINE.match(line):
            args = [tuple(arg.split(":", 1)) for arg in m.group(2).split() if ":" in arg]
            events.append((m.group(1), args))  # type: ignore[arg-type]
    golds = []
    for event_id, args in events:
        parts: dict[str, list[tuple[int, int]]] = {"cue": [], "content": [], "source": []}
        for role, ref in args:
            key = re.sub(r"\d+$", "", role).lower()
            if key in parts and ref in spans:
                parts[key].extend(spans[ref])
        if parts["cue"] and parts["content"]:
            golds.append(
                GoldAttribution(
                    id=event_id,
                    cue=tuple(sorted(set(parts["cue"]))),
                    content=tuple(sorted(set(parts["content"]))),
                    source=tuple(sorted(set(parts["source"]))),
                )
            )
    return golds


def read_article(text_path: str | Path, ann_path: str | Path) -> list[GoldAttribution]:
    """The gold attributions of one article (offsets index ``text_path``'s text)."""
    del text_path  # offsets are character offsets into it; nothing else is needed from it
    return parse_ann(Path(ann_path).read_text(encoding="utf-8"))


def read_text(text_path: str | Path) -> str:
    """An article's text exactly as the offsets expect it (no newline translation)."""
    with open(text_path, encoding="utf-8", newline="") as handle:
        return handle.read()


def choose_annotation(text_path: Path, ann_dir: Path) -> Path | None:
    """The first ``.ann`` file in sorted order annotating ``text_path`` (``NAME_ANNOTATOR.ann``)."""
    stem = text_path.stem
    candidates = sorted(
        p for p in ann_dir.glob(f"{glob_escape(stem)}_*.ann") if "_" not in p.stem[len(stem) + 1 :]
    )
    return candidates[0] if candidates else None


def glob_escape(name: str) -> str:
    """Escape glob metacharacters in a file name."""
    return re.sub(r"([*?\[])", r"[\1]", name)


def articles(directory: str | Path) -> Iterator[tuple[str, str, list[GoldAttribution]]]:
    """``(name, text, gold attributions)`` for each annotated article of a split directory."""
    root = Path(directory)
    for text_path in sorted((root / "text").glob("*.txt")):
        ann_path = choose_annotation(text_path, root / "attributions")
        if ann_path is None:
            continue
        yield text_path.stem, read_text(text_path), read_article(text_path, ann_path)


@dataclass(slots=True)
class PolnearReport:
    """Counts of one evaluation run; ``lines()`` renders them."""

    split: str = ""
    articles: int = 0
    match: PRF = field(default_factory=PRF)
    source_ok: int = 0
    source_total: int = 0  # matched pairs whose gold has a source
    nosource_pairs: int = 0  # matched pairs whose gold has no source (excluded above)
    nosource_pred_none: int = 0  # ... of which the prediction had no source either
    exact: dict[str, PRF] = field(default_factory=lambda: {label: PRF() for label in LABELS})

    @property
    def source_accuracy(self) -> float:
        return self.source_ok / self.source_total if self.source_total else 0.0

    def add(self, preds: Sequence[Item], golds: Sequence[Item]) -> None:
        """Score one article's predictions against its gold items."""
        self.articles += 1
        pairs = scoring.align(preds, golds)
        self.match.add(len(pairs), len(preds), len(golds))
        for i, j in pairs:
            gold, pred = golds[j], preds[i]
            if not gold.source:
                self.nosource_pairs += 1
                self.nosource_pred_none += not pred.source
                continue
            self.source_total += 1
            self.source_ok += scoring.overlap(pred.source, gold.source) > 0
        for label in LABELS:
            tp, n_pred, n_gold = scoring.exact_span_prf(
                [getattr(p, label) for p in preds], [getattr(g, label) for g in golds]
            )
            self.exact[label].add(tp, n_pred, n_gold)

    def lines(self) -> list[str]:
        """A printable report ending with ``polnear F1 X.XXX``."""
        m = self.match
        out = [
            f"PolNeAR {self.split or 'split'}: {self.articles} articles, "
            f"{m.tp + m.fn} gold, {m.tp + m.fp} predicted, {m.tp} matched",
            f"precision {m.precision:.3f}  recall {m.recall:.3f}  F1 {m.f1:.3f}",
            f"source accuracy {self.source_accuracy:.3f} ({self.source_ok}/{self.source_total} "
            "matched pairs whose gold has a source)",
            f"matched pairs whose gold has no source: {self.nosource_pairs} (excluded above; "
            f"prediction also without source: {self.nosource_pred_none})",
            "exact span match (CofeNet style)  P      R      F1",
        ]
        for label in LABELS:
            e = self.exact[label]
            out.append(f"  {label:<32}{e.precision:.3f}  {e.recall:.3f}  {e.f1:.3f}")
        out.append(f"polnear F1 {m.f1:.3f}")
        return out


def polnear_convention(text: str, pieces: Pieces) -> Pieces:
    """Content pieces widened to PolNeAR's convention: an enclosing opening quote mark, or
    else a leading "that", and a closing quote mark (with the punctuation before it)."""
    out = []
    for start, end in pieces:
        if start > 0 and text[start - 1] in OPENING_QUOTES:
            start -= 1
        that = _THAT.search(text, max(0, start - 8), start)  # 'that "...', 'that, "...'
        if that is not None:
            start = that.start()
        closing = _CLOSING.match(text, end)
        if closing is not None and (text[start] in OPENING_QUOTES or closing.group() != "'"):
            end = closing.end()
        out.append((start, end))
    return tuple(out)


def _convention(text: str, items: Sequence[Item]) -> list[Item]:
    return [
        Item(cue=i.cue, content=polnear_convention(text, i.content), source=i.source, ref=i.ref)
        for i in items
    ]


def evaluate_dir(
    directory: str | Path, predict: Callable[[str], list[Item]], *, limit: int | None = None
) -> PolnearReport:
    """Score ``predict(text) -> items`` on every annotated article under ``directory``."""
    report = PolnearReport(split=Path(directory).name)
    for n, (_, text, golds) in enumerate(articles(directory)):
        if limit is not None and n >= limit:
            break
        report.add(_convention(text, predict(text)), [g.item() for g in golds])
    return report
