"""Train the PolNeAR attribution tagger shipped in ``counterclaim/data/attribution_tagger``.

Steps (each a sub-command; run them in order, on CPU, ideally under ``nice``)::

    python scripts/train_tagger.py convert   # PolNeAR train/dev -> DocBin under scratch/
    python scripts/train_tagger.py train     # spacy train with scripts/tagger.cfg
    python scripts/train_tagger.py package   # copy the trained component into package data

``convert`` parses every article with ``en_core_web_md`` and writes the gold spans of the
first annotator as entities labelled CUE / SOURCE / CONTENT (PolNeAR is univocal, so they
rarely overlap; overlaps keep the longer span). Only the train and dev splits are read.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.training import Example

import counterclaim.extract.learned  # noqa: F401  (registers the architecture)
from counterclaim.evaluate.polnear import GoldAttribution, articles
from counterclaim.language import load_nlp

ROOT = Path(__file__).resolve().parent.parent
DATA = Path("/work/shared/data/polnear")
SCRATCH = ROOT / "scratch" / "tagger"
CONFIG = ROOT / "scripts" / "tagger.cfg"
TARGET = ROOT / "src" / "counterclaim" / "data" / "attribution_tagger"
COMPONENT = "attribution_tagger"


def gold_spans(doc: Doc, golds: list[GoldAttribution]) -> list[Span]:
    """Token spans labelled CUE / SOURCE / CONTENT for every piece of every attribution."""
    spans = []
    for gold in golds:
        for label, pieces in (
            ("CUE", gold.cue),
            ("SOURCE", gold.source),
            ("CONTENT", gold.content),
        ):
            for start, end in pieces:
                piece = doc.text[start:end]
                start += len(piece) - len(piece.lstrip())
                end -= len(piece) - len(piece.rstrip())
                if end <= start:
                    continue
                span = doc.char_span(start, end, label=label, alignment_mode="expand")
                if span is not None and len(span):
                    spans.append(span)
    return learnable(spacy.util.filter_spans(spans))


def learnable(spans: list[Span]) -> list[Span]:
    """Split spans at sentence starts and trim whitespace tokens off their ends.

    spaCy's entity transition system cannot continue an entity over a sentence boundary nor
    start one on a whitespace token; decoding re-joins the pieces of multi-sentence contents.
    """
    out = []
    for span in spans:
        doc, start = span.doc, span.start
        for i in range(span.start + 1, span.end + 1):
            if i == span.end or doc[i].is_sent_start:
                piece = doc[start:i]
                while len(piece) and piece[0].is_space:
                    piece = piece[1:]
                while len(piece) and piece[-1].is_space:
                    piece = piece[:-1]
                if len(piece):
                    out.append(Span(doc, piece.start, piece.end, label=span.label_))
                start = i
    return out


def convert(split: str) -> Path:
    """Parse one split and save it as a DocBin with gold entities; returns its path."""
    nlp = load_nlp()
    items = list(articles(DATA / split))
    texts = [text for _, text, _ in items]
    out = DocBin(store_user_data=False)
    tensors = []
    n_spans = 0
    for doc, (_, _, golds) in zip(
        nlp.pipe(texts, batch_size=16, disable=["attribute_ruler", "lemmatizer", "ner"]),
        items,
        strict=True,
    ):
        spans = gold_spans(doc, golds)
        doc.ents = spans
        n_spans += len(spans)
        tensors.append(doc.tensor.astype(numpy.float32))
        out.add(doc)
    SCRATCH.mkdir(parents=True, exist_ok=True)
    path = SCRATCH / f"{split}.spacy"
    out.to_disk(path)
    numpy.save(SCRATCH / f"{split}.tensor.npy", numpy.concatenate(tensors))
    print(f"{split}: {len(items)} articles, {n_spans} spans -> {path}")
    return path


@spacy.registry.readers("counterclaim.TaggedCorpus.v1")
def tagged_corpus(path: Path) -> Callable[[Language], Iterator[Example]]:
    """Examples whose predicted docs already carry the md parse and tok2vec tensor.

    The md components are frozen, so their output is computed once by ``convert`` (the tensor
    is stored next to the DocBin) instead of re-running them at every training step.
    """

    def read(nlp: Language) -> Iterator[Example]:
        tensor = numpy.load(Path(path).with_suffix(".tensor.npy"))
        offset = 0
        for reference in DocBin().from_disk(path).get_docs(nlp.vocab):
            reference.ents = learnable(list(reference.ents))
            predicted = reference.copy()
            predicted.set_ents([], default="missing")
            predicted.tensor = tensor[offset : offset + len(reference)]
            offset += len(reference)
            yield Example(predicted, reference)

    return read


def cue_words(min_count: int = 5, min_rate: float = 0.2) -> Path:
    """Lower-cased words that are often part of a cue in train (a feature of the model)."""
    nlp = spacy.blank("en")
    in_cue: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for doc in DocBin().from_disk(SCRATCH / "train.spacy").get_docs(nlp.vocab):
        total.update(t.lower_ for t in doc if t.is_alpha)
        in_cue.update(t.lower_ for e in doc.ents if e.label_ == "CUE" for t in e if t.is_alpha)
    words = sorted(w for w, c in in_cue.items() if c >= min_count and c / total[w] >= min_rate)
    path = SCRATCH / "cue_words.txt"
    path.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} cue words -> {path}")
    return path


def train(output: Path, extra: list[str]) -> None:
    """Run ``spacy train`` with the tagger config (frozen md pipeline + the new component)."""
    cmd = [
        sys.executable, "-m", "spacy", "train", str(CONFIG),
        "--output", str(output), "--code", str(Path(__file__).resolve()),
        "--paths.train", str(SCRATCH / "train.spacy"),
        "--paths.dev", str(SCRATCH / "dev.spacy"),
        "--paths.base", str(load_nlp_path()),
        "--paths.cue_words", str(SCRATCH / "cue_words.txt"),
        *extra,
    ]  # fmt: skip
    print(" ".join(cmd))
    subprocess.run(cmd, check=True)


def load_nlp_path() -> Path:
    """Directory of the installed en_core_web_md the component is trained on."""
    from counterclaim.language import resolve_model

    target = resolve_model()
    return Path(target) if isinstance(target, Path) else Path(spacy.util.get_package_path(target))


def package(model_dir: Path, target: Path = TARGET) -> None:
    """Copy the trained component (weights + model config) into the package data folder."""
    nlp = spacy.load(model_dir)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    nlp.get_pipe(COMPONENT).to_disk(target / "component", exclude=["vocab"])
    model_cfg = nlp.config.interpolate()["components"][COMPONENT]["model"]
    model_cfg["tok2vec"]["cue_words_path"] = None  # the words are saved with the weights
    (target / "model.json").write_text(json.dumps(model_cfg, indent=2) + "\n", encoding="utf-8")
    print(f"packaged {COMPONENT} from {model_dir} -> {target}")


def evaluate(folder: Path | None, split: str, limit: int | None) -> None:
    """End-to-end PolNeAR figures: md pipeline + the tagger + decoding, on ``split``."""
    from counterclaim.evaluate import polnear
    from counterclaim.evaluate.run import tagger_predictor
    from counterclaim.extract import learned

    nlp = load_nlp()
    learned.add_tagger(nlp, folder)
    report = polnear.evaluate_dir(DATA / split, tagger_predictor(nlp), limit=limit)
    print("\n".join(report.lines()))


def tune(folder: Path, biases: list[float]) -> None:
    """Choose the outside-action bias on dev (by F1) and store it in ``folder/decoding.json``."""
    from counterclaim.evaluate import polnear
    from counterclaim.evaluate.run import tagged_item
    from counterclaim.extract import learned

    nlp = load_nlp()
    learned.add_tagger(nlp, folder)
    pipe = nlp.get_pipe(learned.NAME)
    items = list(articles(DATA / "dev"))
    docs = list(nlp.pipe([text for _, text, _ in items], disable=[learned.NAME]))
    best = (-1.0, 0.0)
    for bias in biases:
        learned.set_outside_bias(pipe, bias)
        report = polnear.PolnearReport(split="dev")
        for doc, (_, _, golds) in zip(pipe.pipe(docs), items, strict=True):
            report.add([tagged_item(t) for t in learned.tag(doc)], [g.item() for g in golds])
        m = report.match
        print(f"bias {bias:+.2f}: P {m.precision:.3f} R {m.recall:.3f} F1 {m.f1:.3f} "
              f"source acc {report.source_accuracy:.3f}", flush=True)  # fmt: skip
        best = max(best, (m.f1, bias))
    (folder / "decoding.json").write_text(json.dumps({"outside_bias": best[1]}) + "\n")
    print(f"chose outside bias {best[1]:+.2f} (dev F1 {best[0]:.3f})")


def speed(folder: Path | None, split: str, repeats: int) -> None:
    """Words/second of plain en_core_web_md vs md + tagger + decoding, same texts, same run."""
    import time

    from counterclaim.extract import learned

    nlp = load_nlp()
    learned.add_tagger(nlp, folder)
    texts = [text for _, text, _ in articles(DATA / split)]

    def run(with_tagger: bool) -> float:
        start = time.perf_counter()
        words = 0
        disable = [] if with_tagger else [learned.NAME]
        for doc in nlp.pipe(texts, disable=disable):
            words += len(doc)
            if with_tagger:
                learned.tag(doc)
        return words / (time.perf_counter() - start)

    run(True)  # warm up
    best = {False: 0.0, True: 0.0}
    for _ in range(repeats):
        for flag in (False, True):
            best[flag] = max(best[flag], run(flag))
    print(f"en_core_web_md alone: {best[False]:,.0f} words/s")
    print(f"with tagger + decoding: {best[True]:,.0f} words/s ({best[True] / best[False]:.2f}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("convert")
    p_train = sub.add_parser("train")
    p_train.add_argument("--output", type=Path, default=SCRATCH / "model")
    p_train.add_argument("extra", nargs="*", help="config overrides, e.g. --training.max_epochs 5")
    p_package = sub.add_parser("package")
    p_package.add_argument("--model", type=Path, default=SCRATCH / "model" / "model-best")
    p_package.add_argument("--target", type=Path, default=TARGET)
    p_eval = sub.add_parser("evaluate")
    p_eval.add_argument("--folder", type=Path, default=None, help="packaged component folder")
    p_eval.add_argument("--split", default="dev", choices=["train", "dev"])
    p_eval.add_argument("--limit", type=int, default=None)
    p_tune = sub.add_parser("tune")
    p_tune.add_argument("--folder", type=Path, default=TARGET)
    p_tune.add_argument("--biases", type=float, nargs="+", default=[0, -0.5, -1, -1.5, -2, -2.5])
    p_speed = sub.add_parser("speed")
    p_speed.add_argument("--folder", type=Path, default=None, help="packaged component folder")
    p_speed.add_argument("--split", default="dev", choices=["train", "dev"])
    p_speed.add_argument("--repeats", type=int, default=3)
    args, unknown = parser.parse_known_args()
    if args.command == "convert":
        convert("dev")
        convert("train")
        cue_words()
    elif args.command == "train":
        train(args.output, [*args.extra, *unknown])
    elif args.command == "package":
        package(args.model, args.target)
    elif args.command == "tune":
        tune(args.folder, args.biases)
    elif args.command == "evaluate":
        evaluate(args.folder, args.split, args.limit)
    else:
        speed(args.folder, args.split, args.repeats)


if __name__ == "__main__":
    main()
