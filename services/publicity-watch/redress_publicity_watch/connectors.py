"""Mentions from connectors over Kafka: topic <namespace>.publicity-watch.mentions-in.v1,
each record a ConnectorMention (protobuf, or proto3 JSON with content-type
application/json). Read by one consumer group across the replicas, at least once: a
record is reported, then its offset committed, and a redelivery is the same sighting
again (nothing changes). A record a client got wrong is set aside as a dead letter."""
from __future__ import annotations

import asyncio

import structlog
from aiokafka import AIOKafkaConsumer, TopicPartition
from google.protobuf import json_format
from google.protobuf.message import DecodeError

from redress.kernel import metrics
from redress.kernel.deadletters import of_record
from redress.kernel.rejections import Rejected
from redress.kernel.rpc import UNAVAILABLE, service_caller
from redress.kernel.topics import namespace
from redress.kernel.tokens import instant, timestamp
from redress.events.v1 import publicity_pb2 as pev
from redress.publicitywatch.v1 import publicity_watch_service_pb2 as api
from redress_publicity_watch.topics import mentions_topic
from redress.kernel.kafka_auth import client_options

log = structlog.get_logger(__name__)
CONSUMER = "publicity-watch.connectors"


def parse(value: bytes, headers) -> api.ConnectorMention:
    """A connector's record; ValueError naming what is wrong with it."""
    kind = (dict(headers or ()).get("content-type") or b"application/x-protobuf").decode("utf-8", "replace")
    message = api.ConnectorMention()
    try:
        if kind.startswith("application/json"):
            json_format.Parse(value or b"{}", message)
        else:
            message.ParseFromString(value or b"")
    except (DecodeError, json_format.ParseError, UnicodeDecodeError) as exc:
        raise ValueError(f"not a ConnectorMention ({kind}): {exc}") from exc
    if not message.organisation.strip():
        raise ValueError("organisation is required")
    return message


def sighting_of(record: api.ConnectorMention) -> pev.MentionReported:
    m = record.mention
    sighting = pev.MentionReported(
        source=m.source, source_name=m.source_name, url=m.url, guid=m.guid, author=m.author,
        author_handle=m.author_handle, content=m.content, reach=m.reach,
        reported_via=f"topic:{record.connector or 'unnamed'}")
    if m.HasField("published_at"):
        sighting.published_at.CopyFrom(timestamp(instant(m.published_at, "mention.published_at")))
    return sighting


class ConnectorTopic:
    def __init__(self, watch, log_):
        self.watch = watch
        self.log = log_
        self.topic = mentions_topic()
        self.consumer = AIOKafkaConsumer(
            self.topic, bootstrap_servers=log_.bootstrap, group_id=f"{namespace()}.{CONSUMER}",
            enable_auto_commit=False, auto_offset_reset="earliest", isolation_level="read_committed",
            **client_options())
        self.reported = 0
        self.read_to: dict = {}  # partition -> the offset after the last record read (lag)

    async def start(self) -> None:
        await self.consumer.start()
        metrics.LAG.watch(metrics.lag_of("publicity-watch", self.consumer, self.positions))

    def positions(self) -> dict:
        return {tp: self.read_to.get(tp, 0) for tp in self.consumer.assignment()}

    async def stop(self) -> None:
        await self.consumer.stop()

    async def run(self) -> None:
        while True:
            batch = await self.consumer.getmany(timeout_ms=1000, max_records=100)
            for records in batch.values():
                for record in records:
                    await self._one(record)
                    self.read_to[TopicPartition(record.topic, record.partition)] = record.offset + 1
            if batch:
                await self.consumer.commit()

    async def _one(self, record) -> None:
        """Reported, or set aside when the connector got it wrong; while the log does not answer,
        tried again (nothing after it is committed meanwhile), never stopping the replica."""
        while True:
            try:
                message = parse(record.value, record.headers)
                caller = service_caller(f"connector:{message.connector or 'unnamed'}", message.organisation)
                await asyncio.create_task(self.watch.report(caller, sighting_of(message), "", message.mention.deleted))
                self.reported += 1
                return
            except (ValueError, Rejected) as mistake:  # the connector's mistake: set aside, go on
                return await self.log.dead_letters.report(of_record(record, CONSUMER, str(mistake)))
            except UNAVAILABLE as exc:
                log.warning("the log did not answer; the connector's record is tried again", offset=record.offset,
                            partition=record.partition, error=repr(exc))
                await asyncio.sleep(1)
            except Exception as exc:  # a bug on our side: set aside with the reason, go on
                return await self.log.dead_letters.report(of_record(record, CONSUMER, f"could not report it: {exc!r}"))
