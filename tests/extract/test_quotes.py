import pytest

from counterclaim.extract.quotes import find_quotes


def texts(text):
    return [text[s:e] for s, e in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will win" today.', ["we will win"]),
        ("“Curly quotes,” she said.", ["Curly quotes,"]),
        ('“Mixed marks," she said.', ["Mixed marks,"]),
        ("«Guillemets here» he said.", ["Guillemets here"]),
        # unpaired opening mark: runs to the end of the paragraph, never beyond it
        (
            'He said "this never closes and goes on\n\nNext paragraph is narration.',
            ["this never closes and goes on"],
        ),
        # a stray closing mark is ignored
        ("No opening here” at all.", []),
        # wire convention: a quote continued in a new paragraph re-opens with a new mark
        ('"First part of it.\n\n"Second part," he said.', ["First part of it.", "Second part,"]),
    ],
)
def test_find_quotes(text, expected):
    assert texts(text) == expected


def test_empty_and_marks_only():
    assert find_quotes("") == []
    assert find_quotes('"" “”') == []


def test_typewriter_double_apostrophes():
    text = "''We continue to believe,'' said Ken Sena. It's 'fine'."
    assert texts(text) == ["We continue to believe,"]
