"""Rebuilds intake's read model from offset zero and prints how fast: `redress replay intake`."""
from __future__ import annotations

import asyncio
import sys
import time

from redress.broker import BrokerError, choose_broker
from redress.eventlog import EventFeed
from redress.settings import KafkaSettings
from redress.topics import events_topic
from redress_intake.projection import ComplaintBook


async def rebuild(bootstrap: str, kafka: KafkaSettings) -> tuple[ComplaintBook, int, float]:
    """Reads every intake event into a fresh read model; returns it, the event count and seconds."""
    book = ComplaintBook()
    feed = EventFeed(bootstrap, events_topic("intake"), kafka, book.apply)
    started = time.perf_counter()
    await feed.start()
    try:
        await feed.catch_up()
        return book, feed.events_read, time.perf_counter() - started
    finally:
        await feed.stop()


def main() -> int:
    kafka = KafkaSettings()
    try:
        broker = choose_broker(kafka)
    except BrokerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        book, events, seconds = asyncio.run(rebuild(broker.bootstrap, kafka))
    finally:
        broker.stop()
    rate = events / seconds if seconds else 0.0
    print(f"intake: replayed {events} events into {len(book.complaints)} complaints "
          f"in {seconds:.2f}s: {rate:,.0f} events/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
