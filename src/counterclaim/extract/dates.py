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
    month = MONTH_ONLY.match(text)
    if month:
        return _month(text, article_date)
    return _dateparser(text, article_date)


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
