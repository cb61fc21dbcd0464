"""Dates of statements, resolved against the article's date.

Wire copy dates statements relative to the dateline: "on Thursday" is the most recent
Thursday on or before the article date, "earlier in the day" is the article date itself.
Weekdays and day-relative phrases are handled here; anything else ("on August 15",
"last week", "two days ago") goes to dateparser with the article date as its base.
Misses: ranges ("between Monday and Wednesday") resolve to their first date only.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SAME_DAY = re.compile(
    r"\b(today|tonight|this (morning|afternoon|evening)|earlier (in the day|today)|"
    r"later (in the day|today))\b",
    re.I,
)
YESTERDAY = re.compile(r"\b(yesterday|last night)\b", re.I)
MONTH_ONLY = re.compile(
    r"^(in |during |since |earlier |late |early )*(January|February|March|April|May|June|"
    r"July|August|September|October|November|December)( \d{4})?$",
    re.I,
)


def resolve_date(phrase: str, article_date: dt.date | None) -> str | None:
    """ISO date (or ``YYYY-MM`` for a bare month) of a date phrase, or None."""
    text = " ".join(phrase.split()).strip(" ,.")
    if not text:
        return None
    lowered = text.lower()
    if article_date is not None:
        for index, name in enumerate(WEEKDAYS):
            if re.search(rf"\b{name}\b", lowered):
                back = (article_date.weekday() - index) % 7
                if "last" in lowered.split() and back == 0:
                    back = 7
                return (article_date - dt.timedelta(days=back)).isoformat()
        if SAME_DAY.search(lowered):
            return article_date.isoformat()
        if YESTERDAY.search(lowered):
            return (article_date - dt.timedelta(days=1)).isoformat()
    if re.search(r"\d{4}s\b|\bcentury\b", lowered):
        return None  # decades and centuries are periods, not dates
    month = MONTH_ONLY.match(text)
    if month:
        return _month(text, article_date)
    day = _month_day(text, article_date)
    return day if day is not None else _dateparser(text, article_date)


MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
MONTH_DAY = re.compile(
    r"^(?:on |since |by |until )?(?:(?P<m1>[a-z]+)\.? (?P<d1>\d{1,2})|(?P<d2>\d{1,2}) (?P<m2>[a-z]+))"
    r"(?:,? (?P<y>\d{4}))?$"
)


def _month_day(text: str, article_date: dt.date | None) -> str | None:
    """ "August 15", "15 August 2021", "on Aug. 15": the latest such day not after the article."""
    match = MONTH_DAY.match(text.lower())
    if not match:
        return None
    name = match["m1"] or match["m2"]
    month = next((n for m, n in MONTHS.items() if m.startswith(name) and len(name) >= 3), None)
    if month is None:
        return None
    day = int(match["d1"] or match["d2"])
    year = int(match["y"]) if match["y"] else (article_date.year if article_date else None)
    if year is None:
        return None
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    if not match["y"] and article_date and value > article_date:
        value = value.replace(year=year - 1)
    return value.isoformat()


def _month(text: str, article_date: dt.date | None) -> str | None:
    parsed = _dateparser(text + (" 1" if not re.search(r"\d{4}", text) else ""), article_date)
    return parsed[:7] if parsed else None


@lru_cache(maxsize=4096)
def _dateparser(text: str, article_date: dt.date | None) -> str | None:
    import dateparser  # imported lazily: it is slow to import

    base = dt.datetime.combine(article_date, dt.time(12)) if article_date else None
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    elif not re.search(r"\d{4}", text):
        return None  # a relative phrase with nothing to resolve it against
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    return parsed.date().isoformat() if parsed else None
