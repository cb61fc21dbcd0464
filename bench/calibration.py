"""Calibration of attribution confidence: observed precision by evidence, and the
reliability table (predicted confidence in bins vs observed precision) on held articles.

    python bench/calibration.py collect voa ../shared/data/voa/gold  /tmp/cal-voa.jsonl
    python bench/calibration.py collect polnear ../shared/data/polnear/dev /tmp/cal-dev.jsonl
    python bench/calibration.py collect polnear ../shared/data/polnear/train /tmp/cal-train.jsonl --limit 80
    python bench/calibration.py fit /tmp/cal-voa.jsonl /tmp/cal-dev.jsonl   # writes data/confidence.json
    python bench/calibration.py table --refit /tmp/cal-train.jsonl          # held: reliability
    python bench/calibration.py table --cv 5 /tmp/cal-voa.jsonl /tmp/cal-dev.jsonl

``collect`` runs the pipeline on annotated articles and writes one line per predicted
attribution (its evidence key, its confidence, whether it matches a gold attribution by the
scorers' rule); ``fit`` counts precision per key into the table extract reads
(:mod:`counterclaim.extract.confidence`); ``table`` prints the reliability table of the
confidences the pipeline gave (re-scored with the current table when ``--refit``).
Printed figures, not timed tests.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from counterclaim.extract.confidence import evidence_key, fit, probability
from counterclaim.records import Attribution

BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
TABLE = Path(__file__).resolve().parents[1] / "src/counterclaim/data/confidence.json"


def _row(a: Attribution, right: bool, corpus: str) -> dict:
    key = evidence_key(a.method, a.cue.text, a.source is not None, a.kind == "direct")
    return {"corpus": corpus, "key": key, "confidence": a.confidence, "right": right,
            "cue": a.cue.text}  # fmt: skip


def collect_voa(folder: Path, limit: int | None) -> list[dict]:
    from counterclaim.evaluate import scoring
    from counterclaim.evaluate.attributions import gold_item, pred_item
    from counterclaim.evaluate.gold import gold_publisher, load_gold, read_article
    from counterclaim.extract import extract
    from counterclaim.pipeline.analysis import load_pipeline

    nlp = load_pipeline()
    rows = []
    for path in sorted(folder.glob("*.gold.json"))[:limit]:
        (entry,) = load_gold(path)
        doc = read_article(path.with_name(path.name.replace(".gold.json", ".txt")),
                           gold_publisher(entry))  # fmt: skip
        analysis = next(iter(extract([doc], nlp=nlp)))
        preds = [pred_item(a) for a in analysis.attributions if a.kind != "narrator"]
        golds = [gold_item(g) for g in entry.get("attributions") or []]
        matched = {i for i, _ in scoring.align(preds, golds)}
        rows += [_row(p.ref, i in matched, "voa") for i, p in enumerate(preds)]
    return rows


def collect_polnear(folder: Path, limit: int | None) -> list[dict]:
    from counterclaim.evaluate import scoring
    from counterclaim.evaluate.polnear import articles
    from counterclaim.evaluate.run import polnear_predictor
    from counterclaim.extract import COMPONENT
    from counterclaim.pipeline.analysis import load_pipeline

    nlp = load_pipeline()
    predict = polnear_predictor(nlp)
    nlp.get_pipe(COMPONENT).statements_only = True  # as the ledger extracts
    rows = []
    for n, (_, text, golds) in enumerate(articles(folder)):
        if limit is not None and n >= limit:
            break
        preds = predict(text)
        matched = {i for i, _ in scoring.align(preds, [g.item() for g in golds])}
        rows += [_row(p.ref, i in matched, "polnear") for i, p in enumerate(preds)]
    return rows


def cross_validated(files: list[list[dict]], folds: int) -> list[tuple[float, bool]]:
    """(confidence, right) for every row, each scored by a table fitted on the other
    folds (contiguous chunks of each file: whole articles, bar the chunk edges)."""
    chunks: list[list[dict]] = [[] for _ in range(folds)]
    for rows in files:
        size = -(-len(rows) // folds)
        for k in range(folds):
            chunks[k].extend(rows[k * size : (k + 1) * size])
    out = []
    for k in range(folds):
        table = fit([(r["key"], r["right"]) for j, c in enumerate(chunks) if j != k for r in c])
        out += [(probability(r["key"], table), r["right"]) for r in chunks[k]]
    return out


def reliability(conf: list[tuple[float, bool]]) -> list[str]:
    """The reliability table: per confidence bin, predictions and observed precision."""
    out = [f"{'confidence':<12}{'n':>6}{'mean conf':>11}{'precision':>11}"]
    for lo, hi in zip(BINS, BINS[1:], strict=False):
        inside = [(c, ok) for c, ok in conf if lo <= c < hi]
        if not inside:
            continue
        mean = sum(c for c, _ in inside) / len(inside)
        prec = sum(ok for _, ok in inside) / len(inside)
        out.append(f"{lo:.1f}-{min(hi, 1.0):.1f}    {len(inside):>6}{mean:>11.3f}{prec:>11.3f}")
    total = sum(ok for _, ok in conf) / len(conf) if conf else 0.0
    out.append(f"all         {len(conf):>6}{'':>11}{total:>11.3f}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("collect")
    c.add_argument("corpus", choices=("voa", "polnear"))
    c.add_argument("folder", type=Path)
    c.add_argument("out", type=Path)
    c.add_argument("--limit", type=int)
    f = sub.add_parser("fit")
    f.add_argument("files", type=Path, nargs="+")
    f.add_argument("--out", type=Path, default=TABLE)
    t = sub.add_parser("table")
    t.add_argument("files", type=Path, nargs="+")
    t.add_argument("--refit", action="store_true", help="score with the current table")
    t.add_argument("--cv", type=int, default=0, help="K-fold cross-validation over the files")
    args = parser.parse_args(argv)
    if args.command == "collect":
        collect = collect_voa if args.corpus == "voa" else collect_polnear
        rows = collect(args.folder, args.limit)
        args.out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        print(f"{len(rows)} predictions, {sum(r['right'] for r in rows)} right -> {args.out}")
        return 0
    rows = [json.loads(line) for p in args.files for line in p.read_text().splitlines()]
    if args.command == "fit":
        table = fit([(r["key"], r["right"]) for r in rows])
        args.out.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
        print(f"fitted {len(table['keys'])} keys on {len(rows)} predictions -> {args.out}")
        return 0
    if args.cv:
        files = [[json.loads(line) for line in p.read_text().splitlines()] for p in args.files]
        conf = cross_validated(files, args.cv)
    else:
        conf = [
            (probability(r["key"]) if args.refit else r["confidence"], r["right"]) for r in rows
        ]
    print("\n".join(reliability(conf)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
