"""Driving ``wrk``: a Lua script per scenario, one bounded run, its output parsed.

The script sets the method, body and headers (``Host`` included, which wrk
would otherwise take from the URL), and counts responses by status code in
each thread; ``done()`` prints the merged counts as ``STATUS <code> <n>``
lines, so non-2xx answers are counted exactly (wrk's own line lumps 3xx in).
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

_LUA_FOOTER = """
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for code, n in pairs(thread:get("statuses") or {}) do
      total[code] = (total[code] or 0) + n
    end
  end
  for code, n in pairs(total) do
    io.write(string.format("STATUS %d %d\\n", code, n))
  end
  -- wrk's --latency table has no 95th percentile; print it (microseconds).
  io.write(string.format("PERCENTILE 95 %d\\n", latency:percentile(95)))
end
"""

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$")


def lua_string(value: str) -> str:
    """``value`` as a double-quoted Lua literal; bytes outside printable ASCII as ``\\ddd``."""
    out = []
    for byte in value.encode():
        char = chr(byte)
        if 32 <= byte < 127 and char not in '"\\':
            out.append(char)
        else:
            out.append(f"\\{byte:03d}")
    return '"' + "".join(out) + '"'


def lua_script(method: str, headers: dict[str, str], body: str | None = None) -> str:
    """A wrk script sending one fixed request and counting response statuses."""
    lines = [f"wrk.method = {lua_string(method)}"]
    if body is not None:
        lines.append(f"wrk.body = {lua_string(body)}")
    lines += [f"wrk.headers[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items()]
    return "\n".join(lines) + "\n" + _LUA_FOOTER


def parse_seconds(text: str) -> float:
    """``"20s"``, ``"1m"``, ``"500ms"`` or ``"20"`` (seconds) as seconds."""
    match = _DURATION.match(text)
    if not match:
        raise ValueError(f"not a duration: {text!r} (try 20s, 1m, 500ms)")
    value, unit = float(match[1]), match[2] or "s"
    return value * {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}[unit]


def _ms(value: str, unit: str) -> float:
    return round(float(value) * _UNITS_MS[unit], 3)


@dataclass
class WrkResult:
    """The figures of one wrk run (latencies in milliseconds)."""

    requests: int = 0
    seconds: float = 0.0
    requests_per_sec: float = 0.0
    transfer_per_sec: str = ""
    latency_avg_ms: float | None = None
    latency_max_ms: float | None = None
    percentiles_ms: dict[str, float] = field(default_factory=dict)
    status_counts: dict[str, int] = field(default_factory=dict)
    socket_errors: dict[str, int] = field(default_factory=dict)
    non_2xx_or_3xx: int = 0
    raw_output: str = ""

    @property
    def non_2xx(self) -> int:
        """Responses whose status is outside 200–299 (from the Lua status counts)."""
        return sum(n for code, n in self.status_counts.items() if not code.startswith("2"))

    @property
    def errors(self) -> int:
        """Non-2xx answers plus socket errors (connect, read, write, timeout)."""
        return self.non_2xx + sum(self.socket_errors.values())

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready figures, derived counts included."""
        data = asdict(self)
        data["non_2xx"] = self.non_2xx
        return data


def parse_output(text: str) -> WrkResult:
    """Parse the text wrk prints with ``--latency`` and the status script."""
    result = WrkResult(raw_output=text)
    if m := re.search(
        r"^\s*Latency\s+([\d.]+)(us|ms|s|m|h)\s+\S+\s+([\d.]+)(us|ms|s|m|h)", text, re.M
    ):
        result.latency_avg_ms = _ms(m[1], m[2])
        result.latency_max_ms = _ms(m[3], m[4])
    for pct, value, unit in re.findall(r"^\s*(\d+)%\s+([\d.]+)(us|ms|s|m|h)\s*$", text, re.M):
        result.percentiles_ms[f"p{pct}"] = _ms(value, unit)
    if m := re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m|h)", text):
        result.requests = int(m[1])
        result.seconds = _ms(m[2], m[3]) / 1000.0
    if m := re.search(r"Requests/sec:\s+([\d.]+)", text):
        result.requests_per_sec = float(m[1])
    if m := re.search(r"Transfer/sec:\s+(\S+)", text):
        result.transfer_per_sec = m[1]
    if m := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    ):
        result.socket_errors = dict(
            zip(("connect", "read", "write", "timeout"), map(int, m.groups()), strict=True)
        )
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", text):
        result.non_2xx_or_3xx = int(m[1])
    if m := re.search(r"^PERCENTILE 95 (\d+)$", text, re.M):
        result.percentiles_ms["p95"] = int(m[1]) / 1000.0
    for code, count in re.findall(r"^STATUS (\d+) (\d+)$", text, re.M):
        result.status_counts[code] = result.status_counts.get(code, 0) + int(count)
    return result


def run_wrk(
    url: str,
    script: Path,
    *,
    seconds: float,
    connections: int,
    threads: int,
    timeout: float,
    wrk: str = "wrk",
) -> WrkResult:
    """Run wrk once against ``url`` (bounded by its duration plus a margin)."""
    command = [
        wrk,
        f"--threads={max(1, min(threads, connections))}",
        f"--connections={connections}",
        f"--duration={max(1, round(seconds))}s",
        f"--timeout={max(1, round(timeout))}s",
        "--latency",
        f"--script={script}",
        url,
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + timeout + 30, check=False
    )
    # wrk reports a broken script on stderr, then runs the default GET anyway.
    if done.returncode != 0 or done.stderr.strip() or "requests in" not in done.stdout:
        raise RuntimeError(
            f"wrk failed (exit {done.returncode}): {' '.join(command)}\n{done.stdout}{done.stderr}"
        )
    result = parse_output(done.stdout)
    if result.requests and not result.status_counts:
        raise RuntimeError(f"the wrk script counted no statuses:\n{done.stdout}")
    return result
