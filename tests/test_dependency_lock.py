"""The locks in requirements/ agree with pyproject.toml.

Every install (README, CI, Dockerfile) takes its versions from the locks, while
pyproject.toml keeps the ranges the code supports. These tests fail when the two
drift apart — a dependency added, dropped or narrowed without running
``requirements/relock`` — without asking any package index.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ("app", "test")
PROJECT = "thudo-hub"


@dataclass
class Pin:
    """One locked package: its version, marker, hashes and what pulls it in."""

    version: Version
    marker: Marker | None
    hashes: int = 0
    via: list[str] = field(default_factory=list)


def read_lock(name: str) -> dict[str, Pin]:
    """Parse a uv-written, hash-checked requirements file."""
    pins: dict[str, Pin] = {}
    current: Pin | None = None
    in_via = False
    for raw in (ROOT / "requirements" / f"{name}.txt").read_text().splitlines():
        line = raw.strip()
        if match := re.match(r"^([A-Za-z0-9._-]+)==([^ ;\\]+)\s*(?:;([^\\]*))?", raw):
            marker = match.group(3)
            current = Pin(Version(match.group(2)), Marker(marker) if marker else None)
            pins[canonicalize_name(match.group(1))] = current
            in_via = False
        elif current is None or not line:
            continue
        elif line.startswith("--hash=sha256:"):
            current.hashes += 1
        elif line.startswith("# via"):
            rest = line.removeprefix("# via").strip()
            current.via.extend([rest] if rest else [])
            in_via = not rest
        elif in_via and line.startswith("#   "):
            current.via.append(line.removeprefix("#   ").strip())
    return pins


def declared(lock: str) -> list[Requirement]:
    """What pyproject.toml asks for, for the given lock."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    wanted = [*project["project"]["dependencies"], *project["build-system"]["requires"]]
    if lock == "test":
        wanted += project["project"]["optional-dependencies"]["test"]
    return [Requirement(text) for text in wanted]


@pytest.mark.parametrize("lock", LOCKS)
def test_every_declared_requirement_is_locked_within_its_range(lock: str) -> None:
    pins = read_lock(lock)
    for requirement in declared(lock):
        if requirement.marker and not requirement.marker.evaluate():
            continue
        pin = pins.get(canonicalize_name(requirement.name))
        assert pin is not None, f"{requirement} is not in requirements/{lock}.txt: relock"
        assert requirement.specifier.contains(pin.version, prereleases=True), (
            f"requirements/{lock}.txt pins {requirement.name}=={pin.version}, "
            f"outside {requirement}: relock"
        )


@pytest.mark.parametrize("lock", LOCKS)
def test_every_locked_package_is_still_wanted_and_hashed(lock: str) -> None:
    pins = read_lock(lock)
    direct = {canonicalize_name(r.name) for r in declared(lock)}
    for name, pin in pins.items():
        assert pin.hashes, f"{name} has no hash in requirements/{lock}.txt"
        assert pin.via, f"{name} says nothing of what needs it"
        for parent in pin.via:
            if parent.startswith(PROJECT):
                assert name in direct, f"{name} is locked for pyproject.toml, which dropped it"
            elif parent.startswith("-r requirements/build.in"):
                assert name in direct, f"{name} is locked as a build requirement no longer declared"
            elif not parent.startswith("-c "):
                assert canonicalize_name(parent) in pins, f"{name} is locked for {parent}, gone"


def test_the_app_lock_is_the_test_lock_without_the_test_tools() -> None:
    app, test = read_lock("app"), read_lock("test")
    assert set(app) < set(test)
    for name, pin in app.items():
        assert pin.version == test[name].version, f"{name}: app and test locks differ"
