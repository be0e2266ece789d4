"""Twelve-factor settings, read once from the environment (or a `.env` file).

Every knob has a default that runs the embedded demo: a SQLite file and media
under ``./var``, the built-in search, and ``thudo.gov.vn`` as the base domain.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from starlette.config import Config
from starlette.datastructures import Secret

_DEV_SECRET = "thudo-dev-secret-change-me"


@dataclass(frozen=True)
class Settings:
    """The hub's configuration; build it with :func:`load_settings`."""

    data_dir: Path
    database_url: str
    secret_key: Secret
    base_domain: str
    debug: bool
    max_query_bytes: int
    tenant_cache_seconds: float
    scheduler_seconds: float
    page_cache_entries: int
    search_backend: str = "db"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def uses_dev_secret(self) -> bool:
        return str(self.secret_key) == _DEV_SECRET


def load_settings(env_file: str | Path | None = ".env") -> Settings:
    """Read the settings from the environment, falling back to `.env`."""
    config = Config(env_file if env_file and Path(env_file).exists() else None)
    data_dir = Path(config("THUDO_DATA_DIR", default="./var")).resolve()
    default_db = f"sqlite://{data_dir / 'thudo.sqlite3'}"
    return Settings(
        data_dir=data_dir,
        database_url=config("THUDO_DATABASE_URL", default=default_db),
        secret_key=config("THUDO_SECRET_KEY", cast=Secret, default=_DEV_SECRET),
        base_domain=config("THUDO_BASE_DOMAIN", default="thudo.gov.vn").lower().strip("."),
        debug=config("THUDO_DEBUG", cast=bool, default=False),
        # A GraphQL document larger than this is refused before parsing.
        max_query_bytes=config("THUDO_MAX_QUERY_BYTES", cast=int, default=64 * 1024),
        tenant_cache_seconds=config("THUDO_TENANT_CACHE_SECONDS", cast=float, default=5.0),
        # How often each process looks for scheduled publications; 0 turns it off.
        scheduler_seconds=config("THUDO_SCHEDULER_SECONDS", cast=float, default=5.0),
        # Rendered portal pages kept in memory per process; 0 turns the cache off.
        page_cache_entries=config("THUDO_PAGE_CACHE_ENTRIES", cast=int, default=5000),
        # "db" (the hub's own database) or typesense://<key>@<host>:<port>/<collection>.
        search_backend=config("THUDO_SEARCH", default="db"),
    )
