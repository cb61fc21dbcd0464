"""Write the gold files of the test corpus from the annotations below.

Run ``.venv/bin/python tests/corpus/build_gold.py`` after editing an article or an annotation:
it finds every span in its article (so no offset is typed by hand), fails on a span that is
missing or ambiguous, and rewrites ``NN-*.gold.json`` and ``corpus.gold.json``.

A span is written as ``"text"`` (must occur exactly once in the article), ``("text", "anchor")``
(the first occurrence of ``text`` at or after the start of the unique ``anchor``) or
``("text", n)`` (the n-th occurrence, from 0).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
HEADER = re.compile(
    r"\s*date[ \t]+\d{4}-\d{2}-\d{2}"
    r"(?:[ \t]+(?P<place>[^\W\d_][^,\n/]{0,59}?),[ \t]+\w+\.?[ \t]+\d{1,2}\b\.?)?"
    r"(?:[ \t]*/[^/\n]{1,40}/\.?)?"
)

# ------------------------------------------------------------------------------- catalog
# One record per entity of the corpus; an article lists the keys it mentions and how.

GOV, VLF, KHO, INT = "Veshtar government", "Valley Liberation Front", "Khoristan", "international"


def _e(type_: str, name: str, **extra: Any) -> dict[str, Any]:
    return {"type": type_, "name": name, **extra}


CATALOG: dict[str, dict[str, Any]] = {
    # media
    "vna": _e("MEDIA", "VNA", roles=["state news agency of Veshtar"], side=GOV),
    "voice-of-the-valley": _e(
        "MEDIA",
        "Voice of the Valley",
        roles=["Telegram channel of the Valley Liberation Front"],
        side=VLF,
    ),
    "reuters": _e("MEDIA", "Reuters"),
    "aljazeera": _e("MEDIA", "Al Jazeera"),
    "afp": _e("MEDIA", "AFP"),
    "ap": _e("MEDIA", "Associated Press"),
    "karsan-herald": _e("MEDIA", "Karsan Herald", roles=["local daily in Dargah"]),
    "khorpress": _e("MEDIA", "KhorPress", roles=["state news agency of Khoristan"], side=KHO),
    "qala-tv": _e("MEDIA", "Qala TV", roles=["broadcaster"]),
    # organisations
    "veshtar-government": _e("ORG", "Government of Veshtar", side=GOV),
    "veshtar-mod": _e("ORG", "Ministry of Defence of Veshtar", side=GOV),
    "veshtar-army": _e("ORG", "Armed forces of Veshtar", side=GOV),
    "brigade-4": _e("ORG", "4th Mountain Brigade", roles=["unit of the Veshtar army"], side=GOV),
    "governor-press-office": _e("ORG", "Press office of the Karsan governor", side=GOV),
    "karsan-health-department": _e("ORG", "Karsan provincial health department", side=GOV),
    "vlf": _e("ORG", "Valley Liberation Front", roles=["insurgent group"], side=VLF),
    "khoristan-government": _e("ORG", "Government of Khoristan", side=KHO),
    "khoristan-foreign-ministry": _e("ORG", "Foreign Ministry of Khoristan", side=KHO),
    "khoristan-border-committee": _e("ORG", "State Border Committee of Khoristan", side=KHO),
    "khoristan-border-guards": _e("ORG", "Khoristan border guards", side=KHO),
    "karsan-red-crescent": _e("ORG", "Red Crescent, Karsan branch", side=INT),
    "dargah-hospital": _e("ORG", "Dargah Central Hospital"),
    "ocha": _e("ORG", "UN Office for the Coordination of Humanitarian Affairs", side=INT),
    "united-nations": _e("ORG", "United Nations", side=INT),
    "conflict-monitor": _e("ORG", "Central Asia Conflict Monitor", roles=["research group"]),
    # people
    "yusuf-karimov": _e(
        "PERSON", "Yusuf Karimov", roles=["leader of the VLF", "son of Rustam Karimov"], side=VLF
    ),
    "rustam-karimov": _e(
        "PERSON",
        "Rustam Karimov",
        roles=["founder of the VLF, killed 2009", "father of Yusuf Karimov"],
        side=VLF,
    ),
    "daler-karimov": _e("PERSON", "Daler Karimov", roles=["Governor of Karsan province"], side=GOV),
    "farid-massoud": _e("PERSON", "Farid Massoud", roles=["spokesman of the VLF"], side=VLF),
    "hamid-massoud": _e(
        "PERSON",
        "Hamid Massoud",
        roles=["colonel, commander of the 4th Mountain Brigade"],
        side=GOV,
    ),
    "rauf-sadikov": _e(
        "PERSON", "Rauf Sadikov", roles=["colonel, Ministry of Defence spokesman"], side=GOV
    ),
    "leyla-sadykova": _e("PERSON", "Leyla Sadykova", roles=["surgeon, Dargah Central Hospital"]),
    "anvar-nazarov": _e("PERSON", "Anvar Nazarov", roles=["Defence Minister of Veshtar"], side=GOV),
    "sardor-yuldashev": _e(
        "PERSON", "Sardor Yuldashev", roles=["Interior Minister of Veshtar"], side=GOV
    ),
    "kamol-ergashev": _e("PERSON", "Kamol Ergashev", roles=["Deputy Governor of Karsan"], side=GOV),
    "otabek-mirzaev": _e(
        "PERSON", "Otabek Mirzaev", roles=["Veshtar's ambassador in Samarand"], side=GOV
    ),
    "nigora": _e("PERSON", "Nigora", roles=["teacher from Dargah, displaced"]),
    "bahrom": _e("PERSON", "Bahrom", roles=["pharmacist in Sangbur"]),
    "gulnora-rahimova": _e(
        "PERSON",
        "Gulnora Rahimova",
        roles=["spokeswoman of the Foreign Ministry of Khoristan"],
        side=KHO,
    ),
    "ilhom-nurov": _e(
        "PERSON", "Ilhom Nurov", roles=["spokesman of the State Border Committee"], side=KHO
    ),
    "davron-sattorov": _e(
        "PERSON", "Davron Sattorov", roles=["Emergencies Minister of Khoristan"], side=KHO
    ),
    "maria-lindqvist": _e(
        "PERSON",
        "Maria Lindqvist",
        roles=["UN Resident and Humanitarian Coordinator in Veshtar"],
        side=INT,
    ),
    "erkin-valiev": _e(
        "PERSON", "Erkin Valiev", roles=["researcher, Central Asia Conflict Monitor"]
    ),
    # places (fictional ones carry no codes or coordinates)
    "veshtar": _e("PLACE", "Republic of Veshtar", roles=["country"]),
    "tavrin": _e("PLACE", "Tavrin", roles=["capital of Veshtar"]),
    "karsan": _e("PLACE", "Karsan province", roles=["province of Veshtar; the Karsan valley"]),
    "dargah": _e("PLACE", "Dargah", roles=["administrative centre of Karsan province"]),
    "sangbur": _e("PLACE", "Sangbur", roles=["northern district of Dargah"]),
    "kohna-bazaar": _e("PLACE", "Kohna Bazaar", roles=["district of Dargah"]),
    "pirzan": _e("PLACE", "Pirzan", roles=["town up the Karsan valley"]),
    "yalqut": _e("PLACE", "Yalqut", roles=["village south of Dargah"]),
    "khoristan": _e("PLACE", "Republic of Khoristan", roles=["country, Veshtar's neighbour"]),
    "samarand": _e("PLACE", "Samarand", roles=["capital of Khoristan"]),
    "tosh-bulak": _e("PLACE", "Tosh Bulak", roles=["border checkpoint, Veshtar-Khoristan"]),
    "kengsoy": _e("PLACE", "Kengsoy", roles=["village in Khoristan"]),
    "geneva": _e("PLACE", "Geneva", iso3166_1="CH", lat=46.2044, lon=6.1432),
    "almaty": _e("PLACE", "Almaty", iso3166_1="KZ", lat=43.2389, lon=76.8897),
}

# Groups that are no entity but may stand as a claim's victim.
GROUPS = {"civilians", "all"}

DISTINCT = [
    (
        ["yusuf-karimov", "rustam-karimov"],
        "son and father: the VLF leader and the group's late founder",
    ),
    (
        ["yusuf-karimov", "daler-karimov"],
        "one surname, opposite sides: VLF leader and the governor",
    ),
    (["daler-karimov", "rustam-karimov"], "one surname, unrelated"),
    (
        ["farid-massoud", "hamid-massoud"],
        "one surname, opposite sides: VLF spokesman and army colonel",
    ),
    (["rauf-sadikov", "leyla-sadykova"], "near-identical surnames: ministry spokesman and surgeon"),
    (["vlf", "voice-of-the-valley"], "the group and its channel (a publisher) stay apart"),
    (["veshtar-government", "khoristan-government"], "two governments"),
    (["veshtar-mod", "khoristan-foreign-ministry"], "two ministries, both 'the ministry'"),
    (["ocha", "united-nations"], "a UN office and the UN as a whole"),
    (["veshtar-army", "brigade-4"], "the army and one of its units"),
]

# ------------------------------------------------------------------------------- helpers


def find(text: str, spec: Any, where: str) -> dict[str, Any]:
    """Resolve a span spec against the text."""
    if isinstance(spec, str):
        target, hits = spec, [m.start() for m in re.finditer(re.escape(spec), text)]
        if len(hits) != 1:
            raise SystemExit(f"{where}: {spec!r} occurs {len(hits)} times")
        start = hits[0]
    elif isinstance(spec, tuple) and isinstance(spec[1], int):
        target = spec[0]
        hits = [m.start() for m in re.finditer(re.escape(target), text)]
        if len(hits) <= spec[1]:
            raise SystemExit(f"{where}: {target!r} has no occurrence {spec[1]}")
        start = hits[spec[1]]
    else:
        target, anchor = spec
        at = find(text, anchor, where + " (anchor)")["start"]
        start = text.find(target, at)
        if start < 0:
            raise SystemExit(f"{where}: {target!r} not found after {anchor!r}")
    return {"text": target, "start": start, "end": start + len(target)}


# ------------------------------------------------------------------------------- articles
sys.path.insert(0, str(HERE))
from annotations import ARTICLES, CORPUS  # noqa: E402  (the per-article annotations)


def build_article(spec: dict[str, Any]) -> dict[str, Any]:
    name = spec["article"]
    text = (HERE / name).read_text(encoding="utf-8")
    publisher = spec["publisher"]
    header = dateline = None
    if m := HEADER.match(text):
        header = {"text": m.group(), "start": 0, "end": m.end()}
        if m.group("place"):
            dateline = {"text": m.group("place"), "start": m.start("place"), "end": m.end("place")}
    document = {
        "publisher": publisher,
        "date": spec["date"],
        "dateline": dateline,
        "header": header,
    }
    if spec.get("document_note"):
        document["note"] = spec["document_note"]
    entities = {}
    for key, mentions in spec["entities"].items():
        note = None
        if isinstance(mentions, tuple):
            mentions, note = mentions
        entity = {**CATALOG[key], "mentions": list(mentions)}
        if note:
            entity["note"] = note
        entities[key] = entity
    referred = [publisher]
    for a in spec["attributions"]:
        referred += [a["source"], a.get("recipient", "")]
        for position in a["chain"]:
            referred += position if isinstance(position, list) else [position]
    for c in spec["claims"]:
        referred += [c.get(arg, "") for arg in ("actor", "place", "victim", "person")]
        referred += c.get("sides", [])
    for key in referred:  # entities the text never names still need an entry
        if key in CATALOG and key not in entities:
            entities[key] = {**CATALOG[key], "mentions": []}
    attributions = []
    for a in spec["attributions"]:
        where = f"{name} {a['id']}"
        out = {
            "id": a["id"],
            "source": a["source"],
            "cue": find(text, a["cue"], where + " cue"),
            "content": find(text, a["content"], where + " content"),
            "kind": a["kind"],
            "stance": a["stance"],
        }
        for key in ("responds_to",):
            if key in a:
                out[key] = a[key]
        chain = list(a["chain"])
        out["reported_by"] = chain + [publisher]
        for key in ("channel", "recipient", "date", "note"):
            if key in a:
                out[key] = a[key]
        attributions.append(out)
    claims = []
    for c in spec["claims"]:
        c = dict(c)
        if "evidence" in c:
            c["evidence"] = find(text, c["evidence"], f"{name} {c['id']} evidence")
        claims.append(c)
    unanswered = [
        {**u, "evidence": find(text, u["evidence"], f"{name} unanswered")}
        for u in spec.get("unanswered", [])
    ]
    return {
        "article": name,
        "document": document,
        "entities": entities,
        "attributions": attributions,
        "claims": claims,
        "disputes": spec.get("disputes", []),
        "unanswered": unanswered,
    }


def ref_article(golds: dict[str, dict[str, Any]], ref: str) -> tuple[dict[str, Any], str]:
    nn, local = ref.split(":")
    return golds[nn], local


def fatalities(golds: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Every fatality figure of the corpus, by who gives it and through whom."""
    rows = []
    for nn, gold in golds.items():
        atts = {a["id"]: a for a in gold["attributions"]}
        for claim in gold["claims"]:
            if claim["type"] != "fatalities" or "count" not in claim:
                continue
            if claim["from"]:
                att = atts[claim["from"]]
                source, via = att["source"], att["reported_by"]
            else:
                source, via = gold["document"]["publisher"], []
            row = {
                "claim": f"{nn}:{claim['id']}",
                "source": source,
                "reported_by": via,
                "victim": claim["victim"],
                "count": claim["count"],
            }
            for key in ("date", "period", "place"):
                if key in claim:
                    row[key] = claim[key]
            rows.append(row)
    return rows


def main() -> int:
    golds: dict[str, dict[str, Any]] = {}
    for spec in ARTICLES:
        gold = build_article(spec)
        golds[spec["article"][:2]] = gold
        path = HERE / (spec["article"].removesuffix(".txt") + ".gold.json")
        path.write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    clusters: dict[str, dict[str, Any]] = {}
    for nn, gold in golds.items():
        for key, entity in gold["entities"].items():
            cluster = clusters.setdefault(key, {**CATALOG[key], "mentions": {}})
            cluster["mentions"][nn] = entity["mentions"]
    corpus = {
        "corpus": "counterclaim test corpus: the fight for Dargah, Karsan province (fictional)",
        "articles": list(golds.values()),
        "entities": {k: clusters[k] for k in sorted(clusters)},
        "distinct": [{"entities": keys, "why": why} for keys, why in DISTINCT],
        "disputes": CORPUS["disputes"],
        "corroborations": CORPUS["corroborations"],
        "responses": CORPUS["responses"],
        "fatalities": fatalities(golds),
    }
    (HERE / "corpus.gold.json").write_text(
        json.dumps(corpus, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"wrote {len(golds)} article gold files and corpus.gold.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
