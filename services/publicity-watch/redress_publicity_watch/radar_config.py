"""The risk radar's configuration: per organisation, the risk threshold and the burst
windows and thresholds (config/radar.json, or the file REDRESS_RADAR_CONFIG names); checked
at start, a bad entry named."""
from __future__ import annotations

from dataclasses import dataclass, field

class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class BurstPolicy:
    window_seconds: int
    store: int
    organisation: int


@dataclass(frozen=True)
class Policy:
    risk_threshold: float
    burst: BurstPolicy


@dataclass(frozen=True)
class RadarConfig:
    default: Policy
    organisations: dict[str, Policy] = field(default_factory=dict)

    def policy(self, organisation: str) -> Policy:
        return self.organisations.get(organisation, self.default)


def config_from(raw: object, origin: str = "the radar configuration") -> RadarConfig:
    """Validates the JSON ({"_default": {...}, "<organisation>": {overrides}}); names the
    faulty entry in a ConfigError."""
    if not isinstance(raw, dict) or not isinstance(raw.get("_default"), dict):
        raise ConfigError(f"{origin}: needs an object with a \"_default\" object")
    default = _policy(raw["_default"], {}, f"{origin}: _default")
    orgs = {}
    for org, entry in raw.items():
        if org != "_default":
            if not isinstance(entry, dict):
                raise ConfigError(f"{origin}: {org!r} must be an object")
            orgs[org] = _policy(entry, raw["_default"], f"{origin}: {org}")
    return RadarConfig(default, orgs)


def _policy(entry: dict, base: dict, where: str) -> Policy:
    _known(entry, {"risk_threshold", "burst"}, where)
    burst = entry.get("burst", {})
    if not isinstance(burst, dict):
        raise ConfigError(f"{where}: burst must be an object")
    _known(burst, {"window_seconds", "store", "organisation"}, f"{where}.burst")
    merged = {**base.get("burst", {}), **burst}
    threshold = entry.get("risk_threshold", base.get("risk_threshold"))
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 < threshold <= 100:
        raise ConfigError(f"{where}: risk_threshold must be a number above 0 and at most 100, got {threshold!r}")
    for name in ("window_seconds", "store", "organisation"):
        value = merged.get(name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ConfigError(f"{where}: burst.{name} must be a whole number of at least 1, got {value!r}")
    return Policy(threshold, BurstPolicy(merged["window_seconds"], merged["store"], merged["organisation"]))


def _known(entry: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise ConfigError(f"{where}: unknown setting(s) {', '.join(unknown)} (known: {', '.join(sorted(allowed))})")
