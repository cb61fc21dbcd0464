"""Full-text search over statements: their contents, speakers and the titles of their
documents, ranked, a page at a time; a word also finds a statement through its speaker's
other names (the name and aliases of the global entity the speaker is linked to: a
person found by an alternate spelling recorded in another story) and through its
reporting verb or cue ("denied", "accused", "according to"), stemmed.

SQLite: the FTS5 table ``search_fts`` (revision 0006; Porter stemming, diacritics folded),
ranked by BM25 with a title match counting most, then the speaker, then the content.
PostgreSQL: English ``tsvector``s (GIN-indexed), ranked by ``ts_rank`` with the same weights.
Other databases: every word must appear (LIKE), newest document first. The query is words,
all of which must match (in any column, or as a name of the speaker, or in the cue);
punctuation and FTS operators are ignored.

Names and cues are matched when the query is run, not stored in the index: aliases change
as entities are linked and merged across documents, and the index (revision 0006) stays
as it is. Cue phrases are stemmed like the index (Porter) in a small in-memory FTS5 table
of the ledger's distinct cue phrases (:class:`_CueIndex`), rebuilt when statements are
added; statements found only that way rank after those whose text matches.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections import OrderedDict
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Engine,
    Select,
    String,
    and_,
    cast,
    column,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session

from counterclaim.records import Attribution
from counterclaim.store.models import AttributionRow, DocumentRow, EntityLinkRow, GlobalEntityRow
from counterclaim.store.rows import to_attribution

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 12


@dataclass(frozen=True, slots=True)
class Hit:
    """A statement found, with its rank (higher is better) and its document's title."""

    attribution: Attribution
    rank: float
    title: str | None


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One page of hits, best first, and how many statements match in all."""

    query: str
    hits: list[Hit]
    total: int
    limit: int
    offset: int


def words(query: str) -> list[str]:
    """The words of a query, at most :data:`MAX_WORDS`."""
    return _WORD.findall(query)[:MAX_WORDS]


def search_statements(
    engine: Engine, query: str, *, limit: int = 20, offset: int = 0
) -> SearchResult:
    """Statements in which every word of ``query`` is found: in the content, the speaker
    or the document's title, among the names of the speaker's global entity, or in the
    cue (reporting verb)."""
    found = words(query)
    if not found:
        return SearchResult(query, [], 0, limit, offset)
    dialect = engine.dialect.name
    with Session(engine) as session:
        also = [_also(session, w) for w in found]
        if dialect == "sqlite":
            ranked, total = _sqlite(session, found, also, limit, offset)
        elif dialect == "postgresql":
            ranked, total = _postgresql(session, found, also, limit, offset)
        else:
            ranked, total = _like(session, found, also, limit, offset)
        rows = {r.id: r for r in session.scalars(
            select(AttributionRow).where(AttributionRow.id.in_([i for i, _ in ranked])))}  # fmt: skip
        titles = dict(session.execute(select(DocumentRow.id, DocumentRow.title).where(
            DocumentRow.id.in_({r.doc_id for r in rows.values()}))).all())  # fmt: skip
        hits = [Hit(to_attribution(rows[i]), rank, titles.get(rows[i].doc_id))
                for i, rank in ranked if i in rows]  # fmt: skip
    return SearchResult(query, hits, total, limit, offset)


# -- a word as a name of the speaker or in the cue -------------------------------------------


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def named_entities(word: str) -> Select[tuple[str]]:
    """Global entities that have ``word`` as a whole word of their name or of an alias
    (apart from case). Aliases are a JSON list, matched as its text."""
    w = _like_escape(word.lower())
    name = func.lower(GlobalEntityRow.name)
    aliases = func.lower(cast(GlobalEntityRow.aliases, String))
    return select(GlobalEntityRow.id).where(
        or_(
            name == word.lower(),
            *(name.like(p, escape="\\") for p in (f"{w} %", f"% {w}", f"% {w} %")),
            *(
                aliases.like(p, escape="\\")
                for p in (f'%"{w}"%', f'%"{w} %', f'% {w}"%', f"% {w} %")
            ),
        )  # fmt: skip
    )


def _also(session: Session, word: str) -> ColumnElement[bool] | None:
    """Where else ``word`` finds a statement: its speaker's global entity is named so, or
    its cue holds the word (stemmed); ``None`` when neither can match anything."""
    found: list[ColumnElement[bool]] = []
    entities = named_entities(word)
    if session.scalar(select(entities.exists())):
        found.append(
            select(EntityLinkRow.global_id)
            .where(
                EntityLinkRow.doc_id == AttributionRow.doc_id,
                EntityLinkRow.entity_key == AttributionRow.speaker,
                EntityLinkRow.global_id.in_(entities),
            )
            .exists()
        )
    if cues := _CUES.matching(session, word):
        found.append(func.lower(AttributionRow.cue_text).in_(cues))
    return or_(*found) if found else None


class _CueIndex:
    """The ledger's distinct cue phrases in an in-memory FTS5 table (the index's Porter
    tokenizer), so a query word finds the phrases with its stem ("denied": "denies",
    "deny"). One table per ledger, rebuilt when the newest statement id changes."""

    TOKENIZE = "porter unicode61 remove_diacritics 2"
    KEEP = 8  # ledgers remembered

    def __init__(self) -> None:
        self._tables: OrderedDict[str, tuple[int | None, sqlite3.Connection]] = OrderedDict()
        self._lock = threading.Lock()

    def matching(self, session: Session, word: str) -> list[str]:
        """The cue phrases (lower case) in which ``word`` occurs, stemmed."""
        bind = session.get_bind()
        key = bind.engine.url.render_as_string(hide_password=True)
        newest = session.scalar(select(func.max(AttributionRow.id)))
        with self._lock:
            stamp, conn = self._tables.get(key, (None, None))
            if conn is None or stamp != newest:
                phrases = session.scalars(
                    select(func.lower(AttributionRow.cue_text)).distinct()
                ).all()
                conn = sqlite3.connect(":memory:", check_same_thread=False)
                conn.execute(
                    f"CREATE VIRTUAL TABLE cue USING fts5(phrase, tokenize = '{self.TOKENIZE}')"
                )
                conn.executemany("INSERT INTO cue(phrase) VALUES (?)", [(p,) for p in phrases if p])
                self._tables[key] = (newest, conn)
                while len(self._tables) > self.KEEP:
                    self._tables.popitem(last=False)[1][1].close()
            self._tables.move_to_end(key)
            rows = conn.execute("SELECT phrase FROM cue WHERE cue MATCH ?", (_quoted(word),))
            return [phrase for (phrase,) in rows]


_CUES = _CueIndex()


def _quoted(word: str) -> str:
    return '"' + word.replace('"', "") + '"'


# -- each database's ranking ---------------------------------------------------------------


def _page(stmt: Select, limit: int, offset: int) -> Select:
    return stmt.limit(limit).offset(offset)


def _sqlite(
    session: Session, found: list[str], also: list[ColumnElement[bool] | None], limit: int,
    offset: int,
) -> tuple[list, int]:  # fmt: skip
    if all(a is None for a in also):  # the index alone: every word in it
        match = " ".join(_quoted(w) for w in found)
        ranked = session.execute(
            text("SELECT rowid, bm25(search_fts, 4.0, 2.0, 1.0) AS score FROM search_fts "
                 "WHERE search_fts MATCH :q ORDER BY score, rowid LIMIT :limit OFFSET :offset"),
            {"q": match, "limit": limit, "offset": offset},
        ).all()  # fmt: skip
        total = session.scalar(
            text("SELECT count(*) FROM search_fts WHERE search_fts MATCH :q"), {"q": match}
        )
        return [(i, -score) for i, score in ranked], total or 0
    conds = []
    for n, (word, extra) in enumerate(zip(found, also, strict=True)):
        indexed = AttributionRow.id.in_(
            text(f"SELECT rowid FROM search_fts WHERE search_fts MATCH :w{n}")
            .bindparams(**{f"w{n}": _quoted(word)})
            .columns(column("rowid"))
        )
        conds.append(indexed if extra is None else or_(indexed, extra))
    scores = (
        text("SELECT rowid AS id, bm25(search_fts, 4.0, 2.0, 1.0) AS score FROM search_fts "
             "WHERE search_fts MATCH :anyq")
        .bindparams(anyq=" OR ".join(_quoted(w) for w in found))
        .columns(column("id"), column("score"))
        .subquery("scores")
    )  # fmt: skip
    score = func.coalesce(scores.c.score, 0.0)
    base = select(AttributionRow.id, score).outerjoin(scores, scores.c.id == AttributionRow.id)
    base = base.where(and_(*conds))
    ranked = session.execute(_page(base.order_by(score, AttributionRow.id), limit, offset)).all()
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    return [(i, -float(s)) for i, s in ranked], total


_PG_STATEMENT = (
    "to_tsvector('english', coalesce(a.speaker_name, '') || ' ' || coalesce(a.source_text, '') "
    "|| ' ' || coalesce(a.content_text, ''))"
)
_PG_TITLE = "to_tsvector('english', coalesce(d.title, ''))"


def _pg_score(query: str) -> str:
    return (f"ts_rank(setweight({_PG_TITLE}, 'A') || setweight(to_tsvector('english', "
            f"coalesce(a.speaker_name, '') || ' ' || coalesce(a.source_text, '')), 'B') || "
            f"setweight(to_tsvector('english', coalesce(a.content_text, '')), 'D'), {query})")  # fmt: skip


def _postgresql(
    session: Session, found: list[str], also: list[ColumnElement[bool] | None], limit: int,
    offset: int,
) -> tuple[list, int]:  # fmt: skip
    if all(a is None for a in also):
        where = (f"FROM attribution a JOIN document d ON d.id = a.doc_id, "
                 f"plainto_tsquery('english', :q) query "
                 f"WHERE ({_PG_STATEMENT} || {_PG_TITLE}) @@ query")  # fmt: skip
        q = " ".join(found)
        ranked = session.execute(
            text(f"SELECT a.id, {_pg_score('query')} AS score {where} ORDER BY score DESC, a.id "
                 "LIMIT :limit OFFSET :offset"), {"q": q, "limit": limit, "offset": offset},
        ).all()  # fmt: skip
        total = session.scalar(text(f"SELECT count(*) {where}"), {"q": q})
        return [(i, float(score)) for i, score in ranked], total or 0
    # the same expressions over the mapped tables, so a word may also match a name or a cue
    english = literal_column("'english'::regconfig")

    def vector(*parts: ColumnElement[str]) -> ColumnElement:
        joined = func.coalesce(parts[0], "")
        for part in parts[1:]:
            joined = joined + literal(" ", String) + func.coalesce(part, "")
        return func.to_tsvector(english, joined)

    a = AttributionRow
    words_vector = vector(a.speaker_name, a.source_text, a.content_text).op("||")(
        vector(DocumentRow.title)
    )
    conds = []
    for word, extra in zip(found, also, strict=True):
        indexed = words_vector.op("@@")(func.plainto_tsquery(english, word))
        conds.append(indexed if extra is None else or_(indexed, extra))
    weighted = (
        func.setweight(vector(DocumentRow.title), literal_column("'A'"))
        .op("||")(func.setweight(vector(a.speaker_name, a.source_text), literal_column("'B'")))
        .op("||")(func.setweight(vector(a.content_text), literal_column("'D'")))
    )
    score = func.ts_rank(weighted, func.websearch_to_tsquery(english, " or ".join(found)))
    base = select(a.id, score.label("score")).join(DocumentRow).where(and_(*conds))
    stmt = base.order_by(score.desc(), a.id)
    ranked = session.execute(_page(stmt, limit, offset)).all()
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    return [(i, float(s)) for i, s in ranked], total


def _like(
    session: Session, found: list[str], also: list[ColumnElement[bool] | None], limit: int,
    offset: int,
) -> tuple[list, int]:  # fmt: skip
    fields = func.lower(
        func.coalesce(DocumentRow.title, "") + literal(" ", String)
        + func.coalesce(AttributionRow.speaker_name, "") + literal(" ", String)
        + func.coalesce(AttributionRow.source_text, "") + literal(" ", String)
        + func.coalesce(AttributionRow.content_text, "")
    )  # fmt: skip
    conds = []
    for word, extra in zip(found, also, strict=True):
        plain = fields.contains(word.lower(), autoescape=True)
        conds.append(plain if extra is None else or_(plain, extra))
    base = select(AttributionRow.id).join(DocumentRow).where(and_(*conds))
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    stmt = base.order_by(DocumentRow.date.desc(), AttributionRow.id).limit(limit).offset(offset)
    return [(i, 0.0) for i in session.scalars(stmt)], total
