"""The conduct guard's rules for resolution's messages to customers: data, one file per
language in config/conduct/, checked by the platform's text module (redress.text.conduct)."""
from redress.text.conduct import ConductRule, flagged, load_rules

__all__ = ["ConductRule", "flagged", "load_rules"]
