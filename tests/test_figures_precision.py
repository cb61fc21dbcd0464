"""Fatality and injury figures only for people killed or hurt in violence or a disaster.

Made-up wire sentences through the real pipeline: each non-casualty number (a share, a
date, a time span, animals, an illness) gives no figure, and each real one keeps its
low/best/high.
"""

from __future__ import annotations

import datetime as dt

import pytest

from counterclaim.normalize.numbers import people_counts
from counterclaim.records import Analysis, Claim, Document

DAY = dt.date(2024, 5, 10)


@pytest.mark.parametrize(
    "text",
    [
        "a 45% increase in terrorism deaths",
        "the 9/11 attacks",
        "for three years now",
        "a $5 million reward",
        "10 km from the border",
        "the 3rd attack this month",
        "aged 12",
        "at 10:30 local time",
    ],
)
def test_numbers_that_count_no_people(text: str) -> None:
    assert list(people_counts(text)) == []


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("killed 30 fighters", ["30"]),
        ("at least 21 passengers died", ["at least 21"]),
        ("40 killed, including six children", ["40", "six"]),
        ("between 10 and 15 soldiers", ["between 10 and 15"]),
    ],
)
def test_numbers_that_can_count_people(text: str, figures: list[str]) -> None:
    assert [c.text for _, _, c in people_counts(text)] == figures


@pytest.fixture(scope="module")
def run():
    from counterclaim.pipeline import analyze_documents

    def analyse(text: str) -> Analysis:
        return next(analyze_documents([Document(id="t", text=text, date=DAY, publisher="WIRE")]))

    return analyse


def _figures(analysis: Analysis) -> list[Claim]:
    return [c for c in analysis.claims if c.type in {"fatalities", "injuries"} and c.count]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Officials said millions of dogs are killed every year in the region.",
        "The ministry said rabies deaths occur in 99% of cases once symptoms appear.",
        '"For three years now, there has been too much killing," the farmer said.',
        "The report said the country saw a 45% increase in terrorism deaths last year.",
        "He said the 9/11 attacks changed the region.",
    ],
)
def test_no_casualty_figure(run, text: str) -> None:
    assert _figures(run(text)) == []


@pytest.mark.model
def test_quantifier_scope_keeps_the_total(run) -> None:
    analysis = run("Police said 40 people were killed, including six children, in the blast.")
    (claim,) = [c for c in _figures(analysis) if c.type == "fatalities"]
    assert (claim.count.low, claim.count.best, claim.count.high) == (40, 40, 40)


@pytest.mark.model
def test_victim_noun_outside_the_list(run) -> None:
    analysis = run("The coast guard said gunmen killed 9 fishermen near the port on Monday.")
    (claim,) = _figures(analysis)
    assert claim.count.best == 9 and claim.args.get("victim") == "fishermen"


@pytest.mark.model
def test_hedged_figure_keeps_its_range(run) -> None:
    analysis = run("The army said it killed at least 30 militants in the raid.")
    (claim,) = _figures(analysis)
    assert (claim.count.low, claim.count.best, claim.count.high) == (30, 30, None)


@pytest.mark.model
def test_blamed_attacks_are_not_the_blamer_attacking(run) -> None:
    analysis = run("The government has blamed several recent attacks on militants, officials said.")
    assert [c for c in analysis.claims if c.type == "attack" and c.args.get("actor")] == []


@pytest.mark.model
def test_future_talks_are_no_talks(run) -> None:
    analysis = run("The minister said he saw a chance for future talks with the rebels.")
    assert [c for c in analysis.claims if c.type == "negotiations"] == []


@pytest.mark.model
def test_a_source_claim_takes_no_place_from_its_sentence_outside_the_content(run) -> None:
    analysis = run(
        "At a briefing in Kandahar on Monday, a police spokesman said 12 soldiers were "
        "killed in the clashes."
    )
    (claim,) = [c for c in analysis.claims if c.type == "fatalities" and c.count]
    assert "place" not in claim.args and claim.count.best == 12


@pytest.mark.model
def test_each_group_of_victims_is_counted(run) -> None:
    analysis = run(
        "The general said 18 soldiers, three railway staff and five civilian passengers were "
        "among those killed in the attack."
    )
    assert sorted(c.count.best for c in _figures(analysis)) == [3, 5, 18]


@pytest.mark.model
def test_along_with_and_of_whom(run) -> None:
    analysis = run(
        "In the last year, 1,250 militants have been killed in the province, along with 563 "
        "police officers, the governor said. He said 354 passengers were freed, 37 of whom "
        "were injured."
    )
    figures = {(c.type, c.count.best) for c in _figures(analysis)}
    assert {("fatalities", 1250), ("fatalities", 563), ("injuries", 37)} <= figures


@pytest.mark.model
def test_talks_need_a_party_named_with_them(run) -> None:
    analysis = run(
        "The envoy said: We hoped to settle the matter through negotiations. That proved "
        "impossible."
    )
    assert [c for c in analysis.claims if c.type == "negotiations"] == []


@pytest.mark.model
def test_an_intention_needs_someone_who_intends(run) -> None:
    analysis = run(
        "The minister said there was no reason to worry unless there is an intention to escalate."
    )
    assert [c for c in analysis.claims if c.type == "intention"] == []


@pytest.mark.model
def test_a_group_named_before_its_members_is_the_victim(run) -> None:
    analysis = run("The army said it killed 27 Hezbollah fighters near the border on Friday.")
    (claim,) = _figures(analysis)
    victim = next(e for e in analysis.entities if e.key == claim.args["victim"])
    assert "Hezbollah" in victim.name and claim.count.best == 27


@pytest.mark.model
def test_injuries_to_people_count_them(run) -> None:
    analysis = run(
        "Officials said the convoy came under fire, resulting in injuries to nine police officers."
    )
    (claim,) = [c for c in _figures(analysis) if c.type == "injuries"]
    assert claim.count.best == 9 and claim.args.get("victim") != "officials"


@pytest.mark.model
def test_a_figure_takes_the_place_of_an_earlier_event_not_of_a_departure(run) -> None:
    analysis = run(
        "Gunmen seized a bus near Marwat on Monday, hours after it left the city of Lakki. "
        "The police said 14 passengers were killed."
    )
    (claim,) = _figures(analysis)
    place = next((e.name for e in analysis.entities if e.key == claim.args.get("place")), None)
    assert place != "Lakki"


@pytest.mark.model
def test_a_figure_in_another_events_relative_clause_is_not_this_events(run) -> None:
    analysis = run(
        "The army said troops cleared the valley, where rebels had killed 12 villagers last "
        "year, and detained 40 fighters."
    )
    assert [c.count.best for c in _figures(analysis) if c.type == "fatalities"] in ([12], [])
    assert all(c.count.best != 40 for c in _figures(analysis))


@pytest.mark.model
def test_an_elliptical_figure_is_no_casualty_without_its_verb(run) -> None:
    analysis = run(
        "The military said the district was cleared and up to 500 fighters, according to officials."
    )
    assert _figures(analysis) == []


@pytest.mark.model
def test_including_is_the_scope_of_the_total(run) -> None:
    analysis = run("Officials said 40 killed, including six children, in the market bombing.")
    totals = [c.count.best for c in _figures(analysis) if c.type == "fatalities"]
    assert totals == [40]


@pytest.mark.model
def test_the_place_the_parse_hangs_on_the_killing(run) -> None:
    analysis = run(
        "Officials said the commander was killed Thursday in an airstrike targeting his "
        "hideout in Iraq's Anbar desert."
    )
    (claim,) = [c for c in analysis.claims if c.type == "fatalities"]
    place = next(e.name for e in analysis.entities if e.key == claim.args["place"])
    assert place == "Anbar"


@pytest.mark.model
def test_no_place_from_another_clause(run) -> None:
    analysis = run(
        "Police said 12 soldiers were killed in the clashes, after the governor returned to Herat."
    )
    (claim,) = _figures(analysis)
    assert "place" not in claim.args


@pytest.mark.model
def test_no_place_from_another_events_time(run) -> None:
    analysis = run(
        "The army said its troops killed 30 militants a day after an attack on a bus in Kandahar."
    )
    (claim,) = _figures(analysis)
    assert "place" not in claim.args and claim.count.best == 30


@pytest.mark.model
def test_the_speaker_alone_holds_no_talks(run) -> None:
    analysis = run("The ministry said much remains to be done on a ceasefire deal.")
    assert [c for c in analysis.claims if c.type == "negotiations"] == []
