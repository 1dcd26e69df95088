"""Every setting comes from an environment variable, with a default that works locally."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path



def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SystemExit(f"{name} must be a whole number, got {raw!r}") from exc


@dataclass(frozen=True)
class KafkaSettings:
    bootstrap: str | None = field(default_factory=lambda: os.environ.get("REDRESS_KAFKA_BOOTSTRAP") or None)
    port: int = field(default_factory=lambda: _int("REDRESS_KAFKA_PORT", 9092))
    controller_port: int = field(default_factory=lambda: _int("REDRESS_KAFKA_CONTROLLER_PORT", 9093))
    data_dir: Path = field(default_factory=lambda: Path(_env("REDRESS_KAFKA_DATA_DIR", str(Path(".redress") / "kafka"))))
    heap: str = field(default_factory=lambda: _env("REDRESS_KAFKA_HEAP", "512m"))
    partitions: int = field(default_factory=lambda: _int("REDRESS_PARTITIONS", 6))
    replication: int = field(default_factory=lambda: _int("REDRESS_REPLICATION", 1))
    min_insync: int = field(default_factory=lambda: _int("REDRESS_MIN_INSYNC_REPLICAS", 1))
    command_retention_ms: int = field(default_factory=lambda: _int("REDRESS_COMMAND_RETENTION_MS", 7 * 24 * 3600 * 1000))
    reply_retention_ms: int = field(default_factory=lambda: _int("REDRESS_REPLY_RETENTION_MS", 3600 * 1000))
    linger_ms: int = field(default_factory=lambda: _int("REDRESS_PRODUCER_LINGER_MS", 0))
    # How long a replica may be silent before its partitions go to another (the broker's
    # group.min.session.timeout.ms must allow it; Kafka's default minimum is 6000).
    session_timeout_ms: int = field(default_factory=lambda: _int("REDRESS_SESSION_TIMEOUT_MS", 3000))
    # Transactional producers per owned partition, used in turn: a transaction can start
    # while the broker is still writing the last one's markers.
    writer_producers: int = field(default_factory=lambda: _int("REDRESS_WRITER_PRODUCERS", 2))
    fetch_max_wait_ms: int = field(default_factory=lambda: _int("REDRESS_FETCH_MAX_WAIT_MS", 500))
    # "0": never start a broker with testcontainers, even when a Docker engine answers.
    use_docker: bool = field(default_factory=lambda: _env("REDRESS_KAFKA_USE_DOCKER", "1") != "0")


@dataclass(frozen=True)
class ServiceSettings:
    host: str = field(default_factory=lambda: _env("REDRESS_HOST", "127.0.0.1"))
    clock_tick_s: float = field(default_factory=lambda: float(_env("REDRESS_CLOCK_TICK_S", "1")))
    # Resolution's policy files; unset: the defaults shipped with the service.
    resolution_config_dir: Path | None = field(
        default_factory=lambda: Path(p) if (p := os.environ.get("REDRESS_RESOLUTION_CONFIG_DIR")) else None
    )
    # Compensation's policy files (policies/<organisation>.json); unset: the shipped examples.
    compensation_config_dir: Path | None = field(
        default_factory=lambda: Path(p) if (p := os.environ.get("REDRESS_COMPENSATION_CONFIG_DIR")) else None
    )
    # The sandbox payment provider's records (a test double outside the product; docs/operations.md).
    sandbox_payments_dir: Path = field(default_factory=lambda: Path(
        _env("REDRESS_SANDBOX_PAYMENTS_DIR", str(Path(".redress") / "sandbox-payments"))))
    # Publicity-watch's RSS/Atom feeds (a JSON file; unset: none) and how often each is polled.
    publicity_feeds_file: Path | None = field(
        default_factory=lambda: Path(p) if (p := os.environ.get("REDRESS_PUBLICITY_FEEDS_FILE")) else None
    )
    feed_poll_s: float = field(default_factory=lambda: float(_env("REDRESS_FEED_POLL_S", "300")))
    # How long a payment adapter's call may take before its outcome counts as unknown.
    payment_timeout_s: float = field(default_factory=lambda: float(_env("REDRESS_PAYMENT_TIMEOUT_S", "5")))
    credentials_file: Path | None = field(
        default_factory=lambda: Path(p) if (p := os.environ.get("REDRESS_CREDENTIALS_FILE")) else None
    )
    command_timeout_s: float = field(default_factory=lambda: float(_env("REDRESS_COMMAND_TIMEOUT_S", "10")))
    # How long the broker may be unreachable before the replica says NOT_SERVING.
    broker_grace_s: float = field(default_factory=lambda: float(_env("REDRESS_BROKER_GRACE_S", "10")))
    grace_s: float = field(default_factory=lambda: float(_env("REDRESS_SHUTDOWN_GRACE_S", "5")))
    # Prometheus /metrics over HTTP on this port (0: none).
    metrics_port: int = field(default_factory=lambda: int(_env("REDRESS_METRICS_PORT", "0")))
    log_format: str = field(default_factory=lambda: _env("REDRESS_LOG_FORMAT", "auto"))
    log_level: str = field(default_factory=lambda: _env("REDRESS_LOG_LEVEL", "info"))
    # Where the replica keeps its read models (one SQLite file per service); a cache of the log.
    state_dir: Path = field(default_factory=lambda: Path(_env("REDRESS_STATE_DIR", str(Path(".redress") / "state"))))
    instance_id: str = field(default_factory=lambda: _env("REDRESS_INSTANCE_ID", ""))
