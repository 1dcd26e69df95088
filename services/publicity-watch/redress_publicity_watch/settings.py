"""Publicity-watch's per-organisation settings: when matching links a mention on its own and
when it queues it for a person (config/linking.json beside this module, or the file
REDRESS_PUBLICITY_LINKING_FILE names). Read once per replica; a bad file stops it, named."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable

from redress_publicity_watch.linking import Thresholds

DEFAULT_FILE = Path(__file__).parent / "config" / "linking.json"


def load_thresholds(path: Path) -> dict[str, Thresholds]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SystemExit(f"publicity-watch linking: {path}: {exc}") from exc
    found = {}
    for org, spec in data.items():
        if org.startswith("_") and org != "_default":
            continue
        auto, review = spec.get("auto"), spec.get("review")
        if not all(isinstance(v, (int, float)) and 0 < v <= 1 for v in (auto, review)) or review > auto:
            raise SystemExit(f"publicity-watch linking: {path}: {org}: auto and review must be numbers in (0, 1] "
                             f"with review <= auto, not auto={auto!r} review={review!r}")
        found[org] = Thresholds(float(auto), float(review))
    return found


def link_thresholds(settings=None) -> Callable[[str], Thresholds]:
    path = Path(os.environ.get("REDRESS_PUBLICITY_LINKING_FILE") or DEFAULT_FILE)
    table = load_thresholds(path)
    default = table.get("_default", Thresholds())
    return lambda organisation: table.get(organisation, default)
