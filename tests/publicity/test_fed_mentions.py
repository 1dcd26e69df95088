"""Feeds watched by a real publicity-watch replica against the real broker: every entry
becomes a mention once, and a restarted replica reports nothing again."""
from __future__ import annotations

import asyncio
import json
import uuid

import grpc
import pytest

from redress.dev.platform import start_service
from redress.publicitywatch.v1 import publicity_watch_service_pb2 as papi
from tests.helpers import auth, committed_records, eventually
from tests.publicity.test_mentions import watch

pytestmark = pytest.mark.kafka


async def test_fed_mentions_are_reported_once_across_a_restart(service_env, tmp_path, server):
    namespace = f"w{uuid.uuid4().hex[:8]}"
    feeds = tmp_path / "feeds.json"
    feeds.write_text(json.dumps({"feeds": [
        {"id": "kathimerini-letters", "organisation": "org-a", "url": server.url("/rss"),
         "source": "SOURCE_KIND_NEWSPAPER", "source_name": "Kathimerini"},
        {"id": "sikayet-blog", "organisation": "org-a", "url": server.url("/atom"), "source": "SOURCE_KIND_BLOG"}]}))
    env = {**service_env, "REDRESS_TOPIC_NAMESPACE": namespace, "REDRESS_PUBLICITY_FEEDS_FILE": str(feeds),
           "REDRESS_FEED_POLL_S": "0.3", "REDRESS_STATE_DIR": str(tmp_path / "state")}

    async def mentions(channel) -> list:
        found = await watch(channel).ListMentions(papi.ListMentionsRequest(page_size=500), metadata=auth())
        return found.mentions if len(found.mentions) >= 4 else []

    topic = f"{namespace}.publicity-watch.events.v1"
    replica = start_service("publicity-watch", env, port=0, log_to=open(tmp_path / "first.log", "w"))
    try:
        async with grpc.aio.insecure_channel(replica.address) as channel:
            fed = await eventually(lambda: mentions(channel), timeout=30)
        assert len(fed) == 4 and {m.source_name for m in fed} >= {"Kathimerini"}
        assert {m.language for m in fed} == {"el", "tr"}
    finally:
        replica.stop()
    events = len(await committed_records(env["REDRESS_KAFKA_BOOTSTRAP"], topic))
    again = start_service("publicity-watch", env, port=0, log_to=open(tmp_path / "again.log", "w"))
    try:
        await asyncio.sleep(2)  # several polls
        assert server.requests["/rss"] >= 2
        assert len(await committed_records(env["REDRESS_KAFKA_BOOTSTRAP"], topic)) == events
    finally:
        again.stop()
