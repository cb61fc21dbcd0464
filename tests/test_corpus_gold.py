"""The gold files of the test corpus (``tests/corpus``) are well formed.

Fast and model-free: every span is the text at its offsets, every id and entity key that is
referred to exists, every enum value is known, every mention occurs in its article, the
corpus file agrees with the per-article files, and the files are what ``build_gold.py``
writes from the annotations.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from counterclaim.evaluate.gold import article_path_for, load_gold
from counterclaim.ingest.readers import parse_header

CORPUS = Path(__file__).resolve().parent / "corpus"
ARTICLES = sorted(CORPUS.glob("[0-9][0-9]-*.txt"))
GOLDS = sorted(CORPUS.glob("[0-9][0-9]-*.gold.json"))
CORPUS_GOLD = CORPUS / "corpus.gold.json"

ENTITY_TYPES = {"PERSON", "ORG", "MEDIA", "PLACE"}
KINDS = {"direct", "indirect", "call"}
STANCES = {"assert", "deny"}
COUNT_KEYS = {"approx", "low", "best", "high", "vague"}
CLAIM_ARGS = ("actor", "place", "victim", "person")
GROUPS = {"civilians", "all"}  # victims that are no entity
FREE_RECIPIENTS = {"reporters", "residents"}
KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
REF = re.compile(r"(\d\d):([a-z]\d+)")
QUOTES = '"“”«»'


def read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def text_of(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def spans(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every ``{"text", "start", "end"}`` object inside ``node``, with its path."""
    if isinstance(node, dict):
        if {"text", "start", "end"} <= node.keys():
            yield where, node
        for key, value in node.items():
            yield from spans(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from spans(value, f"{where}[{i}]")


def is_date(value: str) -> bool:
    try:
        if re.fullmatch(r"\d{4}-\d{2}", value):
            dt.date.fromisoformat(value + "-01")
        else:
            dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def occurrences(surface: str, text: str) -> list[tuple[int, int]]:
    """Whole-word, any-case occurrences, as ``counterclaim eval`` finds gold mentions."""
    pattern = rf"(?<!\w){re.escape(surface)}(?!\w)"
    return [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]


def check_reference(ref: str, keys: set[str], what: str, *, free: bool = True) -> list[str]:
    """An entity key; free text is allowed when ``free`` and it does not look like a key."""
    if ref in keys or (free and not KEY.fullmatch(ref)):
        return []
    return [f"{what}: unknown entity key {ref!r}"]


def article_errors(gold: dict[str, Any]) -> list[str]:
    """Everything wrong with one article's gold object."""
    errors: list[str] = []
    name = gold.get("article", "?")
    text = text_of(name)
    for where, span in spans(gold):
        if text[span["start"] : span["end"]] != span["text"]:
            errors.append(
                f"{name}{where}: {span['text']!r} is not at {span['start']}:{span['end']}"
                f" (found {text[span['start'] : span['end']]!r})"
            )
    entities = gold["entities"]
    keys = set(entities)
    document = gold["document"]
    publisher = document["publisher"]
    if publisher not in keys:
        errors.append(f"{name}: publisher {publisher!r} is not an entity")
    if document.get("date") and not is_date(document["date"]):
        errors.append(f"{name}: bad document date {document['date']!r}")
    header = parse_header(text)
    want = {"text": text[: header.span.end], "start": 0, "end": header.span.end} if header else None
    if document.get("header") != want:
        errors.append(f"{name}: header {document.get('header')} is not the parsed {want}")
    if header and header.dateline and document["dateline"]["start"] != header.dateline.start:
        errors.append(f"{name}: dateline differs from the parsed one")
    # entities and mentions
    owner: dict[str, str] = {}
    for key, entity in entities.items():
        if not KEY.fullmatch(key):
            errors.append(f"{name}: entity key {key!r} is not lower-case-with-hyphens")
        if entity.get("type") not in ENTITY_TYPES:
            errors.append(f"{name}: {key} has type {entity.get('type')!r}")
        for surface in entity.get("mentions", []):
            if not occurrences(surface, text):
                errors.append(f"{name}: mention {surface!r} of {key} is not in the text")
            other = owner.setdefault(surface.lower(), key)
            if other != key:
                errors.append(f"{name}: mention {surface!r} listed for {other} and {key}")
    errors += mention_clashes(name, text, entities)
    # attributions
    ids = [a["id"] for a in gold["attributions"]]
    if len(set(ids)) != len(ids):
        errors.append(f"{name}: duplicate attribution ids")
    by_id = {a["id"]: a for a in gold["attributions"]}
    for a in gold["attributions"]:
        what = f"{name} {a['id']}"
        errors += check_reference(a["source"], keys, f"{what} source")
        if a["source"] not in keys and not a["source"].endswith("(unnamed)"):
            errors.append(f"{what}: a free source should say '(unnamed)': {a['source']!r}")
        if a["kind"] not in KINDS:
            errors.append(f"{what}: kind {a['kind']!r}")
        if a["stance"] not in STANCES:
            errors.append(f"{what}: stance {a['stance']!r}")
        if a["stance"] == "deny" and "responds_to" not in a:
            errors.append(f"{what}: a denial without responds_to")
        if "responds_to" in a:
            target = by_id.get(a["responds_to"])
            if target is None or target is a or a["stance"] != "deny":
                errors.append(
                    f"{what}: responds_to {a['responds_to']!r} is not another "
                    "attribution, or this is no denial"
                )
        chain = a["reported_by"]
        if not chain or chain[-1] != publisher:
            errors.append(f"{what}: reported_by {chain} does not end with the publisher")
        for position in chain:
            for ref in position if isinstance(position, list) else [position]:
                errors += check_reference(ref, keys, f"{what} reported_by")
        if "recipient" in a and a["recipient"] not in FREE_RECIPIENTS:
            errors += check_reference(a["recipient"], keys, f"{what} recipient", free=False)
        if "date" in a and not is_date(a["date"]):
            errors.append(f"{what}: bad date {a['date']!r}")
        if a["kind"] == "direct":
            start, end = a["content"]["start"], a["content"]["end"]
            if start == 0 or text[start - 1] not in QUOTES:
                errors.append(f"{what}: direct content does not start inside a quotation mark")
            if end >= len(text) or text[end] not in QUOTES:
                errors.append(f"{what}: direct content does not end at a quotation mark")
    # claims
    claim_ids = [c["id"] for c in gold["claims"]]
    if len(set(claim_ids)) != len(claim_ids):
        errors.append(f"{name}: duplicate claim ids")
    for c in gold["claims"]:
        errors += claim_errors(f"{name} {c['id']}", c, keys, by_id)
    # disputes and unanswered
    for d in gold["disputes"]:
        for side in ("for", "against", "also_against"):
            for ref in d.get(side, []):
                if ref not in claim_ids:
                    errors.append(f"{name} {d['id']}: {side} names unknown claim {ref!r}")
        if not d["for"] or not d["against"]:
            errors.append(f"{name} {d['id']}: a dispute needs both sides")
    for u in gold["unanswered"]:
        if u["claim"] is not None and u["claim"] not in claim_ids:
            errors.append(f"{name}: unanswered names unknown claim {u['claim']!r}")
        if "evidence" not in u:
            errors.append(f"{name}: unanswered without evidence")
    return errors


def claim_errors(what: str, c: dict[str, Any], keys: set[str], atts: dict[str, Any]) -> list[str]:
    errors = []
    if c["from"] is None:
        if "evidence" not in c:
            errors.append(f"{what}: a claim of the publisher's own needs evidence")
    elif c["from"] not in atts:
        errors.append(f"{what}: from names unknown attribution {c['from']!r}")
    for arg in CLAIM_ARGS:
        if arg in c and c[arg] not in keys and not (arg == "victim" and c[arg] in GROUPS):
            errors.append(f"{what}: {arg} {c[arg]!r} is not an entity of the article")
    for side in c.get("sides", []):
        if side not in keys:
            errors.append(f"{what}: side {side!r} is not an entity of the article")
    if "value" in c and not isinstance(c["value"], bool):
        errors.append(f"{what}: value must be true or false")
    if "count" in c:
        count = c["count"]
        numbers = {k: v for k, v in count.items() if k != "vague"}
        if not count.keys() <= COUNT_KEYS or not numbers:
            errors.append(f"{what}: count keys {sorted(count)}")
        if not all(isinstance(v, int) and v >= 0 for v in numbers.values()):
            errors.append(f"{what}: count values must be non-negative integers")
        if "low" in numbers and "high" in numbers and numbers["low"] > numbers["high"]:
            errors.append(f"{what}: low > high")
    if "date" in c and not is_date(c["date"]):
        errors.append(f"{what}: bad date {c['date']!r}")
    if "period" in c:
        parts = c["period"].split("/")
        if len(parts) != 2 or not all(map(is_date, parts)) or parts[0] > parts[1]:
            errors.append(f"{what}: bad period {c['period']!r}")
    return errors


def mention_clashes(name: str, text: str, entities: dict[str, Any]) -> list[str]:
    """An occurrence of one entity's mention that ``eval`` would pair with another's."""
    found = [
        (key, span)
        for key, e in entities.items()
        for s in e.get("mentions", [])
        for span in occurrences(s, text)
    ]
    errors = []
    for key, (start, end) in found:
        for other, (o_start, o_end) in found:
            if other == key:
                continue
            shared = min(end, o_end) - max(start, o_start)
            union = max(end, o_end) - min(start, o_start)
            if shared > 0 and shared / union >= 0.5:
                errors.append(
                    f"{name}: {text[start:end]!r} ({key}) overlaps "
                    f"{text[o_start:o_end]!r} ({other})"
                )
    return errors


# ------------------------------------------------------------------------------- tests


def test_corpus_is_there() -> None:
    assert len(ARTICLES) >= 12
    assert [g.name.removesuffix(".gold.json") for g in GOLDS] == [
        a.name.removesuffix(".txt") for a in ARTICLES
    ]


@pytest.mark.parametrize("path", GOLDS, ids=lambda p: p.name[:2])
def test_article_gold(path: Path) -> None:
    [gold] = load_gold(path)
    assert article_path_for(path, gold) == path.with_name(gold["article"])
    assert gold["article"] == path.name.removesuffix(".gold.json") + ".txt"
    assert article_errors(gold) == []


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name[:2])
def test_article_length(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    header = parse_header(text)
    words = len(text[header.body_start if header else 0 :].split())
    assert 150 <= words <= 350, words


def test_corpus_gold_articles_are_the_article_files() -> None:
    corpus = read(CORPUS_GOLD)
    assert corpus["articles"] == [read(p) for p in GOLDS]
    assert [e["article"] for e in load_gold(CORPUS_GOLD)] == [a.name for a in ARTICLES]


def test_corpus_gold_cross_article_part() -> None:
    corpus = read(CORPUS_GOLD)
    golds = {g["article"][:2]: g for g in corpus["articles"]}
    claims = {f"{nn}:{c['id']}": c for nn, g in golds.items() for c in g["claims"]}
    atts = {f"{nn}:{a['id']}": a for nn, g in golds.items() for a in g["attributions"]}
    errors = []
    # clusters: one key across articles, mentions exactly those of the articles
    for key, cluster in corpus["entities"].items():
        if cluster["type"] not in ENTITY_TYPES:
            errors.append(f"cluster {key}: type {cluster['type']!r}")
        for nn, mentions in cluster["mentions"].items():
            if golds[nn]["entities"].get(key, {}).get("mentions") != mentions:
                errors.append(f"cluster {key}: mentions for {nn} differ from the article")
    for nn, gold in golds.items():
        for key in gold["entities"]:
            if nn not in corpus["entities"].get(key, {}).get("mentions", {}):
                errors.append(f"{nn}: entity {key} missing from the clusters")
    for item in corpus["distinct"]:
        if len(item["entities"]) < 2 or not set(item["entities"]) <= corpus["entities"].keys():
            errors.append(f"distinct: {item['entities']}")
    # references
    for d in corpus["disputes"]:
        for side in ("for", "against", "also_against"):
            for ref in d.get(side, []):
                if not REF.fullmatch(ref) or ref not in claims:
                    errors.append(f"dispute {d['id']}: unknown claim {ref!r}")
    for k in corpus["corroborations"]:
        if not isinstance(k["independent"], bool) or len(k["claims"]) < 2:
            errors.append(f"corroboration {k['id']}: needs claims and independent true/false")
        errors += [
            f"corroboration {k['id']}: unknown claim {r!r}" for r in k["claims"] if r not in claims
        ]
        if not k["independent"]:
            source = k.get("shared_source", "")
            if source not in corpus["entities"] and not source.endswith("(unnamed)"):
                errors.append(f"corroboration {k['id']}: shared_source {source!r}")
    for r in corpus["responses"]:
        if atts.get(r["from"], {}).get("stance") != "deny":
            errors.append(f"response {r['from']}: not a denial")
        errors += [f"response {r['from']}: unknown {t!r}" for t in r["to"] if t not in atts]
    for row in corpus["fatalities"]:
        claim = claims.get(row["claim"])
        if claim is None or claim["type"] != "fatalities" or claim["count"] != row["count"]:
            errors.append(f"fatalities row {row['claim']} does not match its claim")
    n_fatalities = sum(c["type"] == "fatalities" and "count" in c for c in claims.values())
    if len(corpus["fatalities"]) != n_fatalities:
        errors.append("fatalities: not every figure is listed")
    assert errors == []


def test_gold_files_are_up_to_date() -> None:
    """The JSON files are what ``build_gold.py`` makes of the annotations."""
    sys.path.insert(0, str(CORPUS))
    try:
        import build_gold
    finally:
        sys.path.remove(str(CORPUS))
    for spec in build_gold.ARTICLES:
        path = CORPUS / (spec["article"].removesuffix(".txt") + ".gold.json")
        assert build_gold.build_article(spec) == read(path), path.name
