"""Topic names and their settings. Each service is the only writer of its event topic."""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass

from aiokafka.partitioner import murmur2

from redress.kernel.settings import KafkaSettings


def namespace() -> str:
    """The first part of every topic and group name (REDRESS_TOPIC_NAMESPACE, default
    "redress"): two installations can share a cluster."""
    return os.environ.get("REDRESS_TOPIC_NAMESPACE") or "redress"


def events_topic(service: str) -> str:
    return f"{namespace()}.{service}.events.v1"


def commands_topic(service: str) -> str:
    return f"{namespace()}.{service}.commands.v1"


def replies_topic(service: str) -> str:
    return f"{namespace()}.{service}.replies.v1"


@functools.lru_cache(maxsize=65536)  # one command asks several times; murmur2 is pure Python
def partition_for(complaint_id: str, partitions: int) -> int:
    """Kafka's default partitioner (murmur2 of the key), so Java clients agree."""
    return (murmur2(complaint_id.encode()) & 0x7FFFFFFF) % partitions


@dataclass(frozen=True)
class TopicSpec:
    name: str
    partitions: int
    replication: int
    config: dict[str, str]


def events_topic_spec(service: str, settings: KafkaSettings) -> TopicSpec:
    """Events never expire and are never compacted."""
    config = {"min.insync.replicas": str(settings.min_insync), "cleanup.policy": "delete",
              "retention.ms": "-1", "retention.bytes": "-1"}
    return TopicSpec(events_topic(service), settings.partitions, settings.replication, config)


def deadletters_topic(service: str) -> str:
    return f"{namespace()}.{service}.deadletters.v1"


def processor_group(service: str) -> str:
    return f"{namespace()}.{service}.processor"


def deadletters_topic_spec(service: str, settings: KafkaSettings) -> TopicSpec:
    """Compacted: one record per dead letter (the latest, e.g. re-driven), kept until handled."""
    config = {"min.insync.replicas": str(settings.min_insync), "cleanup.policy": "compact",
              "retention.ms": "-1"}
    return TopicSpec(deadletters_topic(service), settings.partitions, settings.replication, config)


def service_topics(service: str, settings: KafkaSettings) -> list[TopicSpec]:
    """The service's events topic, its transient commands and replies topics, its dead letters."""
    def transient(retention_ms: int) -> dict[str, str]:
        return {"min.insync.replicas": str(settings.min_insync), "cleanup.policy": "delete",
                "retention.ms": str(retention_ms)}

    n, r = settings.partitions, settings.replication
    return [
        events_topic_spec(service, settings),
        TopicSpec(commands_topic(service), n, r, transient(settings.command_retention_ms)),
        TopicSpec(replies_topic(service), n, r, transient(settings.reply_retention_ms)),
        deadletters_topic_spec(service, settings),
    ]
