"""Every permission rule of the hub, in one place.

Roles are granted per tenant and apply to that tenant only; a superuser may
do everything everywhere. Services call :func:`require`; read helpers call
:func:`can`. Nothing else decides who may do what.
"""

from __future__ import annotations

from enum import StrEnum

from tenants.scope import Viewer


class Role(StrEnum):
    """A user's role within one tenant."""

    REPORTER = "reporter"
    EDITOR = "editor"
    APPROVER = "approver"
    ADMIN = "admin"


class Permission(StrEnum):
    VIEW_DRAFTS = "view_drafts"
    ARTICLE_CREATE = "article_create"
    ARTICLE_EDIT = "article_edit"  # drafts and returned articles
    ARTICLE_SUBMIT = "article_submit"
    ARTICLE_REVIEW = "article_review"  # edit what is under review, return it with a reason
    ARTICLE_APPROVE = "article_approve"
    ARTICLE_PUBLISH = "article_publish"  # publish, unpublish, schedule, edit live articles
    ARTICLE_ARCHIVE = "article_archive"
    WORKFLOW_BYPASS = "workflow_bypass"  # publish without the review steps (admins)
    AUDIT_VIEW = "audit_view"
    CATEGORY_MANAGE = "category_manage"
    MEDIA_UPLOAD = "media_upload"
    DOCUMENT_EDIT = "document_edit"  # enter and edit documents, their relations and files
    DOCUMENT_PUBLISH = "document_publish"  # publish, unpublish, set a validity override
    DOCUMENT_IMPORT = "document_import"  # the document-management system's inbound API
    GAZETTE_EDIT = "gazette_edit"  # draft editions, keep the intake register
    GAZETTE_PUBLISH = "gazette_publish"
    TENANT_MANAGE = "tenant_manage"
    # The citizens' side (docs/citizens.md).
    INITIATIVE_MODERATE = "initiative_moderate"  # screen, route, reject and publish initiatives
    INITIATIVE_ANSWER = "initiative_answer"  # give the unit's official answer
    CITIZEN_CONTACT_VIEW = "citizen_contact_view"  # a citizen's name and contact (personal data)
    CONSULTATION_MANAGE = "consultation_manage"  # open, moderate comments, close with a summary
    INFOREQUEST_HANDLE = "inforequest_handle"  # answer, extend or refuse information requests
    DISCLOSURE_MANAGE = "disclosure_manage"  # the list of information that must be disclosed


# Reporter writes and submits; editor edits and returns; approver approves and
# publishes; admin does all (REGULATIONS R23: write → edit → approve → publish).
_REPORTER = {
    Permission.VIEW_DRAFTS,
    Permission.ARTICLE_CREATE,
    Permission.ARTICLE_EDIT,
    Permission.ARTICLE_SUBMIT,
    Permission.MEDIA_UPLOAD,
}
_EDITOR = _REPORTER | {
    Permission.ARTICLE_REVIEW,
    Permission.CATEGORY_MANAGE,
    Permission.DOCUMENT_EDIT,
    Permission.GAZETTE_EDIT,
    # Editors run the unit's dealings with citizens; answering in its name is an approver's.
    Permission.INITIATIVE_MODERATE,
    Permission.CITIZEN_CONTACT_VIEW,
    Permission.CONSULTATION_MANAGE,
    Permission.INFOREQUEST_HANDLE,
    Permission.DISCLOSURE_MANAGE,
}
_APPROVER = _EDITOR | {
    Permission.ARTICLE_APPROVE,
    Permission.ARTICLE_PUBLISH,
    Permission.ARTICLE_ARCHIVE,
    Permission.AUDIT_VIEW,
    Permission.DOCUMENT_PUBLISH,
    Permission.GAZETTE_PUBLISH,
    Permission.INITIATIVE_ANSWER,
}
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.REPORTER: frozenset(_REPORTER),
    Role.EDITOR: frozenset(_EDITOR),
    Role.APPROVER: frozenset(_APPROVER),
    Role.ADMIN: frozenset(Permission),
}


class PermissionDenied(PermissionError):
    """The viewer lacks a permission; carries a stable error code."""

    code = "FORBIDDEN"


def can(viewer: Viewer, permission: Permission, tenant_id: int) -> bool:
    """Whether ``viewer`` holds ``permission`` in the tenant ``tenant_id``."""
    if viewer.is_superuser:
        return True
    return any(
        permission in ROLE_PERMISSIONS.get(Role(role), frozenset())
        for role in viewer.roles_in(tenant_id)
    )


def tenants_where(viewer: Viewer, permission: Permission) -> set[int]:
    """Ids of the tenants where ``viewer`` holds ``permission`` (not for superusers)."""
    return {
        tenant_id
        for tenant_id, roles in viewer.roles.items()
        if any(permission in ROLE_PERMISSIONS.get(Role(r), frozenset()) for r in roles)
    }


def require(viewer: Viewer, permission: Permission, tenant_id: int) -> None:
    """Raise :class:`PermissionDenied` unless ``viewer`` may do ``permission``."""
    if not can(viewer, permission, tenant_id):
        if not viewer.is_authenticated:
            raise PermissionDenied("sign-in required")
        raise PermissionDenied(f"not allowed: {permission.value}")
