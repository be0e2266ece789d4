# Thủ Đô Hub: one image for every hub process (stateless; scale by running more).

# The workspace's browser assets (GraphiQL), from the npm lock (docs/workspace.md).
FROM node:20-bookworm-slim AS workspace-assets
WORKDIR /src/frontends/admin
COPY frontends/admin/package.json frontends/admin/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontends/admin/build.mjs ./
COPY frontends/admin/assets ./assets
RUN npm run build

FROM python:3.11-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    THUDO_DATA_DIR=/var/lib/thudo

WORKDIR /app
COPY pyproject.toml README.md ./
COPY requirements ./requirements
COPY hub ./hub
COPY schema ./schema
COPY resolvers ./resolvers
COPY tenants ./tenants
COPY importers ./importers
COPY frontends ./frontends
COPY bench ./bench
COPY --from=workspace-assets /src/frontends/admin/static/build ./frontends/admin/static/build
# The locked versions only, checked by hash; the build backend comes from the lock too.
RUN pip install --require-hashes -r requirements/app.txt \
 && pip install --no-deps --no-build-isolation . \
 && useradd --system --home /var/lib/thudo --create-home thudo

USER thudo
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
# Run `thudo migrate` once per release (e.g. as a one-off job) before starting these.
# THUDO_SECRET_KEY must be set (a strong random key): the hub refuses to start without one.
CMD ["thudo", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
