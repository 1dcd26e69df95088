"""Rebuilds resolution's read model from offset zero and prints how fast: `redress replay resolution`."""
from __future__ import annotations

import sys

from redress.dev import replay
from redress_resolution.projection import CaseBook


def main() -> int:
    return replay.run("resolution", CaseBook, lambda book: f"{len(book.cases)} cases")


if __name__ == "__main__":
    sys.exit(main())
