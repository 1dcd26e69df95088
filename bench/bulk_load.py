"""Writes N filed complaints, and the cases resolution opened for them, straight to the topics.

Faster than filing them through gRPC, and the records are the ones the services would
have written: each complaint is a filing command decided by intake's own decider
(ComplaintFiled, ComplaintAcknowledged), and resolution's reactions to those two
events are decided by resolution's (CaseOpened with its clocks, the acknowledgement
noted), all through the kernel's StreamDecider and envelope encoding: same headers
(ce_sequence, ce_command, ce_requestid ...), same partitions (murmur2 of the complaint
id). Resolution's processor group is then committed past intake's events, as if it had
reacted to them. Complaints are spread over four organisations; demo-org's ids are
returned (the dev token may act on them). Cases stay open: their clocks start now and
the earliest deadline is hours away.

    .venv/bin/python bench/bulk_load.py 20000     # against REDRESS_KAFKA_BOOTSTRAP
"""
from __future__ import annotations

import asyncio
import multiprocessing
import os
import sys
import time
import uuid
from dataclasses import dataclass, field

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from common import DESCRIPTIONS, ORGANISATION
from redress.intake.v1.commands_pb2 import IntakeCommand
from redress.events.v1 import intake_pb2 as ev
from redress.kernel.auth import Principal
from redress.kernel.declaration import declaration
from redress.kernel.decisions import StreamDecider
from redress.kernel.envelope import encode
from redress.kernel.eventlog import ensure_topics
from redress.kernel.ids import complaint_id_for, customer_id
from redress.kernel.rpc import Caller
from redress.kernel.servicelog import command_id_for, new_command
from redress.kernel.settings import KafkaSettings, ServiceSettings
from redress.kernel.streams import Streams
from redress.kernel.topics import events_topic, processor_group, service_topics
from redress.types.v1 import complaint_pb2 as types
from redress.text.category import suggest
from redress_intake.projection import with_customer

ORGANISATIONS = {ORGANISATION: "dev-integration", "other-org": "dev-other-org",
                 "bench-acme": "bench-loader", "bench-globex": "bench-loader"}
CHUNK = 2000  # complaints decided and sent together


@dataclass
class Loaded:
    complaints: int = 0
    events: dict[str, int] = field(default_factory=dict)  # topic -> records written
    seconds: float = 0.0
    demo_org_ids: list[str] = field(default_factory=list)


def _decider(service: str, partitions: int) -> StreamDecider:
    """The service's own decider, on empty streams (every complaint here is new)."""
    decl = declaration(service)
    domain = decl.domain(ServiceSettings())
    return StreamDecider(domain.command_type, decl.source, partitions, Streams(domain.apply), domain.decide,
                         domain.not_found)


_categories: dict[str, int] = {}


def filing(index: int) -> IntakeCommand:
    """What Intake.file sends for a new customer's first complaint."""
    org = list(ORGANISATIONS)[index % len(ORGANISATIONS)]
    principal = Principal(ORGANISATIONS[org], org, frozenset({"integration"}), frozenset())
    request_id = str(uuid.uuid4())
    command = new_command(IntakeCommand, Caller(principal, str(uuid.uuid4()), principal.client_id), request_id,
                          complaint_id_for(org, request_id), "", 10)
    description = DESCRIPTIONS[index % len(DESCRIPTIONS)]
    if description not in _categories:
        _categories[description] = suggest(description).category
    email = f"bulk-{index}-{request_id[:8]}@example.com"
    draft = ev.ComplaintFiled(
        complaint_id=command.context.complaint_id, organisation=org, channel=types.CHANNEL_EMAIL,
        contact=types.CustomerContact(email=email), description=description, store=f"store-{index % 50}",
        category=_categories[description], category_suggested=True, severity=types.SEVERITY_MEDIUM)
    command.file.CopyFrom(with_customer(draft, customer_id(org, f"email:{email}"), []))
    command.context.command_id = command_id_for(command)
    return command


@dataclass
class Chunk:
    records: list[tuple[str, int, bytes, bytes, list]]  # topic, partition, key, value, headers
    demo_org_ids: list[str]


_deciders: dict[str, object] = {}


def decided(indexes: range) -> Chunk:
    """The records of these complaints, in the order each partition must get them (run in a worker)."""
    if not _deciders:
        partitions = KafkaSettings().partitions
        _deciders.update(intake=_decider("intake", partitions), resolution=_decider("resolution", partitions),
                         react=declaration("resolution").reactions["intake"])
    filed = _deciders["intake"].decide_batch([filing(i) for i in indexes])
    reactions = [c for outcome in filed for env in outcome.events if (c := _deciders["react"](env)) is not None]
    opened = _deciders["resolution"].decide_batch(reactions)
    records = []
    for service, outcomes in (("intake", filed), ("resolution", opened)):
        topic = events_topic(service)
        for outcome in outcomes:
            if outcome.reply.code:
                raise RuntimeError(f"{service} refused a bulk-loaded command: {outcome.reply.message}")
            records += [(topic, outcome.partition, *encode(env)) for env in outcome.events]
    return Chunk(records, [o.events[0].subject for o in filed if o.events[0].organisation == ORGANISATION])


async def load(bootstrap: str, kafka: KafkaSettings, count: int, workers: int = 2) -> Loaded:
    """Decides in `workers` processes, produces from this one (acks=all, idempotent, large batches)."""
    specs = [spec for s in ("intake", "resolution") for spec in service_topics(s, kafka)]
    await ensure_topics(bootstrap, specs)
    loaded = Loaded(complaints=count)
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True,
                                linger_ms=20, max_batch_size=1024 * 1024, client_id="bench-bulk-load")
    await producer.start()
    started = time.perf_counter()
    chunks = [range(first, min(first + CHUNK, count)) for first in range(0, count, CHUNK)]
    try:
        with multiprocessing.get_context("spawn").Pool(workers) as pool:
            for chunk in pool.imap(decided, chunks):
                sent = [await producer.send(topic, value, key=key, headers=headers, partition=partition)
                        for topic, partition, key, value, headers in chunk.records]
                for topic, *_ in chunk.records:
                    loaded.events[topic] = loaded.events.get(topic, 0) + 1
                loaded.demo_org_ids += chunk.demo_org_ids
                await asyncio.gather(*sent)
    finally:
        await producer.stop()
    await _commit_reactions(bootstrap, kafka.partitions)
    loaded.seconds = time.perf_counter() - started
    return loaded


async def _commit_reactions(bootstrap: str, partitions: int) -> None:
    """Resolution's processor has reacted to every intake event: its group's offsets say so."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=processor_group("resolution"),
                                enable_auto_commit=False)
    await consumer.start()
    try:
        tps = [TopicPartition(events_topic("intake"), p) for p in range(partitions)]
        consumer.assign(tps)
        await consumer.commit(await consumer.end_offsets(tps))
    finally:
        await consumer.stop()


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    bootstrap = os.environ.get("REDRESS_KAFKA_BOOTSTRAP")
    if not bootstrap:
        print("set REDRESS_KAFKA_BOOTSTRAP", file=sys.stderr)
        return 2
    loaded = asyncio.run(load(bootstrap, KafkaSettings(), count))
    total = sum(loaded.events.values())
    print(f"{loaded.complaints} complaints, {total} events in {loaded.seconds:.1f}s "
          f"({total / loaded.seconds:,.0f} events/s): {loaded.events}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
