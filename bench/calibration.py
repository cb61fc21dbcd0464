"""Calibration of attribution and claim confidence: observed precision by evidence, and the
reliability table (predicted confidence in bins vs observed precision) on held articles.

    python bench/calibration.py collect voa ../shared/data/voa/gold  /tmp/cal-voa.jsonl
    python bench/calibration.py collect polnear ../shared/data/polnear/dev /tmp/cal-dev.jsonl
    python bench/calibration.py collect polnear ../shared/data/polnear/train /tmp/cal-train.jsonl --limit 80
    python bench/calibration.py fit /tmp/cal-voa.jsonl /tmp/cal-dev.jsonl   # writes data/confidence.json
    python bench/calibration.py table --refit /tmp/cal-train.jsonl          # held: reliability
    python bench/calibration.py table --cv 5 /tmp/cal-voa.jsonl /tmp/cal-dev.jsonl

Claims and casualty figures (:mod:`counterclaim.normalize.confidence`):

    python bench/calibration.py claims collect ../shared/data/voa/gold /tmp/claims-voa.jsonl
    python bench/calibration.py claims collect ../shared/examples /tmp/claims-example.jsonl
    python bench/calibration.py claims collect tests/corpus /tmp/claims-corpus.jsonl
    python bench/calibration.py claims fit /tmp/claims-voa.jsonl /tmp/claims-example.jsonl
    python bench/calibration.py claims table --held /tmp/claims-corpus.jsonl \
        /tmp/claims-voa.jsonl /tmp/claims-example.jsonl

Claims are calibrated on the VOA dev gold (10 stories) and the example article: the rate
per evidence key is fitted on the claims of right attributions, and a claim's confidence is
its attribution's confidence times that rate. ``table`` prints the reliability of those
confidences over every claim in reported speech (right = matches a gold claim by the
scorer's rule, so a claim of a wrong attribution counts as wrong), cross-validated leaving
one story out, then, for all claims, typed claims and casualty figures apart, on the held
test corpus (13 articles written for the tests; its claims were never fitted on). The gold
types no narrator sentence, so narrator claims are listed by ``collect`` but not scored.

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


# ------------------------------------------------------------------ claims


def collect_claims(folder: Path) -> list[dict]:
    """One row per predicted claim of every single-article gold file in ``folder``."""
    from counterclaim.evaluate.attributions import attribution_matches
    from counterclaim.evaluate.claims import gold_of_predicted, match_claims
    from counterclaim.evaluate.gold import article_path_for, gold_publisher, load_gold, read_article
    from counterclaim.extract import extract
    from counterclaim.pipeline.analysis import later_stages, load_pipeline
    from counterclaim.resolve.document import resolve_document

    nlp = load_pipeline()
    rows = []
    for path in sorted(folder.glob("*.gold.json")):
        entries = load_gold(path)
        if len(entries) != 1:
            continue  # a cross-document file
        (entry,) = entries
        doc = read_article(article_path_for(path, entry), gold_publisher(entry))
        analysis = later_stages(resolve_document(next(iter(extract([doc], nlp=nlp)))))
        made_in = attribution_matches(entry, analysis)
        pairs = match_claims(entry, analysis, gold_of_predicted(entry, analysis), made_in)
        attrs = {a.id: a for a in analysis.attributions}
        for c in analysis.claims:
            a = attrs[c.attribution]
            rows.append({"story": path.name, "key": c.basis, "type": str(c.type),
                         "confidence": c.confidence, "attribution_confidence": a.confidence,
                         "narrator": a.kind == "narrator", "attribution_right": c.attribution in made_in,
                         "right": c.id in pairs, "text": c.text})  # fmt: skip
    return rows


def _claim_conf(row: dict, table: dict | None) -> float:
    from counterclaim.normalize.confidence import confidence

    if table is None:
        return row["confidence"]
    return confidence(row["key"], row["attribution_confidence"], table)


def fit_claims(rows: list[dict]) -> dict:
    """Rates per key over the speech claims of right attributions."""
    return fit([(r["key"], r["right"]) for r in rows
                if not r["narrator"] and r["attribution_right"]])  # fmt: skip


def claims_main(args: argparse.Namespace) -> int:
    if args.step == "collect":
        rows = collect_claims(args.paths[0])
        args.paths[1].write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        speech = [r for r in rows if not r["narrator"]]
        print(f"{len(rows)} claims ({len(speech)} in reported speech, "
              f"{sum(r['right'] for r in speech)} right) -> {args.paths[1]}")  # fmt: skip
        return 0
    rows = [json.loads(line) for p in args.paths for line in p.read_text().splitlines()]
    if args.step == "fit":
        table = fit_claims(rows)
        args.out.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
        print(f"fitted {len(table['keys'])} keys on {len(rows)} claims -> {args.out}")
        return 0
    speech = [r for r in rows if not r["narrator"]]
    stories = sorted({r["story"] for r in speech})
    scored: list[tuple[float, bool, dict]] = []
    for story in stories:  # leave one story out
        table = fit_claims([r for r in speech if r["story"] != story])
        scored += [(_claim_conf(r, table), r["right"], r) for r in speech if r["story"] == story]
    for label, keep in CLAIM_GROUPS:
        chosen = [(c, ok) for c, ok, r in scored if keep(r)]
        print(f"\n{label} in reported speech, {len(stories)} stories "
              f"({', '.join(str(p) for p in args.paths)}), leave one story out:")  # fmt: skip
        print("\n".join(reliability(chosen)))
    table = fit_claims(speech)
    if args.held:
        held = [json.loads(line) for p in args.held for line in p.read_text().splitlines()]
        held = [r for r in held if not r["narrator"]]
        for label, keep in CLAIM_GROUPS:
            chosen = [r for r in held if keep(r)]
            print(
                f"\nheld ({', '.join(str(p) for p in args.held)}), {label}, "
                f"table fitted on all of {', '.join(str(p) for p in args.paths)}:"
            )
            print("\n".join(reliability([(_claim_conf(r, table), r["right"]) for r in chosen])))
    return 0


FIGURE_TYPES = frozenset({"fatalities", "injuries"})
CLAIM_GROUPS = (
    ("all claims", lambda r: True),
    ("typed claims", lambda r: r["type"] != "statement"),
    ("casualty figures", lambda r: r["type"] in FIGURE_TYPES),
)
CLAIM_TABLE = TABLE.with_name("claim_confidence.json")


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
    cl = sub.add_parser("claims", help="claim and figure confidence (collect, fit, table)")
    cl.add_argument("step", choices=("collect", "fit", "table"))
    cl.add_argument("paths", type=Path, nargs="+", help="collect: FOLDER OUT; else row files")
    cl.add_argument("--out", type=Path, default=CLAIM_TABLE)
    cl.add_argument("--held", type=Path, nargs="*", help="table: held row files")
    args = parser.parse_args(argv)
    if args.command == "claims":
        return claims_main(args)
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
