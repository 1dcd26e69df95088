"""Rebuilding a service's read model from offset zero, timed: `redress replay <service>`."""
from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from redress.dev.broker import Broker, BrokerError, choose_broker, running_broker
from redress.kernel.declaration import declaration
from redress.kernel.feed import EventFeed
from redress.kernel.servicelog import applier
from redress.kernel.settings import KafkaSettings
from redress.kernel.store import Store
from redress.kernel.topics import events_topic


async def rebuild(bootstrap: str, kafka: KafkaSettings, service: str, apply: Callable,
                  store: Store | None = None) -> tuple[int, float]:
    """Reads every event of the service into `apply` (and `store`, a transaction a batch);
    returns the event count and seconds."""
    feed = EventFeed(bootstrap, events_topic(service), kafka, apply, store=store)
    started = time.perf_counter()
    await feed.start()
    try:
        await feed.catch_up()
        return feed.events_read, time.perf_counter() - started
    finally:
        await feed.stop()


def run(service: str) -> int:
    """Replays the service's events into a fresh store (a temporary file) and prints events/s."""
    folder = tempfile.TemporaryDirectory(prefix="redress-replay-")
    read_model_type = declaration(service).read_model
    read_model = read_model_type(Store(Path(folder.name) / "replay.sqlite", read_model_type.SCHEMA,
                                       events_topic(service)))
    kafka = KafkaSettings()
    try:
        running = running_broker(kafka)  # the broker `make run` started, if any
        broker = Broker(running, "running") if running else choose_broker(kafka)
    except BrokerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        events, seconds = asyncio.run(rebuild(broker.bootstrap, kafka, service, applier(read_model),
                                              read_model.store))
        streams = read_model.store.db.execute("SELECT COUNT(DISTINCT complaint_id) FROM events").fetchone()[0]
    finally:
        broker.stop()
        read_model.store.close()
        folder.cleanup()
    rate = events / seconds if seconds else 0.0
    print(f"{service}: replayed {events} events into {streams} streams in "
          f"{seconds:.2f}s: {rate:,.0f} events/s")
    return 0
