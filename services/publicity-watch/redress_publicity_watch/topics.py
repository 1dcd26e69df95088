"""Every topic publicity-watch uses beyond the kernel's four: the connectors' mentions-in
topic, and the risk radar's (its compacted radar, its dead letters, its internal sightings
and table changelogs, named after its faust app id). Declared here, so the service, the
radar and the deployment (a KafkaTopic each) agree."""
from __future__ import annotations

import os

from redress.kernel.settings import KafkaSettings
from redress.kernel.topics import TopicSpec, events_topic_spec, namespace, service_topics

SERVICE = "publicity-watch"
TABLES = ["complaints", "mentions", "burst-windows"]
CONNECTOR_RETENTION_MS = 7 * 24 * 3600 * 1000


def mentions_topic() -> str:
    return f"{namespace()}.{SERVICE}.mentions-in.v1"


def app_id() -> str:
    return os.environ.get("REDRESS_RADAR_APP_ID") or f"{namespace()}-risk-radar"


def radar_topic() -> str:
    return os.environ.get("REDRESS_RADAR_TOPIC") or f"{namespace()}.{SERVICE}.risk-radar.v1"


def radar_deadletters_topic() -> str:
    return f"{namespace()}.{SERVICE}.radar-deadletters.v1"


def sightings_topic() -> str:
    return f"{app_id()}-mention-sightings"


def _compacted(kafka: KafkaSettings) -> dict[str, str]:
    return {"min.insync.replicas": str(kafka.min_insync), "cleanup.policy": "compact", "retention.ms": "-1"}


def connector_topics(kafka: KafkaSettings) -> list[TopicSpec]:
    """The connectors' topic and the radar's compacted one (publicity-watch reads both)."""
    n, r = kafka.partitions, kafka.replication
    kept = {"min.insync.replicas": str(kafka.min_insync), "cleanup.policy": "delete",
            "retention.ms": str(CONNECTOR_RETENTION_MS)}
    return [TopicSpec(mentions_topic(), n, r, kept), TopicSpec(radar_topic(), n, r, _compacted(kafka))]


def radar_topics(kafka: KafkaSettings) -> list[TopicSpec]:
    """Every topic the radar reads or writes (but faust's one-partition leader topic):
    created before it starts, since faust spins on a send to a missing topic."""
    n, r = kafka.partitions, kafka.replication
    transient = {"min.insync.replicas": str(kafka.min_insync), "cleanup.policy": "delete",
                 "retention.ms": str(kafka.command_retention_ms)}
    return [*service_topics(SERVICE, kafka), events_topic_spec("intake", kafka),
            events_topic_spec("resolution", kafka), *connector_topics(kafka),
            TopicSpec(radar_deadletters_topic(), n, r, _compacted(kafka)), TopicSpec(sightings_topic(), n, r, transient),
            *(TopicSpec(f"{app_id()}-{table}-changelog", n, r, _compacted(kafka)) for table in TABLES)]


def extra_topics(kafka: KafkaSettings) -> list[TopicSpec]:
    """What the deployment must create beyond the kernel's topics of each service."""
    kernel = {t.name for t in service_topics(SERVICE, kafka)}
    leader = TopicSpec(f"{app_id()}-__assignor-__leader", 1, kafka.replication,
                       {"min.insync.replicas": str(kafka.min_insync), "cleanup.policy": "delete"})
    return [*(t for t in radar_topics(kafka) if t.name not in kernel and not t.name.endswith(".events.v1")), leader]
