"""Analysts' corrections: pins over the machine's output, with an audit trail.

A correction names its target by a stable key (:mod:`counterclaim.store.reviewkeys`), a
field, the value it replaced and the new one, the reviewer, the time and a reason. It is
applied to the stored rows when it is made, so every reader (claims, disputes, tallies,
timelines, exports, the API) sees the corrected value, and applied again after each ingest
and relink (:func:`apply_corrections`, called by :mod:`counterclaim.store.linker`), because
linking rebuilds the global entities and a new analysis of a document rebuilds its rows.
A correction whose target is gone is marked ``orphaned`` and kept in the log; it applies
again when its target comes back.

Targets and fields:

- ``attribution``: ``stance`` (assert, deny), ``kind``, ``speaker`` (a name or entity key
  of the document), ``responds_to`` (the local id of the statement a denial answers, or
  none), ``cue`` and ``content`` (``START-END`` character offsets into the document; the
  text is read again from them), ``chain`` (the intermediaries, nearest first, joined
  with ``;``; ``none`` for none), ``confirm``;
- ``claim``: ``reject`` (the claim leaves disputes, tallies and listings), ``type``,
  ``figure`` (``N``, ``LOW-HIGH`` or ``LOW:BEST:HIGH``), ``polarity`` (true, false),
  ``date``, ``arg.<role>`` (an argument of the typed proposition: one or more entities of
  the document by name or key, joined with ``;``, or a class such as ``civilians``;
  ``none`` removes it), ``confirm``;
- ``entity`` (a global entity, through one of its document entities): ``name``, ``type``,
  ``side``, ``place`` (a place name from the gazetteer, ``none`` for none), ``confirm``;
  ``merge``/``split`` are recorded here and pinned by the linker;
- ``dispute``: ``confirm``, ``reject`` (left off the board).

Every item's review state is ``machine``, ``reviewed`` (only confirmed) or ``corrected``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, String, and_, cast, func, or_, select, update
from sqlalchemy.orm import Session

from counterclaim.compare import parse_when
from counterclaim.records import ClaimType, Kind, Stance
from counterclaim.resolve.geocode import lookup as geocode_lookup
from counterclaim.store import disputes as dispute_store
from counterclaim.store import propositions
from counterclaim.store.engine import LedgerError, chunks
from counterclaim.store.ledger import find_document
from counterclaim.store.models import (
    AttributionRow,
    ChainLinkRow,
    ClaimArgRow,
    ClaimRow,
    CorrectionRow,
    DisputeRow,
    DocumentRow,
    EntityLinkRow,
    EntityRow,
    GlobalEntityRow,
)
from counterclaim.store.readrows import mark_tallies_of
from counterclaim.store.reviewkeys import attribution_key, claim_keys, doc_of, entity_key
from counterclaim.store.rows import geo_json

KINDS = ("attribution", "claim", "entity", "dispute")
FIELDS: dict[str, tuple[str, ...]] = {
    "attribution": (
        "stance",
        "kind",
        "speaker",
        "responds_to",
        "cue",
        "content",
        "chain",
        "confirm",
    ),
    "claim": ("reject", "type", "figure", "polarity", "date", "arg", "confirm"),
    "entity": ("name", "type", "side", "place", "confirm", "merge", "split"),
    "dispute": ("confirm", "reject"),
}
PINNED = ("merge", "split")  # entity fields the linker applies through its pins
SPANS = ("cue", "content")  # attribution fields that are offsets into the document
ROLE_RE = re.compile(r"[a-z][a-z_]{0,23}")  # a claim argument's role: ``arg.<role>``
STATES = ("machine", "reviewed", "corrected")
RANK = {state: i for i, state in enumerate(STATES)}


class ReviewError(LedgerError, ValueError):
    """A correction that cannot be made: unknown field, bad value, no reviewer."""


class TargetNotFound(LedgerError, LookupError):
    """No stored item is named by this id or key."""


@dataclass(frozen=True, slots=True)
class Correction:
    """One decision in the audit trail."""

    id: int
    target_kind: str
    target_key: str
    target_ref: str | None
    field: str
    old_value: Any
    new_value: Any
    reviewer: str
    created_at: dt.datetime
    reason: str | None
    status: str
    label: str | None

    def record(self) -> dict[str, Any]:
        """A JSON-ready correction."""
        return {
            "id": self.id, "kind": self.target_kind, "key": self.target_key,
            "ref": self.target_ref, "field": self.field, "old": self.old_value,
            "new": self.new_value, "reviewer": self.reviewer,
            "at": self.created_at.isoformat(timespec="seconds"), "reason": self.reason,
            "status": self.status, "label": self.label,
        }  # fmt: skip


def _correction(row: CorrectionRow) -> Correction:
    return Correction(row.id, row.target_kind, row.target_key, row.target_ref, row.field,
                      row.old_value, row.new_value, row.reviewer, row.created_at, row.reason,
                      row.status, row.label)  # fmt: skip


# ---------------------------------------------------------------- values


def check_value(kind: str, field: str, value: Any) -> Any:
    """The value a field takes, checked and normalized.

    Raises:
        ReviewError: The kind, field or value is not one a correction may have.
    """
    if kind not in FIELDS:
        raise ReviewError(f"unknown target {kind!r}; use one of {', '.join(KINDS)}")
    if base_field(field) not in FIELDS[kind]:
        raise ReviewError(f"a {kind} has no field {field!r}; use one of {', '.join(FIELDS[kind])}")
    if field == "arg":
        raise ReviewError("give the argument's role: arg.<role> (arg.place, arg.victim, ...)")
    try:
        return _value(kind, field, value)
    except (ValueError, TypeError) as err:
        raise ReviewError(f"{kind} {field}: {err}") from err


def base_field(field: str) -> str:
    """A field's name without its part (``arg.place`` -> ``arg``)."""
    return field.partition(".")[0]


def _value(kind: str, field: str, value: Any) -> Any:
    if field.startswith("arg."):
        if not ROLE_RE.fullmatch(field[4:]):
            raise ValueError(f"{field[4:]!r} is not a role (lower-case letters and _)")
        names = _names(value)
        return None if not names else names[0] if len(names) == 1 else names
    if field in SPANS:
        return _span(value)
    if field == "chain":
        return _names(value)
    if field == "place":
        return _place(value)
    if field in ("confirm", "reject"):
        return True if value is None else _bool(value)
    if field == "polarity":
        return _bool(value)
    if field == "stance":
        return str(Stance(str(value)))
    if field == "kind":
        return str(Kind(str(value)))
    if kind == "claim" and field == "type":
        return str(ClaimType(str(value)))
    if field == "figure":
        return _figure(value)
    if field == "responds_to":
        return None if value in (None, "", "none") else int(value)
    if field == "date":
        text = str(value).strip()
        if parse_when(text)[0] is None:
            raise ValueError(f"{text!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
        return text
    text = " ".join(str(value or "").split())
    if not text and field not in ("side",):
        raise ValueError("an empty value")
    return text or None


def _span(value: Any) -> list[int]:
    """``START-END`` (or ``START:END``, a pair) -> [START, END], START < END."""
    if isinstance(value, dict):
        pair = [value.get("start"), value.get("end")]
    elif isinstance(value, list | tuple):
        pair = list(value)
    else:
        pair = re.split(r"\s*[-:,]\s*", str(value).strip())
    if len(pair) != 2:
        raise ValueError(f"{value!r}: give START-END (character offsets)")
    start, end = (int(str(x)) for x in pair)
    if start < 0 or end <= start:
        raise ValueError(f"{value!r}: START-END with 0 <= START < END")
    return [start, end]


def _names(value: Any) -> list[str]:
    """A list of names: a list, or names joined with ``;`` (``none`` or nothing: [])."""
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else re.split(r"\s*(?:;|←|<-)\s*", str(value))
    names = [" ".join(str(x).split()) for x in items]
    names = [n for n in names if n]
    if len(names) == 1 and names[0].casefold() == "none":
        return []
    if any(len(n) > 500 for n in names) or len(names) > 20:
        raise ValueError("too many or too long names")
    return names


def _place(value: Any) -> dict[str, Any] | None:
    """A place name -> its gazetteer entry (a ``Geo`` as JSON); ``none`` -> None."""
    text = " ".join(str(value or "").split())
    if not text or text.casefold() == "none":
        return None
    geo = geocode_lookup(text)
    if geo is None:
        raise ValueError(f"{text!r} is not a place the gazetteer knows")
    return geo_json(geo) | {"reason": f"a reviewer's correction ({geo.reason or geo.kind})"}


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "yes", "1", "on"):
        return True
    if text in ("false", "no", "0", "off"):
        return False
    raise ValueError(f"{value!r} is not true or false")


def _figure(value: Any) -> list[int]:
    """``N`` -> [N, N, N]; ``LOW-HIGH`` -> [LOW, None, HIGH]; ``LOW:BEST:HIGH``."""
    if isinstance(value, int):
        return [value, value, value]
    if isinstance(value, list | tuple) and len(value) == 3:
        return [None if v is None else int(v) for v in value]  # type: ignore[misc]
    text = str(value).replace(",", "").replace(" ", "")
    if ":" in text:
        parts = [int(p) if p else None for p in text.split(":")]
        if len(parts) != 3:
            raise ValueError(f"{value!r}: LOW:BEST:HIGH")
        out = parts
    elif "-" in text.lstrip("-"):
        low, high = text.split("-", 1)
        out = [int(low), None, int(high)]
    else:
        out = [int(text)] * 3
    known = [v for v in out if v is not None]
    if not known or any(v < 0 for v in known) or known != sorted(known):
        raise ValueError(f"{value!r} is not a figure (N, LOW-HIGH or LOW:BEST:HIGH)")
    return out  # type: ignore[return-value]


# ---------------------------------------------------------------- finding targets


def _local(session: Session, ident: str) -> tuple[str, int]:
    """``DOC:N`` (a document id or unique prefix, a local id) -> (doc id, N)."""
    doc, sep, number = ident.strip().rpartition(":")
    if not sep or not number.isdigit() or not doc:
        raise TargetNotFound(f"{ident!r}: give DOC:N (a document id or prefix and a number)")
    return find_document(session, doc).id, int(number)


def attribution_target(session: Session, ident: str) -> AttributionRow:
    """The attribution named by ``DOC:N`` or its key.

    Raises:
        TargetNotFound: Nothing is.
    """
    if ident.startswith("attribution:"):
        row = _attribution_by_key(session, ident)
    else:
        doc_id, local_id = _local(session, ident)
        row = session.scalar(select(AttributionRow).where(
            AttributionRow.doc_id == doc_id, AttributionRow.local_id == local_id))  # fmt: skip
    if row is None:
        raise TargetNotFound(f"no statement {ident!r}")
    return row


def _attribution_by_key(session: Session, key: str) -> AttributionRow | None:
    try:
        _, doc_id, cue, content = key.split(":")
        cue_start, cue_end = (int(x) for x in cue.split("-"))
        content_start, content_end = (int(x) for x in content.split("-"))
    except ValueError:
        return None
    a = AttributionRow
    machine = and_(a.review_key.is_(None), a.cue_start == cue_start, a.cue_end == cue_end,
                   a.content_start == content_start, a.content_end == content_end)  # fmt: skip
    return session.scalar(
        select(a).where(a.doc_id == doc_id, or_(a.review_key == key, machine)).limit(1)
    )


def claim_target(session: Session, ident: str) -> tuple[ClaimRow, str]:
    """The claim named by ``DOC:N`` or its key, with its key.

    Raises:
        TargetNotFound: Nothing is.
    """
    if ident.startswith("claim:"):
        found = _claim_by_key(session, ident)
        if found is None:
            raise TargetNotFound(f"no claim {ident!r}")
        return found, ident
    doc_id, local_id = _local(session, ident)
    row = session.scalar(select(ClaimRow).where(ClaimRow.doc_id == doc_id,
                                                ClaimRow.local_id == local_id))  # fmt: skip
    if row is None:
        raise TargetNotFound(f"no claim {ident!r}")
    return row, claim_keys(session, [doc_id])[(doc_id, local_id)]


def _claim_by_key(session: Session, key: str) -> ClaimRow | None:
    doc_id = doc_of(key)
    if doc_id is None:
        return None
    for (doc, local_id), k in claim_keys(session, [doc_id]).items():
        if k == key:
            return session.scalar(select(ClaimRow).where(ClaimRow.doc_id == doc,
                                                         ClaimRow.local_id == local_id))  # fmt: skip
    return None


def entity_target(session: Session, ident: str) -> tuple[GlobalEntityRow, str]:
    """The global entity named by its id, name, alias, a document entity key or an entity
    key, with the key of the document entity standing for it.

    Raises:
        TargetNotFound: Nothing is.
    """
    if ident.startswith("entity:"):
        gid = _entity_by_key(session, ident)
        row = session.get(GlobalEntityRow, gid) if gid else None
        if row is None:
            raise TargetNotFound(f"no entity {ident!r}")
        return row, ident
    from counterclaim.store.entities import find_globals

    found = find_globals(session, ident)
    if not found:
        raise TargetNotFound(f"no entity called {ident!r} in the ledger")
    row = session.get(GlobalEntityRow, found[0].id)
    assert row is not None
    link = session.execute(
        select(EntityLinkRow.doc_id, EntityLinkRow.entity_key)
        .where(EntityLinkRow.global_id == row.id)
        .order_by(EntityLinkRow.doc_id, EntityLinkRow.entity_key)
        .limit(1)
    ).first()
    if link is None:
        raise TargetNotFound(f"entity {ident!r} is linked to no document")
    entity = session.scalar(select(EntityRow).where(EntityRow.doc_id == link[0],
                                                    EntityRow.key == link[1]))  # fmt: skip
    mentions = entity.mentions if entity is not None else []
    return row, entity_key(link[0], link[1], mentions or [])


def _entity_by_key(session: Session, key: str) -> str | None:
    """The global id of the document entity an entity key names, if it is linked."""
    doc_id = doc_of(key)
    if doc_id is None:
        return None
    for row in session.scalars(select(EntityRow).where(EntityRow.doc_id == doc_id)):
        if entity_key(doc_id, row.key, row.mentions or []) == key:
            link = session.get(EntityLinkRow, (doc_id, row.key))
            return link.global_id if link is not None else None
    return None


def dispute_target(session: Session, ident: str) -> str:
    """The key of the stored dispute whose key is, or uniquely starts with, ``ident``
    (with or without ``dispute:``).

    Raises:
        TargetNotFound: None or several are.
    """
    key = ident.strip()
    if not key.startswith("dispute:"):
        key = "dispute:" + key
    stmt = select(DisputeRow.review_key).where(
        DisputeRow.review_key.startswith(key, autoescape=True)
    )
    found = set(session.scalars(stmt.limit(5)))
    if len(found) != 1:
        raise TargetNotFound(f"{'no' if not found else 'more than one'} dispute {ident!r}")
    return found.pop()


# ---------------------------------------------------------------- applying


@dataclass
class Touched:
    """What applying corrections changed, to refresh after."""

    docs: set[str]
    propositions: set[str]
    entities: set[str]

    @classmethod
    def empty(cls) -> Touched:
        return cls(set(), set(), set())


def _attribution_value(row: AttributionRow, field: str) -> Any:
    if field == "speaker":
        return row.speaker_name or row.speaker
    if field in SPANS:
        return [getattr(row, f"{field}_start"), getattr(row, f"{field}_end")]
    if field == "chain":
        return list(row.chain or [])
    if field == "confirm":
        return None
    return getattr(row, field)


def check_span(session: Session, doc_id: str, field: str, span: list[int]) -> str:
    """The text of a span of a document, checked: inside it, not only blanks.

    Raises:
        ReviewError: It is not.
    """
    text = session.scalar(select(DocumentRow.text).where(DocumentRow.id == doc_id)) or ""
    start, end = span
    if end > len(text):
        raise ReviewError(f"attribution {field}: {start}-{end} ends after the document "
                          f"({len(text)} characters)")  # fmt: skip
    if not text[start:end].strip():
        raise ReviewError(f"attribution {field}: {start}-{end} holds no words")
    return text[start:end]


def _set_span(session: Session, row: AttributionRow, field: str, value: list[int]) -> bool:
    start, end = value
    if [getattr(row, f"{field}_start"), getattr(row, f"{field}_end")] == [start, end]:
        return False
    try:
        text = check_span(session, row.doc_id, field, value)
    except ReviewError:
        return False  # cannot happen: a document's text never changes under its id
    if row.review_key is None:  # keep naming it by the machine's spans
        row.review_key = attribution_key(row.doc_id, row)
    setattr(row, f"{field}_start", start)
    setattr(row, f"{field}_end", end)
    setattr(row, f"{field}_text", text)
    return True


def _set_chain(session: Session, row: AttributionRow, names: list[str]) -> bool:
    if list(row.chain or []) == names:
        return False
    row.chain = list(names)
    row.links.clear()
    session.flush()  # the old links go before the new ones take their positions
    row.links.extend(ChainLinkRow(position=i, name=name) for i, name in enumerate(names))
    return True


def _set_attribution(session: Session, row: AttributionRow, field: str, value: Any) -> bool:
    if field == "confirm":
        return False
    if field in SPANS:
        return _set_span(session, row, field, value)
    if field == "chain":
        return _set_chain(session, row, value)
    if field == "speaker":
        wanted = " ".join(str(value).split()).casefold()
        entity = None
        for e in session.scalars(select(EntityRow).where(EntityRow.doc_id == row.doc_id)):
            if wanted in (e.key.casefold(), e.name.casefold()):
                entity = e
                break
        new = (entity.key, entity.name) if entity is not None else (None, value)
        if (row.speaker, row.speaker_name) == new:
            return False
        row.speaker, row.speaker_name = new
        return True
    if getattr(row, field) == value:
        return False
    setattr(row, field, value)
    return True


def _claim_value(row: ClaimRow, field: str) -> Any:
    if field.startswith("arg."):
        return (row.args or {}).get(field[4:])
    if field == "figure":
        return None if row.count_best is None and row.count_low is None else [
            row.count_low, row.count_best, row.count_high]  # fmt: skip
    if field == "polarity":
        return bool(row.value)
    if field == "reject":
        return bool(row.rejected)
    if field == "confirm":
        return None
    return getattr(row, field)


def _doc_entities(session: Session, doc_id: str) -> dict[str, str]:
    """A document's entities: key, name and mention texts (case-folded) -> key."""
    out: dict[str, str] = {}
    for e in session.scalars(select(EntityRow).where(EntityRow.doc_id == doc_id)
                             .order_by(EntityRow.position)):  # fmt: skip
        for written in (e.key, e.name, *(m[2] for m in e.mentions or [] if len(m) > 2)):
            out.setdefault(" ".join(str(written).split()).casefold(), e.key)
    return out


def _arg_keys(session: Session, doc_id: str, value: Any) -> Any:
    """Names of an argument -> the document's entity keys (a class stays as written)."""
    if value is None:
        return None
    known = _doc_entities(session, doc_id)
    keys = [known.get(n.casefold(), n) for n in (value if isinstance(value, list) else [value])]
    return keys if isinstance(value, list) else keys[0]


def _set_arg(session: Session, row: ClaimRow, role: str, value: Any) -> bool:
    keys = _arg_keys(session, row.doc_id, value)
    args = dict(row.args or {})
    if isinstance(args.get(role), list) and isinstance(keys, str):
        keys = [keys]  # a role that takes several keeps a list
    if keys is None:
        args.pop(role, None)
    else:
        args[role] = keys
    if args == (row.args or {}):
        return False
    row.args = args
    row.arg_rows.clear()
    session.flush()
    stmt = select(EntityLinkRow.entity_key, EntityLinkRow.global_id).where(
        EntityLinkRow.doc_id == row.doc_id
    )
    links = {k: g for k, g in session.execute(stmt)}
    items = [(r, k) for r, v in args.items() for k in (v if isinstance(v, list) else [v])
             if isinstance(k, str)]  # fmt: skip
    row.arg_rows.extend(ClaimArgRow(position=i, role=r, doc_id=row.doc_id, entity_key=k,
                                    global_id=links.get(k)) for i, (r, k) in enumerate(items))  # fmt: skip
    return True


def _arg_names(session: Session, doc_id: str, keys: Any) -> Any:
    """Entity keys of an argument -> the entities' names (for the log)."""
    if keys is None:
        return None
    stmt = select(EntityRow.key, EntityRow.name).where(EntityRow.doc_id == doc_id)
    names = {k: n for k, n in session.execute(stmt)}
    if isinstance(keys, list):
        return [names.get(k, k) for k in keys]
    return names.get(keys, keys)


def _set_claim(session: Session, row: ClaimRow, field: str, value: Any) -> bool:
    if field.startswith("arg."):
        return _set_arg(session, row, field[4:], value)
    if field == "confirm" or _claim_value(row, field) == value:
        return False
    if field == "figure":
        row.count_low, row.count_best, row.count_high = value
        if row.count_approx is None:
            row.count_approx = False
        row.count_text = "-".join(str(v) for v in dict.fromkeys(x for x in value if x is not None))
    elif field == "polarity":
        row.value = value
    elif field == "reject":
        row.rejected = value
    elif field == "date":
        start, end = parse_when(value)
        row.date, row.period = value, None
        row.period_start = start.isoformat() if start else None
        row.period_end = end.isoformat() if end else None
    else:
        setattr(row, field, value)
    return True


def _entity_value(row: GlobalEntityRow, field: str) -> Any:
    if field == "place":
        return row.geo
    return None if field in ("confirm", *PINNED) else getattr(row, field)


def _set_entity(session: Session, row: GlobalEntityRow, field: str, value: Any) -> bool:
    if field in ("confirm", *PINNED):
        return False
    if field == "place":
        return _set_place(session, row, value)
    changed = getattr(row, field) != value
    if changed and field == "name":
        aliases = list(row.aliases or [])
        if row.name not in aliases:
            aliases.append(row.name)
        row.aliases = aliases
    if changed:
        setattr(row, field, value)
    if field == "side":  # a document entity's side is read before its global entity's
        linked = select(EntityLinkRow.entity_key).where(
            EntityLinkRow.global_id == row.id, EntityLinkRow.doc_id == EntityRow.doc_id
        )
        stmt = (
            update(EntityRow)
            .where(
                EntityRow.key.in_(linked), or_(EntityRow.side.is_(None), EntityRow.side != value)
            )
            .values(side=value)
            .execution_options(synchronize_session=False)
        )
        changed = bool(session.execute(stmt).rowcount) or changed  # type: ignore[attr-defined]
    return changed


def _set_place(session: Session, row: GlobalEntityRow, geo: dict[str, Any] | None) -> bool:
    """Where an entity is: the global entity's and its document entities' (read first)."""
    changed = row.geo != geo
    if changed:
        row.geo = geo
    linked = select(EntityLinkRow.doc_id, EntityLinkRow.entity_key).where(
        EntityLinkRow.global_id == row.id
    )
    for doc_id, key in list(session.execute(linked)):
        entity = session.scalar(select(EntityRow).where(EntityRow.doc_id == doc_id,
                                                        EntityRow.key == key))  # fmt: skip
        if entity is not None and entity.geo != geo:
            entity.geo = geo
            changed = True
    return changed


def _apply(session: Session, c: CorrectionRow, touched: Touched) -> bool:
    """Apply one correction; False when its target is gone (orphaned)."""
    kind, field = c.target_kind, c.field
    if kind == "attribution":
        row = _attribution_by_key(session, c.target_key)
        if row is None:
            return False
        c.target_ref = f"{row.doc_id}:{row.local_id}"
        if _set_attribution(session, row, field, c.new_value):
            touched.docs.add(row.doc_id)
            claims = select(ClaimRow.proposition).where(
                ClaimRow.doc_id == row.doc_id, ClaimRow.attribution == row.local_id
            )
            touched.propositions |= {p for p in session.scalars(claims) if p}
        return True
    if kind == "claim":
        claim = _claim_by_key(session, c.target_key)
        if claim is None:
            return False
        c.target_ref = f"{claim.doc_id}:{claim.local_id}"
        before = claim.proposition
        if _set_claim(session, claim, field, c.new_value):
            touched.docs.add(claim.doc_id)
            if before:
                touched.propositions.add(before)
        return True
    if kind == "entity":
        gid = _entity_by_key(session, c.target_key)
        entity = session.get(GlobalEntityRow, gid) if gid else None
        if entity is None:
            return False
        c.target_ref = entity.id
        if _set_entity(session, entity, field, c.new_value):
            touched.entities.add(entity.id)
        return True
    if kind == "dispute":  # its state is decided where disputes are stored
        c.target_ref = c.target_key
        session.flush()
        return dispute_store.settle_reviews(session, [c.target_key]) == 0
    return False


def _refresh(session: Session, touched: Touched) -> None:
    """Recompute what the applied corrections touch: claims' propositions and summaries
    (which marks their disputes due), and the disputes showing a changed entity."""
    session.flush()
    if touched.docs:
        stmt = select(ClaimRow.proposition).where(ClaimRow.doc_id.in_(sorted(touched.docs)))
        before = {p for p in session.scalars(stmt) if p}
        propositions.refresh_claims(session, sorted(touched.docs))
        after = {p for p in session.scalars(stmt) if p}
        touched.propositions |= before | after
    if touched.propositions:
        propositions.refresh_summaries(session, sorted(touched.propositions))
    if touched.entities:
        dispute_store.mark_subjects_due(session, touched.entities)
        mark_tallies_of(session, touched.entities)  # tallies copy names and places


def apply_corrections(
    session: Session, *, kinds: Sequence[str] = KINDS, docs: Iterable[str] | None = None
) -> dict[str, int]:
    """Apply the corrections again (the latest decision on each field of each target wins),
    mark each ``applied`` or ``orphaned``, and refresh what changed. Called after ingest
    and relinking; returns how many are applied and orphaned.

    With ``docs`` (the documents an ingest just added: a stored document's rows are never
    written again), only the corrections of their statements and claims, the orphaned
    ones (their document may be back) and those of entities (linking rewrites global
    entities); dispute corrections are settled once the disputes are found again
    (:func:`settle_disputes`)."""
    touched = Touched.empty()
    counts = {"applied": 0, "orphaned": 0}
    c_ = CorrectionRow
    wanted = [k for k in kinds if docs is None or k != "dispute"]
    ids = list(session.execute(select(c_.id, c_.target_kind, c_.target_key, c_.status)
                               .where(c_.target_kind.in_(wanted))))  # fmt: skip
    if docs is not None:
        scope = set(docs)
        ids = [r for r in ids
               if r[1] == "entity" or r[3] == "orphaned" or doc_of(r[2]) in scope]  # fmt: skip
    rows = [r for chunk in chunks(sorted(i for i, _, _, _ in ids))
            for r in session.scalars(select(c_).where(c_.id.in_(chunk)))]  # fmt: skip
    rows.sort(key=lambda c: c.id)
    latest = {(c.target_kind, c.target_key, c.field): c for c in rows}
    found: dict[tuple[str, str], tuple[bool, str | None]] = {}
    for c in sorted(latest.values(), key=lambda c: c.id):  # newest decision last, across fields
        if c.target_kind == "entity" and c.field in PINNED:
            ok = _entity_by_key(session, c.target_key) is not None  # a pin, kept by the linker
        else:
            ok = _apply(session, c, touched)
        found[(c.target_kind, c.target_key)] = (ok or found.get((c.target_kind, c.target_key),
                                                                (False, None))[0], c.target_ref)  # fmt: skip
    for c in rows:
        ok, ref = found.get((c.target_kind, c.target_key), (False, None))
        status = "applied" if ok else "orphaned"
        if c.status != status:
            c.status = status
        if (ref if ok else None) != c.target_ref:
            c.target_ref = ref if ok else None
        counts[status] += 1
    _refresh(session, touched)
    return counts


def settle_disputes(engine: Engine) -> int:
    """Mark each dispute correction ``applied`` or ``orphaned`` by whether its dispute is
    stored now (run after the disputes were found again); returns how many are orphaned."""
    with Session(engine) as session, session.begin():
        return dispute_store.settle_reviews(session)


def record(
    session: Session,
    kind: str,
    ident: str,
    field: str,
    value: Any = None,
    *,
    reviewer: str,
    reason: str | None = None,
    at: dt.datetime | None = None,
) -> Correction:
    """Store one correction and apply it (the caller owns the transaction and, after it,
    finds the due disputes again: :func:`counterclaim.store.dispute_cache.refresh_disputes`).

    Args:
        session: An open session.
        kind: ``attribution``, ``claim``, ``entity`` or ``dispute``.
        ident: ``DOC:N`` for an attribution or claim, an entity's id, name or alias, a
            dispute's key or a unique prefix of it; or any target's stable key.
        field: One of :data:`FIELDS` for that kind.
        value: The new value (``confirm`` and ``reject`` take none).
        reviewer: Who decides (required).
        reason: Why, in words (optional).
        at: When (UTC-aware); now by default.

    Raises:
        ReviewError: No reviewer, or a field or value that is not allowed.
        TargetNotFound: ``ident`` names nothing stored.
    """
    who = " ".join((reviewer or "").split())
    if not who:
        raise ReviewError("a correction needs a reviewer (--reviewer or COUNTERCLAIM_REVIEWER)")
    new = check_value(kind, field, value)
    old: Any = None
    label: str | None = None
    if kind == "attribution":
        row = attribution_target(session, ident)
        key, old = attribution_key(row.doc_id, row), _attribution_value(row, field)
        if field in SPANS:
            check_span(session, row.doc_id, field, new)
        label = f"{row.speaker_name or row.source_text or 'narrator'}: {row.content_text[:120]}"
    elif kind == "claim":
        claim, key = claim_target(session, ident)
        old = _claim_value(claim, field)
        if field.startswith("arg."):
            old = _arg_names(session, claim.doc_id, old)
        label = claim.text or claim.evidence_text or claim.type
    elif kind == "entity":
        entity, key = entity_target(session, ident)
        old, label = _entity_value(entity, field), f"{entity.name} ({entity.type})"
        if field == "merge":
            other, _ = entity_target(session, str(new))
            new = other.name
    else:
        key = dispute_target(session, ident)
        row_d = session.scalar(select(DisputeRow).where(DisputeRow.review_key == key).limit(1))
        old = row_d.review if row_d is not None else None
        label = row_d.proposition if row_d is not None else None
    if field in ("confirm",):
        new = True
    correction = CorrectionRow(
        target_kind=kind, target_key=key, field=field, old_value=old, new_value=new,
        reviewer=who, created_at=at or dt.datetime.now(dt.UTC), reason=(reason or "").strip() or None,
        status="applied", label=label,
    )  # fmt: skip
    session.add(correction)
    session.flush()
    if kind == "entity" and field in PINNED:
        correction.target_ref = entity.id
    else:
        touched = Touched.empty()
        if not _apply(session, correction, touched):
            correction.status = "orphaned"
        _refresh(session, touched)
    session.flush()
    return _correction(correction)


# ---------------------------------------------------------------- reading


def log(
    session: Session,
    *,
    limit: int | None = None,
    offset: int = 0,
    reviewer: str | None = None,
    kind: str | None = None,
    status: str | None = None,
) -> list[Correction]:
    """The audit trail, newest first, optionally of one reviewer, target kind or status."""
    stmt = select(CorrectionRow)
    if reviewer:
        stmt = stmt.where(CorrectionRow.reviewer == reviewer)
    if kind:
        stmt = stmt.where(CorrectionRow.target_kind == kind)
    if status:
        stmt = stmt.where(CorrectionRow.status == status)
    stmt = stmt.order_by(CorrectionRow.id.desc()).offset(offset).limit(limit)
    return [_correction(r) for r in session.scalars(stmt)]


def status(session: Session, *, limit: int = 50) -> dict[str, Any]:
    """How the corrections stand: how many of each kind are applied and orphaned (their
    target is gone: a document deleted, a dispute whose claims changed), and the newest
    orphaned ones (up to ``limit``)."""
    c = CorrectionRow
    stmt = select(c.target_kind, c.status, func.count()).group_by(c.target_kind, c.status)
    counts = {kind: {"applied": 0, "orphaned": 0} for kind in KINDS}
    for kind, state, n in session.execute(stmt):
        counts.setdefault(kind, {"applied": 0, "orphaned": 0})[state] = n
    orphaned = log(session, status="orphaned", limit=limit)
    return {
        "applied": sum(x["applied"] for x in counts.values()),
        "orphaned": sum(x["orphaned"] for x in counts.values()),
        "by_kind": counts,
        "orphans": orphaned,
    }


def states(session: Session, kind: str, *, doc_id: str | None = None) -> dict[str, str]:
    """Target ref (``doc:local id``, a global id, a dispute key) -> ``reviewed`` or
    ``corrected``, for the targets of one kind with an applied correction (of one
    document's statements or claims, with ``doc_id``)."""
    stmt = select(CorrectionRow.target_ref, CorrectionRow.field).where(
        CorrectionRow.target_kind == kind,
        CorrectionRow.status == "applied",
        CorrectionRow.target_ref.is_not(None),
    )
    if doc_id is not None:
        stmt = stmt.where(CorrectionRow.target_ref.startswith(f"{doc_id}:", autoescape=True))
    out: dict[str, str] = {}
    for ref, field in session.execute(stmt):
        out[ref] = "corrected" if field != "confirm" or out.get(ref) == "corrected" else "reviewed"
    return out


def furthest(*found: str | None) -> str:
    """The furthest of some review states (a claim and its statement): corrected, else
    reviewed, else machine."""
    return max((s or "machine" for s in found), key=RANK.__getitem__, default="machine")


def claim_state(claims: dict[str, str], attributions: dict[str, str], doc_id: str,
                local_id: int, attribution: int | None) -> str:  # fmt: skip
    """A claim's review state: its own or its statement's, the furthest."""
    said = attributions.get(f"{doc_id}:{attribution}") if attribution is not None else None
    return furthest(claims.get(f"{doc_id}:{local_id}"), said)


def queue(session: Session, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Statements no person has reviewed yet, lowest confidence first (one page, read in
    SQL: a statement with an applied correction is left out by its ``doc:local id``)."""
    a, c = AttributionRow, CorrectionRow
    ref = a.doc_id + ":" + cast(a.local_id, String)
    reviewed = select(c.id).where(c.target_kind == "attribution", c.status == "applied",
                                  c.target_ref == ref)  # fmt: skip
    stmt = (
        select(a)
        .where(~reviewed.exists())
        .order_by(a.confidence, a.doc_id, a.local_id)
        .offset(offset)
        .limit(limit)
    )
    out: list[dict[str, Any]] = []
    for row in session.scalars(stmt):
        out.append({
            "doc_id": row.doc_id, "attribution": row.local_id,
            "ref": f"{row.doc_id}:{row.local_id}", "confidence": row.confidence,
            "speaker": row.speaker_name or row.source_text, "kind": row.kind,
            "stance": row.stance, "content": row.content_text, "method": row.method,
        })  # fmt: skip
    return out


def doc_states(session: Session, doc_id: str) -> tuple[dict[int, str], dict[int, str]]:
    """The review states of one document's attributions and claims, by local id."""
    out: list[dict[int, str]] = []
    for kind in ("attribution", "claim"):
        found = states(session, kind, doc_id=doc_id)
        out.append({int(ref.rpartition(":")[2]): s for ref, s in found.items()
                    if ref.rpartition(":")[0] == doc_id})  # fmt: skip
    return out[0], out[1]


def rejected_claims(session: Session, doc_ids: Iterable[str]) -> set[tuple[str, int]]:
    """(doc id, local id) of the rejected claims of some documents."""
    stmt = select(ClaimRow.doc_id, ClaimRow.local_id).where(
        ClaimRow.doc_id.in_(sorted(set(doc_ids))), ClaimRow.rejected.is_(True)
    )
    return {(d, i) for d, i in session.execute(stmt)}
