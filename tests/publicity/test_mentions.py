"""Mentions reported by connectors over gRPC, against the real broker: one per post,
whatever links it came by; edits and deletions; the text read; bad sightings refused."""
from __future__ import annotations

import uuid

import grpc
import pytest

from redress.events.v1 import publicity_pb2 as pev
from redress.publicitywatch.v1 import publicity_watch_service_pb2 as papi
from redress.publicitywatch.v1 import publicity_watch_service_pb2_grpc as papi_grpc
from tests.helpers import auth, error_field

pytestmark = pytest.mark.kafka
GREEK_LETTER = ("Επιστολή αναγνώστη: στο κατάστημα της Γλυφάδας ζήτησα τον υπεύθυνο και μου είπαν ότι φταίω εγώ. "
                "Αν δεν απαντήσουν, θα το γράψω και στην εφημερίδα της Κυριακής.")


def watch(channel) -> papi_grpc.PublicityWatchServiceStub:
    return papi_grpc.PublicityWatchServiceStub(channel)


def sighting(url: str, text: str = GREEK_LETTER, **fields) -> papi.ReportMentionRequest:
    fields.setdefault("source", pev.SOURCE_KIND_NEWSPAPER)
    return papi.ReportMentionRequest(url=url, content=pev.MentionContent(text=text), **fields)


async def test_one_post_is_one_mention_however_it_is_linked(publicity_channel):
    url = f"https://www.kathimerini.gr/letters/{uuid.uuid4().hex[:8]}/"
    first = await watch(publicity_channel).ReportMention(sighting(url, source_name="Kathimerini", reach=90000),
                                                         metadata=auth())
    assert first.outcome == "new" and first.mention.language == "el"
    assert first.mention.stated_intent == "newspaper" and first.mention.reach == 90000
    again = await watch(publicity_channel).ReportMention(sighting(url.rstrip("/") + "?utm_source=twitter#top"),
                                                         metadata=auth())
    assert (again.outcome, again.mention.mention_id) == ("unchanged", first.mention.mention_id)
    by_guid = [await watch(publicity_channel).ReportMention(
        sighting(f"https://blog.example.com/p/{n}", guid="tag:blog.example.com,2026:post-7",
                 source=pev.SOURCE_KIND_BLOG), metadata=auth()) for n in (1, 2)]
    assert by_guid[0].mention.mention_id == by_guid[1].mention.mention_id and by_guid[1].outcome == "unchanged"


async def test_an_edited_post_updates_its_mention_and_a_deleted_one_is_marked(publicity_channel):
    url = f"https://www.yelp.com/biz/harbour-street-bistro?hrid={uuid.uuid4().hex[:8]}"
    stub = watch(publicity_channel)
    first = await stub.ReportMention(sighting(url, "Cold food, rude waiter. One star.", source=pev.SOURCE_KIND_REVIEW_SITE),
                                     metadata=auth())
    assert first.mention.sentiment == "negative" and first.mention.sentiment_confidence > 0
    edited = await stub.ReportMention(sighting(url, "UPDATE: the manager called, apologised and refunded us. "
                                                    "Thank you, that is how to treat customers.",
                                               source=pev.SOURCE_KIND_REVIEW_SITE), metadata=auth())
    assert (edited.outcome, edited.mention.edits, edited.mention.sentiment) == ("edited", 1, "positive")
    negative = await stub.ListMentions(papi.ListMentionsRequest(sentiment="negative", page_size=500), metadata=auth())
    assert first.mention.mention_id not in [m.mention_id for m in negative.mentions]
    assert edited.mention.content.text.startswith("UPDATE")
    gone = await stub.ReportMention(sighting(url, "", source=pev.SOURCE_KIND_REVIEW_SITE, deleted=True),
                                    metadata=auth())
    assert (gone.outcome, gone.mention.deleted) == ("deleted", True)
    fetched = await stub.GetMention(papi.GetMentionRequest(mention_id=first.mention.mention_id), metadata=auth())
    assert fetched == gone.mention
    listed = await stub.ListMentions(papi.ListMentionsRequest(source=pev.SOURCE_KIND_REVIEW_SITE, page_size=500),
                                     metadata=auth())
    assert first.mention.mention_id not in [m.mention_id for m in listed.mentions]
    with_deleted = await stub.ListMentions(papi.ListMentionsRequest(source=pev.SOURCE_KIND_REVIEW_SITE, page_size=500,
                                                                    include_deleted=True), metadata=auth())
    assert first.mention.mention_id in [m.mention_id for m in with_deleted.mentions]


async def test_mentions_are_listed_in_pages_and_kept_per_organisation(publicity_channel):
    stub = watch(publicity_channel)
    made = [await stub.ReportMention(sighting(f"https://forum.example.org/t/{uuid.uuid4().hex}", f"Post {n}",
                                              source=pev.SOURCE_KIND_FORUM), metadata=auth("token-pages"))
            for n in range(5)]
    first = await stub.ListMentions(papi.ListMentionsRequest(page_size=3), metadata=auth("token-pages"))
    rest = await stub.ListMentions(papi.ListMentionsRequest(page_size=3, page_token=first.next_page_token),
                                   metadata=auth("token-pages"))
    ids = [m.mention_id for m in (*first.mentions, *rest.mentions)]
    assert set(ids) >= {m.mention.mention_id for m in made} and not rest.next_page_token
    with pytest.raises(grpc.aio.AioRpcError) as other:
        await stub.GetMention(papi.GetMentionRequest(mention_id=made[0].mention.mention_id), metadata=auth("token-b"))
    assert other.value.code() == grpc.StatusCode.NOT_FOUND


@pytest.mark.parametrize("request_, field", [
    (papi.ReportMentionRequest(source=pev.SOURCE_KIND_BLOG, content=pev.MentionContent(text="x")), "url"),
    (papi.ReportMentionRequest(url="https://a.example/1", content=pev.MentionContent(text="x")), "source"),
    (papi.ReportMentionRequest(url="https://a.example/2", source=pev.SOURCE_KIND_BLOG), "content.text"),
    (papi.ReportMentionRequest(url="https://a.example/3", source=pev.SOURCE_KIND_BLOG,
                               content=pev.MentionContent(text="x", rating=9)), "content.rating"),
    (papi.ReportMentionRequest(url="https://a.example/never-seen", source=pev.SOURCE_KIND_BLOG, deleted=True), "url"),
])
async def test_a_bad_sighting_is_refused_with_its_field(publicity_channel, request_, field):
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await watch(publicity_channel).ReportMention(request_, metadata=auth())
    assert refused.value.code() in (grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.NOT_FOUND)
    assert error_field(refused.value) == field
