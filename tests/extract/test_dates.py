import datetime as dt

import pytest

from counterclaim.extract.dates import resolve_date

FRIDAY = dt.date(2021, 9, 3)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("on Friday", "2021-09-03"),
        ("Thursday", "2021-09-02"),
        ("on Monday", "2021-08-30"),
        ("last Friday", "2021-08-27"),
        ("earlier in the day", "2021-09-03"),
        ("yesterday", "2021-09-02"),
        ("On August 15", "2021-08-15"),
        ("two days ago", "2021-09-01"),
        ("in March", "2021-03"),
        ("", None),
    ],
)
def test_relative_dates(phrase, expected):
    assert resolve_date(phrase, FRIDAY) == expected


def test_no_article_date():
    assert resolve_date("on Thursday", None) is None
    assert resolve_date("on 12 March 2025", None) == "2025-03-12"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("December 20", "2020-12-20"),
        ("Aug. 3", "2021-08-03"),
        ("15 March 2024", "2024-03-15"),
        ("the 1990s", None),
    ],
)
def test_month_days_are_never_after_the_article(phrase, expected):
    assert resolve_date(phrase, FRIDAY) == expected
