"""A complaint that goes public, over gRPC against the real broker: the post linked to the
customer's complaint (automatically on strong evidence, queued for a person on weak,
by hand with a reason), the public escalation it opens and resolution's reaction (once),
the public answer's life through the conduct guard, and what the report measures."""
from __future__ import annotations

import asyncio
import uuid

import grpc
import pytest
from aiokafka import AIOKafkaProducer

from redress.events.v1 import publicity_pb2 as pev
from redress.events.v1 import resolution_pb2 as rev
from redress.intake.v1 import intake_service_pb2 as iapi
from redress.publicitywatch.v1 import publicity_watch_service_pb2 as papi
from redress.resolution.v1 import resolution_service_pb2 as rapi
from redress.types.v1 import complaint_pb2 as types
from tests.helpers import auth, committed_records, error_field, eventually, filing, opened_case, resolution_stub, stub
from tests.publicity.test_mentions import watch

pytestmark = pytest.mark.kafka
TOKEN, MANAGER = "token-pw", "token-pw-manager"
COMPLAINT = ("Στο κατάστημα της Γλυφάδας ο υπάλληλος μου φώναξε και αρνήθηκε να αλλάξει το χαλασμένο ψυγείο "
             "που αγόρασα. Ζητώ αντικατάσταση του ψυγείου.")
POST = ("Επιστολή αναγνώστη: Στο κατάστημα της Γλυφάδας ο υπάλληλος μου φώναξε και αρνήθηκε να αλλάξει το "
        "χαλασμένο ψυγείο. Απαράδεκτη εξυπηρέτηση, κανείς δεν απαντά.")


def handle() -> str:
    return f"@giorgos_{uuid.uuid4().hex[:6]}"


async def file_complaint(channel, resolution_channel, handle_: str = "", name: str = "Γιώργος Παπαδόπουλος",
                         text: str = COMPLAINT, token: str = TOKEN) -> str:
    contact = types.CustomerContact(name=name, social_handle=handle_, email=f"{uuid.uuid4().hex[:8]}@example.gr")
    filed = await stub(channel).FileComplaint(filing(text, contact=contact, store="Glyfada"), metadata=auth(token))
    await opened_case(resolution_channel, filed.complaint.complaint_id, token=token)
    return filed.complaint.complaint_id


def post(text: str = POST, **fields) -> papi.ReportMentionRequest:
    fields.setdefault("source", pev.SOURCE_KIND_NEWSPAPER)
    fields.setdefault("url", f"https://www.kathimerini.gr/letters/{uuid.uuid4().hex[:8]}")
    return papi.ReportMentionRequest(content=pev.MentionContent(text=text), **fields)


async def report(publicity_channel, request, token: str = TOKEN) -> papi.ReportMentionResponse:
    return await watch(publicity_channel).ReportMention(request, metadata=auth(token))


async def case_of(resolution_channel, complaint_id: str, token: str = TOKEN) -> rapi.GetCaseResponse:
    return await resolution_stub(resolution_channel).GetCase(rapi.GetCaseRequest(complaint_id=complaint_id),
                                                             metadata=auth(token))


async def linked_report(publicity_channel, request, complaint_id: str, token: str = TOKEN):
    """Reports the post until it links (the complaint may still be on its way from intake)."""
    async def probe():
        answer = await report(publicity_channel, request, token)
        mention = await watch(publicity_channel).GetMention(
            papi.GetMentionRequest(mention_id=answer.mention.mention_id), metadata=auth(token))
        return mention if mention.complaint_id == complaint_id else None
    return await eventually(probe)


async def redeliver_escalation(bootstrap: str, complaint_id: str) -> None:
    """Writes publicity-watch's PublicEscalationOpened of the complaint again, byte for byte:
    what a consumer sees when a record is delivered twice."""
    records = await committed_records(bootstrap, "redress.publicity-watch.events.v1")
    opened = [r for r in records if r.key == complaint_id.encode()
              and dict(r.headers).get("ce_type", b"").endswith(b"PublicEscalationOpened")]
    assert opened, "no PublicEscalationOpened on the complaint's stream"
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        await producer.send_and_wait(opened[0].topic, opened[0].value, key=opened[0].key,
                                     partition=opened[0].partition, headers=list(opened[0].headers))
    finally:
        await producer.stop()


async def test_a_post_by_the_customers_handle_links_itself_and_the_case_goes_up_once(
        bootstrap, channel, resolution_channel, publicity_channel, start_resolution, tmp_path):
    who = handle()
    complaint_id = await file_complaint(channel, resolution_channel, who)
    mention = await linked_report(publicity_channel, post(author="Γιώργος Π.", author_handle=who,
                                                          source=pev.SOURCE_KIND_TWITTER, reach=12000), complaint_id)
    assert mention, "the post naming the customer's handle was not linked"
    assert mention.match.outcome == "auto_link" and mention.match.candidates[0].complaint_id == complaint_id
    kinds = {e.kind for e in mention.match.candidates[0].evidence}
    assert {"handle", "similar_text"} <= kinds
    escalation = await watch(publicity_channel).GetPublicEscalation(
        papi.GetPublicEscalationRequest(mention_id=mention.mention_id), metadata=auth(TOKEN))
    assert (escalation.status, escalation.opened.case_outcome, escalation.opened.language) == ("open", "open", "el")
    assert escalation.opened.linked_by == "auto" and escalation.opened.confidence >= 0.8
    assert who in [e.detail for e in escalation.opened.evidence if e.kind == "handle"]

    async def raised():
        case = await case_of(resolution_channel, complaint_id)
        return case if case.case.level >= types.LEVEL_CORPORATE_OFFICE else None
    case = await eventually(raised)
    assert case and case.case.priority == rapi.CASE_PRIORITY_HIGH
    # The author posts again: a follow-up of the same escalation; the case does not move again.
    again = await linked_report(publicity_channel, post("Ακόμα περιμένω απάντηση για το ψυγείο. Απαράδεκτοι.",
                                                        author_handle=who, source=pev.SOURCE_KIND_TWITTER),
                                complaint_id)
    assert again, "the author's second post was not linked"
    escalation = await watch(publicity_channel).GetPublicEscalation(
        papi.GetPublicEscalationRequest(mention_id=mention.mention_id), metadata=auth(TOKEN))
    assert [f.follow_up_mention_id for f in escalation.follow_ups] == [again.mention_id]
    await redeliver_escalation(bootstrap, complaint_id)
    await asyncio.sleep(1.5)
    history = (await case_of(resolution_channel, complaint_id)).history
    went_public = [e for e in history if e.type.endswith("CaseEscalated")
                   and _escalated(e).cause == rev.ESCALATION_CAUSE_WENT_PUBLIC]
    assert len(went_public) == 1
    assert sum(e.type.endswith("CasePriorityRaised") for e in history) == 1
    # A replica rebuilt from the log tells the same story: one reaction, not one per reading.
    rebuilt = start_resolution(REDRESS_STATE_DIR=str(tmp_path / "rebuilt"))
    try:
        async with grpc.aio.insecure_channel(rebuilt.address) as fresh:
            replayed = (await case_of(fresh, complaint_id)).history
    finally:
        rebuilt.stop()
    assert [e.event_id for e in replayed] == [e.event_id for e in history]


def _escalated(event) -> rev.CaseEscalated:
    escalated = rev.CaseEscalated()
    event.payload.Unpack(escalated)
    return escalated


async def test_weak_evidence_waits_for_a_person_who_links_and_unlinks_with_a_reason(
        channel, resolution_channel, publicity_channel):
    name = f"Ελένη Κ{uuid.uuid4().hex[:4]}"
    complaint_id = await file_complaint(channel, resolution_channel, name=name,
                                        text="Το πλυντήριο που παρέλαβα ήταν σπασμένο και κανείς δεν με πήρε τηλέφωνο.")
    stub_ = watch(publicity_channel)

    async def queued():
        answer = await report(publicity_channel, post("Παρέλαβα σπασμένο πλυντήριο και κανείς δεν με πήρε τηλέφωνο. "
                                                      "Ντροπή.", author=name,
                                                      url=f"https://blog.example.gr/{complaint_id[:8]}",
                                                      source=pev.SOURCE_KIND_BLOG))
        return answer.mention if answer.mention.match.outcome == "review" else None
    mention = await eventually(queued)
    assert mention and not mention.complaint_id
    assert mention.match.candidates[0].complaint_id == complaint_id
    assert 0.3 <= mention.match.candidates[0].confidence < 0.8
    waiting = await stub_.ListMentions(papi.ListMentionsRequest(linked="review", page_size=500), metadata=auth(TOKEN))
    assert mention.mention_id in [m.mention_id for m in waiting.mentions]
    unrelated = await report(publicity_channel, post("Great service at the airport lounge today, thanks!",
                                                     source=pev.SOURCE_KIND_TWITTER, author_handle=handle()))
    assert unrelated.mention.match.outcome == "none" and not unrelated.mention.complaint_id

    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await stub_.LinkMention(papi.LinkMentionRequest(mention_id=mention.mention_id, complaint_id=complaint_id),
                                metadata=auth(MANAGER))
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT and error_field(refused.value) == "reason"
    with pytest.raises(grpc.aio.AioRpcError) as missing:
        await stub_.LinkMention(papi.LinkMentionRequest(mention_id=mention.mention_id, complaint_id="no-such",
                                                        reason="same story"), metadata=auth(MANAGER))
    assert missing.value.code() == grpc.StatusCode.NOT_FOUND
    linked = await stub_.LinkMention(papi.LinkMentionRequest(mention_id=mention.mention_id, complaint_id=complaint_id,
                                                             reason="same washing machine, same week"),
                                     metadata=auth(MANAGER))
    assert linked.complaint_id == complaint_id
    escalation = await stub_.GetPublicEscalation(papi.GetPublicEscalationRequest(mention_id=mention.mention_id),
                                                 metadata=auth(MANAGER))
    assert escalation.status == "open" and "by manager-pw" in escalation.opened.reason
    unlinked = await stub_.UnlinkMention(papi.UnlinkMentionRequest(mention_id=mention.mention_id,
                                                                   reason="another customer with the same name"),
                                         metadata=auth(MANAGER))
    assert not unlinked.complaint_id
    closed = await stub_.GetPublicEscalation(papi.GetPublicEscalationRequest(mention_id=mention.mention_id),
                                             metadata=auth(MANAGER))
    assert closed.status == "closed" and "another customer" in closed.outcome
    with pytest.raises(grpc.aio.AioRpcError) as twice:
        await stub_.UnlinkMention(papi.UnlinkMentionRequest(mention_id=mention.mention_id, reason="again"),
                                  metadata=auth(MANAGER))
    assert twice.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    with pytest.raises(grpc.aio.AioRpcError) as not_a_complaint:
        await stub_.LinkMention(papi.LinkMentionRequest(mention_id=mention.mention_id, complaint_id=mention.mention_id,
                                                        reason="pasted the wrong id"), metadata=auth(MANAGER))
    assert not_a_complaint.value.code() == grpc.StatusCode.NOT_FOUND
    # A person has decided: seen again, it is neither linked back nor queued again.
    seen_again = await report(publicity_channel, post("Παρέλαβα σπασμένο πλυντήριο και κανείς δεν με πήρε τηλέφωνο. "
                                                      "Ντροπή.", author=name,
                                                      url=f"https://blog.example.gr/{complaint_id[:8]}",
                                                      source=pev.SOURCE_KIND_BLOG))
    assert not seen_again.mention.complaint_id
    waiting = await stub_.ListMentions(papi.ListMentionsRequest(linked="review", page_size=500), metadata=auth(TOKEN))
    assert mention.mention_id not in [m.mention_id for m in waiting.mentions]


async def test_a_post_seen_before_its_complaint_was_filed_links_when_seen_again(
        channel, resolution_channel, publicity_channel):
    who = handle()
    early = await report(publicity_channel, post(author_handle=who, source=pev.SOURCE_KIND_TWITTER))
    assert early.mention.match.outcome != "auto_link" and not early.mention.complaint_id
    complaint_id = await file_complaint(channel, resolution_channel, who)
    later = await linked_report(publicity_channel, post(author_handle=who, source=pev.SOURCE_KIND_TWITTER,
                                                        url=early.mention.url), complaint_id)
    assert later and later.mention_id == early.mention.mention_id


async def test_the_public_answer_goes_through_the_conduct_guard_and_approval(
        channel, resolution_channel, publicity_channel):
    who = handle()
    complaint_id = await file_complaint(channel, resolution_channel, who)
    mention = await linked_report(publicity_channel, post(author_handle=who, reach=90000), complaint_id)
    assert mention
    stub_ = watch(publicity_channel)

    async def draft(text: str, token: str = TOKEN, override: str = ""):
        return await stub_.DraftPublicResponse(papi.DraftPublicResponseRequest(
            mention_id=mention.mention_id, text=text, conduct_override_reason=override), metadata=auth(token))

    with pytest.raises(grpc.aio.AioRpcError) as rude:
        await draft("Κύριε, φταίτε εσείς που δεν διαβάσατε τους όρους. Δεν μπορούμε να κάνουμε τίποτα.")
    assert rude.value.code() == grpc.StatusCode.FAILED_PRECONDITION and "conduct guard" in rude.value.details()
    with pytest.raises(grpc.aio.AioRpcError) as english:
        await draft("Dear Giorgos, we are sorry about your fridge and will replace it this week at the Glyfada store.")
    assert english.value.code() == grpc.StatusCode.INVALID_ARGUMENT and "el" in english.value.details()
    answer = ("Αγαπητέ κύριε Παπαδόπουλε, λυπούμαστε ειλικρινά για τη συμπεριφορά που αντιμετωπίσατε στο "
              "κατάστημα της Γλυφάδας. Θα αντικαταστήσουμε το ψυγείο σας αυτή την εβδομάδα.")
    drafted = await draft(answer)
    assert (drafted.status, drafted.draft.language, drafted.draft.drafted_by) == ("drafted", "el", "client-pw")
    with pytest.raises(grpc.aio.AioRpcError) as early:
        await stub_.RecordPublicResponse(papi.RecordPublicResponseRequest(
            mention_id=mention.mention_id, url="https://www.kathimerini.gr/letters/reply"), metadata=auth(MANAGER))
    assert early.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    with pytest.raises(grpc.aio.AioRpcError) as not_a_manager:
        await stub_.ApprovePublicResponse(papi.ApprovePublicResponseRequest(mention_id=mention.mention_id),
                                          metadata=auth(TOKEN))
    assert not_a_manager.value.code() == grpc.StatusCode.PERMISSION_DENIED
    approved = await stub_.ApprovePublicResponse(papi.ApprovePublicResponseRequest(mention_id=mention.mention_id),
                                                 metadata=auth(MANAGER))
    assert (approved.status, approved.approved_by) == ("approved", "manager-pw")
    published = await stub_.RecordPublicResponse(papi.RecordPublicResponseRequest(
        mention_id=mention.mention_id, url="https://www.kathimerini.gr/letters/reply-1"), metadata=auth(MANAGER))
    assert published.status == "published" and published.published.url.endswith("reply-1")
    followed = await stub_.RecordFollowUp(papi.RecordFollowUpRequest(
        mention_id=mention.mention_id, text="Ευχαριστώ, το ψυγείο αντικαταστάθηκε."), metadata=auth(TOKEN))
    assert len(followed.follow_ups) == 1
    with pytest.raises(grpc.aio.AioRpcError) as bad_how:
        await stub_.ResolvePublicly(papi.ResolvePubliclyRequest(mention_id=mention.mention_id, how="forgotten"),
                                    metadata=auth(TOKEN))
    assert bad_how.value.code() == grpc.StatusCode.INVALID_ARGUMENT and error_field(bad_how.value) == "how"
    resolved = await stub_.ResolvePublicly(papi.ResolvePubliclyRequest(
        mention_id=mention.mention_id, how="updated", detail="the letter's author thanked the store"),
        metadata=auth(TOKEN))
    assert (resolved.status, resolved.outcome) == ("resolved", "updated")
    with pytest.raises(grpc.aio.AioRpcError) as finished:
        await stub_.ClosePublicEscalation(papi.ClosePublicEscalationRequest(mention_id=mention.mention_id,
                                                                            reason="done"), metadata=auth(TOKEN))
    assert finished.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    listed = await stub_.ListPublicEscalations(papi.ListPublicEscalationsRequest(status="resolved"),
                                               metadata=auth(TOKEN))
    assert mention.mention_id in [e.mention_id for e in listed.escalations]
    measured = await stub_.GetPublicityReport(papi.GetPublicityReportRequest(), metadata=auth(TOKEN))
    assert measured.responded >= 1 and measured.resolved_publicly >= 1
    assert measured.after_never_resolved >= 1 and measured.median_hours_to_response >= 0


async def test_near_identical_text_by_the_same_author_is_one_mention(publicity_channel):
    who = handle()
    text = ("The Glyfada store shouted at me and refused to replace a broken fridge. Nobody answers the phone. "
            "Avoid this shop.")
    first = await report(publicity_channel, post(text, author_handle=who, source=pev.SOURCE_KIND_FORUM))
    copy = await report(publicity_channel, post(text + " !!", author_handle=who, source=pev.SOURCE_KIND_FORUM,
                                                url=f"https://forum.example.com/t/{uuid.uuid4().hex[:6]}"))
    assert (copy.outcome, copy.mention.mention_id) == ("copy", first.mention.mention_id)
    assert copy.mention.copies and copy.mention.copies[0].startswith("https://forum.example.com/t/")
    someone_else = await report(publicity_channel, post(text, author_handle=handle(), source=pev.SOURCE_KIND_FORUM))
    assert someone_else.outcome == "new" and someone_else.mention.mention_id != first.mention.mention_id


async def test_a_mention_relinked_to_another_complaint_is_answered_there(
        channel, resolution_channel, publicity_channel):
    who = handle()
    first = await file_complaint(channel, resolution_channel, who)
    mention = await linked_report(publicity_channel, post(author_handle=who), first)
    assert mention
    second = await file_complaint(channel, resolution_channel, name="Άλλος Πελάτης")
    stub_ = watch(publicity_channel)
    await stub_.UnlinkMention(papi.UnlinkMentionRequest(mention_id=mention.mention_id, reason="his brother's order"),
                              metadata=auth(MANAGER))
    await stub_.LinkMention(papi.LinkMentionRequest(mention_id=mention.mention_id, complaint_id=second,
                                                    reason="the brother wrote the letter"), metadata=auth(MANAGER))
    # News on the first complaint must not take the escalation back there.
    await stub(channel).WithdrawComplaint(iapi.WithdrawComplaintRequest(complaint_id=first, reason="not mine"),
                                          metadata=auth(TOKEN))

    async def answered_on_the_second():
        e = await stub_.GetPublicEscalation(papi.GetPublicEscalationRequest(mention_id=mention.mention_id),
                                            metadata=auth(MANAGER))
        return e if e.complaint_id == second and e.status == "open" else None
    await asyncio.sleep(1.0)
    assert await answered_on_the_second()
    drafted = await stub_.DraftPublicResponse(papi.DraftPublicResponseRequest(
        mention_id=mention.mention_id, text="Λυπούμαστε πολύ για την εμπειρία σας στο κατάστημα της Γλυφάδας, "
                                           "θα σας καλέσουμε σήμερα."), metadata=auth(TOKEN))
    assert (drafted.complaint_id, drafted.status) == (second, "drafted")
    listed = await stub_.ListPublicEscalations(papi.ListPublicEscalationsRequest(page_size=500), metadata=auth(TOKEN))
    mine = {(e.complaint_id, e.status) for e in listed.escalations if e.mention_id == mention.mention_id}
    assert mine == {(first, "closed"), (second, "drafted")}


async def test_a_post_taken_down_and_put_back_is_a_mention_again(publicity_channel):
    who, url = handle(), f"https://www.tripadvisor.com/r/{uuid.uuid4().hex[:8]}"
    text = "Cold soup, rude staff, and the manager refused to speak to us. Never again at the Glyfada branch."
    await report(publicity_channel, post(text, url=url, author_handle=who, source=pev.SOURCE_KIND_REVIEW_SITE))
    gone = await report(publicity_channel, post("", url=url, source=pev.SOURCE_KIND_REVIEW_SITE, deleted=True))
    assert gone.mention.deleted
    back = await report(publicity_channel, post(text, url=url, author_handle=who, source=pev.SOURCE_KIND_REVIEW_SITE))
    assert (back.outcome, back.mention.deleted) == ("edited", False)
    repost = await report(publicity_channel, post(text, author_handle=who, source=pev.SOURCE_KIND_REVIEW_SITE))
    assert repost.outcome == "copy" and repost.mention.mention_id == back.mention.mention_id


async def test_a_linked_post_edited_into_a_complaint_goes_public_then(channel, resolution_channel, publicity_channel):
    who, url = handle(), f"https://x.com/status/{uuid.uuid4().hex[:10]}"
    complaint_id = await file_complaint(channel, resolution_channel, who)
    calm = "Lovely staff at the Glyfada store this morning, very helpful with my fridge order. Thank you!"
    mention = await linked_report(publicity_channel, post(calm, url=url, author_handle=who,
                                                          source=pev.SOURCE_KIND_TWITTER), complaint_id)
    assert mention and mention.sentiment != "negative"
    with pytest.raises(grpc.aio.AioRpcError) as none_yet:
        await watch(publicity_channel).GetPublicEscalation(
            papi.GetPublicEscalationRequest(mention_id=mention.mention_id), metadata=auth(TOKEN))
    assert none_yet.value.code() == grpc.StatusCode.NOT_FOUND
    angry = "UPDATE: the Glyfada store refused to replace my broken fridge and the staff shouted at me. Disgraceful."
    edited = await report(publicity_channel, post(angry, url=url, author_handle=who, source=pev.SOURCE_KIND_TWITTER))
    assert (edited.outcome, edited.mention.sentiment) == ("edited", "negative")
    escalation = await watch(publicity_channel).GetPublicEscalation(
        papi.GetPublicEscalationRequest(mention_id=mention.mention_id), metadata=auth(TOKEN))
    assert (escalation.complaint_id, escalation.status) == (complaint_id, "open")
