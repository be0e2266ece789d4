"""The third-party warnings the hub silences, each with the reason why.

Warnings raised by the hub's own code stay errors in the test suite. A
library's deprecation notice about its own internals is not the hub's to fix:
it must neither stop the suite nor fill the server log. Each entry names the
warning's category and the module that raises it, so nothing else is hidden.
The package silences these at import (`hub/__init__.py`) and the test suite
adds the same entries to pytest's filters (`tests/conftest.py`).
"""

from __future__ import annotations

import importlib
import warnings
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class IgnoredWarning:
    """One warning that is silenced: its category, where it comes from, and why."""

    category: str  # dotted path of the warning class
    module: str  # regular expression matched against the warning's module name
    reason: str

    def category_class(self) -> type[Warning]:
        module_name, _, class_name = self.category.rpartition(".")
        module = importlib.import_module(module_name or "builtins")
        return getattr(module, class_name)  # type: ignore[no-any-return]

    def pytest_filter(self) -> str:
        """The entry in pytest's ``filterwarnings`` syntax."""
        return f"ignore::{self.category}:{self.module}"


IGNORED: tuple[IgnoredWarning, ...] = (
    IgnoredWarning(
        "cryptography.utils.CryptographyDeprecationWarning",
        r"pyhanko(_certvalidator)?(\.|$)",
        "pyhanko imports cryptography's DSA classes, deprecated since cryptography 51; "
        "gazette signatures never use DSA.",
    ),
    IgnoredWarning(
        "DeprecationWarning",
        r"websockets(\.|$)",
        "uvicorn and Playwright still use the websockets legacy API that websockets deprecates.",
    ),
)


def silence_third_party_warnings() -> None:
    """Install the filters for `IGNORED` (idempotent: `warnings` skips duplicates)."""
    for entry in IGNORED:
        warnings.filterwarnings("ignore", category=entry.category_class(), module=entry.module)
