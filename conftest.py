"""Set-up for every pytest session of this checkout: a random signing key.

The hub refuses to start without a strong ``THUDO_SECRET_KEY``
(:func:`hub.settings.require_strong_secrets`). Each test session makes a
fresh random one and puts it in the environment before any fixture runs, so
the ``settings`` fixture (``tests/conftest.py``, through ``load_settings``)
and every ``thudo serve`` a test starts in a process of its own use the same
key. A key from the developer's own environment is never used, nor is any
previous key: tests that need one set it themselves (``tests/auth``).
"""

from __future__ import annotations

import os
import secrets

import pytest


def pytest_configure(config: pytest.Config) -> None:
    os.environ["THUDO_SECRET_KEY"] = secrets.token_urlsafe(48)
    os.environ.pop("THUDO_SECRET_KEY_PREVIOUS", None)
