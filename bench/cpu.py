"""CPU time spent by the server and by PostgreSQL during a load run (Linux ``/proc``).

Requests per second on a shared 2-core machine move with whatever else runs on
the host; the CPU each request costs moves much less. ``python -m bench http``
reads the server's process group and the local PostgreSQL processes before and
after each measured run and reports milliseconds of CPU per request beside the
rates. On a machine without ``/proc`` (or a remote database) the figure is
simply missing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _stat_fields(pid_dir: Path) -> tuple[str, list[str]] | None:
    try:
        raw = (pid_dir / "stat").read_text()
    except OSError:  # the process ended between the listing and the read
        return None
    # "pid (comm) state ppid pgrp …": comm may hold spaces, so split around its parentheses.
    name = raw[raw.index("(") + 1 : raw.rindex(")")]
    return name, raw[raw.rindex(")") + 2 :].split()


@dataclass(frozen=True)
class CpuSample:
    """Seconds of CPU (user + system) used so far by the server and by PostgreSQL."""

    server: float
    postgres: float


def sample(server_pgid: int) -> CpuSample | None:
    """CPU used so far by every process of the server's group and every ``postgres``
    process; ``None`` where ``/proc`` is not there."""
    if not PROC.is_dir():
        return None
    server = postgres = 0
    for pid_dir in PROC.iterdir():
        if not pid_dir.name.isdigit():
            continue
        found = _stat_fields(pid_dir)
        if found is None:
            continue
        name, fields = found
        # fields[0] is the state; pgrp is fields[2]; utime and stime are fields[11:13].
        used = int(fields[11]) + int(fields[12])
        if int(fields[2]) == server_pgid:
            server += used
        elif name.startswith("postgres"):
            postgres += used
    return CpuSample(server / TICKS, postgres / TICKS)


def per_request_ms(
    before: CpuSample | None, after: CpuSample | None, requests: int
) -> dict[str, float] | None:
    """Milliseconds of CPU per request between two samples."""
    if before is None or after is None or requests <= 0:
        return None
    return {
        "server": round((after.server - before.server) * 1000 / requests, 2),
        "postgres": round((after.postgres - before.postgres) * 1000 / requests, 2),
    }
