"""`make demo`, publicity-watch's part: the Greek story's ending. The corporate office works
the customer's letter and he is still unhappy; he writes to a newspaper; the reader's letter,
reported as a mention, links itself to his complaint (the evidence shown), opens a public
escalation and puts the case first at resolution; the company answers in Greek (a draft
blaming the customer is refused by the conduct guard first), a manager other than the
drafter approves, it is published, the author writes again and updates his letter. Then the
publicity report, and the risk radar's top complaints when the radar is running. Dev tokens:
README, "Local credentials".
"""
from __future__ import annotations

import asyncio
import time
import uuid

import grpc

from redress.dev.client import words
from redress.dev.publicity_cli import print_escalation, print_mention, print_report, print_risk
from redress.events.v1 import publicity_pb2 as pev
from redress.events.v1 import resolution_pb2 as rev
from redress.publicitywatch.v1 import publicity_watch_service_pb2 as api
from redress.publicitywatch.v1 import publicity_watch_service_pb2_grpc as api_grpc
from redress.resolution.v1 import resolution_service_pb2 as rapi
from redress.resolution.v1 import resolution_service_pb2_grpc as rapi_grpc
from redress.types.v1 import complaint_pb2 as types

# The social media desk drafts (the integration); the duty manager approves: two people.
DESK = (("authorization", "Bearer redress-dev-integration"),)
MANAGER = (("authorization", "Bearer redress-dev-manager"),)
NEWSPAPER = "https://www.kathimerini.gr/epistoles-anagnoston"
CUSTOMER = "Νίκος Παπαδόπουλος"  # as demo.COMPLAINTS filed him
STORE = "Κατάστημα Γλυφάδας"

CORPORATE_OFFICE_WORK = [
    dict(understand=rapi.UnderstandingStep(customer_reason="Ζήτησε τον υπεύθυνο, ο υπάλληλος αρνήθηκε και του "
                                                           "είπε ότι φταίει ο ίδιος.")),
    dict(apologise=rapi.ApologyStep(text="Σας ζητούμε ειλικρινά συγγνώμη: έπρεπε να φωνάξουμε αμέσως τον υπεύθυνο.")),
    dict(explain=rapi.ExplanationStep(text="Ο υπάλληλος ήταν καινούργιος και δεν ήξερε ότι ο υπεύθυνος ήταν στο "
                                           "κατάστημα.")),
    dict(fix=rapi.FixStep(text="Μιλήσαμε με τον υπάλληλο και σας στείλαμε γραπτή συγγνώμη.")),
]


def letter(reference: str) -> pev.MentionContent:
    """The reader's letter: it names the customer, the store and his complaint's reference."""
    return pev.MentionContent(
        title="Επιστολή αναγνώστη: Κανείς δεν ακούει τον πελάτη",
        text=f"Στο {STORE} ζήτησα τον υπεύθυνο, αλλά ο υπάλληλος αρνήθηκε να τον φωνάξει και μου είπε ότι φταίω "
             f"εγώ που δεν διάβασα τους όρους. Έγραψα στα κεντρικά γραφεία (αριθμός παραπόνου {reference}), μου "
             "έστειλαν μια τυπική συγγνώμη και κανείς δεν ρώτησε τι θα με ικανοποιούσε. Απαράδεκτη εξυπηρέτηση. "
             f"{CUSTOMER}, Γλυφάδα")


BLAMING = ("Κύριε Παπαδόπουλε, φταίτε εσείς που δεν διαβάσατε τους όρους αγοράς. Ο υπάλληλός μας ακολούθησε "
           "τη διαδικασία.")
ANSWER = ("Αγαπητέ κύριε Παπαδόπουλε, έχετε δίκιο και σας ζητούμε δημόσια συγγνώμη. Έπρεπε να φωνάξουμε αμέσως "
          "τον υπεύθυνο του καταστήματος της Γλυφάδας. Ο διευθυντής μας θα σας τηλεφωνήσει σήμερα για να "
          "συμφωνήσουμε μαζί τι θα σας ικανοποιούσε, και εκπαιδεύουμε το προσωπικό ώστε να μην ξανασυμβεί.")
FOLLOW_UP = ("Ενημέρωση: ο διευθυντής με πήρε τηλέφωνο, μου ζήτησε συγγνώμη και αντικατέστησε το προϊόν. "
             "Ευχαριστώ για τη γρήγορη απάντηση.")


async def _patiently(call, seconds: float = 30, until=lambda answer: True):
    """Calls until the service has heard of it (it learns from other services' events) and
    `until` holds of the answer; returns the last answer."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            answer = await call()
            if until(answer) or time.monotonic() > deadline:
                return answer
        except grpc.aio.AioRpcError as exc:
            if exc.code() != grpc.StatusCode.NOT_FOUND or time.monotonic() > deadline:
                raise
        await asyncio.sleep(0.2)


def _request_id() -> str:
    return str(uuid.uuid4())


async def go_public(address: str, resolution_address: str, complaint_id: str, reference: str) -> None:
    """The Greek complaint (filed as a letter to the corporate office) ends in the newspaper."""
    async with grpc.aio.insecure_channel(address) as channel, \
            grpc.aio.insecure_channel(resolution_address) as cases_channel:
        watch = api_grpc.PublicityWatchServiceStub(channel)
        cases = rapi_grpc.ResolutionServiceStub(cases_channel)
        print(f"The Greek story, {reference}: the corporate office answers the letter")
        await _corporate_office(cases, complaint_id)
        mention = await _newspaper(watch, complaint_id, reference)
        if not mention.complaint_id:
            print("  the letter is not linked to the complaint; the story stops here")
            return
        escalation = await _patiently(lambda: watch.GetPublicEscalation(
            api.GetPublicEscalationRequest(mention_id=mention.mention_id), metadata=DESK))
        print("\nA public escalation opens:")
        print_escalation(escalation)
        await _case_comes_first(cases, complaint_id)
        print("\nThe company answers in public, in Greek:")
        await _answer(watch, mention.mention_id)
        print("\nWhat the organisation's public escalations measure:")
        print_report(await watch.GetPublicityReport(api.GetPublicityReportRequest(), metadata=DESK))
        await _radar(watch)


async def _corporate_office(cases, complaint_id: str) -> None:
    await _patiently(lambda: cases.GetCase(rapi.GetCaseRequest(complaint_id=complaint_id), metadata=DESK))
    try:
        for step in CORPORATE_OFFICE_WORK:
            await cases.RecordStep(rapi.RecordStepRequest(complaint_id=complaint_id, request_id=_request_id(), **step),
                                   metadata=MANAGER)
        proposed = await cases.ProposeResolution(rapi.ProposeResolutionRequest(
            complaint_id=complaint_id, summary="Γραπτή συγγνώμη και έκπτωση 10 ευρώ"), metadata=MANAGER)
        case = await cases.RecordVerdict(rapi.RecordVerdictRequest(
            complaint_id=complaint_id, satisfied=False, score=1, reason=rev.DISSATISFACTION_REASON_BRUSHED_OFF,
            comment="Μια τυπική συγγνώμη· κανείς δεν ρώτησε τι θα με ικανοποιούσε."), metadata=DESK)
    except grpc.aio.AioRpcError as refused:
        print(f"  resolution refused: {refused.code().name}: {refused.details()}")
        return
    print(f"  steps done: {', '.join(proposed.steps_done)}; a resolution proposed")
    print(f"  the customer is still not satisfied (1/5, brushed off): escalated to the "
          f"{words(types.Level, case.level, 'LEVEL_')}, handler {case.handler or '(unassigned)'}")


async def _newspaper(watch, complaint_id: str, reference: str) -> api.Mention:
    """The reader's letter, as the newspaper's feed reports it; linked by hand if matching
    was not sure (it says why)."""
    request = api.ReportMentionRequest(
        request_id=_request_id(), source=pev.SOURCE_KIND_NEWSPAPER, source_name="Η Καθημερινή",
        url=f"{NEWSPAPER}/{reference.lower()}", author=CUSTOMER, content=letter(reference), reach=120000)
    request.published_at.GetCurrentTime()
    reported = await watch.ReportMention(request, metadata=DESK)
    mention = reported.mention
    print(f"\nHe writes to the newspaper; the letter is reported ({reported.outcome}):")
    if not mention.complaint_id:
        mention = await _link_by_hand(watch, mention, complaint_id, reference)
    print_mention(mention)
    return mention


async def _link_by_hand(watch, mention: api.Mention, complaint_id: str, reference: str) -> api.Mention:
    print(f"  matching did not link it on its own ({mention.match.outcome or 'not matched'}); "
          "the duty manager links it by hand")
    try:
        return await watch.LinkMention(api.LinkMentionRequest(
            request_id=_request_id(), mention_id=mention.mention_id, complaint_id=complaint_id,
            reason=f"the letter quotes the complaint's reference {reference}"), metadata=MANAGER)
    except grpc.aio.AioRpcError as refused:
        print(f"  refused: {refused.code().name}: {refused.details()}")
        return mention


async def _case_comes_first(cases, complaint_id: str) -> None:
    """Resolution reads the escalation from publicity-watch's events: priority high, and at
    least the corporate office."""
    response = await _patiently(
        lambda: cases.GetCase(rapi.GetCaseRequest(complaint_id=complaint_id), metadata=DESK),
        until=lambda r: r.case.priority == rapi.CASE_PRIORITY_HIGH)
    case = response.case
    raised = next((e for e in reversed(response.history) if e.type.endswith("CasePriorityRaised")), None)
    why = ""
    if raised is not None:
        payload = rev.CasePriorityRaised()
        raised.payload.Unpack(payload)
        why = f": {payload.reason}"
    print(f"  resolution's case: priority {words(rapi.CasePriority, case.priority, 'CASE_PRIORITY_')}{why}; at the "
          f"{words(types.Level, case.level, 'LEVEL_')} level, handler {case.handler or '(unassigned)'}")


async def _answer(watch, mention_id: str) -> None:
    def draft(text: str):
        return watch.DraftPublicResponse(api.DraftPublicResponseRequest(
            request_id=_request_id(), mention_id=mention_id, text=text), metadata=DESK)

    try:
        await draft(BLAMING)
    except grpc.aio.AioRpcError as refused:
        print(f"  a first draft blames the customer; conduct guard: {refused.code().name}: {refused.details()}")
    steps = [
        ("the desk drafts", lambda: draft(ANSWER)),
        ("the duty manager approves", lambda: watch.ApprovePublicResponse(api.ApprovePublicResponseRequest(
            request_id=_request_id(), mention_id=mention_id), metadata=MANAGER)),
        ("published under the letter", lambda: watch.RecordPublicResponse(api.RecordPublicResponseRequest(
            request_id=_request_id(), mention_id=mention_id, url=f"{NEWSPAPER}/{mention_id[:8]}-apantisi"),
            metadata=DESK)),
        ("the author writes again", lambda: watch.RecordFollowUp(api.RecordFollowUpRequest(
            request_id=_request_id(), mention_id=mention_id, text=FOLLOW_UP), metadata=DESK)),
        ("he updates his letter", lambda: watch.ResolvePublicly(api.ResolvePubliclyRequest(
            request_id=_request_id(), mention_id=mention_id, how="updated",
            detail="ο αναγνώστης πρόσθεσε ενημέρωση στην επιστολή του"), metadata=DESK)),
    ]
    escalation = None
    for what, call in steps:
        try:
            escalation = await call()
        except grpc.aio.AioRpcError as refused:
            print(f"  {what}: refused: {refused.code().name}: {refused.details()}")
            break
        print(f"  {what:<28} [{escalation.status}]")
    if escalation is not None:
        print_escalation(escalation)


async def _radar(watch) -> None:
    try:  # the radar scores from the same events a little later, when it runs at all
        radar = await _patiently(lambda: watch.GetRiskRadar(api.GetRiskRadarRequest(limit=3), metadata=DESK),
                                 seconds=8, until=lambda r: r.entries)
    except grpc.aio.AioRpcError as refused:
        print(f"\nThe risk radar: {refused.code().name}: {refused.details()}")
        return
    if not radar.entries:
        print("\nThe risk radar has scored no complaint yet (is it running? docs/risk-radar.md)")
        return
    print("\nThe complaints the risk radar expects to go public next:")
    for rank, entry in enumerate(radar.entries, 1):
        print_risk(rank, entry)
