"""PolNeAR brat reading, annotator choice and scoring on small literal examples (no model, but for the predictor)."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterclaim.evaluate import polnear
from counterclaim.evaluate.scoring import Item

TEXT = "“The plan,” he said, “failed.” Critics disagree.\n"
#       0123456789012345678901234567890123456789012345678
ANN = "\n".join(
    [
        "T1\tContent 0 11;21 30\t“The plan,” “failed.”",
        "T2\tSource 12 14\the",
        "T3\tCue 15 19\tsaid",
        "T4\tAttribution 15 19\tsaid",
        "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2",
        "T5\tCue 39 47\tdisagree",
        "T6\tContent 31 38\tCritics",
        "T7\tAttribution-no-source 39 47\tdisagree",
        "E2\tAttribution-no-source:T7 Cue:T5 Content:T6 ",
        "T8\tDiscard 0 4\ta note",
        "spanning a newline",
        "#1\tAnnotatorNotes T1\tnot an attribution line",
        "E3\tAttribution-no-source:T8 ",
    ]
)


def test_parse_pieces_discontinuous() -> None:
    assert polnear.parse_pieces("21 30;0 11") == ((0, 11), (21, 30))
    assert polnear.parse_pieces("5 5;6 9") == ((6, 9),)


def test_parse_ann_spans_roles_and_noise() -> None:
    golds = polnear.parse_ann(ANN)
    assert [g.id for g in golds] == ["E1", "E2"]  # E3 has no cue/content: dropped
    first, second = golds
    assert first.content == ((0, 11), (21, 30))
    assert first.cue == ((15, 19),)
    assert first.source == ((12, 14),)
    assert TEXT[15:19] == "said"
    assert second.source == ()
    assert second.content == ((31, 38),)


def test_content2_is_merged() -> None:
    ann = "\n".join(
        [
            "T1\tCue 0 4\tsaid",
            "T2\tContent 5 9\tthis",
            "T3\tContent 10 14\tthat",
            "E1\tAttribution:T9 Cue:T1 Content:T2 Content2:T3",
        ]
    )
    (gold,) = polnear.parse_ann(ann)
    assert gold.content == ((5, 9), (10, 14))


def test_first_annotator_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    ann_dir = tmp_path / "attributions"
    ann_dir.mkdir()
    (tmp_path / "text" / "pub_2016_story.txt").write_text(TEXT, encoding="utf-8")
    (ann_dir / "pub_2016_story_ef2d.ann").write_text("", encoding="utf-8")
    (ann_dir / "pub_2016_story_4b22.ann").write_text(ANN, encoding="utf-8")
    (ann_dir / "pub_2016_story_x_0000.ann").write_text("", encoding="utf-8")  # another article
    chosen = polnear.choose_annotation(tmp_path / "text" / "pub_2016_story.txt", ann_dir)
    assert chosen is not None and chosen.name == "pub_2016_story_4b22.ann"
    ((name, text, golds),) = list(polnear.articles(tmp_path))
    assert name == "pub_2016_story" and text == TEXT and len(golds) == 2


def test_evaluate_dir_counts(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "a_4b22.ann").write_text(ANN, encoding="utf-8")

    def predict(text: str) -> list[Item]:
        assert text == TEXT
        return [
            # content covers only the first piece: 9 of 11+9 chars, >= half of the shorter
            Item(cue=((15, 19),), content=((1, 10),), source=((12, 14),)),
            # right cue, content elsewhere: no match
            Item(cue=((39, 47),), content=((12, 19),)),
            # a cue that does not exist
            Item(cue=((0, 3),), content=((40, 45),)),
        ]

    report = polnear.evaluate_dir(tmp_path, predict)
    assert (report.match.tp, report.match.fp, report.match.fn) == (1, 2, 1)
    assert report.source_accuracy == 1.0
    assert report.exact["cue"].tp == 2 and report.exact["source"].tp == 1
    assert report.exact["content"].tp == 0
    lines = report.lines()
    assert lines[-1] == "polnear F1 0.400"


def test_no_source_pairs_counted_apart() -> None:
    report = polnear.PolnearReport()
    gold = Item(cue=((0, 4),), content=((5, 20),))
    report.add([Item(cue=((0, 4),), content=((5, 18),), source=((30, 32),))], [gold])
    assert report.match.tp == 1
    assert report.source_total == 0 and report.nosource_pairs == 1
    assert report.nosource_pred_none == 0


def test_polnear_convention_counts_quote_marks_and_that() -> None:
    from counterclaim.evaluate.polnear import polnear_convention

    text = "He said that the talks failed. “We were there in good faith,” she said."
    that = text.index("the talks")
    quote = text.index("We were")
    pieces = ((that, text.index(".")), (quote, text.index(",”")))
    (a, b), (c, d) = polnear_convention(text, pieces)
    assert text[a:b] == "that the talks failed"
    assert text[c:d] == "“We were there in good faith,”"
    # nothing to add: unchanged
    assert polnear_convention(text, ((0, 7),)) == ((0, 7),)


def test_polnear_convention_counts_that_before_a_quote() -> None:
    from counterclaim.evaluate.polnear import polnear_convention

    text = "The mayor said that, “We will rebuild the bridge.” Officials said that “it is safe.”"
    first = text.index("We will")
    second = text.index("it is")
    pieces = ((first, text.index(".”")), (second, text.rindex(".”")))
    (a, b), (c, d) = polnear_convention(text, pieces)
    assert text[a:b] == "that, “We will rebuild the bridge.”"
    assert text[c:d] == "that “it is safe.”"


@pytest.mark.model
def test_polnear_content_is_the_whole_complement_around_a_quote() -> None:
    """The ledger keeps the quotation ('"would be a disaster."'); PolNeAR counts the
    complement it stands in ('the plan "would be a disaster."')."""
    from counterclaim.evaluate.polnear import _convention
    from counterclaim.evaluate.run import polnear_predictor

    text = "The senator says the new tax plan “would be a disaster for working families.”"
    [item] = _convention(text, polnear_predictor()(text))
    [(start, end)] = item.content
    assert text[start:end] == "the new tax plan “would be a disaster for working families.”"
