"""Legal documents from a legal-document database's export (CSV or JSON Lines).

Each row goes through ``document_import`` (the document-management system's
inbound service: metadata checks, files through the media checks, text
extraction, citations, events), published, then its relations through
``relation_add``; a relation to a document not imported yet waits by number
and links itself when that document arrives. The bookkeeping, the fingerprint,
the dry run and the report are those of the articles (:mod:`importers.core`).

Validity is derived by the hub from dates and relations, as for every
document; an export's status is kept only where no relation can say it
(``no_longer_applicable``, ``undetermined``), as a manual override.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tortoise.transactions import in_transaction

from hub.models.documents import RelationKind
from hub.models.imports import ImportRecord, OldAddress
from hub.old_addresses import address_key
from hub.services.document_inbound import InboundDocument, InboundFile, document_import
from hub.services.document_relations import relation_add
from hub.services.documents import DocumentFields, Signer, set_validity_override
from hub.services.errors import ServiceError
from hub.text.folding import fold, slugify
from hub.text.legacy import to_unicode
from importers import links
from importers.config import ImportConfig
from importers.core import Outcome, ProgressHook, Report
from importers.csvfile import read_rows as read_csv_rows
from importers.jsonl import read_rows as read_jsonl_rows
from importers.source import SourceError, parse_date
from importers.writer import SCOPE, RunState, external_key, save_record
from tenants.models import Tenant

# Relation words of Vietnamese databases (folded) → the hub's kinds; codes work too.
RELATION_WORDS = {
    "can cu": RelationKind.BASIS,
    "huong dan": RelationKind.GUIDES,
    "quy dinh chi tiet": RelationKind.DETAILS,
    "hop nhat": RelationKind.CONSOLIDATES,
    "sua doi": RelationKind.AMENDS,
    "sua doi, bo sung": RelationKind.AMENDS,
    "dinh chinh": RelationKind.CORRECTS,
    "thay the": RelationKind.REPLACES,
    "bai bo": RelationKind.REPEALS,
    "dan chieu": RelationKind.REFERENCES,
    "dinh chi thi hanh": RelationKind.SUSPENDS_ENFORCEMENT,
    "tam ngung hieu luc": RelationKind.SUSPENDS_VALIDITY,
} | {kind.value: kind for kind in RelationKind}
MANUAL_VALIDITY = {
    "khong con phu hop": "no_longer_applicable",
    "no_longer_applicable": "no_longer_applicable",
    "chua xac dinh": "undetermined",
    "undetermined": "undetermined",
}
_SIGNER = re.compile(r"^(?P<name>[^()]+?)\s*(?:\((?P<title>[^)]*)\))?$")


@dataclass
class DocumentItem:
    """One legal document of the export."""

    external_id: str
    fields: DocumentFields
    files: list[str] = field(default_factory=list)
    relations: list[tuple[str, str]] = field(default_factory=list)  # (kind, target number)
    published: bool = True
    validity: str = ""
    urls: list[str] = field(default_factory=list)

    def fingerprint(self) -> str:
        raw = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(raw.encode()).hexdigest()


def _day(value: Any, config: ImportConfig) -> date | None:
    moment = parse_date(str(value or ""), config.timezone)
    return moment.astimezone(config.timezone).date() if moment else None


def _cells(value: Any, config: ImportConfig) -> list[Any]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return value
    return [p.strip() for p in str(value).split(config.list_separator) if p.strip()]


def _signer(value: Any) -> Signer:
    if isinstance(value, Mapping):
        return Signer(str(value.get("name", "")), str(value.get("job_title", "")))
    match = _SIGNER.match(str(value).strip())
    if match is None:
        return Signer(str(value))
    return Signer(match.group("name"), match.group("title") or "")


def _relation(value: Any) -> tuple[str, str]:
    if isinstance(value, Mapping):
        return str(value.get("kind", "")), str(value.get("number", ""))
    kind, _, number = str(value).partition(":")
    return kind.strip(), number.strip()


def _text(value: Any, found: set[str]) -> str:
    converted = to_unicode(str(value or "").strip())
    if converted.encoding:
        found.add(converted.encoding)
    return converted.text


def document_from_row(
    row: Mapping[str, Any], config: ImportConfig, found: set[str]
) -> DocumentItem:
    """One document from one row, through the column map; legacy text converted."""

    def cell(name: str) -> Any:
        return row.get(config.column(name))

    fields = DocumentFields(
        number=_text(cell("number"), found),
        doc_type=slugify(_text(cell("doc_type"), found)).replace("-", "_"),
        issuer_name=_text(cell("issuer"), found),
        title=_text(cell("title"), found),
        issued_on=_day(cell("issued_on"), config) or date(1900, 1, 1),
        abstract=_text(cell("abstract"), found),
        full_text=_text(cell("full_text"), found),
        effective_from=_day(cell("effective_from"), config),
        effective_until=_day(cell("effective_until"), config),
        gazette_published_on=_day(cell("gazette_published_on"), config),
        signers=[_signer(s) for s in _cells(cell("signers"), config)],
        subjects=[_text(s, found) for s in _cells(cell("subjects"), config)],
    )
    for signer in fields.signers:
        signer.name, signer.job_title = _text(signer.name, found), _text(signer.job_title, found)
    status = fold(str(cell("status") or "")).strip()
    return DocumentItem(
        external_id=str(cell("id") or "").strip(),
        fields=fields,
        files=[str(f) for f in _cells(cell("files"), config)],
        relations=[_relation(r) for r in _cells(cell("relations"), config)],
        published=status in ("", "1", "true", "yes", "published", "da ban hanh", "cong khai"),
        validity=MANUAL_VALIDITY.get(fold(str(cell("validity") or "")).strip(), ""),
        urls=[str(u) for u in _cells(cell("url"), config)],
    )


def read_documents(path: Path, config: ImportConfig) -> tuple[list[DocumentItem], Counter[str]]:
    """The documents of a ``.csv`` or ``.jsonl`` export; how many were in each legacy encoding."""
    if path.suffix.lower() == ".csv":
        rows = read_csv_rows(path)
    elif path.suffix.lower() in (".jsonl", ".json"):
        rows = read_jsonl_rows(path)
    else:
        raise SourceError(f"{path}: legal documents come as .csv or .jsonl")
    items, legacy = [], Counter[str]()
    for row in rows:
        found: set[str] = set()
        items.append(document_from_row(row, config, found))
        legacy.update(found)
    return items, legacy


async def run_document_import(
    items: Sequence[DocumentItem],
    tenant: Tenant,
    config: ImportConfig,
    *,
    dry_run: bool = False,
    roots: Sequence[Path] = (),
    on_item: ProgressHook | None = None,
) -> Report:
    """Import legal documents into ``tenant``; the same guarantees as the articles."""
    source = config.source or "documents"
    report = Report("documents", source, tenant.slug, dry_run, datetime.now(UTC).isoformat())
    started = time.monotonic()
    state = RunState(tenant, source, config, [Path(r) for r in roots])
    if config.media_root is not None:
        state.roots.append(config.media_root)
    known = {
        r.external_id: r
        for r in await ImportRecord.filter(
            tenant_id=tenant.id, source=source, object_type="document"
        )
    }
    for item in items:
        outcome = await _one(state, item, known, dry_run=dry_run)
        report.add(outcome)
        if on_item is not None:
            on_item(outcome)
    report.warnings = state.warnings
    report.seconds = round(time.monotonic() - started, 3)
    return report


async def _one(
    state: RunState, item: DocumentItem, known: dict[str, ImportRecord], *, dry_run: bool
) -> Outcome:
    outcome = Outcome(item.external_id, "skipped", title=item.fields.title[:120])
    if not item.external_id:
        outcome.action, outcome.reason = "failed", "no external id"
        return outcome
    if not item.published:
        outcome.reason = "not published on the old portal"
        return outcome
    fingerprint = item.fingerprint()
    record = known.get(external_key(item.external_id))
    if record is not None and record.fingerprint == fingerprint:
        outcome.reason, outcome.article_id = "unchanged", record.object_id
        return outcome
    outcome.action = "created" if record is None else "updated"
    if dry_run:
        return outcome
    try:
        async with in_transaction():
            record = await _write(state, item, record, fingerprint)
    except ServiceError as exc:
        where = f" ({exc.field})" if exc.field else ""
        outcome.action, outcome.reason = "failed", f"{exc.code}{where}: {exc.message}"
        return outcome
    known[record.external_id] = record
    outcome.article_id = record.object_id  # the document's id
    return outcome


async def _write(
    state: RunState, item: DocumentItem, record: ImportRecord | None, fingerprint: str
) -> ImportRecord:
    files = []
    for ref in item.files:
        path = links.local_file(links.absolute(ref, state.config.base_url), state.roots)
        if path is None:
            state.warnings.append(f"file not found: {ref}")
            continue
        files.append(InboundFile(path.name, path.read_bytes()))
    payload = InboundDocument(state.source, item.external_id, item.fields, files, publish=True)
    doc = (await document_import(SCOPE, state.tenant, payload)).document
    for kind, number in item.relations:
        relation = RELATION_WORDS.get(fold(kind).strip())
        if relation is None:
            state.warnings.append(f"{item.external_id}: unknown relation {kind!r}")
            continue
        try:
            async with in_transaction():  # a savepoint: a duplicate leaves the rest intact
                await relation_add(SCOPE, doc.id, relation, target_number=number)
        except ServiceError as exc:
            if exc.code != "DUPLICATE_RELATION":
                raise
    if item.validity and doc.validity_override != item.validity:
        reason = "Theo cơ sở dữ liệu văn bản cũ"  # stored with the override, shown to editors
        await set_validity_override(SCOPE, doc.id, item.validity, reason)
    record = await save_record(state, record, "document", item.external_id, doc.id, fingerprint)
    await _document_addresses(state, item, record)
    return record


async def _document_addresses(state: RunState, item: DocumentItem, record: ImportRecord) -> None:
    for url in item.urls:
        key = address_key(links.absolute(url, state.config.base_url))
        if not await OldAddress.filter(tenant_id=state.tenant.id, address=key).exists():
            await OldAddress.create(tenant_id=state.tenant.id, address=key, record=record)
