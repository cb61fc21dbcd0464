"""Alembic environment: runs on the connection :func:`counterclaim.store.ensure_schema`
passes in ``config.attributes["connection"]``, or on ``-x url=...`` from the command line."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from counterclaim.store.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,  # ALTER on SQLite goes through a table copy
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    context.configure(
        url=context.get_x_argument(as_dictionary=True).get("url", "sqlite://"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()
elif (connection := config.attributes.get("connection")) is not None:
    _run(connection)
else:
    engine = create_engine(context.get_x_argument(as_dictionary=True)["url"])
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()
