"""Counts as UCDP GED codes them: a table of phrases and their low/best/high."""

from __future__ import annotations

import pytest

from counterclaim.normalize.numbers import find_counts, number_value, parse_count


@pytest.mark.parametrize(
    ("phrase", "low", "best", "high", "approx"),
    [
        ("350", 350, 350, 350, False),
        ("about 350", 350, 350, 350, True),
        ("around 40", 40, 40, 40, True),
        ("nearly 1,000", 1000, 1000, 1000, True),
        ("an estimated 2,500", 2500, 2500, 2500, True),
        ("more than 20", 21, 21, None, False),
        ("over 100", 101, 101, None, False),
        ("at least 12", 12, 12, None, False),
        ("no fewer than 5", 5, 5, None, False),
        ("up to 30", None, None, 30, False),
        ("as many as 30", None, None, 30, False),
        ("fewer than 10", None, None, 9, False),
        ("between 10 and 15", 10, 10, 15, False),
        ("between ten and fifteen", 10, 10, 15, False),
        ("12-15", 12, 12, 15, False),
        ("12 to 15", 12, 12, 15, False),
        ("a dozen", 12, 12, 12, True),
        ("dozens", 24, 24, 99, True),
        ("scores", 40, 40, 99, True),
        ("hundreds", 200, 200, 999, True),
        ("thousands", 2000, 2000, 9999, True),
        ("tens of thousands", 20_000, 20_000, 99_999, True),
        ("several", 3, 3, 9, True),
        ("several hundred", 300, 300, 900, True),
        ("three", 3, 3, 3, False),
        ("twenty-one", 21, 21, 21, False),
        ("one hundred and twenty", 120, 120, 120, False),
        ("1,200", 1200, 1200, 1200, False),
        ("1.2 million", 1_200_000, 1_200_000, 1_200_000, False),
        ("at least three", 3, 3, None, False),
    ],
)
def test_parse_count(
    phrase: str, low: int | None, best: int | None, high: int | None, approx: bool
) -> None:
    count = parse_count(phrase)
    assert count is not None
    assert (count.low, count.best, count.high, count.approx) == (low, best, high, approx)
    assert count.text == phrase


@pytest.mark.parametrize("phrase", ["", "many", "heavy losses", "the Taliban"])
def test_no_count(phrase: str) -> None:
    assert parse_count(phrase) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("forty-two", 42),
        ("a hundred", 100),
        ("3 thousand", 3000),
        ("two million", 2_000_000),
        ("seven", 7),
        ("1,250", 1250),
        ("no", None),
    ],
)
def test_number_value(text: str, value: int | None) -> None:
    assert number_value(text) == value


def test_find_counts_in_running_text() -> None:
    text = "In 2021, about 350 Taliban militants were killed and dozens were wounded."
    found = [(text[s:e], c.best) for s, e, c in find_counts(text)]
    assert found == [("about 350", 350), ("dozens", 24)]


def test_years_and_ranges_of_years_are_not_counts() -> None:
    assert list(find_counts("Ahmad Shah Massoud (1953-2001) fought in 1996.")) == []


def test_no_one_is_not_a_count() -> None:
    assert list(find_counts("No one was killed.")) == []
