"""Database wiring: the Tortoise config, start-up, shutdown and migrations.

One dialect-neutral set of migrations (``hub/migrations``, Tortoise's built-in
system) serves SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from typing import Any

import asyncpg
from tortoise import Tortoise
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.migrations.api import migrate as run_migrations

from hub.settings import Settings, load_settings

MODEL_MODULES = [
    "tenants.models",
    "hub.models",
    "hub.models.newsroom",
    "hub.models.syndication",
    "hub.models.documents",
    "hub.models.gazette",
    "hub.events.models",
    "hub.webhooks.models",
    "hub.participation.models",
    "hub.mail.models",
    "hub.initiatives.models",
]


def tortoise_config(database_url: str) -> dict[str, Any]:
    """The Tortoise config for ``database_url`` (``sqlite://…`` or ``postgres://…``)."""
    return {
        "connections": {"default": _connection(database_url)},
        "apps": {
            "models": {
                "models": MODEL_MODULES,
                "default_connection": "default",
                "migrations": "hub.migrations",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


class PooledConnection(asyncpg.Connection):  # type: ignore[misc]
    """A pooled PostgreSQL connection handed back to the pool without a reset query.

    asyncpg resets every connection it takes back (``RESET ALL; UNLISTEN *; CLOSE
    ALL; SELECT pg_advisory_unlock_all()``), and Tortoise takes one from the pool
    for every statement outside a transaction: one extra round trip per statement,
    measured at 6% of a worker's CPU on the home page. The hub keeps no session
    state on pooled connections (its settings are ``SET LOCAL``, its locks
    ``pg_advisory_xact_lock``, its LISTEN has its own connection), so there is
    nothing to reset. asyncpg still rolls back a transaction left open.
    """

    def get_reset_query(self) -> str:
        return ""


def _connection(database_url: str) -> str | dict[str, Any]:
    if database_url.startswith(("postgres://", "postgresql://")):
        # asyncpg by name; a pool sized for one worker process.
        url = database_url.replace("postgresql://", "postgres://", 1)
        sep = "&" if "?" in url else "?"
        config = expand_db_url(url if "maxsize" in url else f"{url}{sep}minsize=1&maxsize=10")
        config["credentials"]["connection_class"] = PooledConnection
        return config
    return database_url


# Read by the `tortoise` CLI (`tortoise -c hub.db.TORTOISE_ORM makemigrations`).
TORTOISE_ORM = tortoise_config(load_settings().database_url)


async def open_database(settings: Settings) -> None:
    """Connect Tortoise (the SQLite file's folder is created on demand)."""
    if settings.is_sqlite:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    # Global fallback: request tasks do not inherit the lifespan task's context.
    await Tortoise.init(config=tortoise_config(settings.database_url), _enable_global_fallback=True)


async def close_database() -> None:
    await Tortoise.close_connections()


async def migrate_database(settings: Settings) -> None:
    """Apply every pending migration, then leave the connections closed."""
    if settings.is_sqlite:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    try:
        await run_migrations(config=tortoise_config(settings.database_url))
    finally:
        await Tortoise.close_connections()
