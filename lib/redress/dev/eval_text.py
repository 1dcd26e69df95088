"""`make eval-text`: how well the platform understands text, on examples it did not learn
from. The category and intent classifiers train on the fixed training split of
redress/text/data and are judged on the held-out part; the conduct guard's shipped rules
are judged on every labelled line (they learn nothing)."""
from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from redress.text import category, intent, sentiment
from redress.text.conduct import flagged, load_rules
from redress.text.corpus import examples, split
from redress.types.v1 import complaint_pb2 as types

LANGUAGES = ("en", "tr", "el")
CONDUCT_RULES = Path(__file__).resolve().parents[1] / "text/rules/conduct"
TARGET_OVERALL, TARGET_LANGUAGE = 0.90, 0.85


@dataclass
class Score:
    right: int = 0
    total: int = 0
    misses: list = field(default_factory=list)

    def add(self, ok: bool, miss=None) -> None:
        self.right += ok
        self.total += 1
        if not ok:
            self.misses.append(miss)

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 1.0


def categories() -> dict[str, Score]:
    """Held-out accuracy: "all", per language and per category name."""
    train, held_out = split(examples("categories", "category"))
    model = category.train(train)
    scores: dict[str, Score] = defaultdict(Score)
    for e in held_out:
        got = types.Category.Name(category.suggest(e.text, model).category)
        keys = ["all", e.language if e.language in LANGUAGES else "other", e.label]
        if e.language in LANGUAGES:
            keys.append("en+tr+el")
        for key in keys:
            scores[key].add(got == e.label, (e.language, e.label, got, e.text))
    return scores


def conduct() -> dict[str, Score]:
    """Every labelled staff message against the shipped rules: "refuse" and "allow"."""
    rules = load_rules(CONDUCT_RULES)
    scores: dict[str, Score] = defaultdict(Score)
    for e in examples("conduct", "refuse"):
        broken = flagged(rules, e.text, types.Channel.Value(e.extra.get("channel", "CHANNEL_EMAIL")))
        refuse = e.label == "True"
        scores["refuse" if refuse else "allow"].add(bool(broken) == refuse,
                                                    (e.language, e.extra.get("rule"), [r.name for r in broken], e.text))
    return scores


def intents() -> dict[str, Score]:
    """Held-out: whether an intent to go public is stated ("whether"), and where ("where")."""
    train, held_out = split(examples("intent", "public"))
    models = intent.train(train)
    scores: dict[str, Score] = defaultdict(Score)
    for e in held_out:
        found = intent.stated_intent(e.text, models)
        stated = e.label == "True"
        scores["whether"].add((found is not None) == stated, (e.language, stated, e.text))
        if stated and found:
            scores["where"].add(found.where == e.extra["where"], (e.language, e.extra["where"], found.where, e.text))
    return scores


def sentiments() -> dict[str, Score]:
    """Held-out accuracy of a post's sentiment: "all" and per language."""
    train, held_out = split(examples("sentiment", "sentiment"))
    model = sentiment.train(train)
    scores: dict[str, Score] = defaultdict(Score)
    for e in held_out:
        got = sentiment.feeling(e.text, model).label
        for key in ("all", e.language):
            scores[key].add(got == e.label, (e.language, e.label, got, e.text))
    return scores


def _report(title: str, scores: dict[str, Score]) -> None:
    print(title)
    for key in sorted(scores, key=lambda k: (k.startswith("CATEGORY"), k)):
        s = scores[key]
        print(f"  {key:<45} {s.rate:7.1%}  ({s.right}/{s.total})")


def main() -> int:
    cats, rules, said, felt = categories(), conduct(), intents(), sentiments()
    _report("category, held-out accuracy", cats)
    _report("conduct guard, labelled lines", rules)
    _report("intent to go public, held-out", said)
    _report("sentiment of a public post, held-out", felt)
    for name, scores in (("category", cats), ("conduct", rules), ("intent", said)):
        for key, s in scores.items():
            for miss in s.misses if key in ("all", "refuse", "allow", "whether") else ():
                print(f"  miss [{name}/{key}] {miss}")
    met = (cats["all"].rate >= TARGET_OVERALL and all(cats[lang].rate >= TARGET_LANGUAGE for lang in LANGUAGES)
           and rules["refuse"].rate == 1.0 and rules["allow"].rate == 1.0)
    print("targets met" if met else "targets NOT met: category >= 90% overall and 85% per language; conduct 100%")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
