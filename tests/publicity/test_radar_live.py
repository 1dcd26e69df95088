"""The risk radar running beside the services, over gRPC: a complaint whose customer keeps
coming back crosses its organisation's threshold before anything is posted, once, and the
case is raised for it; the radar is ranked and explained; negative posts make a burst."""
from __future__ import annotations

import uuid

import pytest

from redress.events.v1 import publicity_pb2 as pev
from redress.publicitywatch.v1 import publicity_watch_service_pb2 as papi
from redress.types.v1 import complaint_pb2 as types
from tests.helpers import auth, committed_records, eventually, filing, opened_case, stub
from tests.publicity.test_mentions import watch
from tests.publicity.test_public_story import case_of, post

pytestmark = pytest.mark.kafka
TOKEN = "token-risk"


async def test_a_customer_who_keeps_coming_back_is_seen_coming_and_the_case_raised(
        radar, bootstrap, channel, resolution_channel, publicity_channel):
    intake, email = stub(channel), f"{uuid.uuid4().hex[:10]}@example.com"
    contact = types.CustomerContact(email=email)
    await intake.FileComplaint(filing("The oven door fell off.", contact=contact, order_reference="ORD-71"),
                               metadata=auth(TOKEN))
    second = (await intake.FileComplaint(filing("The website double charged me.", contact=contact,
                                                order_reference="ORD-72"), metadata=auth(TOKEN))).complaint
    await opened_case(resolution_channel, second.complaint_id, token=TOKEN)
    again = await intake.FileComplaint(filing("Still nothing about ORD-72, I was charged twice!", contact=contact),
                                       metadata=auth(TOKEN))
    assert again.linked_to_existing

    async def ranked():
        radar_ = await watch(publicity_channel).GetRiskRadar(papi.GetRiskRadarRequest(), metadata=auth(TOKEN))
        return next((e for e in radar_.entries if e.complaint_id == second.complaint_id and e.score >= 10), None)
    entry = await eventually(ranked, timeout=30)
    assert entry, "the radar did not score the complaint"
    factor = {f.name: f for f in entry.factors}["repeat_complaint"]
    assert factor.points == 10 and "came back" in factor.detail and entry.threshold == 10

    async def raised():
        history = (await case_of(resolution_channel, second.complaint_id, TOKEN)).history
        return [e for e in history if e.type.endswith("CasePriorityRaised")]
    raised_events = await eventually(raised, timeout=30)
    assert len(raised_events) == 1
    records = await committed_records(bootstrap, "redress.publicity-watch.events.v1")
    crossings = [r for r in records if r.key == second.complaint_id.encode()
                 and dict(r.headers)["ce_type"].endswith(b"RiskThresholdCrossed")]
    assert len(crossings) == 1


async def test_negative_posts_in_one_window_are_a_burst_once(radar, publicity_channel):
    window = f"burst-{uuid.uuid4().hex[:6]}"
    for n in range(3):
        await watch(publicity_channel).ReportMention(
            post("Terrible service again, nobody answers, avoid this company.", source=pev.SOURCE_KIND_TWITTER,
                 url=f"https://x.com/{window}/status/{n}", author_handle=f"@{window}{n}"), metadata=auth(TOKEN))

    async def burst():
        radar_ = await watch(publicity_channel).GetRiskRadar(papi.GetRiskRadarRequest(), metadata=auth(TOKEN))
        return [b for b in radar_.bursts if not b.store and b.count >= 2]
    bursts = await eventually(burst, timeout=30)
    assert bursts and bursts[0].threshold == 2 and bursts[0].organisation == "org-risk"
