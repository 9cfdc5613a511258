"""The app-state database: engine, sessions and migrations (Alembic) to the latest schema."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


@cache
def engine_for(url: str) -> Engine:
    """An engine for `url`, migrated to the latest schema on first use."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    # a server's threads share the engine: keep enough connections that none is made per request
    engine = create_engine(url, future=True, pool_size=20, max_overflow=40, pool_pre_ping=False)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    migrate(engine)
    return engine


def alembic_config(engine: Engine) -> Any:
    from alembic.config import Config  # imported on use, like the migrations themselves

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    """The newest migration: revisions are numbered, and files named `<revision>_<what>.py`."""
    return max(p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py"))


def current_revision(engine: Engine) -> str | None:
    if not inspect(engine).has_table("alembic_version"):
        return None
    with engine.connect() as con:
        return con.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine) -> None:
    """Bring the app-state schema to the newest Alembic revision (Alembic loads only if needed)."""
    if current_revision(engine) == head_revision():
        return
    from alembic import command

    command.upgrade(alembic_config(engine), "head")


@cache
def _session_factory(url: str) -> sessionmaker[Session]:
    # one factory per database: each sessionmaker makes a Session subclass whose event
    # dispatch SQLAlchemy builds anew, a cost no request should pay
    return sessionmaker(engine_for(url), expire_on_commit=False)


@contextmanager
def session_scope(url: str) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    session = _session_factory(url)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
