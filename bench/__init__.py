"""Benchmarks for Thủ Đô Hub: a bulk dataset generator and an HTTP load test.

Run ``python -m bench dataset ...`` to fill a database with a province-sized
tenant tree and articles, then ``python -m bench http ...`` to serve it with
``thudo serve`` and load it with ``wrk``. See ``bench/README.md``.
"""

from pathlib import Path

# THUDO_DATA_DIR shared by `bench dataset` (uploads) and `bench http` (the server).
DEFAULT_DATA_DIR = Path("var/bench")
