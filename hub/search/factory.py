"""Choose a search backend from configuration.

``db`` (the default) searches inside the hub's own database: FTS5 on SQLite,
``tsvector`` + ``pg_trgm`` on PostgreSQL, picked by the dialect of the
Tortoise connection. ``typesense://<api key>@<host>:<port>/<collection>``
(``typesenses://`` for HTTPS; several nodes as ``host1:8108,host2:8108``)
uses a Typesense server or cluster.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from tortoise import connections

from hub.search.backend import SearchBackend
from hub.search.postgres_fts import PostgresSearch
from hub.search.sqlite_fts import SqliteSearch
from hub.search.typesense_backend import TypesenseNode, TypesenseSearch

DEFAULT_COLLECTION = "thudo"


def db_backend(connection_name: str = "default") -> SearchBackend:
    """The database backend for the dialect of the (already open) Tortoise connection."""
    dialect = connections.get(connection_name).capabilities.dialect
    if dialect == "postgres":
        return PostgresSearch(connection_name)
    if dialect == "sqlite":
        return SqliteSearch(connection_name)
    raise ValueError(f"no search backend for the {dialect!r} dialect")


def create_backend(spec: str = "db", connection_name: str = "default") -> SearchBackend:
    """The backend a setting names: ``"db"`` or a ``typesense://`` URL (see the module)."""
    if spec in ("", "db"):
        return db_backend(connection_name)
    parts = urlsplit(spec)
    if parts.scheme not in ("typesense", "typesenses"):
        raise ValueError("the search backend is 'db' or a typesense:// URL")
    if not parts.password and not parts.username:
        raise ValueError("a typesense:// URL needs the API key as its user part")
    api_key = unquote(parts.password or parts.username or "")
    protocol = "https" if parts.scheme == "typesenses" else "http"
    nodes = []
    for address in parts.netloc.rsplit("@", 1)[-1].split(","):
        host, _, port = address.rpartition(":") if ":" in address else (address, "", "8108")
        nodes.append(TypesenseNode(host=host, port=int(port), protocol=protocol))
    collection = parts.path.strip("/") or DEFAULT_COLLECTION
    return TypesenseSearch(nodes=nodes, api_key=api_key, collection=collection)
