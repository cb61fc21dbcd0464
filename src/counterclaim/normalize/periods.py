"""When an event happened: dates and ISO 8601 intervals from phrases in wire copy.

``find_time(text, article_date)`` returns the first time expression of a text as an ISO date
("on Thursday" -> 2021-09-02) or interval ("early this week" -> 2021-08-30/2021-09-03),
resolved against the article date. Single days go through
:func:`counterclaim.extract.dates.resolve_date`; spans of days are read here:

- "this week", "early this week", "earlier this week": Monday of the article's week to the
  article date; "last week": the previous Monday to Sunday;
- "this month", "earlier this month": the 1st to the article date; "last month": that month;
- "over the weekend": the last Saturday and Sunday; "overnight": the night before;
- "in the past / last N days (hours, weeks)": N days back to the article date;
- "since <date>": that date to the article date.

Limits: English only; "between Monday and Wednesday" gives only its first day; a date far
from the article date is trusted as written.
"""

from __future__ import annotations

import datetime as dt
import re

from counterclaim.extract.dates import resolve_date

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DAY = (
    rf"(?:on\s+)?(?:(?:last\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    rf"|(?:{MONTHS})\s+\d{{1,2}}(?:,\s+\d{{4}})?|\d{{1,2}}\s+(?:{MONTHS})(?:\s+\d{{4}})?"
    r"|yesterday|today|last\s+night|earlier\s+(?:in\s+the\s+day|today))"
)
PERIOD = (
    r"(?:early|earlier|late|later)\s+(?:this|last)\s+(?:week|month)|(?:this|last)\s+"
    r"(?:week|month)|over\s+the\s+weekend|overnight|in\s+the\s+(?:past|last)\s+"
    r"(?:\d+|\w+)\s+(?:hours|days|weeks)|since\s+" + DAY
)
TIME_RE = re.compile(rf"\b(?:(?P<period>{PERIOD})|(?P<day>{DAY}))\b", re.I)
_N_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "ten": 10,
    "24": 1,
    "48": 2,
    "72": 3,
}


def _interval(start: dt.date, end: dt.date) -> str:
    return f"{start.isoformat()}/{end.isoformat()}"


def period_of(phrase: str, article_date: dt.date) -> str | None:
    """ISO interval for a span-of-days phrase, or None if it names no span."""
    text = " ".join(phrase.lower().split())
    monday = article_date - dt.timedelta(days=article_date.weekday())
    if text.endswith("week"):
        if "last week" in text and not text.startswith(("early this", "earlier this")):
            start = monday - dt.timedelta(days=7)
            return _interval(start, start + dt.timedelta(days=6))
        return _interval(monday, article_date)
    if text.endswith("month"):
        first = article_date.replace(day=1)
        if "last month" in text:
            end = first - dt.timedelta(days=1)
            return _interval(end.replace(day=1), end)
        return _interval(first, article_date)
    if "weekend" in text:
        sunday = article_date - dt.timedelta(days=(article_date.weekday() + 1) % 7)
        return _interval(sunday - dt.timedelta(days=1), sunday)
    if text == "overnight":
        return _interval(article_date - dt.timedelta(days=1), article_date)
    past = re.match(r"in the (?:past|last) (\S+) (hours|days|weeks)", text)
    if past:
        n = int(past[1]) if past[1].isdigit() else _N_WORDS.get(past[1], 1)
        days = {"hours": max(1, n // 24), "days": n, "weeks": 7 * n}[past[2]]
        return _interval(article_date - dt.timedelta(days=days), article_date)
    if text.startswith("since "):
        start = resolve_date(text[6:], article_date)
        return f"{start}/{article_date.isoformat()}" if start and len(start) == 10 else None
    return None


def find_time(text: str, article_date: dt.date | None) -> tuple[str | None, str | None]:
    """``(date, period)`` of the first time expression in ``text``; either may be None."""
    if article_date is None:
        return None, None
    for match in TIME_RE.finditer(text):
        if match["period"]:
            period = period_of(match["period"], article_date)
            if period:
                return None, period
        elif match["day"]:
            date = resolve_date(match["day"], article_date)
            if date:
                return date, None
    return None, None
