"""Normalize: type what each source says into claims that can be compared.

``normalize(analysis)`` runs after ``resolve_document`` and fills ``Analysis.claims``.
Each attribution's content (and each narrator sentence) is scanned for the triggers in
``data/claims.yaml``; each trigger yields one :class:`~counterclaim.records.Claim` whose
arguments are the entities (:mod:`counterclaim.normalize.claimargs`) in its grammatical roles
(:mod:`counterclaim.normalize.syntax`): the subject of "seized" is the actor (else the speaker: "the
Taliban claims to have taken control of Panjshir"), its object the place; "X were killed
by Y" makes X the victim and Y the perpetrator. An analysis without a parse (loaded from
the ledger) falls back to positions: the last actor before the trigger, objects after it.

- Types: territorial_control, fatalities, injuries, losses, person_location,
  fighting_ongoing, attack, capture, negotiations, intention; an attribution with none of
  them gives one ``statement`` claim, so nothing a source says is dropped (narrator
  sentences give typed claims only).
- Polarity: a negator before the trigger ("had failed to seize") makes ``value`` False;
  a denial (``stance == "deny"``) gives the claims of the attribution it responds to
  with the opposite value ("refuted these reports"), or its own content's, negated.
- Modality: ``fact`` for the narrator, ``call`` for calls, ``intention`` for intentions,
  else ``claim``.
- Time: an explicit date in the content; else, for states (control, location, fighting,
  talks), the statement date or the article date; for events (deaths, attacks), the last
  time phrase earlier in the paragraph ("an offensive ... early this week"). An event with
  no place in its content takes the last place below country level named in the
  paragraph's earlier sentences (not one elsewhere in its own sentence: "at a briefing in
  Quetta, he said ...").

Limits: one subject per trigger; coordinated subjects ("X and Y attacked") keep
only Y; claims inside quoted speech are typed like reported speech.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from counterclaim.language import word_vectors
from counterclaim.lexicon import Words, table
from counterclaim.normalize.answers import link_answers
from counterclaim.normalize.claimargs import Context
from counterclaim.normalize.claimtypes import Unit, build, find_triggers
from counterclaim.normalize.confidence import basis, confidence
from counterclaim.normalize.periods import find_time
from counterclaim.records import (
    Analysis,
    Attribution,
    Claim,
    ClaimType,
    Kind,
    Mention,
    Modality,
    Span,
)
from counterclaim.resolve.sides import Actors

STATES = frozenset({"territorial_control", "person_location", "fighting_ongoing", "negotiations"})
EVENTS = frozenset({"fatalities", "injuries", "losses", "attack", "capture"})
#: Cues laying an act at someone's door ("blamed X", "accused X of"): data/words/blame_cues.
BLAME_CUES = Words("blame_cues")
ARG_FIELDS = ("actor", "place", "victim", "perpetrator", "person", "target", "sides", "action")


def normalize(
    analysis: Analysis, actors: Actors | None = None, vectors: object | None = None
) -> Analysis:
    """The analysis with denials linked to what they answer
    (:func:`~counterclaim.normalize.answers.link_answers`) and ``claims`` filled from its
    attributions (see the module doc).

    Args:
        analysis: A resolved analysis (entities and ``Mention.entity`` keys set).
        actors: The actor file for party phrases; default :func:`sides.load_actors`.
        vectors: A spaCy ``Vocab`` with word vectors; default the model's
            (:func:`counterclaim.language.word_vectors`, None without one).
    """
    analysis = link_answers(analysis, vectors if vectors is not None else word_vectors())
    return replace(analysis, claims=tuple(claims_of(analysis, actors)))


def claims_of(analysis: Analysis, actors: Actors | None = None) -> list[Claim]:
    """Claims of one analysis, numbered from 1 in attribution order."""
    ctx = Context.of(analysis, actors)
    drafts: dict[int, list[Claim]] = {}
    for attribution in analysis.attributions:
        if attribution.stance != "deny":
            drafts[attribution.id] = _typed(ctx, attribution)
    for attribution in analysis.attributions:
        if attribution.stance == "deny":
            drafts[attribution.id] = _denied(ctx, attribution, drafts)
    claims: list[Claim] = []
    for attribution in analysis.attributions:
        for claim in drafts.get(attribution.id, ()):
            claims.append(replace(claim, id=len(claims) + 1))
    return claims


def _typed(ctx: Context, attribution: Attribution) -> list[Claim]:
    """Typed claims of one attribution's content, or a statement if it has none."""
    start, end = attribution.content.start, attribution.content.end
    speaker = attribution.speaker if attribution.kind != "narrator" else None
    unit = Unit(attribution, start, end, speaker, ctx.occurrences(start, end, speaker), ctx.syntax)
    text = ctx.text
    triggers = find_triggers(text[start:end], start)
    previous: dict[str, dict] = {}
    built: list[tuple[str, dict]] = []
    for index in range(len(triggers)):
        found = build(unit, triggers, index, text, previous)
        if found is not None:
            previous[found[0]] = found[1]
            built.append(found)
    built = _drop_departures(built)
    built = [
        (kind, one)
        for kind, fields in built
        for one in [fields, *({**fields, **other} for other in fields.pop("others", ()))]
    ]  # each group of victims counted apart ("18 soldiers, three staff and five civilians")
    built += _blamed(unit, attribution, built)
    claims = [_claim(ctx, attribution, kind, fields) for kind, fields in built]
    if not claims and attribution.kind != "narrator":
        claims.append(_statement(ctx, attribution, unit))
    return claims


def _blamed(unit: Unit, attribution: Attribution, built: list[tuple[str, dict]]) -> list:
    """ "blamed India", "accusing it of ...": a responsibility claim against the first party
    the content names (not the speaker; a place only when no party is named), unless the
    content gave one."""
    words = attribution.cue.text.lower().split()
    if attribution.stance == "deny" or not words or words[0] not in BLAME_CUES:
        return []
    if any(kind == "responsibility" for kind, _ in built):
        return []
    named = [o for o in unit.occurrences if o.key != unit.speaker]
    # a party, else a state named by its country or capital ("blamed India", "blamed Kabul")
    accused = next((o for o in named if not o.place), named[0] if named else None)
    if accused is None:
        return []
    cue = attribution.cue
    return [("responsibility", {"actor": accused.key, "value": True,
                                "evidence": (cue.start, cue.end)})]  # fmt: skip


def _drop_departures(built: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    """ "Fled the country and headed for X": keep where the person went, not what they left."""
    arrivals = {f["person"] for k, f in built if k == "person_location" and not f["departure"]}
    return [
        (k, f)
        for k, f in built
        if not (k == "person_location" and f["departure"] and f["person"] in arrivals)
    ]


def _modality(attribution: Attribution, kind: str) -> Modality:
    if attribution.kind == Kind.NARRATOR:
        return Modality.FACT
    if attribution.kind == Kind.CALL:
        return Modality.CALL
    return Modality.INTENTION if kind == ClaimType.INTENTION else Modality.CLAIM


def _claim(ctx: Context, attribution: Attribution, kind: str, fields: dict) -> Claim:
    args = {name: fields[name] for name in ARG_FIELDS if fields.get(name)}
    date, period = _when(ctx, attribution, kind)
    context_place = False
    if kind in EVENTS and "place" not in args and kind != "losses":
        # the paragraph's place, from sentences before the statement's own: a place
        # elsewhere in its sentence ("at a briefing in Quetta, he said") is not the event's
        sentence = attribution.sentence
        before = sentence.start if sentence is not None else attribution.content.start
        place = ctx.place_before(min(before, attribution.content.start), _event_place(ctx))
        if place:
            args["place"] = place
            context_place = True
    start, end = fields["evidence"]
    key = basis(kind, args, ctx.entities, parsed=bool(fields.get("parsed")),
                context_place=context_place)  # fmt: skip
    claim = Claim(
        doc_id=attribution.doc_id, id=0, attribution=attribution.id, type=ClaimType(kind),
        value=fields.get("value", True), modality=_modality(attribution, kind), args=args,
        count=fields.get("count"), magnitude=fields.get("magnitude"), date=date, period=period,
        evidence=Span.of(ctx.text, start, end), basis=key,
        confidence=confidence(key, attribution.confidence),
    )  # fmt: skip
    return replace(claim, text=describe(claim, ctx))


#: Trigger kinds that name an event with a place (not "left", "visited", "talks").
EVENT_KINDS = EVENTS | {"territorial_control", "territorial_loss", "fighting_ongoing"}
#: Prepositions that put an event somewhere ("an offensive on X", "fighting in X").
EVENT_PREPOSITIONS = Words("event_prepositions")


def _event_place(ctx: Context) -> Callable[[Mention], bool] | None:
    """Which earlier places of the paragraph an event may take: where the parse puts an
    event ("staged an offensive on X", "took over the train near X", "attacked X"), not a
    place named in passing ("hours after it left the provincial capital, X"). None
    without a parse (any place)."""
    syn = ctx.syntax
    if syn is None:
        return None
    events = {str(k).lower() for part in ("nouns", "verbs")
              for k in (table("events").get(part) or {})}  # fmt: skip
    p, text = syn.parse, ctx.text

    def event_word(i: int) -> bool:
        if p.lemmas[i].lower() in events:
            return True
        found = find_triggers(text[p.starts[i] : p.starts[i] + 40])
        return bool(found) and found[0].start == 0 and bool(EVENT_KINDS & set(found[0].kinds))

    def where(mention: Mention) -> bool:
        t = syn.head_of(mention.span.start, mention.span.end)
        if t is None:
            return False
        for _ in range(3):  # "in X province", "the capital, X", "X and Y", "the town of X"
            if p.deps[t] in {"compound", "appos", "conj"}:
                t = p.heads[t]
            elif p.deps[t] == "pobj" and p.lemmas[p.heads[t]].lower() == "of":
                t = p.heads[p.heads[t]]
            else:
                break
        if p.deps[t] == "pobj" and p.lemmas[p.heads[t]].lower() in EVENT_PREPOSITIONS:
            gov = p.heads[p.heads[t]]
            if event_word(gov):
                return True
            # where what the event acted on was ("ambushed a convoy near X")
            if p.deps[gov] == "dobj":
                return event_word(p.heads[gov])
            return p.deps[gov] == "pobj" and event_word(p.heads[p.heads[gov]])
        return p.deps[t] == "dobj" and event_word(p.heads[t])

    return where


def _when(ctx: Context, attribution: Attribution, kind: str) -> tuple[str | None, str | None]:
    """Event date or period: the content's own, else by kind (see the module doc)."""
    article = ctx.analysis.document.date
    content = attribution.content
    date, period = find_time(content.text, article)
    if date or period:
        return date, period
    if kind in STATES:
        fallback = article.isoformat() if article else None
        return attribution.date or fallback, None
    if kind in EVENTS:
        for start, end in ctx.statements_before(attribution):
            date, period = find_time(ctx.text[start:end], article)
            if date or period:
                return date, period
    return attribution.date, None


def _statement(ctx: Context, attribution: Attribution, unit: Unit) -> Claim:
    about = tuple(dict.fromkeys(o.key for o in unit.occurrences if o.key != unit.speaker))
    claim = Claim(
        doc_id=attribution.doc_id, id=0, attribution=attribution.id, type=ClaimType.STATEMENT,
        modality=_modality(attribution, ClaimType.STATEMENT), args={"about": about} if about else {},
        date=attribution.date, evidence=attribution.content, basis="statement",
        confidence=confidence("statement", attribution.confidence),
    )  # fmt: skip
    return replace(claim, text=attribution.content.text.strip())


def _denied(ctx: Context, attribution: Attribution, drafts: dict[int, list[Claim]]) -> list[Claim]:
    """A denial: the denied attribution's claims (else its own content's) with value negated."""
    base = drafts.get(attribution.responds_to) if attribution.responds_to is not None else None
    own = [c for c in _typed(ctx, attribution) if c.type != "statement"]
    if not base:
        base = own
    else:  # "denied any involvement": the denier's own part, beside what it answers
        have = {(c.type, c.args.get("actor")) for c in base}
        base = [*base, *(c for c in own if c.type == "responsibility"
                         and (c.type, c.args.get("actor")) not in have)]  # fmt: skip
    if not base:
        return [
            replace(_statement(ctx, attribution, Unit(attribution, 0, 0, None, [])), value=False)
        ]
    out = []
    for claim in base:
        if claim.type == "responsibility" and not _own_party(ctx, attribution, claim):
            # "X rejected the claim that the attack was directed from Y": a third party
            # denies the charge, not that the group named as doer did it
            if not any(c.type == "statement" for c in out):
                out.append(replace(_statement(ctx, attribution, Unit(attribution, 0, 0, None, [])),
                                   value=False))  # fmt: skip
            continue
        date = claim.date
        if claim.type in STATES:
            article = ctx.analysis.document.date
            date = attribution.date or (article.isoformat() if article else claim.date)
        negated = replace(
            claim,
            attribution=attribution.id,
            value=not claim.value,
            modality=Modality.CLAIM,
            date=date,
            evidence=attribution.cue,
            confidence=confidence(claim.basis or "statement", attribution.confidence),
        )
        out.append(replace(negated, text=describe(negated, ctx)))
    return out


def _own_party(ctx: Context, attribution: Attribution, claim: Claim) -> bool:
    """Whether the party a responsibility claim names is the denier's own (the same
    entity, or the same side)."""
    actor, speaker = claim.args.get("actor"), attribution.speaker
    if not isinstance(actor, str) or speaker is None:
        return False
    if actor == speaker:
        return True
    side_a = getattr(ctx.entities.get(actor), "side", None)
    return side_a is not None and side_a == getattr(ctx.entities.get(speaker), "side", None)


def describe(claim: Claim, ctx: Context | None = None) -> str:
    """A one-line proposition: "Taliban: territorial_control Panjshir (false)"."""

    def name(value: str | tuple[str, ...]) -> str:
        if isinstance(value, tuple):
            return " and ".join(name(v) for v in value)
        entity = ctx.entities.get(value) if ctx else None
        return entity.name if entity else value

    parts = [f"{role}={name(value)}" for role, value in claim.args.items()]
    if claim.count is not None:
        parts.append(f"count={claim.count.text}")
    if claim.magnitude:
        parts.append(f"magnitude={claim.magnitude}")
    when = claim.date or claim.period
    head = f"{'' if claim.value else 'NOT '}{claim.type}"
    return f"{head}({', '.join(parts)})" + (f" @ {when}" if when else "")
