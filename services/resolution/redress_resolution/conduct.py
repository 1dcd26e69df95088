"""The conduct guard: messages to the customer are checked against the bad conduct in
shared/domain.md. The rules are data, one file per language in config/conduct/.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from redress.text import any_phrase, normalise
from redress.types.v1 import complaint_pb2 as types


@dataclass(frozen=True)
class ConductRule:
    id: str
    language: str
    description: str
    pattern: re.Pattern
    channels: frozenset[int]  # empty: every channel

    @property
    def name(self) -> str:
        return f"{self.language}/{self.id}"


def load_rules(directory: Path) -> list[ConductRule]:
    rules = []
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for rule in data["rules"]:
            rules.append(ConductRule(
                id=rule["id"], language=data["language"], description=rule["description"],
                pattern=any_phrase(normalise(p) for p in rule["phrases"]),
                channels=frozenset(types.Channel.Value(c) for c in rule.get("channels", []))))
    return rules


def flagged(rules: list[ConductRule], text: str, channel: int) -> list[ConductRule]:
    """The rules a message to a customer on this channel breaks."""
    folded = normalise(text)
    return [r for r in rules if (not r.channels or channel in r.channels) and r.pattern.search(folded)]
