"""Reporting cues: verbs, nouns, channels, read from the word lists in ``data/``.

Each list is a :class:`~counterclaim.lexicon.Words` (a lazily loaded frozenset, so a user data
folder set after import still counts); the lists live in ``data/words/<name>.txt`` and
``data/channels.yaml``. The reporting verbs and nouns also sit behind versioned registered
functions (``counterclaim.reporting_verbs.v1`` ...), so a spaCy config or a test can swap them.
"""

from __future__ import annotations

from spacy.util import registry

from counterclaim import lexicon
from counterclaim.lexicon import Words

#: Verbs that introduce what someone says, writes or claims (lemmas).
REPORTING_VERBS = Words("reporting_verbs")
#: Verbs of attitude, intention and evaluation: reported inside someone's statement ("he said
#: they fear ..."), they are part of what that speaker said, not a statement of their own.
ATTITUDE_VERBS = Words("attitude_verbs")
#: Verbs whose use is a denial of something someone else said.
DENIAL_VERBS = Words("denial_verbs")
#: Verbs that call for action (kind ``call``).
CALL_VERBS = Words("call_verbs")
#: Verbs that need a propositional complement to count (too common otherwise).
WEAK_VERBS = Words("weak_verbs")
#: Verbs whose direct object is what is said ("announced the end of ...").
OBJECT_CONTENT_VERBS = Words("object_content_verbs")
#: Verbs whose infinitive complement is the stated intention or position ("plans to ...").
XCOMP_CONTENT_VERBS = Words("xcomp_content_verbs")
#: Nouns that carry a report ("media reports that ...", "his statement that ...").
REPORTING_NOUNS = Words("reporting_nouns")
#: Reporting nouns that, bare and definite ("these reports"), point back to an earlier claim.
ANAPHORIC_NOUNS = Words("anaphoric_nouns")


@lexicon.cached
def channels() -> dict[str, str]:
    """Words naming a channel, lower-case surface -> canonical name (``data/channels.yaml``)."""
    return {str(k).lower(): str(v) for k, v in lexicon.table("channels").items()}


@lexicon.cached
def channels_longest_first() -> tuple[str, ...]:
    """The channel phrases, longest first (ties in file order)."""
    return tuple(sorted(channels(), key=len, reverse=True))


@registry.misc("counterclaim.reporting_verbs.v1")
def reporting_verbs() -> list[str]:
    """The default reporting-verb lemmas."""
    return sorted(REPORTING_VERBS)


@registry.misc("counterclaim.reporting_nouns.v1")
def reporting_nouns() -> list[str]:
    """The default reporting-noun lemmas."""
    return sorted(REPORTING_NOUNS)
