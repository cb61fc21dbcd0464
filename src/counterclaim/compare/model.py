"""The records compare works on, and what they share: proposition keys, times, places, figures.

Plain functions over :class:`LedgerClaim` records (a :class:`~counterclaim.records.Claim`
with what was said around it and its arguments as *global* entity ids); no I/O, so tests
feed literal records. Two claims are about the same proposition when they have the same
type and the same resolved subject arguments (:data:`KEY_ROLES`), and their event times
overlap within a window (a claim without its own date takes the date it was said, then its
document's date; a claim with no date at all overlaps everything).

Limits: no world knowledge beyond the ``Geo`` of places (without it, two differently named
places are taken to be apart); figures are compared by their ranges only; an intention or a
call is never disputed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from counterclaim.records import Claim, Count, Geo, Stance

type Ref = tuple[str, int]  # (doc_id, claim id)
type When = tuple[dt.date | None, dt.date | None]

KEY_ROLES: dict[str, tuple[str, ...]] = {
    "territorial_control": ("actor", "place"),
    "fatalities": ("victim", "place"),
    "injuries": ("victim", "place"),
    "losses": ("victim", "place"),
    "person_location": ("person",),  # the place is what two claims may disagree on
    "fighting_ongoing": ("sides", "place"),
    "attack": ("actor", "perpetrator", "target", "place"),
    "capture": ("actor", "target", "person", "place"),
    "negotiations": ("sides",),
    "responsibility": ("actor",),
}
FIGURE_TYPES = frozenset({"fatalities", "injuries", "losses"})
#: Claims about one event: two about different linked events never conflict.
ABOUT_EVENTS = FIGURE_TYPES | {"attack", "responsibility"}
NOT_DISPUTED = frozenset({"intention", "call"})  # modalities and types never disputed
#: Untyped content: its own proposition (never matched on a key with another claim), so it
#: is disputed only along a denial (within the article, or an answer found across them).
UNTYPED = "statement"
PROPOSITION_CHARS = 200  # an untyped claim's proposition text is its content, cut here
WINDOW_DAYS = 3  # a state claimed on the 2nd and denied on the 3rd is one dispute
SLACK = 0.1  # relative slack on each side of a figure before two figures disagree
TEMPLATES = {
    "territorial_control": "{actor} control {place}",
    "fatalities": "{victim} killed in {place}",
    "injuries": "{victim} injured in {place}",
    "losses": "{victim} losses in {place}",
    "person_location": "{person} in {place}",
    "fighting_ongoing": "fighting between {sides} in {place}",
    "attack": "{actor}{perpetrator} attacked {target} in {place}",
    "capture": "{actor} captured {target}{person} in {place}",
    "negotiations": "negotiations between {sides}",
    "responsibility": "{actor} responsible",
    "intention": "{actor} intend to {action} {place}",
}


@dataclass(frozen=True, slots=True)
class Said:
    """Who said a claim, through whom, when: the context of one attribution.

    ``speaker`` is a global entity id; ``named`` is False for an unnamed or role-only origin
    ("a Taliban source", "a spokesman"); ``chain`` lists intermediaries innermost first,
    ending with the publisher.
    """

    doc_id: str
    attribution: int
    speaker: str | None = None
    speaker_name: str = "?"
    side: str | None = None
    named: bool = True
    chain: tuple[str, ...] = ()
    stance: Stance = "assert"
    responds_to: int | None = None  # a denial: the attribution it denies
    date: str | None = None
    sentence: str = ""
    doc_date: str | None = None
    publisher: str | None = None
    opposes: int | None = None  # an assertion: another party's statement it opposes
    #: a denial: the statements of other documents it answers, (doc id, attribution)
    answers: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True, eq=False)
class LedgerClaim:
    """A claim in the ledger: ``args`` maps roles to global entity ids; ``names``, ``sides``
    and ``places`` describe those ids (printable name, party, location). ``event`` is the
    ledger's event the claim is about (the id of the events linked across documents, None
    when it names none or events are not linked yet), ``phase`` the part of that event its
    mention names ("initial" in "killed in the initial attack"; None: the whole event)."""

    claim: Claim
    said: Said
    args: Mapping[str, str | tuple[str, ...]] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)
    sides: Mapping[str, str] = field(default_factory=dict)
    places: Mapping[str, Geo] = field(default_factory=dict)
    event: int | None = None
    phase: str | None = None

    @property
    def ref(self) -> Ref:
        return (self.claim.doc_id, self.claim.id)

    def arg(self, role: str) -> str | None:
        value = self.args.get(role)
        return value if isinstance(value, str) else None


# ---------------------------------------------------------------- time and keys


def parse_when(value: str | None) -> When:
    """``2021-09-03``, ``2021-09``, ``2021`` or an interval ``a/b`` as (first, last) day."""
    if not value:
        return (None, None)
    if "/" in value:
        first, _, last = value.partition("/")
        return (parse_when(first)[0], parse_when(last)[1])
    try:
        parts = [int(p) for p in value[:10].split("-")]
    except ValueError:
        return (None, None)
    if len(parts) == 3:
        day = dt.date(*parts)
        return (day, day)
    if len(parts) == 2:
        start = dt.date(parts[0], parts[1], 1)
        return (start, (start + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1))
    return (dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31))


def event_time(lc: LedgerClaim) -> When:
    """The claim's period or date, else when it was said, else its document's date."""
    for value in (lc.claim.period, lc.claim.date, lc.said.date, lc.said.doc_date):
        when = parse_when(value)
        if when[0] is not None:
            return when
    return (None, None)


def overlaps(a: When, b: When, window: int = WINDOW_DAYS) -> bool:
    """Whether two times overlap within ``window`` days; an unknown time overlaps all."""
    if None in a or None in b:
        return True
    slack = dt.timedelta(days=window)
    return a[0] - slack <= b[1] and b[0] - slack <= a[1]  # type: ignore[operator]


def _norm_arg(value: str | tuple[str, ...] | None) -> object:
    return tuple(sorted(value)) if isinstance(value, tuple) else value


def comparable(lc: LedgerClaim) -> bool:
    """Whether the claim names its subject (the type's first key role): a claim about
    nobody in particular ("in Illinois") is never matched with another."""
    if lc.claim.type == UNTYPED:
        return True
    roles = KEY_ROLES.get(lc.claim.type)
    if not roles:
        return bool(lc.args)
    if lc.claim.type in ("attack", "capture"):
        return sum(lc.args.get(r) is not None for r in roles) >= 2
    return lc.args.get(roles[0]) is not None


def proposition_key(lc: LedgerClaim) -> tuple[object, ...]:
    """(type, (role, global id), ...) over the type's subject roles (all roles if unknown);
    an untyped claim's key is its own: (statement, doc id, attribution, claim id)."""
    if lc.claim.type == UNTYPED:
        return (UNTYPED, lc.claim.doc_id, lc.claim.attribution, lc.claim.id)
    roles = KEY_ROLES.get(lc.claim.type) or tuple(sorted(lc.args))
    return (lc.claim.type, *((r, _norm_arg(lc.args.get(r))) for r in roles))


def describe(lc: LedgerClaim, when: bool = True) -> str:
    """A one-line proposition: "Taliban control Panjshir (2021-09-03)"."""

    def name(role: str) -> str:
        value = lc.args.get(role)
        if isinstance(value, tuple):
            return " and ".join(lc.names.get(v, v) for v in value)
        return lc.names.get(value, value) if value else ""

    roles = set(re.findall(r"\{(\w+)\}", TEMPLATES.get(lc.claim.type, "")))
    if lc.claim.type == UNTYPED:
        text = neutral_text(lc.claim.text or "")
    elif lc.claim.type in TEMPLATES:
        text = TEMPLATES[lc.claim.type].format(**{r: name(r) for r in roles})
        text = re.sub(r"\s+in\s*$", "", re.sub(r"\s+", " ", text)).strip()
    else:
        text = lc.claim.text or " ".join(f"{r}={name(r)}" for r in sorted(lc.args))
        text = f"{lc.claim.type}: {text}"
    start, end = event_time(lc)
    if when and start is not None:
        text += f" ({start})" if start == end else f" ({start}/{end})"
    return text


def neutral_text(content: str) -> str:
    """An untyped claim's proposition: its content without quotes and closing punctuation,
    cut at :data:`PROPOSITION_CHARS` on a word boundary."""
    text = re.sub(r"\s+", " ", content).strip().strip("\"'“”‘’ ,.;:")
    if len(text) > PROPOSITION_CHARS:
        text = text[:PROPOSITION_CHARS].rsplit(" ", 1)[0] + " ..."
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------- places and figures


def same_event(a: LedgerClaim, b: LedgerClaim) -> bool:
    """Whether two figures may count one event: the same linked event and phase when both
    name one; otherwise (no event to go by) a place named by both (their proposition key
    already holds the same place and victim, and their times overlap)."""
    if a.event is not None and b.event is not None:
        return a.event == b.event and a.phase == b.phase
    if a.phase != b.phase:
        return False
    return a.arg("place") is not None and b.arg("place") is not None


def contains(outer: Geo, inner: Geo) -> bool:
    """Whether place ``outer`` includes ``inner`` (a country its regions, a region its towns)."""
    if outer == inner:
        return True
    if outer.kind == "country":
        return bool(outer.country) and inner.country == outer.country
    if outer.kind == "region":
        return bool(outer.iso3166_2) and inner.iso3166_2 == outer.iso3166_2
    return False


def places_apart(lc_a: LedgerClaim, lc_b: LedgerClaim) -> bool:
    """Whether the two claims' places cannot both hold one person at one time."""
    a, b = lc_a.arg("place"), lc_b.arg("place")
    if a is None or b is None or a == b:
        return False
    ga, gb = lc_a.places.get(a), lc_b.places.get(b)
    if ga is None or gb is None:
        return True  # documented limit: without geo, different places are apart
    return not (contains(ga, gb) or contains(gb, ga))


def count_range(count: Count) -> tuple[int, int] | None:
    """(low, high) of a count, from whichever estimates it has."""
    values = [v for v in (count.low, count.best, count.high) if v is not None]
    if not values:
        return None
    return (count.low if count.low is not None else min(values),
            count.high if count.high is not None else max(values))  # fmt: skip


def figures_disagree(a: Count, b: Count, slack: float = SLACK) -> bool:
    """Whether two figures for one event cannot both be right (ranges apart, with slack)."""
    ra, rb = count_range(a), count_range(b)
    if ra is None or rb is None:
        return False
    lo_a, hi_a = ra[0] * (1 - slack), ra[1] * (1 + slack)
    lo_b, hi_b = rb[0] * (1 - slack), rb[1] * (1 + slack)
    return hi_a < lo_b or hi_b < lo_a


def best_of(count: Count) -> int | None:
    """The best estimate: ``best``, else the middle of the range."""
    if count.best is not None:
        return count.best
    span = count_range(count)
    return None if span is None else (span[0] + span[1]) // 2
