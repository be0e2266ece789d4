"""Twelve-factor settings, read once from the environment (or a `.env` file).

Every knob has a default that runs the embedded demo: a SQLite file and media
under ``./var``, the built-in search, and ``thudo.gov.vn`` as the base domain.
The one exception is ``THUDO_SECRET_KEY``: it has no default, and the hub
refuses to serve without a strong one (``thudo demo`` makes its own).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from starlette.config import Config
from starlette.datastructures import Secret

# A key shorter than this is refused: 32 characters of `secrets.token_urlsafe`
# carry 192 bits, far beyond guessing; the docs suggest 48 bytes (64 characters).
MIN_SECRET_LENGTH = 32
# Fewer distinct characters than this is a pattern ("aaaa…", "abab…"), not a key.
MIN_DISTINCT_CHARACTERS = 12
# Public strings that must never sign anything: the hub's old built-in default
# (anyone could forge a superuser's cookie with it) and the usual placeholders.
KNOWN_PLACEHOLDERS = frozenset(
    {
        "thudo-dev-secret-change-me",
        "change-me",
        "changeme",
        "secret",
        "your-secret-key",
    }
)
_PLACEHOLDER_WORDS = ("change-me", "changeme", "change_me", "replace-me", "placeholder", "example")
# Where `thudo demo` keeps the key it generates, inside the data folder.
DEMO_SECRET_FILE = "secret_key"


class InsecureSecretKey(RuntimeError):
    """The hub will not start: a signing key is missing, short or public."""


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
    # Keys that were THUDO_SECRET_KEY before a rotation: they still verify
    # cookies and preview links, never sign new ones.
    previous_secret_keys: tuple[Secret, ...] = ()
    # Outgoing mail (docs/mail.md). No SMTP host: mails are written as .eml files
    # under <data_dir>/mail/ instead, so the demo runs offline.
    smtp_host: str = ""
    smtp_port: int = 0  # 0: the port of the security mode (25, 587 or 465)
    smtp_security: str = "starttls"  # none, starttls or tls (implicit TLS)
    smtp_user: str = ""
    smtp_password: Secret = field(default_factory=lambda: Secret(""))
    smtp_ca_file: str = ""  # a PEM bundle to trust instead of the system's (a city CA)
    mail_from: str = ""  # "" means no-reply@<base domain>

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def signing_keys(self) -> list[str]:
        """Every key that verifies, oldest first: itsdangerous signs with the last one."""
        return [*(str(k) for k in self.previous_secret_keys), str(self.secret_key)]


def secret_problem(key: str) -> str | None:
    """Why ``key`` may not sign anything, or ``None`` for a strong key."""
    if not key:
        return "is not set"
    if len(key) < MIN_SECRET_LENGTH:
        return f"is shorter than {MIN_SECRET_LENGTH} characters"
    lowered = key.strip().lower()
    if lowered in KNOWN_PLACEHOLDERS or any(w in lowered for w in _PLACEHOLDER_WORDS):
        return "is a known placeholder, not a secret"
    if len(set(key)) < MIN_DISTINCT_CHARACTERS:
        return "is a pattern, not a random value"
    return None


def require_strong_secrets(settings: Settings) -> None:
    """Raise :class:`InsecureSecretKey` unless every signing key is strong.

    Called before the hub serves anything (``create_app``, ``thudo serve``):
    a missing key fails closed instead of falling back to a public string.
    """
    named = [("THUDO_SECRET_KEY", settings.secret_key)]
    named += [("THUDO_SECRET_KEY_PREVIOUS", k) for k in settings.previous_secret_keys]
    for name, key in named:
        problem = secret_problem(str(key))
        if problem is not None:
            raise InsecureSecretKey(
                f"{name} {problem}. The hub signs sign-in cookies and preview links with it "
                f"and will not start without a strong one (at least {MIN_SECRET_LENGTH} random "
                "characters). Make one with: "
                'python3 -c "import secrets; print(secrets.token_urlsafe(48))"'
            )


def demo_secret_key(data_dir: Path) -> str:
    """The demo's own key: made once per data folder, kept in a file only its owner reads.

    ``thudo demo`` needs no configuration, yet must not sign with a public
    string: the first run writes a random key to ``<data_dir>/secret_key``
    (mode 0600), later runs read it back, so sign-ins survive a restart.
    """
    path = data_dir / DEMO_SECRET_FILE
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: two demos starting at once cannot both write a key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text(encoding="ascii").strip()
    else:
        key = secrets.token_urlsafe(48)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(key + "\n")
    problem = secret_problem(key)
    if problem is not None:
        raise InsecureSecretKey(f"{path} {problem}: delete it and a new key is made")
    return key


def _keys(value: str) -> tuple[Secret, ...]:
    """Comma-separated keys (generated keys hold no comma), blanks ignored."""
    return tuple(Secret(k.strip()) for k in value.split(",") if k.strip())


def load_settings(env_file: str | Path | None = ".env") -> Settings:
    """Read the settings from the environment, falling back to `.env`."""
    config = Config(env_file if env_file and Path(env_file).exists() else None)
    data_dir = Path(config("THUDO_DATA_DIR", default="./var")).resolve()
    default_db = f"sqlite://{data_dir / 'thudo.sqlite3'}"
    return Settings(
        data_dir=data_dir,
        database_url=config("THUDO_DATABASE_URL", default=default_db),
        # No default: an unset key fails closed at start (require_strong_secrets).
        secret_key=config("THUDO_SECRET_KEY", cast=Secret, default=""),
        previous_secret_keys=_keys(config("THUDO_SECRET_KEY_PREVIOUS", default="")),
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
        smtp_host=config("THUDO_SMTP_HOST", default="").strip(),
        smtp_port=config("THUDO_SMTP_PORT", cast=int, default=0),
        smtp_security=config("THUDO_SMTP_SECURITY", default="starttls").strip().lower(),
        smtp_user=config("THUDO_SMTP_USER", default=""),
        smtp_password=config("THUDO_SMTP_PASSWORD", cast=Secret, default=""),
        smtp_ca_file=config("THUDO_SMTP_CA_FILE", default=""),
        mail_from=config("THUDO_MAIL_FROM", default=""),
    )
