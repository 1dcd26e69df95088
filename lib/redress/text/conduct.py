"""The conduct guard's check: a message to a customer against the bad conduct of
shared/domain.md. The rules are data (each service keeps its files, one per language):

    {"language": "en", "rules": [{"id", "description", "phrases": [...],
      "only_with": [...], "unless": [...], "channels": ["CHANNEL_PHONE"]}]}

A phrase breaks its rule on its own; with "only_with", only when the message also says one
of those (policy named *and* help refused); "unless" phrases make the message fine (not
your fault). Phrases match case- and accent-insensitively at word starts. A message is
checked against every language's rules (staff mix languages: "Dear Ayşe, ... aptal"); each
rule names its language.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from redress.kernel.rejections import Forbidden, Rejected
from redress.text.folding import any_phrase, normalise
from redress.types.v1 import complaint_pb2 as types

NEVER = re.compile(r"(?!x)x")
DEFAULT_RULES = Path(__file__).parent / "rules" / "conduct"


def rules_dir(config_dir: Path | None) -> Path:
    """An organisation's own rules (conduct/ in a service's configuration directory), else the
    platform's: resolution's messages and publicity-watch's public answers share them."""
    own = config_dir / "conduct" if config_dir else None
    return own if own and own.is_dir() else DEFAULT_RULES


@dataclass(frozen=True)
class ConductRule:
    id: str
    language: str
    description: str
    pattern: re.Pattern
    channels: frozenset[int]  # empty: every channel
    only_with: re.Pattern | None = None
    unless: re.Pattern = NEVER

    @property
    def name(self) -> str:
        return f"{self.language}/{self.id}"

    def broken_by(self, folded: str, channel: int) -> bool:
        if self.channels and channel not in self.channels:
            return False
        if not self.pattern.search(folded) or self.unless.search(folded):
            return False
        return self.only_with is None or bool(self.only_with.search(folded))


def _pattern(phrases: list[str]) -> re.Pattern:
    return any_phrase(normalise(p) for p in phrases)


def load_rules(directory: Path) -> list[ConductRule]:
    rules = []
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for rule in data["rules"]:
            rules.append(ConductRule(
                id=rule["id"], language=data["language"], description=rule["description"],
                pattern=_pattern(rule["phrases"]),
                channels=frozenset(types.Channel.Value(c) for c in rule.get("channels", [])),
                only_with=_pattern(rule["only_with"]) if rule.get("only_with") else None,
                unless=_pattern(rule["unless"]) if rule.get("unless") else NEVER))
    return rules


OVERRIDERS = frozenset({"manager", "corporate_office", "owner"})


def guard(rules: list[ConductRule], text: str, channel: int, override_reason: str,
          roles, what: str = "message") -> list[ConductRule]:
    """The rules the text breaks, when a manager (the corporate office, the owner) lets it
    through with a reason; else refused, naming the rules."""
    broken = flagged(rules, text, channel)
    if broken and not override_reason.strip():
        names = "; ".join(f"{r.name} ({r.description})" for r in broken)
        raise Rejected(f"the conduct guard flagged this {what}: {names}. Rephrase it, or a manager may "
                       "override with conduct_override_reason", "text")
    if broken and not OVERRIDERS & set(roles):
        raise Forbidden("only a manager, the corporate office or the owner may override the conduct guard",
                        "conduct_override_reason")
    return broken


def flagged(rules: list[ConductRule], text: str, channel: int) -> list[ConductRule]:
    """The rules a message to a customer on this channel breaks."""
    folded = normalise(text)
    return [r for r in rules if r.broken_by(folded, channel)]
