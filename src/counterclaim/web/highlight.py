"""Cutting an article into highlighted pieces from the attributions' character offsets.

Sources, cues and contents nest ("he refuted [media reports that he had fled]") and may
cross, so the text is cut at every span boundary into flat segments; each segment knows
every role and attribution covering it and links to the innermost one. Segments carry the
raw text: the template escapes each piece (Jinja autoescape), so an article containing
``<script>`` shows as text.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from counterclaim.records import Analysis, Attribution, Span

ROLES = ("source", "cue", "content")
SIDE_COLOURS = 6  # palette size in style.css: .side-0 ... .side-5


@dataclass(frozen=True, slots=True)
class Mark:
    """One role of one attribution: a span to highlight."""

    start: int
    end: int
    attr: int
    role: str  # source, cue, content

    @property
    def width(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text with the same highlighting.

    Attributes:
        text: The raw characters (escaped when rendered).
        start: Offset of the first character in the document.
        roles: Roles covering it, outermost first ("content", "source").
        attr: The innermost attribution covering it (its link target), if any.
        attrs: Every attribution covering it.
        header: Part of the wire header rather than the body.
        classes: CSS classes: roles, stance, kind and side of the innermost attribution.
        side: Side of the innermost attribution's speaker, when known.
        first: The first segment linking to its attribution (the one reached with Tab).
    """

    text: str
    start: int
    roles: tuple[str, ...] = ()
    attr: int | None = None
    attrs: tuple[int, ...] = ()
    header: bool = False
    classes: str = ""
    side: str | None = None
    first: bool = False


@cache
def _party_colours() -> dict[str, int]:
    """Side -> its party's place in its conflict in the actor file: opposing parties of one
    conflict get the first, most distinct colours (blue, orange, green, ...)."""
    try:
        from counterclaim.resolve.sides import load_actors

        parties = load_actors().parties
    except Exception:
        return {}
    seen: dict[str, int] = {}
    colours: dict[str, int] = {}
    for party in parties:
        place = seen.get(party.conflict, 0)
        seen[party.conflict] = place + 1
        colours.setdefault(party.side.casefold(), place % SIDE_COLOURS)
    return colours


def side_class(side: str | None) -> str:
    """A stable palette class for a side of the conflict: ``side-0`` .. ``side-5``.

    Parties of the actor file take their place in their conflict; other sides a hash.
    """
    if not side:
        return ""
    place = _party_colours().get(side.casefold())
    if place is None:
        place = zlib.crc32(side.casefold().encode()) % SIDE_COLOURS
    return f"side-{place}"


def marks(attributions: tuple[Attribution, ...] | list[Attribution], size: int) -> list[Mark]:
    """The spans to highlight, dropping empty or out-of-range ones."""
    found = []
    for attr in attributions:
        for role in ROLES:
            span: Span | None = getattr(attr, role)
            if span is not None and 0 <= span.start < span.end <= size:
                found.append(Mark(span.start, span.end, attr.id, role))
    return found


def _innermost(covering: list[Mark]) -> Mark:
    order = {"cue": 0, "source": 1, "content": 2}
    return min(covering, key=lambda m: (m.width, order[m.role]))


def segments(analysis: Analysis, sides: Mapping[str, str] | None = None) -> list[Segment]:
    """Cut the document text into segments at every header and span boundary.

    Args:
        analysis: The document and its attributions.
        sides: Speaker entity key -> side of the conflict, to colour by side.

    Returns:
        Segments covering the whole text, in order; joining their texts gives it back.
    """
    doc = analysis.document
    text = doc.text
    by_id = {a.id: a for a in analysis.attributions}
    found = marks(analysis.attributions, len(text))
    body = min(max(doc.body_start, 0), len(text))
    cuts = sorted({0, len(text), body, *(m.start for m in found), *(m.end for m in found)})
    position = {m: i for i, m in reversed(list(enumerate(found)))}  # ties: first mark wins
    starting: dict[int, list[Mark]] = {}
    for m in found:
        starting.setdefault(m.start, []).append(m)
    active: list[Mark] = []  # the marks covering the current piece (a sweep over the cuts)
    out: list[Segment] = []
    seen: set[int] = set()
    for lo, hi in pairwise(cuts):
        active = [m for m in active if m.end > lo] + starting.get(lo, [])
        covering = sorted(active, key=position.__getitem__)
        if not covering:
            out.append(Segment(text[lo:hi], lo, header=lo < body))
            continue
        inner = _innermost(covering)
        attr = by_id[inner.attr]
        side = (sides or {}).get(attr.speaker or "")
        outer_first = sorted(covering, key=lambda m: -m.width)
        roles = tuple(dict.fromkeys(m.role for m in outer_first))
        classes = [*(f"hl-{r}" for r in roles), f"is-{attr.stance}", f"kind-{attr.kind}"]
        if side:
            classes.append(side_class(side))
        out.append(
            Segment(
                text=text[lo:hi],
                start=lo,
                roles=roles,
                attr=inner.attr,
                attrs=tuple(sorted({m.attr for m in covering})),
                header=lo < body,
                classes=" ".join(classes),
                side=side,
                first=inner.attr not in seen,
            )
        )
        seen.add(inner.attr)
    return out
