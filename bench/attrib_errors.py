"""List attribution errors on annotated articles, to bucket them by cause.

    python bench/attrib_errors.py voa ../shared/data/voa/gold            # summed figures + errors
    python bench/attrib_errors.py polnear ../shared/data/polnear/dev --limit 20

For the VOA gold: per story, missed gold attributions (cue, content), spurious predictions
(method, cue, content) and matched pairs with a wrong source (gold source, predicted source
phrase and speaker), then the summed P/R/F1, source and chain accuracy. For PolNeAR: missed,
spurious, wrong sources and content spans that overlap but differ from the gold (PolNeAR's
span convention applied), then the figures. Printed text, not a test.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def _clip(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _cut(text: str, pieces) -> str:
    return " | ".join(text[s:e] for s, e in pieces)


def voa(folder: Path, quiet: bool) -> None:
    from counterclaim.evaluate.gold import GoldReport, evaluate_gold
    from counterclaim.pipeline.analysis import load_pipeline

    nlp = load_pipeline(None)
    total = GoldReport()
    for gold in sorted(folder.glob("*.gold.json")):
        report = evaluate_gold(gold, nlp=nlp)
        text = (folder / gold.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
        import json

        golds = {str(g["id"]): g for g in json.loads(gold.read_text())["attributions"]}
        total.match.add(report.match.tp, report.match.tp + report.match.fp,
                        report.match.tp + report.match.fn)  # fmt: skip
        for name in ("source", "chain"):
            t, r = getattr(total, name), getattr(report, name)
            t.ok += r.ok
            t.total += r.total
        if quiet:
            continue
        print(f"=== {gold.name}  P {report.precision:.3f} R {report.recall:.3f}")
        for row in report.rows:
            p = row.pred
            if row.gold_id is not None and p is None:
                g = golds[row.gold_id]
                from counterclaim.evaluate.attributions import pieces

                print(f"  MISS {row.gold_id} [{g.get('source')}] cue={_cut(text, pieces(g['cue']))!r}"
                      f" :: {_clip(_cut(text, pieces(g['content'])))}")  # fmt: skip
            elif row.gold_id is None and p is not None:
                src = p.source.text if p.source else "-"
                print(f"  EXTRA {p.method}/{p.kind} conf {p.confidence:.2f} src={src!r} "
                      f"cue={p.cue.text!r} :: {_clip(p.content.text)}")  # fmt: skip
            elif row.source_ok is False:
                src = p.source.text if p.source else "-"
                print(f"  SRC {row.gold_id} gold={row.gold_source!r} pred={src!r} "
                      f"speaker={p.speaker_name!r} cue={p.cue.text!r} :: {_clip(p.content.text, 70)}")  # fmt: skip
    m = total.match
    print(f"VOA dev sum: P {m.precision:.3f} R {m.recall:.3f} F1 {m.f1:.3f} "
          f"(tp {m.tp} fp {m.fp} fn {m.fn}) source {total.source} chain {total.chain}")  # fmt: skip


def polnear(folder: Path, limit: int | None, start: int, quiet: bool) -> None:
    from counterclaim.evaluate import scoring
    from counterclaim.evaluate.polnear import PolnearReport, _convention, articles
    from counterclaim.evaluate.run import polnear_predictor
    from counterclaim.pipeline.analysis import load_pipeline

    predict = polnear_predictor(load_pipeline(None))
    report = PolnearReport(split=folder.name)
    for n, (name, text, golds) in enumerate(articles(folder)):
        if n < start:
            continue
        if limit is not None and n >= start + limit:
            break
        preds = _convention(text, predict(text))
        gitems = [g.item() for g in golds]
        report.add(preds, gitems)
        if quiet:
            continue
        pairs = scoring.align(preds, gitems)
        print(f"=== {name}")
        mp = {i for i, _ in pairs}
        mg = {j for _, j in pairs}
        for j, g in enumerate(gitems):
            if j not in mg:
                print(f"  MISS src={_cut(text, g.source)!r} cue={_cut(text, g.cue)!r} :: "
                      f"{_clip(_cut(text, g.content))}")  # fmt: skip
        for i, p in enumerate(preds):
            if i not in mp:
                a = p.ref
                print(f"  EXTRA {a.method}/{a.kind} src={_cut(text, p.source)!r} "
                      f"cue={_cut(text, p.cue)!r} :: {_clip(_cut(text, p.content))}")  # fmt: skip
        for i, j in pairs:
            p, g = preds[i], gitems[j]
            if g.source and not scoring.overlap(p.source, g.source):
                print(f"  SRC gold={_cut(text, g.source)!r} pred={_cut(text, p.source)!r} "
                      f"cue={_cut(text, p.cue)!r}")  # fmt: skip
            if tuple(p.content) != tuple(g.content):
                print(f"  SPAN cue={_cut(text, p.cue)!r}\n     gold={_clip(_cut(text, g.content), 150)!r}"
                      f"\n     pred={_clip(_cut(text, p.content), 150)!r}")  # fmt: skip
    print("\n".join(report.lines()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", choices=["voa", "polnear"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--quiet", action="store_true", help="figures only")
    args = parser.parse_args()
    if args.corpus == "voa":
        voa(args.folder, args.quiet)
    else:
        polnear(args.folder, args.limit, args.start, args.quiet)


if __name__ == "__main__":
    main()
