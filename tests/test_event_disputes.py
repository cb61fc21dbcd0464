"""Figure disputes need one event: the same linked event and phase, or a shared place.

Texts are written for these tests. The compare tests feed literal records; the model test
runs the real pipeline into a real SQLite ledger and reads its stored disputes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from counterclaim import compare
from counterclaim.compare import LedgerClaim, Said
from counterclaim.records import Claim, Count


def _toll(doc: str, best: int, speaker: str, *, event=None, phase=None, place="province"):
    claim = Claim(doc, 1, 1, "fatalities", count=Count(best, best, best, text=str(best)),
                  date="2024-05-13", args={"victim": "v", "place": place} if place else {"victim": "v"})  # fmt: skip
    said = Said(doc, 1, speaker=speaker, speaker_name=speaker.title(), doc_date="2024-05-14")
    args = {"victim": "troops", **({"place": place} if place else {})}
    return LedgerClaim(claim, said, args, {"troops": "troops"}, event=event, phase=phase)


def test_figures_of_one_event_from_two_parties_are_a_dispute() -> None:
    [dispute] = compare.find_disputes([_toll("a", 18, "army", event=7),
                                       _toll("b", 4, "rebels", event=7)])  # fmt: skip
    assert dispute.kind == "figures" and "18 vs 4" in dispute.proposition


def test_figures_of_two_events_in_one_province_are_no_dispute() -> None:
    assert compare.find_disputes([_toll("a", 18, "army", event=7),
                                  _toll("b", 4, "rebels", event=8)]) == []  # fmt: skip


def test_a_figure_for_one_phase_is_not_set_against_the_whole_event() -> None:
    assert compare.find_disputes([_toll("a", 18, "army", event=7, phase="initial"),
                                  _toll("b", 4, "rebels", event=7)]) == []  # fmt: skip
    [dispute] = compare.find_disputes([_toll("a", 18, "army", event=7, phase="initial"),
                                       _toll("b", 4, "rebels", event=7, phase="initial")])  # fmt: skip
    assert dispute.kind == "figures"


def test_without_events_figures_need_a_place_named_by_both() -> None:
    assert compare.find_disputes([_toll("a", 18, "army", place=None),
                                  _toll("b", 4, "rebels", place=None)]) == []  # fmt: skip
    [dispute] = compare.find_disputes([_toll("a", 18, "army"), _toll("b", 4, "rebels")])
    assert dispute.kind == "figures"


# -- the real pipeline ----------------------------------------------------------------------

ARTICLES = {
    "ambush.txt": (
        "date 2024-05-15 Gunmen ambushed a convoy near Kalat on Monday. The army said 18 "
        "soldiers were killed in the initial attack on the convoy in Kalat. Rebels said they "
        "killed 40 soldiers in the ambush. On Wednesday the army said 22 soldiers were killed "
        "in the ambush in Kalat."
    ),
}


@pytest.mark.model
def test_stored_figure_disputes_stay_within_one_event(tmp_path: Path) -> None:
    from counterclaim.cli import app

    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'ledger.db'}"
    runner = CliRunner()
    done = runner.invoke(app, ["ingest", str(tmp_path), "--publisher", "agency", "--db", db])
    assert done.exit_code == 0, done.output
    listed = runner.invoke(app, ["disputes", "--json", "--db", db])
    assert listed.exit_code == 0, listed.output
    figures = [d for d in map(json.loads, listed.stdout.splitlines()) if d["kind"] == "figures"]
    shown = {tuple(sorted(c["count"]["best"] for c in (*d["for"], *d["against"])))
             for d in figures}  # fmt: skip
    # the rebels' 40 against the army's whole-ambush 22: one event, two parties
    assert any(40 in s and 22 in s for s in shown), shown
    # never the initial attack's 18 against a toll of the whole ambush
    assert not any(18 in s for s in shown), shown
