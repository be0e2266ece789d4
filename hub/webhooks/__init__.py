"""Signed webhooks: an outbox consumer that queues deliveries, a worker that sends them.

Each delivery is POSTed with ``X-Thudo-Signature: t=<unix time>,v1=<hex>``, the
HMAC-SHA256 of ``"<t>.<body>"`` under the endpoint's secret. Failed
deliveries are retried with exponential backoff; one dead endpoint never
holds up another (each delivery is its own row, claimed on its own).
"""
