"""CPU accounting for the benchmarks, from Linux ``/proc``.

Requests per second on a shared 2-core machine move with whatever else runs on
the host; the CPU each request costs moves much less. :class:`CpuMeter` sums
the CPU of process trees (the server, its workers), of PostgreSQL and of the
host; ``bench syndication`` reports cores used per group, ``bench http``
milliseconds of CPU per request (:func:`per_request_ms`).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

_TICKS = os.sysconf("SC_CLK_TCK")


def _all_stats() -> dict[int, tuple[str, list[str]]]:
    """``pid → (command name, fields)`` of every process on the host."""
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                text = (entry / "stat").read_text()
            except (FileNotFoundError, ProcessLookupError, PermissionError):
                continue
            name = text[text.index("(") + 1 : text.rindex(")")]
            stats[int(entry.name)] = (name, text[text.rindex(")") + 2 :].split())
    return stats


def _cpu(fields: list[str], *, reaped: bool) -> float:
    """utime + stime (and, with ``reaped``, the waited-for children's) in seconds."""
    ticks = int(fields[11]) + int(fields[12])
    if reaped:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / _TICKS


def _host_busy() -> float:
    """CPU seconds the whole host has been busy (all cores), from ``/proc/stat``."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = values[:8]
    return (user + nice + system + irq + softirq + steal) / _TICKS


class CpuMeter:
    """Who used the 2 cores during a measurement: our server, our clients, PostgreSQL, others.

    Process trees are summed with the CPU of children they already reaped (a
    PostgreSQL parallel worker that ended is counted in the postmaster), so
    the deltas hold for short-lived processes too. ``bench`` is this process
    plus the children it waited for (wrk); PostgreSQL serves every database
    on the host, other people's included.
    """

    def __init__(self) -> None:
        self.roots: dict[str, int] = {}

    def watch(self, name: str, pid: int) -> None:
        """Account the process tree rooted at ``pid`` as ``name``."""
        self.roots[name] = pid

    def forget(self, name: str) -> None:
        """Stop accounting ``name`` (its process is about to end)."""
        self.roots.pop(name, None)

    def sample(self) -> dict[str, float]:
        """CPU seconds so far per group, the host's busy seconds and a monotonic stamp."""
        stats = _all_stats()
        children: dict[int, list[int]] = {}
        for pid, (_name, fields) in stats.items():
            children.setdefault(int(fields[1]), []).append(pid)
        out = {"_wall": time.monotonic(), "_host": _host_busy()}
        usage = os.times()
        out["bench"] = usage.user + usage.system + usage.children_user + usage.children_system
        for group, root in self.roots.items():
            total, todo = 0.0, [root]
            while todo:
                pid = todo.pop()
                if pid in stats:
                    total += _cpu(stats[pid][1], reaped=True)
                    todo += children.get(pid, [])
            out[group] = total
        out["postgres"] = sum(
            _cpu(fields, reaped=stats.get(int(fields[1]), ("",))[0] != "postgres")
            for name, fields in stats.values()
            if name == "postgres" or name.startswith("postgres:")
        )
        return out

    def since(self, before: dict[str, float]) -> dict[str, Any]:
        """Cores used (CPU seconds ÷ wall seconds) per group since ``before``."""
        after = self.sample()
        wall = after["_wall"] - before["_wall"]
        cores = {
            name: round((after[name] - before[name]) / wall, 2)
            for name in after
            if not name.startswith("_") and name in before
        }
        host = (after["_host"] - before["_host"]) / wall
        return {
            "seconds": round(wall, 2),
            "host_busy_cores": round(host, 2),
            "cores": cores,
            "other_processes_cores": round(max(0.0, host - sum(cores.values())), 2),
        }


def per_request_ms(
    before: dict[str, float], after: dict[str, float], requests: int
) -> dict[str, float] | None:
    """Milliseconds of CPU per request of the ``server`` tree and of PostgreSQL between
    two :meth:`CpuMeter.sample` calls."""
    if requests <= 0:
        return None
    return {
        group: round((after[group] - before[group]) * 1000 / requests, 2)
        for group in ("server", "postgres")
    }
