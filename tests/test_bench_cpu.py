"""The benchmark's CPU accounting counts the server's process group, not the rest."""

from __future__ import annotations

import os
import time

from bench import cpu


def test_cpu_per_request_counts_this_process_group() -> None:
    group = os.getpgid(0)
    before = cpu.sample(group)
    assert before is not None  # Linux: /proc is there
    spin_until = time.process_time() + 0.2
    while time.process_time() < spin_until:
        pass
    after = cpu.sample(group)
    figures = cpu.per_request_ms(before, after, requests=10)
    assert figures is not None
    # 0.2 s of CPU over 10 requests; other members of the group (a search server the
    # suite started) may add a little.
    assert 18 <= figures["server"] <= 200
    assert cpu.sample(-12345) is not None and cpu.sample(-12345).server == 0  # type: ignore[union-attr]
    assert cpu.per_request_ms(before, after, requests=0) is None
