"""Mentions from connectors over Kafka (protobuf or JSON records on the documented topic),
what a bad record does (set aside, the others go on), a stream of new mentions, and a
replica rebuilt from the log giving the same mentions, links and escalations."""
from __future__ import annotations

import asyncio
import uuid

import grpc
import pytest
from aiokafka import AIOKafkaProducer
from google.protobuf import json_format

from redress.events.v1 import publicity_pb2 as pev
from redress.kernel.deadletters import REASON
from redress.publicitywatch.v1 import publicity_watch_service_pb2 as papi
from tests.helpers import auth, committed_records, eventually
from tests.publicity.test_mentions import watch
from tests.publicity.test_public_story import TOKEN, file_complaint, handle, linked_report, post

pytestmark = pytest.mark.kafka
TOPIC = "redress.publicity-watch.mentions-in.v1"


def connector_record(url: str, text: str, organisation: str = "org-pw") -> papi.ConnectorMention:
    return papi.ConnectorMention(organisation=organisation, connector="trustpilot", mention=papi.ReportMentionRequest(
        source=pev.SOURCE_KIND_REVIEW_SITE, url=url, content=pev.MentionContent(text=text, rating=1, rating_out_of=5),
        author="Ayşe Y.", reach=300))


async def mention_at(publicity_channel, url: str):
    listed = await watch(publicity_channel).ListMentions(papi.ListMentionsRequest(page_size=500),
                                                         metadata=auth(TOKEN))
    return next((m for m in listed.mentions if m.url == url), None)


async def test_connectors_write_mentions_to_the_topic_and_a_bad_record_is_set_aside(bootstrap, publicity_channel):
    base = f"https://www.trustpilot.com/reviews/{uuid.uuid4().hex[:8]}"
    as_proto = connector_record(f"{base}-1", "Sipariş iki hafta gecikti, kimse telefonu açmıyor. Rezalet.")
    as_json = connector_record(f"{base}-2", "The parcel never came and support hung up on me.")
    no_org = connector_record(f"{base}-3", "Lost luggage, no answer.", organisation="")
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        await producer.send_and_wait(TOPIC, as_proto.SerializeToString(), key=b"1")
        await producer.send_and_wait(TOPIC, b"{not json", key=b"broken",
                                     headers=[("content-type", b"application/json")])
        await producer.send_and_wait(TOPIC, no_org.SerializeToString(), key=b"no-org")
        await producer.send_and_wait(TOPIC, json_format.MessageToJson(as_json).encode(), key=b"2",
                                     headers=[("content-type", b"application/json")])
    finally:
        await producer.stop()
    turkish = await eventually(lambda: mention_at(publicity_channel, f"{base}-1"), timeout=30)
    english = await eventually(lambda: mention_at(publicity_channel, f"{base}-2"), timeout=30)
    assert turkish and english, "a connector's mention did not arrive"
    assert (turkish.language, turkish.sentiment, turkish.content.rating) == ("tr", "negative", 1)
    assert english.language == "en" and english.source == pev.SOURCE_KIND_REVIEW_SITE

    async def set_aside():
        letters = await committed_records(bootstrap, "redress.publicity-watch.deadletters.v1")
        reasons = [dict(r.headers)[REASON].decode() for r in letters if dict(r.headers).get("dl_topic") == TOPIC.encode()]
        return reasons if len(reasons) >= 2 else None
    reasons = await eventually(set_aside, timeout=20)
    assert reasons and any("ConnectorMention" in r for r in reasons) and any("organisation" in r for r in reasons)


async def test_watchers_see_new_mentions_of_their_organisation_only(publicity_channel):
    mine, theirs = (f"https://www.reddit.com/r/greece/{uuid.uuid4().hex[:8]}" for _ in range(2))
    call = watch(publicity_channel).WatchMentions(papi.WatchMentionsRequest(), metadata=auth(TOKEN))
    await call.initial_metadata()
    await watch(publicity_channel).ReportMention(post("Other org's post, terrible.", url=theirs,
                                                      source=pev.SOURCE_KIND_FORUM), metadata=auth("token-b"))
    await watch(publicity_channel).ReportMention(post("Τραγική εξυπηρέτηση στη Γλυφάδα.", url=mine,
                                                      source=pev.SOURCE_KIND_FORUM), metadata=auth(TOKEN))
    change = await asyncio.wait_for(call.read(), timeout=15)
    assert (change.change, change.mention.url, change.mention.organisation) == ("reported", mine, "org-pw")
    call.cancel()


async def test_a_replica_rebuilt_from_the_log_gives_the_same_links_and_escalations(
        channel, resolution_channel, publicity_channel, publicity_replicas, tmp_path):
    who = handle()
    complaint_id = await file_complaint(channel, resolution_channel, who)
    linked = await linked_report(publicity_channel, post(author_handle=who), complaint_id)
    assert linked
    fresh = publicity_replicas(REDRESS_STATE_DIR=str(tmp_path / "fresh-state"))
    async with grpc.aio.insecure_channel(fresh.address) as rebuilt:
        async def answers(ch):
            mention = await watch(ch).GetMention(papi.GetMentionRequest(mention_id=linked.mention_id),
                                                 metadata=auth(TOKEN))
            escalations = await watch(ch).ListPublicEscalations(papi.ListPublicEscalationsRequest(page_size=500),
                                                                metadata=auth(TOKEN))
            return [m.SerializeToString(deterministic=True) for m in (mention, escalations)]
        assert await answers(rebuilt) == await answers(publicity_channel)
    fresh.stop()
