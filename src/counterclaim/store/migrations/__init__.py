"""Alembic migrations of the ledger schema; :func:`counterclaim.store.ensure_schema` runs them.

To add a revision after changing ``store/models.py`` (bump ``SCHEMA_VERSION`` and record it
in ``schema_version`` from the revision), autogenerate it against a ledger at the current
head::

    from alembic import command
    from alembic.config import Config
    from counterclaim.store import make_engine
    from counterclaim.store.engine import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with make_engine("sqlite:///scratch.db").begin() as conn:
        config.attributes["connection"] = conn
        command.revision(config, message="what changed", autogenerate=True, rev_id="0002")
"""
