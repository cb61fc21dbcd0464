"""Full-text search over statements: their contents, speakers and the titles of their
documents, ranked, a page at a time.

SQLite: the FTS5 table ``search_fts`` (revision 0006; Porter stemming, diacritics folded),
ranked by BM25 with a title match counting most, then the speaker, then the content.
PostgreSQL: English ``tsvector``s (GIN-indexed), ranked by ``ts_rank`` with the same weights.
Other databases: every word must appear (LIKE), newest document first. The query is words,
all of which must match (in any column); punctuation and FTS operators are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Engine, String, and_, func, literal, or_, select, text
from sqlalchemy.orm import Session

from counterclaim.records import Attribution
from counterclaim.store.models import AttributionRow, DocumentRow
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
    """Statements whose content, speaker or document title hold every word of ``query``."""
    found = words(query)
    if not found:
        return SearchResult(query, [], 0, limit, offset)
    dialect = engine.dialect.name
    with Session(engine) as session:
        if dialect == "sqlite":
            ranked, total = _sqlite(session, found, limit, offset)
        elif dialect == "postgresql":
            ranked, total = _postgresql(session, found, limit, offset)
        else:
            ranked, total = _like(session, found, limit, offset)
        rows = {r.id: r for r in session.scalars(
            select(AttributionRow).where(AttributionRow.id.in_([i for i, _ in ranked])))}  # fmt: skip
        titles = dict(session.execute(select(DocumentRow.id, DocumentRow.title).where(
            DocumentRow.id.in_({r.doc_id for r in rows.values()}))).all())  # fmt: skip
        hits = [Hit(to_attribution(rows[i]), rank, titles.get(rows[i].doc_id))
                for i, rank in ranked if i in rows]  # fmt: skip
    return SearchResult(query, hits, total, limit, offset)


def _sqlite(session: Session, found: list[str], limit: int, offset: int) -> tuple[list, int]:
    match = " ".join('"' + w.replace('"', "") + '"' for w in found)
    ranked = session.execute(
        text("SELECT rowid, bm25(search_fts, 4.0, 2.0, 1.0) AS score FROM search_fts "
             "WHERE search_fts MATCH :q ORDER BY score, rowid LIMIT :limit OFFSET :offset"),
        {"q": match, "limit": limit, "offset": offset},
    ).all()  # fmt: skip
    total = session.scalar(
        text("SELECT count(*) FROM search_fts WHERE search_fts MATCH :q"), {"q": match}
    )
    return [(i, -score) for i, score in ranked], total or 0


_PG_STATEMENT = (
    "to_tsvector('english', coalesce(a.speaker_name, '') || ' ' || coalesce(a.source_text, '') "
    "|| ' ' || coalesce(a.content_text, ''))"
)
_PG_TITLE = "to_tsvector('english', coalesce(d.title, ''))"


def _postgresql(session: Session, found: list[str], limit: int, offset: int) -> tuple[list, int]:
    where = (f"FROM attribution a JOIN document d ON d.id = a.doc_id, "
             f"plainto_tsquery('english', :q) query "
             f"WHERE ({_PG_STATEMENT} || {_PG_TITLE}) @@ query")  # fmt: skip
    score = (f"ts_rank(setweight({_PG_TITLE}, 'A') || setweight(to_tsvector('english', "
             f"coalesce(a.speaker_name, '') || ' ' || coalesce(a.source_text, '')), 'B') || "
             f"setweight(to_tsvector('english', coalesce(a.content_text, '')), 'D'), query)")  # fmt: skip
    q = " ".join(found)
    ranked = session.execute(
        text(f"SELECT a.id, {score} AS score {where} ORDER BY score DESC, a.id "
             "LIMIT :limit OFFSET :offset"), {"q": q, "limit": limit, "offset": offset},
    ).all()  # fmt: skip
    total = session.scalar(text(f"SELECT count(*) {where}"), {"q": q})
    return [(i, float(score)) for i, score in ranked], total or 0


def _like(session: Session, found: list[str], limit: int, offset: int) -> tuple[list, int]:
    fields = func.lower(
        func.coalesce(DocumentRow.title, "") + literal(" ", String)
        + func.coalesce(AttributionRow.speaker_name, "") + literal(" ", String)
        + func.coalesce(AttributionRow.source_text, "") + literal(" ", String)
        + func.coalesce(AttributionRow.content_text, "")
    )  # fmt: skip
    cond = and_(*(fields.contains(w.lower(), autoescape=True) for w in found))
    base = select(AttributionRow.id).join(DocumentRow).where(or_(cond))
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    stmt = base.order_by(DocumentRow.date.desc(), AttributionRow.id).limit(limit).offset(offset)
    return [(i, 0.0) for i in session.scalars(stmt)], total
