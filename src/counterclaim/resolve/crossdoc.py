"""Cross-document entity resolution: document entities into global entities across articles.

Each named document entity (not UNNAMED descriptions) joins the global entity it links to
most strongly, or starts a new one. Names are compared with the forms of
:mod:`counterclaim.resolve.document` (titles, determiners and member nouns removed):

- an identical name links (EXACT), unless the parties (``Entity.side``) disagree;
- a short form links (SHORT): a bare surname or initials to a full person name, an acronym
  written in capitals to the name it abbreviates ("NRF" / "National Resistance Front");
- a spelling variant or transliteration (VARIANT: "Dashti" / "Fashti", "Massoud" /
  "Masood", "Karimov" / "Karimoff", "Panjshir" / "Panjsher") links only with agreeing
  evidence: a common role head, the same side, or a co-occurring entity in common;
- two full person names that are neither short forms nor variants of each other never link
  ("Ahmad Massoud" / "Ahmad Shah Massoud": father and son);
- a bare surname that fits several global entities equally goes to none (a new one).

User pins work on names (case and accents folded): ``merge`` joins every global entity
holding one name with those holding the other; ``split`` keeps the two names apart. Pins
are stored in the ledger and applied whenever entities are resolved.

Resolution is incremental: :meth:`EntityIndex.add` links one document's entities against
the index as it stands; :func:`resolve_all` rebuilds it (after a pin), keeping earlier ids.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from rapidfuzz.distance import Levenshtein

from counterclaim.records import Analysis, Entity, Geo
from counterclaim.resolve.document import (
    EXACT,
    FUNCTION_WORDS,
    SHORT,
    TYPE_ORDER,
    VARIANT,
    Form,
    acronym_of,
    capitals,
    dated,
    fold,
    form_of,
    owned_body,
    person_relation,
    qualified_by_country,
    role_heads,
    slug,
)

type Ref = tuple[str, str]  # (doc_id, document entity key)
FAMILIES = {"PERSON": "PERSON", "PLACE": "PLACE", "ORG": "ORG", "NORP": "ORG", "MEDIA": "ORG"}
PRONOUNS = frozenset(
    ["he", "she", "they", "it", "his", "her", "their", "its", "we", "i", "you", "him", "them"]
)
TRANSLIT = (("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("ph", "f"), ("ck", "k"),
            ("q", "k"), ("w", "v"), ("y", "i"))  # fmt: skip


@dataclass(frozen=True, slots=True)
class DocEntity:
    """A document entity with what cross-document linking compares: names and context."""

    doc_id: str
    entity: Entity
    context: frozenset[str] = frozenset()  # folded names of the document's other entities
    date: dt.date | None = None  # the document's date

    @property
    def forms(self) -> tuple[Form, ...]:
        return _forms(self.entity, self.date)

    @property
    def ref(self) -> Ref:
        return (self.doc_id, self.entity.key)


@dataclass(frozen=True, slots=True)
class GlobalEntity:
    """One thing named across the ledger's documents."""

    id: str
    name: str
    type: str
    side: str | None = None
    roles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # the names it goes by, most frequent first
    documents: int = 0
    geo: Geo | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """A document entity's global entity, and why it was put there."""

    doc_id: str
    key: str
    global_id: str
    reason: str


@dataclass(frozen=True, slots=True)
class Pin:
    """A user decision on two names: always ``merge`` them, or always ``split`` them."""

    kind: Literal["merge", "split"]
    a: str
    b: str


def name_key(name: str) -> str:
    """The folded form pins compare: "Fahim Dashti" -> "fahim dashti"."""
    return " ".join(fold(w) for w in name.split())


def translit(token: str) -> str:
    """A rough transliteration key: doubles collapsed, common digraphs unified, vowel runs
    reduced ("Massoud", "Masood" -> "masad"; "Karimoff" -> "karimav")."""
    for a, b in TRANSLIT:
        token = token.replace(a, b)
    token = re.sub(r"(.)\1+", r"\1", token)
    token = re.sub(r"(?<=.)(?:of|ov|ow)$", "ov", token)
    return re.sub(r"[aeiou]+", "a", token)


def variant_token(a: str, b: str) -> bool:
    """Two spellings of one word: same transliteration key, or an edit or two apart."""
    if a == b or min(len(a), len(b)) < 4:
        return a == b
    limit = 2 if min(len(a), len(b)) >= 5 else 1
    return translit(a) == translit(b) or Levenshtein.distance(a, b) <= limit


def variant_of(a: Sequence[str], b: Sequence[str]) -> bool:
    """Same length, one word spelt differently, the others equal or transliterations."""
    if len(a) != len(b) or tuple(a) == tuple(b):
        return False
    differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return all(translit(x) == translit(y) for x, y in differ[:-1]) and variant_token(*differ[-1])


@lru_cache(maxsize=65536)
def _forms(entity: Entity, when: dt.date | None = None) -> tuple[Form, ...]:
    """Comparison forms of the entity's name and of its mentions that are names, read as
    of the document's date ``when`` (who governs a country depends on it).

    Left out: descriptions ("The military spokesperson", "Pakistani army spokesperson": a
    role noun at the end), and a capital in an entity not named after it ("Islamabad" in
    Pakistan's, where it stood for the government): the capital is a place elsewhere."""
    label = "ORG" if entity.type in {"NORP", "MEDIA"} else entity.type
    texts = [entity.name, *(s.text for s in entity.mentions)]
    own = fold(entity.name)
    forms: dict[tuple[str, ...], Form] = {}
    with dated(when):
        for text in texts:
            words = text.split()
            if not words or not words[0][:1].isupper() or fold(words[0]) in PRONOUNS:
                continue
            if text.strip() != entity.name and fold(text) != own and fold(text) in capitals():
                continue
            form = form_of(text, label)
            body = owned_body(text) if label == "PLACE" else None
            if body is not None:  # "Pakistani side", "Pakistani authorities": the country
                form = replace(form, tokens=body)
            if not any(w[:1].isupper() for w in form.core.split()):
                continue  # a description ("The military spokesperson") is no name to link on
            if len(form.tokens) > 1 and role_heads([form.tokens[-1]]):
                continue
            if form.tokens:
                forms.setdefault(form.tokens, form)
    return tuple(forms.values())


def doc_entities(analysis: Analysis) -> list[DocEntity]:
    """The analysis's named entities with their co-occurring names as context."""
    named = [e for e in analysis.entities if e.type in FAMILIES]
    keys = {e.key: name_key(e.name) for e in named if e.type != "MEDIA"}
    date = analysis.document.date
    return [
        DocEntity(
            analysis.document.id, e, frozenset(v for k, v in keys.items() if k != e.key), date
        )
        for e in named
    ]


@dataclass(slots=True)
class _Global:
    id: str
    family: str
    forms: dict[tuple[str, ...], Form] = field(default_factory=dict)
    names: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    heads: set[str] = field(default_factory=set)
    sides: Counter[str] = field(default_factory=Counter)
    context: Counter[str] = field(default_factory=Counter)
    members: list[Ref] = field(default_factory=list)
    docs: set[str] = field(default_factory=set)
    geo: Geo | None = None

    @property
    def side(self) -> str | None:
        return self.sides.most_common(1)[0][0] if self.sides else None

    def add(self, item: DocEntity) -> None:
        entity = item.entity
        for form in item.forms:
            self.forms.setdefault(form.tokens, form)
        self.names[entity.name] += 1
        self.types[entity.type] += 1
        self.roles.extend(r for r in entity.roles if r not in self.roles)
        self.heads |= role_heads(list(entity.roles))
        if entity.side:
            self.sides[entity.side] += 1
        self.context.update(item.context)
        self.members.append(item.ref)
        self.docs.add(item.doc_id)
        self.geo = self.geo or entity.geo

    def record(self) -> GlobalEntity:
        name = max(self.names, key=lambda n: (len(n.split()) > 1, self.names[n], len(n)))
        order = {t: n for n, t in enumerate(TYPE_ORDER)}  # a tie: the likelier reading
        kind = (
            "MEDIA"
            if self.types["MEDIA"]
            else min(self.types, key=lambda t: (-self.types[t], order.get(t, len(order))))
        )
        aliases = tuple(n for n, _ in self.names.most_common())
        return GlobalEntity(self.id, name, kind, self.side, tuple(self.roles), aliases,
                            len(self.docs), self.geo)  # fmt: skip


class EntityIndex:
    """Global entities and the document entities linked to them; grows one document at a time."""

    def __init__(self, pins: Iterable[Pin] = ()) -> None:
        self._globals: dict[str, _Global] = {}
        self._block: dict[str, set[str]] = {}
        self._links: dict[Ref, Link] = {}
        self._apart: dict[str, set[str]] = {}
        self._merges: list[Pin] = []
        for pin in pins:  # a later pin on the same two names overrides an earlier one
            a, b = name_key(pin.a), name_key(pin.b)
            self._merges = [m for m in self._merges if {m.a, m.b} != {a, b}]
            self._apart.get(a, set()).discard(b)
            self._apart.get(b, set()).discard(a)
            if pin.kind == "split":
                self._apart.setdefault(a, set()).add(b)
                self._apart.setdefault(b, set()).add(a)
            else:
                self._merges.append(Pin("merge", a, b))

    # -- reading
    def entities(self) -> list[GlobalEntity]:
        return [g.record() for g in self._globals.values()]

    def links(self) -> list[Link]:
        return list(self._links.values())

    def global_of(self, ref: Ref) -> str | None:
        link = self._links.get(ref)
        return link.global_id if link else None

    # -- building
    def restore(self, item: DocEntity, global_id: str, reason: str = "stored") -> None:
        """Put a document entity back under the global id it was stored with."""
        family = FAMILIES.get(item.entity.type)
        if family is None:
            return
        target = self._globals.get(global_id) or self._new(family, global_id)
        self._join(target, item, reason)

    def add(
        self, items: Sequence[DocEntity], previous: Mapping[Ref, str] | None = None
    ) -> list[Link]:
        """Link one document's entities; return every link made or changed (a merge pin may
        move entities of earlier documents).

        Args:
            items: The document's entities, from :func:`doc_entities`.
            previous: Global ids from an earlier resolution, reused for new global entities.
        """
        out = []
        for item in items:
            family = FAMILIES.get(item.entity.type)
            if family is None or item.ref in self._links:
                continue
            target, reason = self._best(item, family)
            if target is None:
                wanted = (previous or {}).get(item.ref)
                target = self._new(family, wanted if wanted not in self._globals else None,
                                   item.entity.name)  # fmt: skip
            out.append(self._join(target, item, reason))
        out.extend(self._apply_merges())
        changed = {(link.doc_id, link.key): None for link in out}
        return [self._links[ref] for ref in changed]

    def _new(self, family: str, wanted: str | None, name: str = "entity") -> _Global:
        gid = wanted or slug(name)
        if gid in self._globals:
            base, n = gid, 2
            while f"{base}-{n}" in self._globals:
                n += 1
            gid = f"{base}-{n}"
        self._globals[gid] = _Global(gid, family)
        return self._globals[gid]

    def _join(self, target: _Global, item: DocEntity, reason: str) -> Link:
        target.add(item)
        for key in _block_keys(item.forms):
            self._block.setdefault(key, set()).add(target.id)
        link = Link(item.doc_id, item.entity.key, target.id, reason)
        self._links[item.ref] = link
        return link

    def _best(self, item: DocEntity, family: str) -> tuple[_Global | None, str]:
        forms = item.forms
        candidates = {g for key in _block_keys(forms, query=True) for g in self._block.get(key, ())}
        scored = []
        for gid in sorted(candidates):
            target = self._globals[gid]
            strength, reason = self._strength(target, item, family, forms)
            if strength:
                evidence = len(_evidence(target, item))
                scored.append(((strength, evidence), target, reason))
        if not scored:
            return self._other_type(item, family, candidates)
        scored.sort(key=lambda s: (s[0], len(s[1].members)), reverse=True)
        (rank, target, reason), *rest = scored
        single = family == "PERSON" and all(len(f.tokens) == 1 for f in forms)
        if single and rest and rest[0][0] == rank:
            return None, "new: surname fits several"
        return target, reason

    def _other_type(
        self, item: DocEntity, family: str, candidates: Iterable[str]
    ) -> tuple[_Global | None, str]:
        """The one global entity of another type holding exactly this name ("France" as a
        place here, as an actor elsewhere; "Sibi" as a person where the NER erred): one thing,
        its type voted over the ledger. Never a named person's (a full name, or a title),
        a "person" only where one side is a geocoded place, never against a side or a place
        that disagrees."""
        entity = item.entity
        if family == "PERSON" and (entity.roles or len(entity.name.split()) > 1):
            return None, "new"
        own = item.forms[0].tokens if item.forms else ()
        found = []
        for gid in sorted(candidates):
            target = self._globals[gid]
            if target.family == family or own not in target.forms:
                continue
            if "PERSON" in (family, target.family) and target.geo is None and entity.geo is None:
                continue  # a one-word "person" is a town only where a gazetteer knows it
            if target.family == "PERSON" and (
                target.roles or any(len(t) > 1 for t in target.forms)
            ):
                continue
            if entity.side and target.side and entity.side != target.side:
                continue
            if entity.geo and target.geo and _geo_apart(entity.geo, target.geo):
                continue
            if self._apart.get(name_key(entity.name), set()) & {name_key(n) for n in target.names}:
                continue
            found.append(target)
        if len(found) != 1:
            return None, "new"
        other = found[0].types.most_common(1)[0][0]
        return found[0], f"same name, typed {entity.type} here and {other} elsewhere (type by vote)"

    def _strength(
        self, target: _Global, item: DocEntity, family: str, forms: Sequence[Form]
    ) -> tuple[int, str]:
        entity = item.entity
        if target.family != family or not forms:
            return 0, ""
        if entity.side and target.side and entity.side != target.side:
            return 0, ""
        names = {name_key(n) for n in target.names}
        if self._apart.get(name_key(entity.name), set()) & names:
            return 0, ""
        if entity.geo and target.geo and _geo_apart(entity.geo, target.geo):
            return 0, ""
        if family == "PERSON" and _full_name_conflict(forms, list(target.forms.values())):
            return 0, ""
        if family != "PERSON" and _second_expansion(forms, list(target.forms.values())):
            return 0, ""
        if family == "PERSON" and _bare_surname_apart(item, forms, target):
            return 0, ""
        best, why = 0, ""
        for f in forms:
            for g in target.forms.values():
                strength, reason = _relation(f, g, family)
                if strength == VARIANT:
                    support = _evidence(target, item)
                    if not support:
                        continue
                    reason = f"{reason} ({', '.join(sorted(support))})"
                if strength > best:
                    best, why = strength, reason
        return best, why

    def _apply_merges(self) -> list[Link]:
        """Fold together the global entities holding names a merge pin joins."""
        moved: list[Link] = []
        for pin in self._merges:
            holders = [g for g in self._globals.values()
                       if {name_key(n) for n in g.names} & {pin.a, pin.b}]  # fmt: skip
            if len(holders) < 2:
                continue
            keep, *others = sorted(holders, key=lambda g: (-len(g.members), g.id))
            for other in others:
                moved.extend(self._absorb(keep, other))
        return moved

    def _absorb(self, keep: _Global, other: _Global) -> list[Link]:
        del self._globals[other.id]
        for ids in self._block.values():
            if other.id in ids:
                ids.discard(other.id)
                ids.add(keep.id)
        keep.forms.update(other.forms)
        for name in ("names", "types", "sides", "context"):
            getattr(keep, name).update(getattr(other, name))
        keep.roles.extend(r for r in other.roles if r not in keep.roles)
        keep.heads |= other.heads
        keep.members.extend(other.members)
        keep.docs |= other.docs
        keep.geo = keep.geo or other.geo
        moved = []
        for ref in other.members:
            link = Link(ref[0], ref[1], keep.id, f"pinned merge with {other.id}")
            self._links[ref] = link
            moved.append(link)
        return moved


def _block_keys(forms: Iterable[Form], query: bool = False) -> set[str]:
    keys = set()
    for form in forms:
        for token in form.tokens:
            keys.add(token)
            keys.add("t:" + translit(token))
        if len(form.tokens) > 1:
            keys.add("acr:" + "".join(t[0] for t in form.tokens if t))
            content = [t for t in form.tokens if t and t not in FUNCTION_WORDS]
            keys.add("acr:" + "".join(t[0] for t in content))
        elif query:
            keys.add("acr:" + form.tokens[0])
    return keys


def _relation(f: Form, g: Form, family: str) -> tuple[int, str]:
    if f.tokens == g.tokens:
        return EXACT, "same name"
    if family == "PERSON":
        if person_relation(f.tokens, g.tokens):
            shorter = len(f.tokens) < len(g.tokens)
            return SHORT, f"short form of {g.core}" if shorter else "full name"
        if variant_of(f.tokens, g.tokens):
            return VARIANT, f"spelling variant of {g.core}"
        return 0, ""
    short, full = (f, g) if len(f.tokens) <= len(g.tokens) else (g, f)
    if short.core.isupper() and acronym_of(short.tokens, full.tokens):
        return SHORT, f"acronym of {full.core}" if short is f else f"expansion of {short.core}"
    if qualified_by_country(short.tokens, full.tokens):
        return SHORT, f"{full.core} without its country" if short is f else f"{full.core}"
    if variant_of(f.tokens, g.tokens):
        return VARIANT, f"spelling variant of {g.core}"
    return 0, ""


def _full_name_conflict(forms: Sequence[Form], others: Sequence[Form]) -> bool:
    """A full name that is neither a short form nor a variant of another full name."""
    return any(
        len(f.tokens) > 1 and len(g.tokens) > 1
        and not person_relation(f.tokens, g.tokens) and not variant_of(f.tokens, g.tokens)
        for f in forms for g in others
    )  # fmt: skip


def _second_expansion(forms: Sequence[Form], others: Sequence[Form]) -> bool:
    """Two different expansions of one acronym ("GOP": "Grand Old Party" and "Growth and
    Opportunity Project") are two things."""
    longs = [f for f in forms if len(f.tokens) > 1]
    other_longs = [g for g in others if len(g.tokens) > 1]
    return bool(longs and other_longs) and not any(
        f.tokens == g.tokens or variant_of(f.tokens, g.tokens) for f in longs for g in other_longs
    )


def _bare_surname_apart(item: DocEntity, forms: Sequence[Form], target: _Global) -> bool:
    """A bare surname ("Karimov") stays off a global person when its own document names
    another person with that surname the target is not ("Daler Karimov" beside a "Yusuf
    Karimov" target), or when their roles disagree (a governor is no rebel commander)."""
    if not forms or any(len(f.tokens) != 1 for f in forms):
        return False
    surname = forms[0].tokens[0]
    namesakes = {c for c in item.context if len(c.split()) > 1 and c.split()[-1] == surname}
    target_names = {name_key(n) for n in target.names}
    if len(namesakes) > 1 or namesakes - target_names:
        return True
    heads = role_heads(list(item.entity.roles))
    return bool(heads and target.heads and not heads & target.heads)


def _evidence(target: _Global, item: DocEntity) -> set[str]:
    """Agreeing context: a role head, the side, co-occurring names."""
    found = set()
    if item.entity.roles and role_heads(list(item.entity.roles)) & target.heads:
        found.add("same role")
    if item.entity.side and item.entity.side == target.side:
        found.add("same side")
    if item.context & target.context.keys():
        found.add("shared context")
    return found


def _geo_apart(a: Geo, b: Geo) -> bool:
    codes_a = {a.country, a.iso3166_2} - {None}
    codes_b = {b.country, b.iso3166_2} - {None}
    if a.country and b.country and a.country != b.country:
        return True
    return a.kind == b.kind == "region" and bool(codes_a and codes_b) and a.iso3166_2 != b.iso3166_2


def resolve_all(
    documents: Iterable[Sequence[DocEntity]],
    pins: Iterable[Pin] = (),
    previous: Mapping[Ref, str] | None = None,
) -> EntityIndex:
    """Resolve every document's entities from scratch (in the order given), reusing the
    global ids of ``previous`` where the same document entity starts a global entity."""
    index = EntityIndex(pins)
    for items in documents:
        index.add(items, previous)
    return index
