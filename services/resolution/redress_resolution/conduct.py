"""The conduct guard's rules for resolution's messages to customers: data, one file per
language (the platform's, redress/text/rules/conduct/, unless the configuration directory
has a conduct/ of its own), checked by the platform's text module (redress.text.conduct)."""
from redress.text.conduct import ConductRule, flagged, guard, load_rules, rules_dir

__all__ = ["ConductRule", "flagged", "guard", "load_rules", "rules_dir"]
