"""Grammatical roles around a claim trigger, read from the dependency parse.

The extract stage leaves a compact parse on the analysis (:class:`~counterclaim.records.Parse`).
:class:`Syntax` answers the questions the claim builders ask of a trigger ("killed",
"were killed", "took control of", "attack on"):

- its head token (the one whose head lies outside the trigger);
- its subject: ``nsubj`` (active) or ``nsubjpass`` (passive), borrowed from the verb it
  hangs on when it has none of its own ("claims to have taken", "seized X and killed Y",
  "detonated a bomb, killing ...") or from the noun a relative clause describes
  ("fighters who attacked ...");
- its object (``dobj``), the agent of a passive ("by X") and the object of a preposition
  ("attack on X", "fell to X");
- the possessor of a noun trigger ("the group's attack").

A role is a token index; :meth:`Syntax.phrase` gives the character range of the phrase it
heads, relative clauses and clausal attachments left out ("the fighters who ...").

Limits: spaCy's parse is taken as it comes (a misattached phrase gives a wrong role); no
semantic roles beyond subject / object / agent.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from counterclaim.records import Parse

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
CLAUSES = frozenset({"relcl", "advcl", "ccomp", "parataxis", "punct", "cc", "conj", "mark"})
BORROW = frozenset({"xcomp", "conj", "advcl", "acl", "ccomp", "pcomp"})
VERBAL = frozenset({"VERB", "AUX"})
NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})


@dataclass(frozen=True, slots=True)
class Roles:
    """The grammatical roles of one trigger (token indices, or None)."""

    head: int
    verbal: bool  # the trigger is a verb or a predicate adjective ("dead")
    passive: bool
    subject: int | None = None
    object: int | None = None
    agent: int | None = None
    possessor: int | None = None


class Syntax:
    """Navigation over one document's :class:`Parse`."""

    def __init__(self, parse: Parse) -> None:
        self.parse = parse
        self.children: list[list[int]] = [[] for _ in parse.heads]
        for i, head in enumerate(parse.heads):
            if head != i:
                self.children[head].append(i)

    def token_at(self, offset: int) -> int | None:
        """The token covering character ``offset`` (or the last one starting before it)."""
        i = bisect_right(self.parse.starts, offset) - 1
        return i if i >= 0 and offset < self.parse.ends[i] else None

    def tokens_in(self, start: int, end: int) -> list[int]:
        lo = bisect_right(self.parse.starts, start - 1)
        hi = bisect_right(self.parse.starts, end - 1)
        return [i for i in range(lo, hi) if self.parse.ends[i] <= end]

    def head_of(self, start: int, end: int) -> int | None:
        """The token of ``[start, end)`` whose head lies outside it (the phrase's head)."""
        tokens = self.tokens_in(start, end)
        inside = set(tokens)
        for i in tokens:
            if self.parse.heads[i] not in inside or self.parse.heads[i] == i:
                return i
        return tokens[0] if tokens else None

    def child(self, i: int, *deps: str) -> int | None:
        return next((c for c in self.children[i] if self.parse.deps[c] in deps), None)

    def pobj(self, i: int, *preps: str) -> int | None:
        """The object of preposition ``preps`` hanging on token ``i`` ("attack on X")."""
        for c in self.children[i]:
            if self.parse.deps[c] in {"prep", "agent"} and self.parse.lemmas[c].lower() in preps:
                return self.child(c, "pobj")
        return None

    def phrase(self, i: int) -> tuple[int, int]:
        """Character range of the phrase token ``i`` heads, clauses left out."""
        lo = hi = i
        stack = [i]
        while stack:
            t = stack.pop()
            lo, hi = min(lo, t), max(hi, t)
            stack += [c for c in self.children[t] if self.parse.deps[c] not in CLAUSES]
        return self.parse.starts[lo], self.parse.ends[hi]

    def roles(self, start: int, end: int) -> Roles | None:
        """Roles of the trigger at ``[start, end)``, or None when the parse has no token."""
        head = self.head_of(start, end)
        return None if head is None else self.roles_of_token(head)

    def roles_of_token(self, head: int) -> Roles:
        """Roles of the word at token ``head``."""
        p = self.parse
        verbal = p.pos[head] in VERBAL or (p.pos[head] == "ADJ" and self._copula(head))
        passive = any(p.deps[c] in {"nsubjpass", "auxpass"} for c in self.children[head])
        subject = self._subject(head) if verbal else None
        if subject is not None and p.deps[subject] == "nsubjpass":
            passive = True
        if p.deps[head] == "acl" and subject == p.heads[head] and obj_free(self, head):
            passive = True  # "the soldiers killed in the ambush"
        agent = None
        by = self.child(head, "agent")
        if by is not None:
            agent = self.child(by, "pobj")
        obj = self.child(head, "dobj")
        if obj is not None and (obj < head or p.pos[obj] not in NOMINAL):
            obj = None  # a misparse: "that" as the object of the verb after it
        possessor = None if verbal else self.child(head, "poss")
        return Roles(head, verbal, passive, subject, obj, agent, possessor)

    def _copula(self, i: int) -> bool:
        return any(self.parse.lemmas[c] == "be" for c in self.children[i]) or (
            self.parse.deps[i] == "acomp"
        )

    def _subject(self, i: int) -> int | None:
        """The verb's subject; else its governing verb's (xcomp, conj, advcl); for a
        relative clause, the noun it describes."""
        p = self.parse
        seen = set()
        while i not in seen:
            seen.add(i)
            own = next((c for c in self.children[i] if p.deps[c] in SUBJECTS), None)
            if p.deps[i] == "acomp" and own is None:
                own = next((c for c in self.children[p.heads[i]] if p.deps[c] in SUBJECTS), None)
            if own is not None:
                if p.pos[own] == "PRON" and p.lemmas[own].lower() in {"who", "that", "which"}:
                    return p.heads[i] if p.deps[i] == "relcl" else None
                return own
            if p.deps[i] in {"relcl", "acl"} and p.pos[p.heads[i]] not in VERBAL:
                return p.heads[i]  # "fighters who attacked", "people killed in the raid"
            if p.deps[i] not in BORROW or p.heads[i] == i:
                return None
            i = p.heads[i]
            if p.pos[i] not in VERBAL:
                return None
        return None


def obj_free(syntax: Syntax, i: int) -> bool:
    """Token ``i`` has no direct object."""
    return syntax.child(i, "dobj") is None
