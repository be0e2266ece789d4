"""The benchmark's CPU accounting counts the watched process tree, per request."""

from __future__ import annotations

import os
import time

from bench import cpu


def test_cpu_per_request_counts_the_watched_tree() -> None:
    meter = cpu.CpuMeter()
    meter.watch("server", os.getpid())
    before = meter.sample()
    spin_until = time.process_time() + 0.2
    while time.process_time() < spin_until:
        pass
    figures = cpu.per_request_ms(before, meter.sample(), requests=10)
    assert figures is not None
    # 0.2 s of CPU over 10 requests; children of this process (a search server the
    # suite started) may add a little.
    assert 18 <= figures["server"] <= 200
    assert figures["postgres"] >= 0
    assert cpu.per_request_ms(before, before, requests=0) is None
