"""JSON-LD (schema.org) for the portal pages, and its one safe way into HTML.

Search engines and link previews read what a page is from these blocks:
`GovernmentOrganization` on a portal's home, `NewsArticle` on an article,
`Legislation` on a legal document, `BreadcrumbList` wherever a page has a
breadcrumb. The values come from the page's GraphQL answer; every URL is
absolute (the portal's canonical origin, :mod:`frontends.portal_hosts`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson
from markupsafe import Markup

# Inside <script>, "</script>" or "<!--" in a string would end or confuse the
# block: JSON allows any character as \\uXXXX, so these three never appear raw.
_UNSAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}

# DocumentValidity → schema.org LegalForceStatus.
# (Undetermined status says nothing, so the block leaves it out.)
LEGAL_FORCE = {
    "IN_FORCE": "https://schema.org/InForce",
    "PARTLY_EXPIRED": "https://schema.org/PartiallyInForce",
    "PARTLY_SUSPENDED": "https://schema.org/PartiallyInForce",
    "NOT_YET_EFFECTIVE": "https://schema.org/NotInForce",
    "EXPIRED": "https://schema.org/NotInForce",
    "SUSPENDED": "https://schema.org/NotInForce",
    "NO_LONGER_APPLICABLE": "https://schema.org/NotInForce",
}


def json_ld(data: dict[str, Any]) -> Markup:
    """A `<script type="application/ld+json">` block that no value can break out of."""
    text = orjson.dumps({"@context": "https://schema.org", **data}).decode().translate(_UNSAFE)
    return Markup('<script type="application/ld+json">') + Markup(text) + Markup("</script>")


def absolute(url: str | None, origin: str) -> str | None:
    """``url`` as an absolute URL: site-relative ones get the portal's origin."""
    if not url:
        return None
    if url.startswith(("http://", "https://")):
        return url
    return origin + url if url.startswith("/") else f"{origin}/{url}"


def _seconds(value: str | None) -> str | None:
    """A GraphQL `DateTime` to whole seconds (dates and None pass through)."""
    if not value or len(value) <= 10:
        return value
    return datetime.fromisoformat(value).replace(microsecond=0).isoformat()


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def organization(
    tenant: dict[str, Any],
    url: str,
    logo: str,
    language: str,
    parent_url: str | None = None,
) -> dict[str, Any]:
    """The unit behind a portal: name, address, telephone, e-mail, parent."""
    en = language == "en"
    contact = tenant.get("contact") or {}
    parent = tenant.get("parent")
    return _drop_empty(
        {
            "@type": "GovernmentOrganization",
            "name": (tenant.get("nameEn") or tenant["name"]) if en else tenant["name"],
            "alternateName": tenant["name"] if en else tenant.get("nameEn"),
            "url": url,
            "logo": logo,
            "description": tenant.get("description"),
            "address": contact.get("address"),
            "telephone": contact.get("phone"),
            "faxNumber": contact.get("fax"),
            "email": contact.get("email"),
            "parentOrganization": _drop_empty(
                {
                    "@type": "GovernmentOrganization",
                    "name": (parent.get("nameEn") or parent["name"]) if en else parent["name"],
                    "url": parent_url,
                }
            )
            if parent
            else None,
        }
    )


def publisher(tenant: dict[str, Any], url: str, logo: str, language: str) -> dict[str, Any]:
    """The portal as the publisher of an article: name, address, logo."""
    en = language == "en"
    return {
        "@type": "GovernmentOrganization",
        "name": (tenant.get("nameEn") or tenant["name"]) if en else tenant["name"],
        "url": url,
        "logo": {"@type": "ImageObject", "url": logo},
    }


def news_article(
    article: dict[str, Any],
    url: str,
    origin: str,
    publisher_data: dict[str, Any],
    author_url: str | None,
) -> dict[str, Any]:
    """An article: headline, dates, author (the writer, else the portal), publisher."""
    cover = article.get("cover")
    image = absolute(cover["url"], origin) if cover else None
    writer = article.get("byline") or (article.get("author") or {}).get("name")
    author = (
        _drop_empty({"@type": "Person", "name": writer, "url": author_url})
        if writer
        else {k: v for k, v in publisher_data.items() if k != "logo"}
    )
    category = article.get("category")
    published = _seconds(article.get("publishedAt"))
    modified = max(filter(None, [published, _seconds(article.get("textUpdatedAt"))]), default=None)
    return _drop_empty(
        {
            "@type": "NewsArticle",
            "headline": article["title"][:110],
            "description": article.get("seoDescription") or article.get("summary"),
            "url": url,
            "mainEntityOfPage": url,
            "inLanguage": article["language"].lower(),
            "datePublished": published,
            "dateModified": modified,
            "image": [image] if image else None,
            "author": author,
            "publisher": publisher_data,
            "articleSection": category["name"] if category else None,
            "keywords": [t["name"] for t in article.get("tags") or []],
        }
    )


def legislation(
    document: dict[str, Any],
    url: str,
    type_name: str,
    language: str,
    publisher_data: dict[str, Any],
) -> dict[str, Any]:
    """A legal document: its number (số ký hiệu), type, issuer, dates and legal force."""
    return _drop_empty(
        {
            "@type": "Legislation",
            "name": document["title"],
            "legislationIdentifier": document["number"],
            "legislationType": type_name,
            "legislationPassedBy": {"@type": "GovernmentOrganization", "name": document["issuer"]},
            "legislationDate": document["issuedOn"],
            "legislationDateOfApplicability": document.get("effectiveFrom") or document["issuedOn"],
            "expires": document.get("effectiveUntil"),
            "datePublished": document.get("gazettePublishedOn")
            or _seconds(document.get("publishedAt")),
            "dateModified": _seconds(document.get("updatedAt")),
            "legislationLegalForce": LEGAL_FORCE.get(document.get("validity") or ""),
            "legislationJurisdiction": "VN",
            "abstract": document.get("abstract"),
            "inLanguage": (document.get("language") or language).lower(),
            "url": url,
            "publisher": publisher_data,
        }
    )


def breadcrumbs(trail: list[tuple[str, str]]) -> dict[str, Any]:
    """`BreadcrumbList` of (name, absolute URL) pairs, from the home page down."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": url}
            for n, (name, url) in enumerate(trail, start=1)
        ],
    }
