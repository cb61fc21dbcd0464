"""Descriptions to parties: which named organisation "opposition forces", "government
troops" or "the group's fighters" stand for in one document.

:func:`party_of` is asked by :mod:`counterclaim.resolve.document` about a description no antecedent
or name word links (a ``DESC`` mention). In order:

1. a party phrase of the actor file ("opposition forces" is the anti-Taliban resistance
   once the document names a party of that conflict) -> the named organisation on that
   side;
2. a description class ("government troops": state forces; "the rebels", "the group's
   fighters": an armed group; ``descriptions`` in the actor file) -> the document's one
   organisation whose name marks that class ("Liberation Front", "National Army"); with
   none, every description of the class in the document joins one entity; with two or
   more, the description stays alone (which side is meant is not known);
3. "the <word>" where the word is in exactly one organisation's name ("the ministry",
   "the Front") -> that organisation, unless its class is another than the description's.

A description with a proper modifier ("Ukrainian soldiers", "a Reuters photographer") or
one that makes them someone else's ("foreign troops", "enemy fighters") takes no class.

Limits: one side per description; "fighters" in a story of two armed groups stays alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from counterclaim.lexicon import Words
from counterclaim.resolve.sides import Actors, DescriptionClass, active_conflicts_in

ARTICLES = frozenset(
    {
        "the",
        "a",
        "an",
        "its",
        "their",
        "his",
        "her",
        "two",
        "three",
        "some",
        "several",
        "many",
        "dozens",
        "hundreds",
        "of",
    }
)


# modifiers that make forces someone else's: "foreign troops", "enemy fighters"
OTHERS = Words("other_side_modifiers")
GROUP_HEADS = Words("member_nouns", "group_heads", form="last")


@dataclass(frozen=True, slots=True)
class Named[T]:
    """A named cluster as the resolver sees it: its written names and its label."""

    cluster: T
    names: tuple[str, ...]
    organisation: bool  # ORG or NORP (not a person, place or outlet)


@dataclass(slots=True)
class Parties[T]:
    """One document's party lookup (built once, asked per description)."""

    actors: Actors
    conflicts: frozenset[str]
    named: Sequence[Named[T]]
    _sides: dict[int, str | None] = field(default_factory=dict)
    _classes: dict[int, DescriptionClass | None] = field(default_factory=dict)

    @classmethod
    def of(cls, actors: Actors, text: str, named: Sequence[Named[T]]) -> Parties[T]:
        return cls(actors, active_conflicts_in(text, actors), named)

    def party_of(self, description: str) -> T | str | None:
        """The named cluster ``description`` stands for, or a class name (every such
        description joins one entity), or None (see the module doc)."""
        side = self._party_side(description)
        if side is not None:
            on_side = [n for n in self.named if n.organisation and self._side(n) == side]
            if on_side:
                return on_side[0].cluster
        other = _proper_modifier(description) or bool(OTHERS & set(description.lower().split()))
        kind = None if other else self.actors.description_class(description)
        if kind is not None:
            of_kind = [n for n in self.named if n.organisation and self._class(n) == kind]
            if len(of_kind) == 1:
                return of_kind[0].cluster
            return kind.name if not of_kind else None
        return self._head_word(description)

    def _party_side(self, description: str) -> str | None:
        """The side a party phrase heading ``description`` names: "opposition forces",
        "Taliban fighters"; not "a Taliban source" (a person of the party)."""
        if not self.conflicts:
            return None  # the document names no party of the actor file
        text = description.rstrip(" ,.;:")
        words = text.split()
        group_head = bool(words) and words[-1].lower() in GROUP_HEADS
        for _start, end, party in sorted(
            self.actors.find(text, self.conflicts), key=lambda f: (f[0], f[0] - f[1])
        ):
            if end == len(text) or group_head:
                return party.side
        return None

    def _side(self, named: Named[T]) -> str | None:
        if id(named) not in self._sides:
            self._sides[id(named)] = next(
                filter(None, (self.actors.side_in(n, self.conflicts) for n in named.names)), None
            )
        return self._sides[id(named)]

    def _class(self, named: Named[T]) -> DescriptionClass | None:
        if id(named) not in self._classes:
            self._classes[id(named)] = next(
                filter(None, (self.actors.name_class(n) for n in named.names)), None
            )
        return self._classes[id(named)]

    def _head_word(self, description: str) -> T | None:
        words = description.split()
        if len(words) != 2 or words[0].lower() != "the":
            return None
        word = words[1].lower().rstrip(".,")
        hits = [
            n
            for n in self.named
            if n.organisation and any(word in (w.lower() for w in name.split()) for name in n.names)
        ]
        return hits[0].cluster if len(hits) == 1 else None


def _proper_modifier(description: str) -> bool:
    """A capitalised word naming whose forces these are ("Ukrainian soldiers"); what
    follows a preposition or comma does not count ("Rebels in the Karsan valley")."""
    head = re.split(r",|\s(?:in|of|from|at|on|near|across|with|for)\s", description)[0]
    words = head.replace("’", "'").split()
    for n, word in enumerate(words):
        if not word[:1].isupper():
            continue
        if n == 0 and (word.lower() in ARTICLES or word.lower().rstrip("'s") in ARTICLES):
            continue
        if n == 0 and (len(words) == 1 or not words[1][:1].isupper()):
            continue  # sentence-initial capital: "Government troops", "Insurgents"
        return True
    return False


def named_entries[T](
    clusters: Sequence[T], names: Callable[[T], tuple[str, ...]], organisation: Callable[[T], bool]
) -> list[Named[T]]:
    """Wrap named clusters for :class:`Parties`."""
    return [Named(c, names(c), organisation(c)) for c in clusters]
