"""What intake reads in the customer's words, over gRPC with the real broker: the language
and category of complaints in Turkish, Greek and English it never saw, an intent to go
public (on the complaint, and the case's priority), and references that link."""
from __future__ import annotations

import pytest

from redress.intake.v1 import intake_service_pb2 as api
from redress.resolution.v1 import resolution_service_pb2 as rapi
from redress.types.v1 import complaint_pb2 as types
from tests.helpers import auth, eventually, filing, opened_case, resolution_stub, stub, unique_email

pytestmark = pytest.mark.kafka


@pytest.mark.parametrize("text, language, category", [
    ("Üç kere aradım, her seferinde aynı bilgileri baştan anlattım; kimse bir önceki görüşmeyi bilmiyor.", "tr",
     types.CATEGORY_REPEATED_INFORMATION),
    ("Ο πωλητής δεν ήξερε τίποτα για το προϊόν και δεν έκανε καν τον κόπο να ρωτήσει κάποιον.", "el",
     types.CATEGORY_STAFF_UNHELPFUL),
    ("Your app keeps sending me to a chatbot that answers the wrong question; I never reached a human.", "en",
     types.CATEGORY_ROBOT_SERVICE),
])
async def test_a_complaint_gets_its_language_and_category(channel, text, language, category):
    complaint = (await stub(channel).FileComplaint(filing(text), metadata=auth())).complaint
    assert (complaint.language, types.Category.Name(complaint.category)) == (language, types.Category.Name(category))
    assert complaint.category_suggested and complaint.category_confidence > 0 and complaint.category_evidence
    assert all(word in text for word in complaint.category_evidence)


async def test_a_category_the_client_gives_is_kept_and_the_language_still_recorded(channel):
    complaint = (await stub(channel).FileComplaint(filing("Η εφαρμογή δεν ανοίγει στο κινητό μου.",
                                                          category=types.CATEGORY_OTHER), metadata=auth())).complaint
    assert (complaint.category, complaint.category_suggested, complaint.language) == (types.CATEGORY_OTHER, False, "el")


async def test_an_intent_to_go_public_is_on_the_complaint_and_raises_the_case(channel, resolution_channel):
    text = "Two hours for a cold pizza. If nobody calls me back today I'm posting the whole thing on Yelp."
    complaint = (await stub(channel).FileComplaint(filing(text), metadata=auth())).complaint
    assert list(complaint.publicity_intents) == ["review_site"]
    story = await stub(channel).GetComplaint(api.GetComplaintRequest(complaint_id=complaint.complaint_id),
                                             metadata=auth())
    stated = [e for e in story.history if e.type.endswith("PublicityIntentStated")]
    assert len(stated) == 1 and b"Yelp" in stated[0].payload.value

    async def raised():
        case = (await opened_case(resolution_channel, complaint.complaint_id)).case
        return case if case.priority == rapi.CASE_PRIORITY_HIGH else None
    assert await eventually(raised)
    listed = await resolution_stub(resolution_channel).ListCases(
        rapi.ListCasesRequest(priority=rapi.CASE_PRIORITY_HIGH, page_size=500), metadata=auth())
    assert complaint.complaint_id in [c.complaint_id for c in listed.cases]


async def test_a_letter_quoting_its_reference_joins_the_case_and_takes_it_to_the_corporate_office(
        channel, resolution_channel):
    email = unique_email()
    first = (await stub(channel).FileComplaint(filing("Kargom iki haftadır gelmedi, kimse de bilgi vermiyor.",
                                                      contact=types.CustomerContact(email=email)),
                                               metadata=auth())).complaint
    await opened_case(resolution_channel, first.complaint_id)
    letter = filing(f"Sayın Genel Müdürlük, {first.reference} numaralı şikayetim hâlâ çözülmedi. Mağaza müdürü "
                    "söz verdi ama kimse aramadı.", channel=types.CHANNEL_LETTER_TO_CORPORATE_OFFICE,
                    contact=types.CustomerContact(email=email), category=types.CATEGORY_STAFF_UNHELPFUL)
    answer = await stub(channel).FileComplaint(letter, metadata=auth())
    assert answer.linked_to_existing and answer.complaint.complaint_id == first.complaint_id

    async def escalated():
        case = (await opened_case(resolution_channel, first.complaint_id)).case
        return case if case.level == types.LEVEL_CORPORATE_OFFICE else None
    case = await eventually(escalated)
    assert case and case.language == "tr"  # the one to answer in


async def test_a_reference_quoted_by_someone_not_known_as_the_customer_is_only_suggested(channel):
    first = (await stub(channel).FileComplaint(filing("The delivery driver left my parcel in the rain."),
                                               metadata=auth())).complaint
    other = await stub(channel).FileComplaint(filing(
        f"I am writing for my mother about {first.reference}: she is still waiting for an answer."), metadata=auth())
    assert not other.linked_to_existing and other.complaint.complaint_id != first.complaint_id
    assert list(other.complaint.suggested_links) == [first.complaint_id]


async def test_an_order_number_quoted_in_the_text_joins_the_customers_complaint(channel):
    email = unique_email()
    first = (await stub(channel).FileComplaint(filing("The blender I bought arrived broken.", order_reference="ORD-88213",
                                                      contact=types.CustomerContact(email=email)),
                                               metadata=auth())).complaint
    again = await stub(channel).FileComplaint(filing("Still nothing about ord-88213, two weeks on!",
                                                     contact=types.CustomerContact(email=email),
                                                     category=types.CATEGORY_STAFF_CANNOT_SOLVE), metadata=auth())
    assert again.linked_to_existing and again.complaint.complaint_id == first.complaint_id


@pytest.mark.parametrize("text, allowed", [
    ("Yaşadığınız sorun için çok özür dileriz. İade politikamız gereği ürün bedelinin tamamını kartınıza iade ettik.",
     True),
    ("Λυπούμαστε πολύ. Ο διευθυντής μας θα σας τηλεφωνήσει σήμερα και η επιστροφή χρημάτων έχει ήδη γίνει.", True),
    ("Şirket politikamız bu, size yardımcı olamam.", False),
    ("Δεν μπορείτε να μιλήσετε με τον διευθυντή, δεν υπάρχει κανείς πάνω από μένα.", False),
])
async def test_the_conduct_guard_allows_a_good_reply_and_refuses_a_bad_one(channel, resolution_channel, text, allowed):
    import grpc

    complaint = (await stub(channel).FileComplaint(filing("Ürün bozuk geldi."), metadata=auth())).complaint
    await opened_case(resolution_channel, complaint.complaint_id)
    send = resolution_stub(resolution_channel).SendMessage(
        rapi.SendMessageRequest(complaint_id=complaint.complaint_id, text=text, channel=types.CHANNEL_EMAIL),
        metadata=auth())
    if allowed:
        assert (await send).complaint_id == complaint.complaint_id
    else:
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await send
        assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION and "conduct" in refused.value.details()
