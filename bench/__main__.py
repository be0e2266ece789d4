"""``python -m bench {dataset,http} ...``: the benchmark command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser; each subcommand module adds its own arguments."""
    from bench import dataset, documents, http, initiatives, search, syndication, workspace

    parser = argparse.ArgumentParser(prog="python -m bench", description="Thủ Đô Hub benchmarks")
    sub = parser.add_subparsers(dest="command", required=True)
    dataset.add_arguments(
        sub.add_parser("dataset", help="generate a large tenant tree and article set")
    )
    http.add_arguments(sub.add_parser("http", help="serve the hub and load it with wrk"))
    syndication.add_arguments(
        sub.add_parser("syndication", help="placements, a ward's feed, events to subscribers")
    )
    search.add_arguments(sub.add_parser("search", help="index 250,000 entries, time 20 queries"))
    documents.add_arguments(
        sub.add_parser("documents", help="50,000 legal documents, time list and facet queries")
    )
    initiatives.add_arguments(
        sub.add_parser(
            "initiatives", help="citizens' submissions per second; the public list at 100,000"
        )
    )
    workspace.add_arguments(
        sub.add_parser(
            "workspace", help="the editors' article list at 100,000 articles; editor page weight"
        )
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the chosen subcommand; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
