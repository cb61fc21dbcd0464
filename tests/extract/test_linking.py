from counterclaim.extract.linking import _carries
from counterclaim.extract.patterns import Found


def test_nesting_never_loops():
    a = Found(cue=(0, 4), content=(5, 20), cue_token=0)
    b = Found(cue=(6, 10), content=(11, 20), cue_token=2)
    b.via = a
    assert _carries(a, b)  # a may not be nested under b: b is already inside a
    assert not _carries(b, a)
