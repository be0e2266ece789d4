"""Thin server-rendered portals: tenant → template set → named GraphQL operations → Jinja2.

Front ends speak GraphQL only and import no model; the app factory injects
the transport (in-process, or HTTP when deployed apart).
"""
