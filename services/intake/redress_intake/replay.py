"""Rebuilds intake's read model from offset zero and prints how fast: `redress replay intake`."""
from __future__ import annotations

import sys

from redress.dev import replay
from redress_intake.projection import ComplaintBook


def main() -> int:
    return replay.run("intake", ComplaintBook, lambda book: f"{len(book.complaints)} complaints")


if __name__ == "__main__":
    sys.exit(main())
