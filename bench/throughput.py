"""Throughput: words/second of bare spaCy parsing vs counterclaim's full extraction.

Both run in this process on the same texts (the VOA stories in ../shared/data/voa, or the
files given as arguments), alternating, best of ``--rounds``; the ratio is full / bare.

    python bench/throughput.py [--rounds 2] [--limit 45] [FILE.jsonl ...]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

from spacy.language import Language

from counterclaim.extract import build_nlp, extract
from counterclaim.ingest import read_paths
from counterclaim.language import load_nlp
from counterclaim.records import Document
from counterclaim.resolve import resolve_document

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "voa" / "voa_stories.jsonl"


def documents(paths: list[str], limit: int) -> list[Document]:
    docs = [d for d in read_paths(paths or [DEFAULT]) if isinstance(d, Document)]
    return docs[:limit]


def bare(nlp: Language, docs: list[Document], batch_size: int) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe((d.body for d in docs), batch_size=batch_size):
        pass
    return time.perf_counter() - start


def full(nlp: Language, docs: list[Document], batch_size: int) -> float:
    start = time.perf_counter()
    for analysis in extract(docs, nlp, batch_size=batch_size):
        resolve_document(analysis)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()
    docs = documents(args.paths, args.limit)
    words = sum(len(d.body.split()) for d in docs)
    plain, ours = load_nlp(), build_nlp()  # two separate copies, loaded before timing
    list(plain.pipe(d.body for d in docs[:2]))
    list(extract(docs[:2], ours))  # warms lazy imports and caches
    times: dict[str, list[float]] = {"bare": [], "full": []}
    for _ in range(args.rounds):
        times["bare"].append(bare(plain, docs, args.batch_size))
        times["full"].append(full(ours, docs, args.batch_size))
    rate = {k: words / min(v) for k, v in times.items()}
    print(json.dumps({"documents": len(docs), "words": words, "cpu": platform.processor() or
                      platform.machine(), "cores": os.cpu_count()}))
    print(f"bare spaCy ({', '.join(plain.pipe_names)}): {rate['bare']:,.0f} words/s")
    print(f"full extraction ({', '.join(ours.pipe_names)} + resolve): "
          f"{rate['full']:,.0f} words/s")
    print(f"ratio full/bare {rate['full'] / rate['bare']:.2f}")


if __name__ == "__main__":
    main()
