"""Who may change the legal status of which document: the hub's one rule.

A relation whose kind changes its target's validity status (repeals,
replaces, amends, suspends: :data:`~hub.services.document_status.STATUS_CHANGING`)
is a statement about the target's legal force. The public pages of the
target's portal then show it "Hết hiệu lực" or "Ngưng hiệu lực". So it may be
recorded only by a portal with authority over the target:

* the **issuing portal** itself (its document is the target), or
* a portal **above it** in the tenant tree (the city over its wards and
  departments), read from the closure table in one indexed lookup;
* a **national** document (a law, a decree, a circular, a Prime Minister's
  decision…, which a portal only holds a copy of) by no portal at all: only
  a **superuser** (the hub's operator, the CLI, the seed) records what the
  central bodies did to it.

The portal rule binds superusers too, importers and the CLI included (they
act as ``SYSTEM``, a superuser): no one, however trusted, makes a ward's
decision repeal the city's, because no ward has that power in law. An
operator who must correct a status by hand sets a validity override with its
reason (``documentSetValidity``), which the page shows.

Relations that do not change a status (basis, guides, details, references,
corrections…) stay open to every portal: citing a city decision as a legal
basis changes nothing on the city's pages.

A relation naming a number the hub does not hold yet changes nothing until
that document is entered; it is linked then only if this same rule allows it
(:func:`hub.services.documents.link_waiting_relations`), otherwise it stays a
reference by number on the source's own page.

Every caller goes through :func:`status_authority`: the relation mutations
and services, the linking of waiting relations (document create and update,
and the document-management inbound API), and importers, which call the same
services.
"""

from __future__ import annotations

import re

from hub.i18n import N_, gettext
from hub.models.documents import LegalDocument, RelationKind
from hub.services.document_status import STATUS_CHANGING
from hub.text.citations import DocumentType, number_key, type_from_number
from tenants.models import TenantClosure
from tenants.scope import Viewer

# Types only central bodies issue (Law 64/2025 Art. 4 items 1–8): no portal of
# a province issues a law, a decree or a circular.
NATIONAL_TYPES = frozenset(
    {
        DocumentType.HIEN_PHAP,
        DocumentType.BO_LUAT,
        DocumentType.LUAT,
        DocumentType.PHAP_LENH,
        DocumentType.LENH,
        DocumentType.NGHI_DINH,
        DocumentType.NGHI_QUYET_LIEN_TICH,
        DocumentType.THONG_TU,
        DocumentType.THONG_TU_LIEN_TICH,
    }
)
# Issuing-body codes of central bodies, the last part of a number's symbol
# (folded): Chính phủ, Thủ tướng, Chủ tịch nước, Văn phòng Chính phủ, the State
# Bank, the State Audit, the Supreme Court and Procuracy, the National
# Assembly and its Standing Committee, and the ministries ("B…": BTTTT, BNV).
# A local body whose code happens to start with "B" is treated as central:
# that errs towards refusing, never towards letting a portal act.
_CENTRAL_CODES = frozenset(
    {"cp", "ttg", "ctn", "vpcp", "nhnn", "ktnn", "tandtc", "vksndtc", "hdtp"}
)
_CENTRAL_PATTERN = re.compile(r"(?:ubtv)?qh\d*|b[a-z]{2,10}")
# Provincial "ban" codes seen on local documents, not ministries.
_LOCAL_B_CODES = frozenset({"bql", "bcd", "bch"})

NOT_ISSUER = N_(
    "Only the issuing portal or a portal above it may change the legal status of this document."
)
NATIONAL = N_(
    "Only the hub's operator (a superuser) may change the legal status of a national document."
)


def _bilingual(english: str) -> str:
    """Vietnamese first, then English, as the hub's other user-facing errors."""
    return f"{gettext('vi', english)} / {english}"


def is_national(number: str, doc_type: str | None = None) -> bool:
    """Whether a document (by its type, or its number's issuing body) is a central one."""
    kind: DocumentType | None
    try:
        kind = DocumentType(doc_type) if doc_type else type_from_number(number)
    except ValueError:
        kind = type_from_number(number)
    if kind in NATIONAL_TYPES:
        return True
    symbol = number_key(number).rsplit("/", 1)[-1]
    code = symbol.rsplit("-", 1)[-1]
    if code in _CENTRAL_CODES:
        return True
    return bool(_CENTRAL_PATTERN.fullmatch(code)) and code not in _LOCAL_B_CODES


async def status_authority(
    viewer: Viewer | None,
    source_tenant_id: int,
    kind: RelationKind | str,
    target: LegalDocument | None,
    target_number: str = "",
) -> str | None:
    """``None`` when the relation may be recorded; otherwise why not (Vietnamese / English).

    ``viewer`` is who records it now; ``None`` when no one does (a waiting
    relation linking up to a document entered later), which counts as no
    superuser. Only a national target looks at the viewer; for every other
    target the portals alone decide. ``target`` is the held document, or ``None`` with its
    ``target_number`` when the hub does not hold it yet.
    """
    if RelationKind(kind) not in STATUS_CHANGING:
        return None
    number = target.number if target is not None else target_number
    if is_national(number, target.doc_type if target is not None else None):
        superuser = viewer is not None and viewer.is_superuser
        return None if superuser else _bilingual(NATIONAL)
    if target is None:
        # Not held: it changes no status now; linking it later asks this rule again.
        return None
    if target.tenant_id == source_tenant_id:
        return None
    above = await TenantClosure.exists(ancestor_id=source_tenant_id, descendant_id=target.tenant_id)
    return None if above else _bilingual(NOT_ISSUER)
