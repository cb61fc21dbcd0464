"""Reporting cues as data: verbs, nouns, channels.

The lists are plain data behind versioned registered functions
(``counterclaim.reporting_verbs.v1`` ...), so a spaCy config or a test can swap them.
"""

from __future__ import annotations

from spacy.util import registry

#: Verbs that introduce what someone says, writes or claims (lemmas).
REPORTING_VERBS: frozenset[str] = frozenset(
    [
        "say",
        "tell",
        "write",
        "claim",
        "assert",
        "state",
        "declare",
        "announce",
        "report",
        "add",
        "note",
        "explain",
        "stress",
        "emphasize",
        "emphasise",
        "insist",
        "maintain",
        "argue",
        "contend",
        "suggest",
        "indicate",
        "confirm",
        "acknowledge",
        "admit",
        "concede",
        "reveal",
        "disclose",
        "allege",
        "accuse",
        "charge",
        "warn",
        "caution",
        "predict",
        "promise",
        "vow",
        "pledge",
        "threaten",
        "tweet",
        "post",
        "reply",
        "respond",
        "retort",
        "answer",
        "quip",
        "comment",
        "remark",
        "mention",
        "observe",
        "recall",
        "recount",
        "describe",
        "estimate",
        "reiterate",
        "repeat",
        "testify",
        "inform",
        "assure",
        "brief",
        "complain",
        "lament",
        "boast",
        "concede",
        "agree",
        "disagree",
        "deny",
        "refute",
        "reject",
        "dismiss",
        "rebut",
        "dispute",
        "contradict",
        "counter",
        "urge",
        "demand",
        "appeal",
        "plead",
        "ask",
        "call",
        "order",
        "instruct",
        "propose",
        "recommend",
        "signal",
        "hint",
        "predict",
        "forecast",
        "project",
        "believe",
        "think",
        "expect",
        "hope",
        "fear",
        "worry",
        "doubt",
        "suspect",
        "acknowledge",
        "affirm",
        "aver",
        "attest",
        "certify",
        "conclude",
        "find",
        "show",
        "endorse",
        "criticize",
        "criticise",
        "denounce",
        "condemn",
        "praise",
        "blast",
        "slam",
        "welcome",
        "hail",
        "applaud",
        "decry",
        "plan",
        "want",
        "decide",
        "intend",
        "seek",
        "aim",
        "offer",
    ]
)

#: Verbs of attitude, intention and evaluation: reported inside someone's statement ("he said
#: they fear ..."), they are part of what that speaker said, not a statement of their own.
ATTITUDE_VERBS: frozenset[str] = frozenset(
    [
        "believe",
        "think",
        "expect",
        "hope",
        "fear",
        "worry",
        "doubt",
        "suspect",
        "find",
        "show",
        "plan",
        "want",
        "decide",
        "intend",
        "seek",
        "aim",
        "offer",
        "agree",
        "disagree",
        "welcome",
        "hail",
        "applaud",
        "praise",
        "endorse",
        "criticize",
        "criticise",
        "denounce",
        "condemn",
        "blast",
        "slam",
        "decry",
        "predict",
        "forecast",
        "project",
        "conclude",
        "recommend",
        "propose",
        "know",
        "feel",
    ]
)

#: Verbs whose use is a denial of something someone else said.
DENIAL_VERBS: frozenset[str] = frozenset(
    ["deny", "refute", "reject", "dismiss", "rebut", "dispute", "contradict", "disavow", "debunk"]
)

#: Verbs that call for action (kind ``call``).
CALL_VERBS: frozenset[str] = frozenset(
    ["urge", "demand", "appeal", "plead", "call", "order", "instruct"]
)

#: Verbs that need a propositional complement to count (too common otherwise).
WEAK_VERBS: frozenset[str] = frozenset(
    [
        "believe",
        "think",
        "expect",
        "hope",
        "fear",
        "worry",
        "doubt",
        "suspect",
        "find",
        "show",
        "agree",
        "disagree",
        "add",
        "ask",
        "call",
        "order",
        "answer",
        "respond",
        "reply",
        "counter",
        "conclude",
    ]
)

#: Verbs whose direct object is what is said ("announced the end of ...").
OBJECT_CONTENT_VERBS: frozenset[str] = frozenset(
    [
        "announce",
        "report",
        "deny",
        "refute",
        "reject",
        "dismiss",
        "rebut",
        "dispute",
        "contradict",
        "confirm",
        "acknowledge",
        "admit",
        "reveal",
        "disclose",
        "allege",
        "predict",
        "promise",
        "pledge",
        "vow",
        "threaten",
        "describe",
        "estimate",
        "reiterate",
        "repeat",
        "tweet",
        "post",
        "demand",
        "propose",
        "recommend",
        "concede",
        "forecast",
        "endorse",
        "criticize",
        "criticise",
        "denounce",
        "condemn",
        "praise",
        "blast",
        "slam",
        "accuse",
        "welcome",
        "hail",
        "applaud",
        "decry",
    ]
)

#: Verbs whose infinitive complement is the stated intention or position ("plans to ...").
XCOMP_CONTENT_VERBS: frozenset[str] = frozenset(
    [
        "claim",
        "say",
        "appear",
        "plan",
        "want",
        "decide",
        "hope",
        "intend",
        "vow",
        "threaten",
        "promise",
        "pledge",
        "seek",
        "aim",
        "agree",
        "offer",
    ]
)

#: Nouns that carry a report ("media reports that ...", "his statement that ...").
REPORTING_NOUNS: frozenset[str] = frozenset(
    [
        "report",
        "statement",
        "claim",
        "announcement",
        "assertion",
        "allegation",
        "remark",
        "comment",
        "denial",
        "account",
        "message",
        "warning",
        "promise",
        "pledge",
        "threat",
        "accusation",
        "assurance",
        "insistence",
        "admission",
        "acknowledgment",
        "acknowledgement",
        "rumor",
        "rumour",
        "suggestion",
        "argument",
        "contention",
        "belief",
        "view",
        "estimate",
        "testimony",
    ]
)

#: Reporting nouns that, bare and definite ("these reports"), point back to an earlier claim.
ANAPHORIC_NOUNS: frozenset[str] = frozenset(
    [
        "report",
        "claim",
        "allegation",
        "rumor",
        "rumour",
        "statement",
        "assertion",
        "accusation",
        "suggestion",
    ]
)

#: Words naming a channel, lower-case surface -> canonical name.
CHANNELS: dict[str, str] = {
    "twitter": "Twitter",
    "tweet": "Twitter",
    "instagram": "Instagram",
    "facebook": "Facebook",
    "telegram": "Telegram",
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "whatsapp": "WhatsApp",
    "truth social": "Truth Social",
    "audio message": "audio message",
    "video message": "video message",
    "voice message": "audio message",
    "video": "video",
    "statement": "statement",
    "interview": "interview",
    "press conference": "press conference",
    "news conference": "news conference",
    "briefing": "briefing",
    "press release": "press release",
    "televised address": "televised address",
    "address": "address",
    "speech": "speech",
    "broadcast": "broadcast",
    "radio": "radio",
    "television": "television",
    "website": "website",
    "blog": "blog",
    "post": "post",
    "letter": "letter",
}


@registry.misc("counterclaim.reporting_verbs.v1")
def reporting_verbs() -> list[str]:
    """The default reporting-verb lemmas."""
    return sorted(REPORTING_VERBS)


@registry.misc("counterclaim.reporting_nouns.v1")
def reporting_nouns() -> list[str]:
    """The default reporting-noun lemmas."""
    return sorted(REPORTING_NOUNS)
