"""The risk radar as publicity-watch serves it (GetRiskRadar): the latest score of each
complaint from the radar's compacted topic, which the faust app (radar.py) writes. A cache
of that topic, read from its beginning by every replica."""
from __future__ import annotations

import json
from datetime import datetime
from dataclasses import dataclass

import structlog
from aiokafka import AIOKafkaConsumer

from redress.kernel.eventlog import assign_all
from redress_publicity_watch.topics import radar_topic
from redress.kernel.kafka_auth import client_options

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class RiskScore:
    complaint_id: str
    organisation: str
    customer_id: str
    store: str
    score: float
    threshold: float
    factors: tuple[dict, ...]
    as_of: str


def score_of(value: bytes) -> RiskScore:
    """A radar record, checked whole here (an error if it is not one), so a
    bad record is skipped when read and never fails GetRiskRadar later."""
    d = json.loads(value)
    factors = tuple({"name": str(f["name"]), "points": float(f["points"]), "detail": str(f.get("detail", ""))}
                    for f in d.get("factors", ()))
    as_of = str(d.get("as_of", ""))
    if as_of:
        datetime.fromisoformat(as_of.replace("Z", "+00:00"))
    return RiskScore(str(d["complaint_id"]), str(d["organisation"]), str(d.get("customer_id", "")),
                     str(d.get("store", "")), float(d["score"]), float(d["threshold"]), factors, as_of)


class RadarView:
    def __init__(self, bootstrap: str, kafka):
        self.bootstrap = bootstrap
        self.kafka = kafka
        self.topic = radar_topic()
        self.scores: dict[str, RiskScore] = {}
        self.consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, **client_options(),
                                         auto_offset_reset="earliest", isolation_level="read_committed")

    async def start(self) -> None:
        await self.consumer.start()
        await assign_all(self.consumer, self.topic)

    async def stop(self) -> None:
        await self.consumer.stop()

    async def run(self) -> None:
        while True:
            batch = await self.consumer.getmany(timeout_ms=1000, max_records=500)
            for records in batch.values():
                for record in records:
                    self._fold(record)

    def _fold(self, record) -> None:
        key = (record.key or b"").decode("utf-8", "replace")
        if record.value is None:
            self.scores.pop(key, None)
            return
        try:
            self.scores[key] = score_of(record.value)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            log.error("unreadable radar record skipped", offset=record.offset, partition=record.partition, error=repr(exc))

    def ranked(self, organisation: str, limit: int, min_score: float) -> list[RiskScore]:
        mine = [s for s in self.scores.values() if s.organisation == organisation and s.score >= min_score]
        return sorted(mine, key=lambda s: (-s.score, s.complaint_id))[:limit]
