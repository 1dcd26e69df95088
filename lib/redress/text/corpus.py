"""The labelled examples the classifiers learn from and are judged on: JSON lines in data/
(categories/, conduct/, intent/, one file per language). The held-out split is fixed by a
hash of each text, so every run trains and evaluates on the same examples."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "data"
HELD_OUT_SHARE = 5  # one example in five, by its text's hash


@dataclass(frozen=True)
class Example:
    text: str
    label: str
    language: str
    extra: dict

    @property
    def held_out(self) -> bool:
        return hashlib.sha256(self.text.encode()).digest()[0] % HELD_OUT_SHARE == 0


def examples(kind: str, label: str) -> list[Example]:
    """Every example of data/<kind>/*.jsonl, labelled by its `label` field (as a string)."""
    found = []
    for path in sorted((DATA / kind).glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                found.append(Example(record["text"], str(record[label]), record.get("language", path.stem),
                                     record))
            except (ValueError, KeyError) as exc:
                raise ValueError(f"{path}:{number}: not an example with text and {label}: {exc}") from exc
    return found


def split(found: list[Example]) -> tuple[list[Example], list[Example]]:
    return [e for e in found if not e.held_out], [e for e in found if e.held_out]
