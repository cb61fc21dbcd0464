"""Counts in wire copy ("about 350", "dozens", "between 10 and 15") as UCDP GED codes them.

UCDP's Georeferenced Event Dataset records every figure as three estimates, ``low``,
``best`` and ``high``, and is conservative: the best estimate is the lowest figure the
source supports. The mapping used here (``Count`` fields; ``approx`` marks a hedged figure):

===========================================  =====  =====  ======  ======
phrase                                       low    best   high    approx
===========================================  =====  =====  ======  ======
"350", "three", "twenty-one", "1,200"        N      N      N       no
"about / around / some / nearly / roughly N" N      N      N       yes
"at least N", "no fewer than N"              N      N      None    no
"more than / over N"                         N+1    N+1    None    no
"up to / as many as / no more than N"        None   None   N       no
"fewer than / less than / under N"           None   None   N-1     no
"between A and B", "A-B", "A to B"           A      A      B       no
"a dozen"                                    12     12     12      yes
vague words: "dozens", "hundreds", ...       ``data/counts.yaml``     yes
===========================================  =====  =====  ======  ======

Vague words follow GED's practice of coding the smallest number the word can mean as the
best estimate: "dozens" = 24 (24-99), "scores" = 40 (40-99), "hundreds" = 200 (200-999),
"thousands" = 2,000 (2,000-9,999), "several" = 3 (3-9), "a few" = 2 (2-5). "Several
hundred" multiplies: 300 (300-900). "Many", "numerous" and "heavy" carry no figure.

Limits: English only; no fractions or percentages; "a number of" and "scores of dozens"
are not counts; ordinals ("the third attack") are never read as counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from counterclaim import lexicon
from counterclaim.records import Count

#: What follows a number that makes it something other than a head count of people:
#: a share, a time span or age, a distance, a weight, money, a rank ("45% increase",
#: "three years", "10 km", "5 million dollars").
NOT_PEOPLE_AFTER = re.compile(
    r"\s*(?:%|percent\b|per\s*cent\b|percentage\b|(?:-|\s)?(?:years?|months?|weeks?|days?|"
    r"hours?|minutes?|seconds?|decades?|centuries|century|nights?|times|fold)\b|"
    r"(?:-|\s)?(?:km|kilomet\w+|miles?|meters?|metres?|feet|foot|kg|kilograms?|tons?|tonnes?|"
    r"acres?|hectares?|square\b)|(?:-|\s)?(?:dollars?|euros?|pounds|rupees|yuan|rubles?|"
    r"roubles?|afghanis?|shillings?|dinars?|riyals?|lira|billion\b|trillion\b)|"
    r"(?:-|\s)?(?:per|a)\s+(?:cent|head|capita)\b|/\d|:\d|(?:st|nd|rd|th)\b)",
    re.I,
)
#: What stands right before a number that is no count of people: money, a slash date
#: ("9/11"), a clock time, an ordinal context ("No. 3", "page 4", "Article 51").
NOT_PEOPLE_BEFORE = re.compile(
    r"(?:[$€£¥₹]\s*|\d/|\d:|\b(?:No\.|number|page|article|resolution|chapter|section|"
    r"flight|route|highway|vol\.|class|grade|level|phase|stage|round|top|aged?|age of)\s*)$",
    re.I,
)

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
HEDGE_KINDS = ("approx", "floor", "above", "ceiling", "below")
_WORD = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_SPELLED = (
    rf"(?:(?:{_WORD})(?:[- ](?:{_WORD}))?"
    r"(?:\s+(?:hundred|thousand|million)(?:\s+(?:and\s+)?(?:"
    + _WORD
    + r")(?:-(?:"
    + _WORD
    + r"))?)?)*)"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(?:hundred|thousand|million))?"
NUMBER = rf"(?:{_DIGITS}|{_SPELLED}|a dozen|a hundred|a thousand)"
_MULT = r"(?:several|a few|a couple of|some)\s+(?:hundred|thousand|dozen)"


class Lexicon(NamedTuple):
    """The count phrases of ``data/counts.yaml``, and the expression built from them."""

    approx: frozenset[str]  # hedge -> what the figure is: exact (approx), a floor, a ceiling
    floor: frozenset[str]
    above: frozenset[str]
    ceiling: frozenset[str]
    below: frozenset[str]
    vague: dict[str, tuple[int, int, int]]  # vague word -> (low, best, high)
    count_re: re.Pattern[str]


@lexicon.cached
def counts_lexicon() -> Lexicon:
    """The hedges and vague words (``data/counts.yaml`` with user folders), compiled."""
    data = lexicon.table("counts")
    hedges = {k: [str(h).lower() for h in data["hedges"].get(k) or ()] for k in HEDGE_KINDS}
    vague = {str(k).lower(): (int(v[0]), int(v[1]), int(v[2])) for k, v in data["vague"].items()}
    every = [h for k in HEDGE_KINDS for h in hedges[k]]
    hedge = "|".join(re.escape(h) for h in sorted(every, key=len, reverse=True))
    vague_re = "|".join(re.escape(v) for v in sorted(vague, key=len, reverse=True))
    count_re = re.compile(
        rf"\b(?:between\s+(?P<lo>{NUMBER})\s+and\s+(?P<hi>{NUMBER})"
        rf"|(?P<a>{_DIGITS})\s*(?:-|–|to)\s*(?P<b>{_DIGITS})\b"
        rf"|(?P<mult>{_MULT})"
        rf"|(?:(?P<hedge>{hedge})\s+)?(?P<num>{NUMBER})"
        rf"|(?P<vague>{vague_re}))\b(?!-(?:year|day|hour|month|week|point|member|nation|storey))",
        re.I,
    )
    return Lexicon(*(frozenset(hedges[k]) for k in HEDGE_KINDS), vague, count_re)


def number_value(text: str) -> int | None:
    """The integer a numeral or number words stand for: "1,200", "twenty-one", "3 million"."""
    words = text.lower().replace(",", "").replace("-", " ").replace(" and ", " ").split()
    if not words:
        return None
    if words in (["a", "dozen"], ["one", "dozen"]):
        return 12
    if words[0] == "a":
        words[0] = "one"
    total, current = 0, 0.0
    for word in words:
        if re.fullmatch(r"\d+(\.\d+)?", word):
            current += float(word)
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES:
            scale = SCALES[word]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
        else:
            return None
    return int(round(total + current))


def _hedged(hedge: str | None, value: int, text: str) -> Count:
    hedge = (hedge or "").lower()
    lex = counts_lexicon()
    if hedge in lex.floor:
        return Count(value, value, None, False, text)
    if hedge in lex.above:
        return Count(value + 1, value + 1, None, False, text)
    if hedge in lex.ceiling:
        return Count(None, None, value, False, text)
    if hedge in lex.below:
        return Count(None, None, value - 1, False, text)
    return Count(value, value, value, bool(hedge), text)


def _from_match(match: re.Match[str]) -> Count | None:
    text = match.group(0)
    if match["lo"] or match["a"]:
        low = number_value(match["lo"] or match["a"])
        high = number_value(match["hi"] or match["b"])
        if low is None or high is None or high < low:
            return None
        return Count(low, low, high, False, text)
    if match["mult"]:
        few, scale = match["mult"].lower().rsplit(None, 1)
        vague = counts_lexicon().vague
        low, _, high = vague.get(few, vague["several"])
        unit = 12 if scale == "dozen" else SCALES[scale]
        return Count(low * unit, low * unit, high * unit, True, text)
    if match["vague"]:
        low, best, high = counts_lexicon().vague[match["vague"].lower()]
        return Count(low, best, high, True, text)
    value = number_value(match["num"])
    if value is None:
        return None
    count = _hedged(match["hedge"], value, text)
    if match["num"].lower() == "a dozen" and not match["hedge"]:
        count = Count(12, 12, 12, True, text)
    return count


def find_counts(text: str) -> Iterator[tuple[int, int, Count]]:
    """Every count expression in ``text``: ``(start, end, Count)``, in order.

    Years ("in 2021", "1953-2001") are skipped: a bare four-digit number from 1900 to 2099
    is not read as a count; nor is "one" in "no one".
    """
    for match in counts_lexicon().count_re.finditer(text):
        if _looks_like_year(match) or re.search(r"\bno\s+$", text[: match.start()], re.I):
            continue  # a year, or "no one"
        count = _from_match(match)
        if count is not None:
            yield match.start(), match.end(), count


def people_counts(text: str) -> Iterator[tuple[int, int, Count]]:
    """The counts of ``text`` that can be head counts of people: not a share ("45%"),
    a time span ("three years"), a distance, money, a date ("9/11") or a clock time.

    Whether what is counted is people (not dogs) is the caller's question: this only
    rules out the readings the words around the number exclude.
    """
    for start, end, count in find_counts(text):
        if NOT_PEOPLE_AFTER.match(text, end) or NOT_PEOPLE_BEFORE.search(
            text[max(0, start - 20) : start]
        ):
            continue
        yield start, end, count


def _looks_like_year(match: re.Match[str]) -> bool:
    figures = [g for g in (match["num"], match["a"], match["b"]) if g]
    if not figures or match["hedge"]:
        return False
    return all(re.fullmatch(r"(19|20)\d\d", f) for f in figures)


def parse_count(phrase: str) -> Count | None:
    """The count a whole phrase states ("about 350", "dozens"), or None if it states none."""
    phrase = " ".join(phrase.split()).strip(" ,.")
    count_re = counts_lexicon().count_re
    match = count_re.fullmatch(phrase)
    if match is None:
        match = next((m for m in count_re.finditer(phrase)), None)
    return _from_match(match) if match else None
