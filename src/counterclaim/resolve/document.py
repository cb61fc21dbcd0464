"""Within-document entity resolution: cluster mentions into entities, name each speaker.

``resolve_document`` reads the mentions the extract stage found and groups them, in text
order, into document-level ``Entity`` records:

- names are compared on a *core* form: titles, possessors, determiners, trailing member
  nouns ("Taliban fighters") and place nouns ("Panjshir province") removed, accents folded;
- persons merge on an identical core, or when one is a short form of the other (a bare
  surname, a contiguous prefix/suffix of the tokens, initials); a name that adds a middle
  name is a different person ("Ahmad Massoud" vs "Ahmad Shah Massoud"), and a short form
  that fits several clusters goes to the most recently mentioned one;
- spelling variants ("Fahim Fashti" / "Fahim Dashti") merge only on agreeing evidence: same
  given name(s), last name one or two edits apart, and roles with a common head noun;
- organisations merge on an identical core or acronym ("NRF" / "National Resistance
  Front"), or a group's head noun written as a name ("the Front"); outlets listed in
  ``data/words/media.txt`` (or matching its patterns) become MEDIA;
- a pronoun or description with an ``antecedent`` joins that mention's entity; a definite
  description made of an organisation's name words plus a member noun ("the resistance
  forces") joins that organisation; anything else stays alone as UNNAMED.

Limits: no cross-document linking, no world knowledge (an alias list is needed to know that
"Kyiv" is "Kiev"), and a short form is never linked across a name it conflicts with.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources

from rapidfuzz.distance import Levenshtein

from counterclaim import lexicon
from counterclaim.ingest.media import media_name
from counterclaim.lexicon import Words
from counterclaim.records import Analysis, Entity, Mention, Span
from counterclaim.resolve.parties import Parties, named_entries
from counterclaim.resolve.sides import load_actors

UNRESOLVED = frozenset({"PRON", "DESC"})
#: Short forms that stand for one standard name, whatever the text spells out
#: ("U.S." = "United States"); keys are folded cores, values the full names.
STANDARD_NAMES = {
    "u.s": "United States",
    "u.s.a": "United States",
    "usa": "United States",
    "u.n": "United Nations",
    "un": "United Nations",
    "u.k": "United Kingdom",
    "uk": "United Kingdom",
    "e.u": "European Union",
    "eu": "European Union",
}
#: "Liberation Army of the North (LAN)", "the Liberation Army of the North, or LAN,": an
#: acronym given right after a full name, bound to it for the whole document.
BRACKETED_SHORT = re.compile(
    r"\s*(?:\(\s*(?P<a>[A-Z][A-Za-z0-9&-]{1,11})\s*\)|,\s*(?:or|known as|also known as)\s+"
    r"(?P<b>[A-Z][A-Z0-9&-]{1,11})\b)"
)
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
INDEFINITE = frozenset({"a", "an", "some", "one", "several", "another", "other", "many"})
FUNCTION_WORDS = frozenset({"of", "and", "for", "in", "on", "the", "de", "du", "des", "&"})
TITLE_WORDS = Words("title_words")
ROLE_PREFIXES = Words("role_prefixes")
#: Words after a name that make the phrase its members ("Taliban fighters", "... officials").
MEMBER_NOUNS = Words("member_nouns", "name_member_nouns", form="last")
BODY_NOUNS = Words("member_nouns", "name_member_nouns", "body_nouns", form="last")
GROUP_NAME_HEADS = Words("group_name_heads")
PLACE_NOUNS = Words("place_nouns", "name_place_nouns")
DIRECTIONS = Words("directions")
PARTICLES = Words("name_particles")
IRREGULAR_FORMS = Words("irregular_verbs")
#: Bodies a country owns, as wire copy names them ("the Pakistani army", "France's foreign
#: ministry", "the Ministry of Foreign Affairs"): head nouns, with their synonyms unified.
BODY_HEADS = {"military": "military", "army": "military", "armed forces": "military",
              "ministry": "ministry", "government": "government", "police": "police",
              "navy": "navy", "air force": "air force", "parliament": "parliament",
              "authorities": "government", "state": "", "side": ""}  # fmt: skip
#: Heads that stand for the country itself: "the government of Pakistan", "the Pakistani
#: state" act as Pakistan does in wire copy.
COUNTRY_HEADS = frozenset({"government", ""})
#: Parts of a body that are not the body: "the military's media wing".
OWNED_PARTS = frozenset({"wing", "arm", "unit", "office", "bureau", "department", "agency"})
PERSON_NOUNS = ("spokesperson", "spokesman", "spokeswoman", "official", "envoy", "officer")
BODY_QUALIFIERS = frozenset(["foreign", "defense", "defence", "interior", "finance", "health",
                             "justice", "information", "home"])  # fmt: skip
#: "Ministry of Foreign Affairs" -> "foreign ministry": the complements that name a ministry.
MINISTRY_OF = {"foreign affairs": "foreign", "external affairs": "foreign", "defense": "defense",
               "defence": "defense", "interior": "interior", "home affairs": "interior",
               "finance": "finance", "health": "health", "justice": "justice",
               "information": "information"}  # fmt: skip
_BODY = (
    r"(?:(?:"
    + "|".join(sorted(BODY_QUALIFIERS))
    + r")\s+)?(?:"
    + "|".join(sorted(BODY_HEADS, key=len, reverse=True))
    + r")(?:\s+of\s+(?:"
    + "|".join(sorted(MINISTRY_OF, key=len, reverse=True))
    + r"))?"
)
#: What may follow an owner (a demonym or country) to make an owned body's name.
OWNED_BODY = re.compile(r"(?:['’]s)?\s+(?P<body>" + _BODY + r")\b", re.I)
TYPE_ORDER = ("PLACE", "ORG", "NORP", "PERSON")  # breaks ties in a cluster's label vote
EXACT, SHORT, VARIANT = 3, 2, 1  # strengths of a link between two names


# ---------------------------------------------------------------- surface forms


def fold(word: str) -> str:
    """Lower-case ``word``, strip accents, quotes, edge punctuation and a possessive."""
    word = unicodedata.normalize("NFKD", word.replace("’", "'"))
    word = "".join(c for c in word if not unicodedata.combining(c)).lower()
    word = word.strip(".,;:!?\"“”()[]'")
    return re.sub(r"'s?$", "", word)


def slug(text: str) -> str:
    """A readable key: ``"Fahim Dashti"`` -> ``"fahim-dashti"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "entity"


def _is_possessive(word: str) -> bool:
    return bool(re.search(r"['’]s?$", word)) and len(word) > 2


@dataclass(frozen=True, slots=True)
class Form:
    """A mention reduced to what comparison needs."""

    label: str
    core: str  # the name as written, without titles or determiners: "Amrullah Saleh"
    tokens: tuple[str, ...]  # folded tokens of ``core``
    role: str | None = None


def _words(text: str) -> list[str]:
    text = re.split(r"[,(]", text, maxsplit=1)[0].strip()
    words = text.split()
    if words and _is_possessive(words[-1]):
        words[-1] = re.sub(r"['’]s?$", "", words[-1])
    return words


def _is_name_word(word: str) -> bool:
    return (
        word[:1].isupper() or word.lower() in PARTICLES or bool(re.match(r"[a-z]{1,3}-[A-Z]", word))
    )


@cache
def demonyms() -> dict[str, str]:
    """Folded demonym -> country name, from ``data/demonyms.txt`` ("pakistani" -> "Pakistan")."""
    text = resources.files("counterclaim").joinpath("data/demonyms.txt").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#") and "\t" in line:
            adjective, country = line.split("\t", 1)
            out[" ".join(fold(w) for w in adjective.split())] = country.strip()
    return out


@cache
def _countries() -> frozenset[str]:
    return frozenset(" ".join(fold(w) for w in c.split()) for c in demonyms().values())


def country_of(text: str) -> str | None:
    """The country a demonym or country name stands for: "Pakistani", "France's" -> the name."""
    words = [fold(w) for w in text.split()]
    while words and words[0] in DETERMINERS:
        words = words[1:]
    key = " ".join(words)
    if key in demonyms():
        return demonyms()[key]
    return text.strip() if key in _countries() else None


# ---------------------------------------------------------------- governments and aliases

#: The date of the document being resolved: who governs a country depends on it
#: (``rulers`` in ``data/governments.yaml``). None: today's rulers.
_DOCUMENT_DATE: ContextVar[dt.date | None] = ContextVar("document_date", default=None)


@contextmanager
def dated(when: dt.date | None) -> Iterator[None]:
    """Resolve names as of ``when`` (the document's date) inside the block."""
    token = _DOCUMENT_DATE.set(when)
    try:
        yield
    finally:
        _DOCUMENT_DATE.reset(token)


def _key(text: str) -> str:
    return " ".join(fold(w) for w in text.split() if fold(w))


@lexicon.cached
def capitals() -> dict[str, str]:
    """Folded capital -> its country, from ``capitals`` in ``data/governments.yaml``."""
    table = lexicon.table("governments").get("capitals") or {}
    return {_key(str(k)): str(v) for k, v in table.items() if v}


@lexicon.cached
def _rulers() -> dict[str, tuple[str, str, dt.date | None]]:
    """Folded country -> (the country, the group governing it, since when)."""
    out = {}
    for country, spec in (lexicon.table("governments").get("rulers") or {}).items():
        if not isinstance(spec, dict) or not spec.get("by"):
            continue
        since = spec.get("since")
        if isinstance(since, str):
            since = dt.date.fromisoformat(since)
        since = since if isinstance(since, dt.date) else None
        out[_key(str(country))] = (str(country), str(spec["by"]), since)
    return out


@lexicon.cached
def aliases() -> dict[str, str]:
    """Folded other name -> the name it stands for ("islamic emirate" -> "Taliban"), from
    ``aliases`` in ``data/governments.yaml``."""
    out = {}
    for group in lexicon.table("governments").get("aliases") or []:
        names = [str(n) for n in group or []]
        for name in names[1:]:
            out.setdefault(_key(name), names[0])
    return out


@lexicon.cached
def _qualifiers() -> frozenset[str]:
    return frozenset(_key(str(q)) for q in lexicon.table("governments").get("qualifiers") or [])


def ruler_of(country: str) -> str | None:
    """The group governing ``country`` on the document's date, when the table names one."""
    found = _rulers().get(_key(country))
    if found is None:
        return None
    _, by, since = found
    when = _DOCUMENT_DATE.get()
    return by if since is None or when is None or when >= since else None


def government_of(country: str) -> tuple[str, tuple[str, ...]]:
    """(name, tokens) of whoever ``country``'s government is: the ruling group where the
    table names one ("Afghanistan" -> "Taliban" since 2021), else the country itself."""
    name = ruler_of(country) or country
    return name, tuple(fold(w) for w in name.split())


def _ruled_country(owner: str) -> str | None:
    """The country a governing group owns the bodies of ("Taliban" -> "Afghanistan")."""
    key = _key(owner)
    key = _key(aliases().get(key, owner))
    for country, _, _ in _rulers().values():
        ruler = ruler_of(country)
        if ruler is not None and _key(ruler) == key:
            return country
    return None


def owner_country(text: str) -> str | None:
    """The country an owner phrase stands for: a demonym or country ("Pakistani",
    "France's"), a capital ("Islamabad's"), or a group governing it ("Taliban")."""
    bare = re.sub(r"['’]s$", "", text.strip())
    found = country_of(bare)
    if found is not None:
        return found
    words = [fold(w) for w in bare.split()]
    while words and words[0] in DETERMINERS:
        words = words[1:]
    key = " ".join(words)
    return capitals().get(key) or _table_countries().get(key) or _ruled_country(key)


@lexicon.cached
def _table_countries() -> dict[str, str]:
    """Folded country -> name, for the countries ``data/governments.yaml`` names."""
    table = lexicon.table("governments")
    names = [*(table.get("capitals") or {}).values(), *(table.get("rulers") or {})]
    return {_key(str(n)): str(n) for n in names}


def owned_body(text: str) -> tuple[str, ...] | None:
    """Canonical tokens of a country's body, whatever the wording: "the Pakistani army",
    "Pakistan's military" -> ("pakistan", "military"); "France's foreign ministry", "the
    French Ministry of Foreign Affairs", "Ministry of Foreign Affairs of France" ->
    ("france", "foreign", "ministry"). The owner may be a capital ("the government in
    Islamabad", "the Kabul authorities") or the group governing the country ("the Taliban
    foreign ministry"); the government itself is the country, or its ruling group
    (:func:`government_of`); "interim", "federal" and the like do not change whose it is.
    None for anything else."""
    words = text.replace("’", "'").split()
    while words and fold(words[0]) in DETERMINERS:
        words = words[1:]
    for n in (2, 1):
        if len(words) > n + 1 and _key(" ".join(words[:n])) in _qualifiers():
            words = words[n:]
            break
    phrase = " ".join(words)
    tail = re.match(
        r"(?i:(?P<body>" + _BODY + r"))\s+(?P<prep>of|in)\s+(?:the\s+)?(?P<owner>[A-Z][\w' .-]+)$",
        phrase,
    )
    if tail is not None and (tail.group("prep") == "of" or _key(tail.group("owner")) in capitals()):
        owner, body = tail.group("owner"), tail.group("body")
    else:
        for n in range(min(3, len(words) - 1), 0, -1):
            owner = " ".join(words[:n])
            hit = OWNED_BODY.fullmatch(phrase, len(owner)) if phrase.startswith(owner) else None
            if hit is not None and owner_country(owner):
                body = hit.group("body")
                break
        else:
            return None
    country = owner_country(owner)
    if country is None:
        return None
    body_words = [fold(w) for w in body.split()]
    head = " ".join(body_words)
    qualifier = []
    if " of " in head:
        head, complement = head.split(" of ", 1)
        qualifier = [MINISTRY_OF[complement]]
    elif body_words[0] in BODY_QUALIFIERS:
        qualifier, head = [body_words[0]], " ".join(body_words[1:])
    qualifier = ["defense" if q == "defence" else q for q in qualifier]
    canonical = BODY_HEADS[head]
    if canonical in COUNTRY_HEADS and not qualifier:
        return government_of(country)[1]
    country_tokens = tuple(fold(w) for w in country.split())
    return (*country_tokens, *qualifier, canonical)


def person_form(text: str, role: str | None = None) -> Form:
    """Split a person mention into role prefix and name: "Resistance spokesman Fahim Fashti"."""
    words = _words(text)
    owners = [i for i, w in enumerate(words[:-1]) if _is_possessive(w)]
    if owners:
        words = words[owners[-1] + 1 :]
    start = len(words)
    while (
        start > 0
        and _is_name_word(words[start - 1])
        and fold(words[start - 1]) not in TITLE_WORDS
        and fold(words[start - 1]) not in BODY_NOUNS  # "... Military Administration Ivan X"
    ):
        start -= 1
    name = words[start:] or [w for w in words if fold(w) not in DETERMINERS] or words
    prefix = [w for w in words[:start] if fold(w) not in DETERMINERS]
    if role is None and any(fold(w) in TITLE_WORDS for w in prefix):
        role = " ".join(prefix)
    tokens = tuple(re.sub(r"^(al|el|ad|ar|as|ash|at|az|an)-", "", fold(w)) for w in name)
    return Form("PERSON", " ".join(name), tokens, role)


def name_form(text: str, label: str, role: str | None = None) -> Form:
    """Core form of an organisation, group, place or other name ("the Taliban fighters")."""
    if label in {"ORG", "NORP"} and (body := owned_body(text)) is not None:
        core = " ".join(w for w in text.split() if fold(w) not in DETERMINERS)
        return Form("ORG", core, body, role)
    if label == "NORP" and (country := country_of(text)) is not None:  # "Pakistani" side
        return Form("NORP", country, tuple(fold(w) for w in country.split()), role)
    words = _words(text)
    if len(words) == 1 and words[0].isupper():  # "U.S.", "UN": not "us", "un"
        standard = STANDARD_NAMES.get(fold(words[0]))
        if standard is not None:
            return Form(label, standard, tuple(fold(w) for w in standard.split()), role)
    while len(words) > 1 and fold(words[0]) in DETERMINERS:
        words = words[1:]
    trailing = PLACE_NOUNS if label == "PLACE" else MEMBER_NOUNS
    while len(words) > 1 and words[-1].islower() and fold(words[-1]) in trailing:
        words = words[:-1]
    while (
        label == "PLACE" and len(words) > 1 and words[0].islower() and fold(words[0]) in DIRECTIONS
    ):
        words = words[1:]
    core = " ".join(words) or text.strip()
    return Form(label, core, tuple(fold(w) for w in words), role)


#: "VOA's Urdu Service", "the Persian Service of the BBC": an outlet's language or regional
#: service, which is the outlet.
_SERVICE = r"(?:[A-Z][\w-]*\s+){1,3}(?:[Ss]ervice|[Dd]esk)"
_SERVICE_OF = re.compile(
    r"(?:the\s+)?(?:(?P<a>.+?)['’]s?\s+"
    + _SERVICE
    + r"|"
    + _SERVICE
    + r"\s+of\s+(?:the\s+)?(?P<b>.+))"
)
_OUTLET_BEFORE = re.compile(r"((?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*)['’]s?\s+$")


def outlet_service(text: str) -> str | None:
    """The outlet whose service ``text`` names: "VOA's Urdu Service" -> "Voice of America"."""
    hit = _SERVICE_OF.fullmatch(text.strip())
    if hit is None:
        return None
    return media_name(hit.group("a") or hit.group("b") or "")


def alias_form(form: Form) -> Form:
    """``form`` under the name its other name stands for (``aliases`` in
    ``data/governments.yaml``: "Islamic Emirate" -> the Taliban), else unchanged."""
    if form.label == "PERSON" and len(form.tokens) > 1:
        return form
    found = aliases().get(" ".join(form.tokens))
    if found is None:
        return form
    return replace(form, label="ORG", tokens=tuple(fold(w) for w in found.split()))


def form_of(text: str, label: str, role: str | None = None) -> Form:
    """The comparison form of a named mention; a known outlet (or one of its services)
    becomes MEDIA, named canonically; another name of a group becomes the group's name."""
    service = outlet_service(text) if label != "PLACE" else None
    if service is not None:
        return Form("MEDIA", service, tuple(fold(w) for w in service.split()), role)
    form = alias_form(
        person_form(text, role) if label == "PERSON" else name_form(text, label, role)
    )
    outlet = media_name(form.core) if label != "PLACE" else None
    if outlet is None:
        return form
    return replace(form, label="MEDIA", tokens=tuple(fold(w) for w in outlet.split()))


# ---------------------------------------------------------------- comparing names


def _tokens_match(short: Sequence[str], long: Sequence[str]) -> bool:
    """Token-wise equal, where an initial ("g") matches the word it abbreviates."""
    return len(short) == len(long) and all(
        a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))
        for a, b in zip(short, long, strict=True)
    )


def person_relation(a: Sequence[str], b: Sequence[str]) -> int:
    """EXACT, SHORT (surname, prefix/suffix run, initials) or 0 between two person names."""
    if tuple(a) == tuple(b):
        return EXACT
    short, long = sorted((tuple(a), tuple(b)), key=len)
    if len(short) == 1 and len(long) > 1:
        return SHORT if short[0] == long[-1] else 0
    n = len(short)
    if _tokens_match(short, long[:n]) or _tokens_match(short, long[len(long) - n :]):
        return SHORT
    return 0


def spelling_variant(a: Sequence[str], b: Sequence[str]) -> bool:
    """Same given name(s), last names one edit apart (two if both are 5+ letters)."""
    if len(a) != len(b) or len(a) < 2 or tuple(a[:-1]) != tuple(b[:-1]) or a[-1] == b[-1]:
        return False
    limit = 2 if min(len(a[-1]), len(b[-1])) >= 5 else 1
    return Levenshtein.distance(a[-1], b[-1]) <= limit


@lexicon.cached
def _role_heads() -> dict[str, str]:
    """Role word -> its head noun ("spokesman" -> "spokesperson"), from ``role_heads``."""
    return lexicon.aliases("role_heads")


def role_heads(roles: Sequence[str | None]) -> set[str]:
    """Head nouns of roles, "Vice President" -> {"vice president"}; modifiers dropped."""
    heads = set()
    for role in roles:
        words = [fold(w) for w in (role or "").split()]
        for i, word in enumerate(words):
            head = _role_heads().get(word)
            if head is not None:
                prefix = words[i - 1] if i and words[i - 1] in ROLE_PREFIXES else ""
                heads.add(f"{prefix} {head}".strip())
    return heads


def acronym_of(short: Sequence[str], long: Sequence[str]) -> bool:
    """ "nrf" abbreviates "national resistance front" (function words optional)."""
    if len(short) != 1 or len(long) < 2 or not 2 <= len(short[0]) <= 8:
        return False
    letters = "".join(w[0] for w in long if w and w not in FUNCTION_WORDS)
    return short[0] in (letters, "".join(w[0] for w in long if w))


def relation(a: Form, b: Form) -> int:
    """Strength of the link between two named forms, 0 when they name different things.

    An identical name is the same thing whatever its labels: the NER labels one string
    PLACE, ORG and PERSON in turn ("Panjshir"), far more often than a text names two things
    alike. For the same reason a one-word ORG/NORP that is a named person's surname ("Lammy"
    after "David Lammy") is that person; a PLACE is not ("Jordan" the country).
    """
    if a.tokens == b.tokens:
        return EXACT
    if a.label == b.label == "PERSON" and (strength := person_relation(a.tokens, b.tokens)):
        return strength
    pairs = ((a, b), (b, a))
    if any(
        _surname_of(short, full)
        or _acronym(short, full)
        or _head_of(short, full)
        or qualified_by_country(short.tokens, full.tokens)
        for short, full in pairs
    ):
        return SHORT
    return 0


def qualified_by_country(short: Sequence[str], full: Sequence[str]) -> bool:
    """ "Afghan Taliban" is "Taliban" qualified by its country (a demonym or the country's
    name before the name)."""
    n = len(full) - len(short)
    if n < 1 or n > 2 or not short or tuple(full[n:]) != tuple(short):
        return False
    prefix = " ".join(full[:n])
    return prefix in demonyms() or prefix in _countries()


def _head_of(short: Form, full: Form) -> bool:
    """ "the Front" for "Valley Liberation Front": a group's head noun, written as a name."""
    return (
        short.label == full.label == "ORG"
        and len(short.tokens) == 1 < len(full.tokens)
        and short.tokens[0] == full.tokens[-1]
        and short.tokens[0] in GROUP_NAME_HEADS
    )


def _surname_of(short: Form, full: Form) -> bool:
    return (
        full.label == "PERSON"
        and short.label not in {"PERSON", "PLACE"}
        and len(short.tokens) == 1 < len(full.tokens)
        and short.tokens[0] == full.tokens[-1]
    )


def _acronym(short: Form, full: Form) -> bool:
    """Written in capitals and made of the other's initials: "NRF", "MBS"."""
    return short.core.isupper() and acronym_of(short.tokens, full.tokens)


# ---------------------------------------------------------------- clusters


@dataclass(slots=True)
class _Cluster:
    forms: list[Form] = field(default_factory=list)
    members: list[int] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    last: int = -1
    unnamed: str | None = None  # description or pronoun text for an UNNAMED cluster
    words: set[str] = field(default_factory=set)  # every token of its forms: a quick filter
    acronyms: bool = False  # holds a one-word capitals form ("NRF")

    def add(self, index: int, mention: Mention, form: Form | None = None) -> None:
        self.members.append(index)
        self.last = max(self.last, mention.span.start)
        if form is not None:
            self.forms.append(form)
            self.words.update(form.tokens)
            self.acronyms |= len(form.tokens) == 1 and form.core.isupper()
        if role := mention.role or (form.role if form else None):
            self.roles.append(role)

    def fit(self, form: Form) -> int:
        """How strongly ``form`` links to this cluster (0: not at all)."""
        if self.unnamed is not None:
            return 0
        if (
            not self.words.intersection(form.tokens)
            and not self.acronyms
            and not (len(form.tokens) == 1 and form.core.isupper())
            and form.label != "PERSON"
        ):
            return 0  # shares no word and no acronym can link them
        persons = [g for g in self.forms if g.label == "PERSON"]
        if form.label == "PLACE" and any(len(g.tokens) > 1 for g in persons):
            return 0  # a full person name makes it a person: "Jordan" the country stays out
        strength = max((relation(form, g) for g in self.forms), default=0)
        if not strength and form.label == "PERSON":
            variants = any(spelling_variant(form.tokens, g.tokens) for g in persons)
            if variants and role_heads([form.role]) & role_heads(self.roles):
                strength = VARIANT
        if strength and form.label == "PERSON" and len(form.tokens) > 1:
            other = (
                len(g.tokens) > 1
                and not person_relation(form.tokens, g.tokens)
                and not spelling_variant(form.tokens, g.tokens)
                for g in persons
            )
            if any(other):
                return 0  # an extra or different middle name: another person
        return strength


def _best_cluster(form: Form, clusters: Sequence[_Cluster]) -> _Cluster | None:
    """The cluster ``form`` links to most strongly, the most recently mentioned on a tie.

    A one-word form ("Massoud") links by title, then recency: "Governor Karimov" goes to
    the Karimov named governor; otherwise that an earlier cluster also holds the bare word
    does not outweigh a full name mentioned since.
    """
    best, best_rank = None, (0, False, -1)
    heads = role_heads([form.role]) if form.role else set()
    for cluster in clusters:
        strength = cluster.fit(form)
        if not strength:
            continue
        titled = bool(heads) and bool(heads & role_heads(cluster.roles))  # "Governor X"
        rank = (strength if len(form.tokens) > 1 else min(strength, 1), titled, cluster.last)
        if strength and rank > best_rank:
            best, best_rank = cluster, rank
    return best


def _description_target(text: str, clusters: Sequence[_Cluster]) -> _Cluster | None:
    """The one organisation a definite "<its name words> <member noun>" description names."""
    words = [fold(w) for w in text.split()]
    if not words or words[0] in INDEFINITE or len(words) < 2 or words[-1] not in MEMBER_NOUNS:
        return None
    content = {w for w in words[:-1] if w not in DETERMINERS and w not in FUNCTION_WORDS}
    if not content:
        return None
    hits = [
        c for c in clusters
        if c.unnamed is None
        and any(g.label in {"ORG", "NORP"} and content <= set(g.tokens) for g in c.forms)
    ]  # fmt: skip
    return hits[0] if len(hits) == 1 else None


def _body_for_person(text: str, cluster: _Cluster) -> bool:
    """A description of a body ("the ministry", "the group", "the military") linked to a
    person's cluster."""
    words = text.split()
    persons = bool(cluster.forms) and all(f.label == "PERSON" for f in cluster.forms)
    last = fold(words[-1]) if words else ""
    return persons and bool(words) and (last in BODY_NOUNS or last in BODY_HEADS)


def _canonical_words(text: str) -> set[str]:
    """Content words, demonyms as their country and body synonyms unified ("Pakistani army"
    -> {"pakistan", "military"})."""
    out = set()
    for word in re.split(r"[\s,]+", text):
        w = fold(word)
        if not w or w in DETERMINERS or w in FUNCTION_WORDS:
            continue
        country = demonyms().get(w)
        out.add(fold(country) if country and " " not in country else BODY_HEADS.get(w) or w)
    return out


def _described_person(
    text: str, antecedent: _Cluster | None, named: Sequence[_Cluster]
) -> tuple[bool, _Cluster | None]:
    """For a description of a person by office ("the military spokesperson"): (True, the
    person it describes) -- the antecedent when its roles bear the description's modifiers,
    else the one person whose roles do, else nobody. (False, None) for other descriptions."""
    words = [fold(w) for w in text.split()]
    if len(words) < 2 or words[-1] not in PERSON_NOUNS:
        return False, None
    wanted = _canonical_words(" ".join(words[:-1]))
    if not wanted:
        return False, None

    owners = {w for w in wanted if owner_country(w) is not None}

    def fits(cluster: _Cluster, loose: bool = False) -> bool:
        roles = (
            set().union(*(_canonical_words(r) for r in cluster.roles)) if cluster.roles else set()
        )
        if not loose:
            return wanted <= roles
        # "the Taliban foreign ministry spokesperson" for a "foreign ministry spokesperson":
        # the owner may be left out of the roles, if they name no other owner
        rest = wanted - owners
        return bool(rest) and rest <= roles and not any(owner_country(w) for w in roles)

    persons = [c for c in named if any(f.label == "PERSON" for f in c.forms)]
    for loose in (False, True) if owners else (False,):
        if antecedent is not None and antecedent.forms and fits(antecedent, loose):
            return True, antecedent
        fitting = [c for c in persons if fits(c, loose)]
        if len(fitting) == 1:
            return True, fitting[0]
        if fitting:
            break
    return True, None


def _looks_like_name(text: str) -> bool:
    """A capitalised phrase, after a leading "the": a name the NER missed ("Trump", "the
    Valley Liberation Front")."""
    words = text.split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    return bool(words) and fold(words[0]) not in DETERMINERS and all(map(_is_name_word, words))


def _cluster(
    mentions: Sequence[Mention],
    text: str = "",
    governments: dict[int, str] | None = None,
    other_names: dict[str, str] | None = None,
    bound: dict[int, int] | None = None,
    full_text: str = "",
) -> list[_Cluster]:
    """Named mentions into clusters, then pronouns and descriptions attached.

    Args:
        mentions: The document's mentions.
        text: The document's body (for the parties it names).
        governments: Mentions of capitals that stand for a country's government, by index
            (:func:`_capital_governments`): each takes the government's name.
        other_names: Other names the text gives organisations (:func:`text_aliases`).
        bound: Descriptions the text puts before a name, by index, with the name's index
            (:func:`apposed_names`).
        full_text: The document's text, which mention offsets index (for the owners
            written before a titled person: :func:`_owner_roles`).
    """
    order = sorted(
        range(len(mentions)), key=lambda i: (mentions[i].span.start, -mentions[i].span.end)
    )
    clusters: list[_Cluster] = []
    where: dict[int, _Cluster] = {}
    governments = governments or {}
    other_names = other_names or {}
    for i in order:
        if mentions[i].label in UNRESOLVED:
            continue
        if i in governments:  # the country (a place), or the group ruling it
            name, tokens = government_of(governments[i])
            label = "PLACE" if name == governments[i] else "ORG"
            form = Form(label, name, tokens, mentions[i].role)
        else:
            form = form_of(mentions[i].span.text, mentions[i].label, mentions[i].role)
            named = other_names.get(" ".join(form.tokens))
            if named is not None:
                form = replace(form, label="ORG", tokens=form_of(named, "ORG").tokens)
        cluster = _best_cluster(form, clusters)
        if cluster is None:
            cluster = _Cluster()
            clusters.append(cluster)
        cluster.add(i, mentions[i], form)
        where[i] = cluster
    named = list(clusters)
    parties = Parties.of(
        load_actors(),
        text,
        named_entries(
            named,
            lambda c: tuple(f.core for f in c.forms),
            lambda c: _canonical(c)[1] in {"ORG", "NORP"},
        ),
    )
    if full_text:
        _owner_roles(mentions, where, named, parties, full_text)
    classes: dict[str, _Cluster] = {}
    for i, j in (bound or {}).items():
        if j in where and i not in where and mentions[i].label == "DESC":
            where[j].add(i, mentions[i])
            where[i] = where[j]
    for i in order:
        if mentions[i].label in UNRESOLVED:
            _attach(i, mentions, where, named, clusters, set(), (parties, classes))
    return clusters


_OWNER_BEFORE = re.compile(r"(?P<owner>(?:[Tt]he\s+)?[\w-]+(?:\s+[A-Z][\w-]*)*)['’]s?\s+$")


def _owner_roles(
    mentions: Sequence[Mention],
    where: dict[int, _Cluster],
    named: Sequence[_Cluster],
    parties: Parties,
    text: str,
) -> None:
    """A titled person's owner, written before the title ("the group's spokesman NAME",
    "Hamas's spokesman NAME"), added to the person's roles as "spokesman of <the owner>":
    a description of a group resolves to the one named group it describes
    (:mod:`counterclaim.resolve.parties`), a name to its cluster."""
    for i, mention in enumerate(mentions):
        cluster = where.get(i)
        if mention.label != "PERSON" or cluster is None or not cluster.roles:
            continue
        role = mention.role or cluster.roles[-1]
        start = mention.span.start
        if not mention.span.text.startswith(role):  # else the title is part of the mention
            before = text[:start].rstrip()
            if not before.endswith(role):
                continue
            start = len(before) - len(role)
        hit = _OWNER_BEFORE.search(text, max(0, start - 80), start)
        if hit is None:
            continue
        phrase = hit.group("owner")
        words = phrase.split()
        owner: _Cluster | None = None
        if words[0].lower() == "the" and len(words) > 1 and words[1].islower():
            found = parties.party_of(phrase)
            owner = found if isinstance(found, _Cluster) else None
        elif words[0][:1].isupper() and words[0].lower() not in DETERMINERS:
            owner = _best_cluster(form_of(phrase, "ORG"), named)
        if owner is None or owner is cluster or owner.unnamed is not None:
            continue
        if any(f.label == "PERSON" for f in owner.forms):
            continue
        described = f"{role} of {_canonical(owner)[0]}"
        if described not in cluster.roles:
            cluster.roles.append(described)


def _attach(
    i: int,
    mentions: Sequence[Mention],
    where: dict[int, _Cluster],
    named: Sequence[_Cluster],
    clusters: list[_Cluster],
    seen: set[int],
    parties: tuple[Parties, dict[str, _Cluster]] | None = None,
) -> _Cluster:
    """Put pronoun/description ``i`` in its antecedent's cluster, an organisation's, the
    party's it describes (:mod:`counterclaim.resolve.parties`), or alone."""
    if i in where:
        return where[i]
    seen.add(i)
    mention, target = mentions[i], None
    ante = mention.antecedent
    if ante is not None and 0 <= ante < len(mentions) and ante != i and ante not in seen:
        target = _attach(ante, mentions, where, named, clusters, seen, parties)
        if mention.label == "DESC" and _body_for_person(mention.span.text, target):
            target = None  # "the ministry" is not the spokesman named before it
    office, person = (
        _described_person(mention.span.text, target, named)
        if mention.label == "DESC"
        else (False, None)
    )
    if office:  # "the military spokesperson": the person whose office it names, or nobody
        target = person
    words = mention.span.text.split()
    owned = re.search(r"\w['’]s\s", mention.span.text) and words
    if target is None and mention.label == "DESC" and owned and fold(words[-1]) in OWNED_PARTS:
        office = True  # "the military's media wing" is not the military
    if target is None and mention.label == "DESC" and not office:
        target = _description_target(mention.span.text, named)
    if target is None and mention.label == "DESC" and _looks_like_name(mention.span.text):
        forms = (form_of(mention.span.text, label) for label in ("PERSON", "ORG"))
        target = next(filter(None, (_best_cluster(f, named) for f in forms)), None)
    kind = None
    if target is None and mention.label == "DESC" and parties is not None and not office:
        found = parties[0].party_of(mention.span.text)
        if isinstance(found, str):
            kind, target = found, parties[1].get(found)
        else:
            target = found
    if target is None:
        target = _Cluster(unnamed=mention.span.text.strip())
        clusters.append(target)
        if kind is not None:
            parties[1][kind] = target
    target.add(i, mention)
    where[i] = target
    return target


# ---------------------------------------------------------------- entities


def _canonical(cluster: _Cluster) -> tuple[str, str]:
    """(name, type) of a named cluster: the most complete, best supported form."""
    forms = cluster.forms
    if any(f.label == "MEDIA" for f in forms):
        media = [f for f in forms if f.label == "MEDIA"]
        outlet = max((media_name(f.core) or f.core for f in media), key=len)
        return outlet, "MEDIA"
    support = {f.tokens: sum(1 for g in forms if relation(f, g) >= SHORT) for f in forms}
    first = {}
    for n, f in enumerate(forms):
        first.setdefault(f.tokens, n)
    fullest = max(
        forms,
        key=lambda f: (len(f.tokens), support[f.tokens], len("".join(f.tokens)), -first[f.tokens]),
    )
    best = fullest.tokens
    written = [f.core for f in forms if f.tokens == best]
    name = next((w for w in written if not w.isupper() or len(w) <= 4), written[0])
    if any(f.label == "PERSON" and len(f.tokens) > 1 for f in forms):
        return name, "PERSON"
    votes = Counter("PLACE" if f.label in {"GPE", "LOC"} else f.label for f in forms)
    order = {label: -n for n, label in enumerate(TYPE_ORDER)}
    return name, max(votes, key=lambda label: (votes[label], order.get(label, -len(order))))


def _entities(
    mentions: Sequence[Mention], clusters: Sequence[_Cluster]
) -> list[tuple[Entity, _Cluster]]:
    taken: set[str] = set()
    out = []
    for cluster in sorted(clusters, key=lambda c: min(mentions[i].span.start for i in c.members)):
        if cluster.unnamed is not None:
            name, kind = cluster.unnamed, "UNNAMED"
            base = slug(re.sub(r"^(a|an|the)\s+", "", name, flags=re.I))
        else:
            name, kind = _canonical(cluster)
            base = slug(name)
        key = _unique(base, taken)
        members = sorted(cluster.members, key=lambda i: mentions[i].span.start)
        entity = Entity(
            key=key,
            name=name,
            type=kind,
            mentions=tuple(mentions[i].span for i in members),
            roles=tuple(dict.fromkeys(cluster.roles)),
        )
        out.append((entity, cluster))
    return out


def _unique(base: str, taken: set[str]) -> str:
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    taken.add(key)
    return key


# ---------------------------------------------------------------- the stage


def resolve_document(analysis: Analysis) -> Analysis:
    """Cluster ``analysis.mentions`` into entities and resolve every attribution's speaker.

    Fills ``Mention.entity``, ``Analysis.entities`` (in order of first mention, plus the
    publisher, which may have no mention) and each attribution's ``speaker`` (entity key) and
    ``speaker_name``. A source span is resolved through the mention naming it (see
    ``_source_mention``), else a description mention added for it; a narrator attribution
    without a source is spoken by the publisher. The dateline, outside the analysed body,
    becomes a PLACE mention.
    """
    mentions = repair_spans(analysis.mentions, analysis.document.text)
    mentions.extend(_bracketed_short_forms(mentions, analysis.document.text))
    dateline = analysis.document.dateline
    if dateline is not None and all(m.span != dateline for m in mentions):
        mentions.append(Mention(span=dateline, label="PLACE"))
    text = analysis.document.text
    with dated(analysis.document.date):
        governments = _capital_governments(
            mentions, text, [a.source for a in analysis.attributions]
        )
        sources = [_source_mention(a.source, mentions) for a in analysis.attributions]
        clusters = _cluster(mentions, analysis.document.body, governments,
                            text_aliases(mentions, text), apposed_names(mentions, text),
                            text)  # fmt: skip
        resolved = _entities(mentions, clusters)
    key_of = {i: entity.key for entity, cluster in resolved for i in cluster.members}
    entities = [entity for entity, _ in resolved]
    publisher = _publisher(analysis.document.publisher, resolved, entities)
    name_of = {e.key: e.name for e in entities}
    attributions = []
    for attribution, source in zip(analysis.attributions, sources, strict=True):
        key = key_of[source] if source is not None else None
        if attribution.source is None and attribution.kind == "narrator":
            key = publisher
        attributions.append(replace(attribution, speaker=key, speaker_name=name_of.get(key)))
    return replace(
        analysis,
        mentions=tuple(replace(m, entity=key_of[i]) for i, m in enumerate(mentions)),
        entities=tuple(entities),
        attributions=tuple(attributions),
    )


NAMED = frozenset({"PERSON", "ORG", "NORP", "PLACE", "MEDIA"})
_HYPHEN_NAME = re.compile(r"(?:-[a-z]{1,3}-[A-Z][\w]*)+")
_NAME_TAIL = re.compile(r"\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


def repair_spans(mentions: Sequence[Mention], text: str) -> list[Mention]:
    """Mentions with their names' edges repaired, before clustering.

    - a name the NER cut at a hyphenated particle is joined up ("Tehreek" + "-e-Taliban" +
      "Pakistan" -> "Tehreek-e-Taliban Pakistan", an ORG);
    - a demonym the NER split from the name it qualifies is joined to it ("Afghan" +
      "Taliban" -> "Afghan Taliban");
    - a name ending in a function word ("... Front of") runs on over the capitalised words
      that complete it;
    - a country's body named through its owner ("the Pakistani military", "Pakistan's
      Ministry of Foreign Affairs", "the Afghan foreign ministry spokesperson") becomes an
      ORG mention of its own (:func:`owned_body`); a description that is one is relabelled.

    Absorbed mentions are dropped and antecedent indices remapped to what absorbed them.
    """
    items = [(i, m) for i, m in enumerate(mentions)]
    order = sorted(items, key=lambda p: (p[1].span.start, -p[1].span.end))
    by_start = {}
    for i, m in order:
        if m.label in NAMED:
            by_start.setdefault(m.span.start, i)
    out: dict[int, Mention] = dict(items)
    absorbed: dict[int, int] = {}
    added: list[Mention] = []
    spans = {(m.span.start, m.span.end) for m in mentions}
    for i, m in order:
        if i in absorbed or m.label not in NAMED:
            continue
        start, end, label, role = m.span.start, m.span.end, m.label, m.role
        hyphen = _HYPHEN_NAME.match(text, end)
        if hyphen is not None:
            end, label = hyphen.end(), m.label if m.label == "PERSON" else "ORG"
        nxt = by_start.get(end + 1) if text[end : end + 1] == " " else None
        demonym = fold(m.span.text) in demonyms() or (
            len(m.span.text.split()) == 2 and fold(m.span.text.split()[-1]) in demonyms()
        )
        joinable = nxt is not None and nxt != i and mentions[nxt].label in {"ORG", "NORP", "PLACE"}
        if joinable and (hyphen is not None or (demonym and mentions[nxt].label == "ORG")):
            end, label = mentions[nxt].span.end, "ORG"
            absorbed[nxt] = i
        if re.search(r"\s(?:of|for|and|of the)$", text[start:end]):
            tail = _NAME_TAIL.match(text, end)
            if tail is not None:
                end = tail.end()
                for j, other in items:
                    inner = j != i and start <= other.span.start and other.span.end <= end
                    if inner and other.label in NAMED and other.label != "PLACE":
                        absorbed[j] = i
        if (start, end) != (m.span.start, m.span.end):
            out[i] = Mention(span=Span.of(text, start, end), label=label, role=role)
            spans.add((start, end))
            m = out[i]
        prefixed = re.match(r"(?:anti|pro)-(?=[A-Z])", m.span.text)
        if prefixed is not None and m.label == "NORP":  # "anti-Pakistan militants"
            rest = m.span.text[prefixed.end() :]
            kind = "PLACE" if country_of(rest) else "ORG"
            out[i] = Mention(span=Span.of(text, start + prefixed.end(), end), label=kind)
            continue
        body = OWNED_BODY.match(text, end)
        owner = country_of(m.span.text) and m.label in {"NORP", "PLACE"}
        inside = any(
            d.label == "DESC" and d.span.start <= start and end < d.span.end for d in mentions
        )
        if body is not None and (owner or (m.label == "ORG" and inside)):
            stop = body.end("body")
            if (start, stop) not in spans:
                new = Mention(span=Span.of(text, start, stop), label="ORG")
                spans.add((start, stop))
                if m.label == "NORP":
                    out[i] = new
                else:
                    added.append(new)
            noun = re.match(r"\s+(?:" + "|".join(PERSON_NOUNS) + r")\b(?!\s+[A-Z])", text[stop:])
            if noun is not None and (start, stop + noun.end()) not in spans:
                spans.add((start, stop + noun.end()))  # "Pakistani army spokesperson"
                added.append(Mention(span=Span.of(text, start, stop + noun.end()), label="DESC"))
    for i, m in items:  # "VOA's" + "Urdu Service", "Persian Service" + " of the BBC"
        m = out[i]
        if (
            i in absorbed
            or m.label not in NAMED
            or not re.search(r"(?i:service|desk)$", m.span.text)
        ):
            continue
        start, end = m.span.start, m.span.end
        before = _OUTLET_BEFORE.search(text, max(0, start - 80), start)
        if before is not None:
            words = list(re.finditer(r"\S+", before.group(1)))
            for w in words:  # the longest run of words before "'s" that names an outlet
                if media_name(before.group(1)[w.start() :]):
                    start = before.start(1) + w.start()
                    break
        after = re.match(r"\s+of\s+(?:the\s+)?((?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*)", text[end:])
        if after is not None and media_name(after.group(1)):
            end += after.end()
        if (start, end) == (m.span.start, m.span.end):
            continue
        out[i] = Mention(span=Span.of(text, start, end), label="ORG", role=m.role)
        for j, other in items:
            if j != i and start <= other.span.start and other.span.end <= end:
                absorbed[j] = i
    for i, m in items:  # a title written before the name: part of the person's mention
        if m.label == "PERSON" and m.role and i not in absorbed and out[i] is m:
            before = text[: m.span.start].rstrip()
            if before.endswith(m.role) and len(before) >= m.span.start - 2:
                span = Span.of(text, len(before) - len(m.role), m.span.end)
                out[i] = replace(m, span=span)
    for i, m in items:  # "the government" + " of Pakistan" / " in Islamabad"
        if m.label == "DESC" and i not in absorbed:
            tail = re.match(
                r"\s+(?:of|in)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*",
                text[m.span.end :],
            )
            ends = [] if tail is None else [w.end() for w in re.finditer(r"[\w'’.-]+", tail[0])]
            for stop in reversed(ends[1:]):  # the longest run of words naming an owner
                longer = text[m.span.start : m.span.end + stop].rstrip(".")
                if owned_body(longer) is not None:
                    span = Span.of(text, m.span.start, m.span.start + len(longer))
                    out[i] = replace(m, span=span, label="ORG", antecedent=None)
                    break
    for i, m in items:
        if m.label == "DESC" and i not in absorbed and owned_body(m.span.text) is not None:
            out[i] = replace(m, label="ORG", antecedent=None)
    keep = [i for i, _ in items if i not in absorbed]
    index = {old: new for new, old in enumerate(keep)}
    index |= {old: index[by] for old, by in absorbed.items() if by in index}
    result = []
    for i in keep:
        m = out[i]
        if m.antecedent is not None:
            m = replace(m, antecedent=index.get(m.antecedent))
        result.append(m)
    return result + added


CITY_PARTS = Words("city_parts")
ACTOR_VERBS = Words("reporting_verbs", "denial_verbs", "call_verbs", "attitude_verbs")
_GOVERNMENT_NOUNS = r"(?:authorities|government|administration|regime|officials|leadership|rulers)"
_GOVERNMENT_AFTER = re.compile(r"\s+" + _GOVERNMENT_NOUNS + r"\b")
_GOVERNMENT_BEFORE = re.compile(r"\b" + _GOVERNMENT_NOUNS + r"\s+(?:in|of)\s+$", re.I)
_POSSESSIVE_AFTER = re.compile(r"['’]s?\s+(?P<next>[A-Za-z]+)")
_AUX_AFTER = re.compile(
    r"\s+(?P<aux>has|have|had|is|was|are|were|will|would|must|should|can|could|may|might|"
    r"did|does|do)(?:\s+not|n['’]t)?\s+(?P<verb>[a-z]+)\b"
)
_WORD_AFTER = re.compile(r"\s+(?P<verb>[a-z]+)\b")


def _actor_verb(word: str) -> bool:
    """A finite form of a verb of saying, denying, urging or holding ("said", "rejects")."""
    if word in IRREGULAR_FORMS:
        return True
    stems = [word[:-1], word[:-2]] if word.endswith("ed") else []
    stems += [word[:-1]] if word.endswith("s") else []
    stems += [word[:-3] + "y"] if word.endswith(("ies", "ied")) else []
    return any(stem in ACTOR_VERBS for stem in stems)


def _acting_capital(mention: Mention, text: str, sources: set[tuple[int, int]]) -> str | None:
    """The country whose government a capital stands for where the text makes it an actor
    ("Islamabad said", "Kabul was failing to ...", "Islamabad's stance", "the Kabul
    authorities", "the government in Islamabad"), or None (a capital named as a place:
    "a blast in Kabul", "Kabul's streets")."""
    if mention.label not in {"PLACE", "ORG", "NORP", "PERSON"}:
        return None
    country = capitals().get(_key(mention.span.text))
    if country is None:
        return None
    start, end = mention.span.start, mention.span.end
    if (start, end) in sources:
        return country
    if _GOVERNMENT_AFTER.match(text, end) or _GOVERNMENT_BEFORE.search(
        text[max(0, start - 40) : start]
    ):
        return country
    possessive = _POSSESSIVE_AFTER.match(text, end)
    if possessive is not None:
        return None if possessive.group("next").lower() in CITY_PARTS else country
    aux = _AUX_AFTER.match(text, end)
    if aux is not None:
        verb, kind = aux.group("verb"), aux.group("aux")
        if kind in {"has", "have", "had"}:
            return country if verb.endswith("ed") or verb in IRREGULAR_FORMS else None
        if kind in {"is", "was", "are", "were"}:
            return country if verb.endswith("ing") else None
        return country if verb not in {"be", "been", "have"} else None
    word = _WORD_AFTER.match(text, end)
    return country if word is not None and _actor_verb(word.group("verb")) else None


def _capital_governments(
    mentions: Sequence[Mention], text: str, sources: Sequence[Span | None]
) -> dict[int, str]:
    """Mention index -> country, for each capital named as its government (metonymy)."""
    spans = {(s.start, s.end) for s in sources if s is not None}
    found = {}
    for i, mention in enumerate(mentions):
        country = _acting_capital(mention, text, spans)
        if country is not None:
            found[i] = country
    return found


_ALIAS_NAME = r"(?:the\s+)?(?P<y>[A-Z][\w'’-]*(?:\s+(?:of|the|and|al|for|[A-Z][\w'’-]*))*)"
#: "X, also known as Y", "X (Y)", "X, which calls itself Y", "X refer to their state as Y".
TEXT_ALIASES = (
    re.compile(r",?\s+(?:also\s+|better\s+|formerly\s+)?(?:known|called)\s+as\s+" + _ALIAS_NAME),
    re.compile(
        r"\s*\((?:the\s+)?(?P<y>[A-Z][\w'’-]*(?:\s+(?:of|the|and|al|for|[A-Z][\w'’-]*))+)\)"
    ),
    re.compile(r",?\s+(?:which|who)\s+calls?\s+(?:itself|themselves)\s+" + _ALIAS_NAME),
    re.compile(
        r"\s+(?:refers?|call|calls)\s+(?:to\s+)?(?:itself|themselves|(?:their|its)\s+\w+)\s+"
        r"(?:as\s+)?" + _ALIAS_NAME
    ),
)


def text_aliases(mentions: Sequence[Mention], text: str) -> dict[str, str]:
    """Other names the text gives an organisation: folded other name -> the name.

    Only organisations, and only when the other name is neither a place, a country nor
    an outlet ("Jaish al-Adl (Iran)" is no alias)."""
    found: dict[str, str] = {}
    for m in mentions:
        if m.label not in {"ORG", "NORP"}:
            continue
        for pattern in TEXT_ALIASES:
            hit = pattern.match(text, m.span.end)
            if hit is None:
                continue
            other = hit.group("y").strip()
            if (
                owner_country(other) is not None
                or media_name(other) is not None
                or _key(other) == _key(m.span.text)
            ):
                continue
            found.setdefault(_key(name_form(other, "ORG").core), m.span.text)
            break
    return found


def apposed_names(mentions: Sequence[Mention], text: str) -> dict[int, int]:
    """Descriptions the text once writes right before an organisation's name ("the
    military's media wing Inter Services Bureau", "the militant group Free Sun"): each
    such description (by index) -> the name's mention, wherever it stands in the text.

    The description's last two words must stand right before the name somewhere, and its
    other words ("military's") within the few words before them."""
    names = {m.span.start: j for j, m in enumerate(mentions) if m.label in {"ORG", "NORP"}}
    found: dict[int, int] = {}
    for i, m in enumerate(mentions):
        words = [w for w in m.span.text.replace("’", "'").split() if fold(w) not in DETERMINERS]
        if m.label != "DESC" or len(words) < 2 or not all(w.islower() for w in words[-2:]):
            continue
        tail = r"\s+".join(re.escape(w) for w in words[-2:])
        modifiers = {fold(w) for w in words[:-2]}
        for hit in re.finditer(rf"(?<![\w-]){tail}\s+", text):
            j = names.get(hit.end())
            before = {fold(w) for w in text[max(0, hit.start() - 60) : hit.start()].split()}
            if j is not None and modifiers <= before:
                found[i] = j
                break
    return found


def _bracketed_short_forms(mentions: Sequence[Mention], text: str) -> list[Mention]:
    """Mentions of every acronym a name introduces ("... Army (LAN)", "..., or LAN,"),
    where the NER missed them: each becomes a mention with the name's label, which the
    acronym rule of :func:`relation` then joins to the name."""
    known = {(m.span.start, m.span.end) for m in mentions}
    covered = [(m.span.start, m.span.end) for m in mentions]
    added: list[Mention] = []
    for m in mentions:
        if m.label in UNRESOLVED:
            continue
        hit = BRACKETED_SHORT.match(text, m.span.end)
        if hit is None:
            continue
        short = hit.group("a") or hit.group("b")
        if not acronym_of((fold(short),), name_form(m.span.text, m.label).tokens):
            continue
        for found in re.finditer(rf"(?<![\w@]){re.escape(short)}(?!\w)", text):
            rng = (found.start(), found.end())
            if rng in known or any(s <= rng[0] < e for s, e in covered):
                continue
            known.add(rng)
            added.append(Mention(span=Span.of(text, *rng), label=m.label))
    return added


def _source_mention(source: Span | None, mentions: list[Mention]) -> int | None:
    """Index of the mention naming ``source``; appends a description mention if none does.

    Besides a mention at exactly that span, a mention covering the span counts, and so does
    the head of a longer phrase: a mention ending it ("Resistance spokesman Fahim Fashti") or
    followed only by an apposition ("Fahim Dashti, spokesman for ..."). A mention inside a
    description ("Taliban" in "a Taliban source") does not.
    """
    if source is None:
        return None
    candidates = []
    for i, mention in enumerate(mentions):
        span = mention.span
        if (span.start, span.end) == (source.start, source.end):
            return i
        if span.start <= source.start and source.end <= span.end:
            candidates.append((span.end - span.start, i))
        elif source.start <= span.start and span.end <= source.end:
            rest = source.text[span.end - source.start :].lstrip()
            if mention.label not in UNRESOLVED and (not rest or rest.startswith(",")):
                candidates.append((source.end - source.start - (span.end - span.start), i))
    if candidates:
        return min(candidates)[1]
    mentions.append(Mention(span=source, label="DESC"))
    return len(mentions) - 1


def _publisher(
    publisher: str | None, resolved: Sequence[tuple[Entity, _Cluster]], entities: list[Entity]
) -> str | None:
    """Key of the publisher's entity, adding one without mentions when the text never names it."""
    if not publisher:
        return None
    form = form_of(publisher, "ORG")
    for entity, cluster in resolved:
        if cluster.unnamed is None and any(relation(form, g) == EXACT for g in cluster.forms):
            return entity.key
    name = media_name(publisher) or publisher.strip()
    key = _unique(slug(name), {e.key for e in entities})
    entities.append(Entity(key=key, name=name, type="MEDIA"))
    return key
