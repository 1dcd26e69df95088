"""The risk radar's domain (risk.py): scores with their explanation, crossings once each,
redeliveries changing nothing, event-time windows and bursts, thresholds per organisation."""
from __future__ import annotations

import json
import random
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from redress.events.v1 import intake_pb2, publicity_pb2, resolution_pb2
from redress.kernel.envelope import Envelope
from redress.types.v1 import complaint_pb2 as types
from redress_publicity_watch import bursts, radar_config, risk

T0 = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)
CONFIG = radar_config.config_from({"_default": {"risk_threshold": 60, "burst": {"window_seconds": 3600, "store": 3,
                                                                          "organisation": 5}},
                           "org-strict": {"risk_threshold": 40, "burst": {"store": 2}}})


def env(payload, minutes: float = 0, subject: str = "c-1", org: str = "org-a", event_id: str | None = None,
        source: str = "//redress/intake", seq: int = 1) -> Envelope:
    return Envelope(event_id=event_id or str(uuid.uuid4()), source=source, subject=subject,
                    time=T0 + timedelta(minutes=minutes), sequence=seq, organisation=org, actor="a", client_id="c",
                    correlation_id="", causation_id="", request_id="", payload=payload)


def filed(**kw):
    return intake_pb2.ComplaintFiled(complaint_id="c-1", organisation="org-a", customer_id="cust-1",
                                     store="store-7", **kw)


def linked(mention: str = "m-1", sentiment: str = "negative", reach: int = 0, store: str = "store-7", at=None):
    link = publicity_pb2.MentionLinked(complaint_id="c-1", mention_id=mention, sentiment=sentiment, reach=reach,
                                       source=publicity_pb2.SOURCE_KIND_REVIEW_SITE, store=store)
    if at is not None:
        link.published_at.FromDatetime(at)
    return link


def fold_all(envelopes, complaint=None):
    complaint = complaint or risk.Complaint("c-1")
    for e in envelopes:
        complaint = risk.fold(complaint, risk.fact_of(e), e.organisation) or complaint
    return complaint


def assessed(envelopes, org="org-a"):
    complaint = fold_all(envelopes)
    return complaint, risk.assess(complaint, CONFIG.policy(org).risk_threshold)


def factors(a: risk.Assessment) -> dict[str, tuple[int, str]]:
    return {f.name: (f.points, f.detail) for f in a.factors}


def test_a_stated_intent_and_a_negative_post_cross_the_threshold_and_say_why():
    _, a = assessed([env(filed()), env(intake_pb2.PublicityIntentStated(where="newspaper"), 1),
                     env(linked(reach=12_400), 5, source="//redress/publicity-watch")])
    assert a.score == 75
    assert factors(a) == {
        "stated_intent": (35, "the customer said they will go to a newspaper"),
        "negative_mention": (25, "1 negative public post linked (review site)"),
        "public_reach": (15, "the linked posts reach 12,400 people"),
    }
    assert [(c.n, c.score) for c in a.crossings] == [(1, 75)]


def test_breached_clocks_and_dissatisfaction_after_escalation_are_named():
    _, a = assessed([
        env(filed()),
        env(resolution_pb2.VerdictRecorded(satisfied=False), 1, source="//redress/resolution", seq=1),
        env(resolution_pb2.CaseEscalated(from_level=types.LEVEL_POINT_OF_CONTACT, to_level=types.LEVEL_MANAGER),
            2, source="//redress/resolution", seq=2),
        env(resolution_pb2.VerdictRecorded(satisfied=False), 3, source="//redress/resolution", seq=3),
        env(resolution_pb2.ClockBreached(name="resolve"), 4, source="//redress/resolution", seq=4),
        env(resolution_pb2.ClockBreached(name="first_contact"), 5, source="//redress/resolution", seq=5),
        env(resolution_pb2.ClockBreached(name="resolve"), 6, source="//redress/resolution", seq=6),
    ])
    assert factors(a) == {
        "dissatisfied_after_escalation": (20, "the customer was still dissatisfied after escalation to the manager"),
        "clock_breached": (30, "3 clocks breached: resolve, first_contact, resolve"),
    }
    assert a.score == 50 and not a.crossings


def test_a_customer_dissatisfied_where_the_case_opened_above_the_point_of_contact_counts():
    """A letter to the corporate office opens the case there: that is already an escalation."""
    opened = resolution_pb2.CaseOpened(complaint_id="c-1", level=types.LEVEL_CORPORATE_OFFICE)
    verdict = resolution_pb2.VerdictRecorded(satisfied=False, score=1)
    _, a = assessed([env(filed()), env(opened, 1, source="//redress/resolution"),
                     env(verdict, 2, source="//redress/resolution", seq=2)])
    assert factors(a)["dissatisfied_after_escalation"] == (
        20, "the customer was still dissatisfied after escalation to the corporate office")


def test_repeat_contacts_other_open_complaints_and_a_social_handle_count():
    contact = types.CustomerContact(social_handle="@ayse_k")
    _, a = assessed([env(filed(contact=contact, other_open_complaint_ids=["c-0"])),
                     env(intake_pb2.RepeatContactRecorded(), 1), env(intake_pb2.RepeatContactRecorded(), 2)])
    assert factors(a) == {
        "repeat_complaint": (15, "the customer came back 2 times about it; 1 other complaint was open when it was filed"),
        "public_reach": (5, "the customer is on social media as @ayse_k"),
    }


@pytest.mark.parametrize("closing, why", [
    (resolution_pb2.CaseClosed(reason="satisfied"), "closed with the customer satisfied"),
    (intake_pb2.ComplaintWithdrawn(reason="sorted out"), "withdrawn by the customer"),
])
def test_a_resolved_or_withdrawn_complaint_falls_well_below_the_threshold(closing, why):
    risky = [env(filed()), env(intake_pb2.PublicityIntentStated(where="newspaper"), 1),
             env(linked("m-1"), 2), env(linked("m-2", reach=200_000), 3)]
    _, a = assessed([*risky, env(closing, 10, source="//redress/resolution")])
    assert a.score == 10
    points, detail = factors(a)["resolved"]
    assert points == -100 and detail.startswith(why)
    assert len(a.crossings) == 1  # it did cross, before it was resolved


def test_each_crossing_is_due_once_and_a_new_one_after_falling_below():
    complaint, a = assessed([env(filed()), env(intake_pb2.PublicityIntentStated(where="newspaper"), 1),
                             env(linked("m-1"), 2)])
    due = risk.due_crossings(complaint, a)
    assert [c.n for c in due] == [1] and due[0].score == 60
    complaint = risk.notified(complaint, due)
    complaint = fold_all([env(linked("m-2"), 3)], complaint)  # higher still: no new crossing
    assert risk.due_crossings(complaint, risk.assess(complaint, 60)) == []
    complaint = fold_all([env(resolution_pb2.CaseClosed(reason="satisfied"), 4, source="//redress/resolution"),
                          env(resolution_pb2.CaseReopened(), 5, source="//redress/resolution")], complaint)
    again = risk.due_crossings(complaint, risk.assess(complaint, 60))
    assert [c.n for c in again] == [2]


def test_a_redelivered_event_changes_nothing():
    first = env(intake_pb2.PublicityIntentStated(where="blog"))
    complaint = fold_all([env(filed()), first])
    assert risk.fold(complaint, risk.fact_of(first), "org-a") is None
    assert risk.radar_view(complaint, risk.assess(complaint, 60))["events"] == 2


def test_the_radar_is_the_same_whatever_order_the_topics_arrived_in():
    events = [env(filed()), env(intake_pb2.PublicityIntentStated(where="newspaper"), 1),
              env(linked("m-1"), 2, source="//redress/publicity-watch"),
              env(resolution_pb2.CaseClosed(reason="satisfied"), 3, source="//redress/resolution"),
              env(resolution_pb2.CaseReopened(), 4, source="//redress/resolution", seq=2),
              env(resolution_pb2.ClockBreached(name="resolve"), 5, source="//redress/resolution", seq=3)]
    views = set()
    for seed in range(20):
        shuffled = random.Random(seed).sample(events, len(events))
        complaint, a = assessed(shuffled)
        view = risk.radar_view(complaint, a)
        views.add(repr(view))
        assert view["crossings"] == 2 and view["as_of"] == "2026-11-30T10:05:00.000000Z"
    assert len(views) == 1


def test_the_threshold_is_the_organisations():
    events = [env(filed(), org="org-strict"), env(intake_pb2.PublicityIntentStated(where="review_site"), 1,
                                                   org="org-strict"),
              env(linked("m-1"), 2, org="org-strict")]
    _, strict = assessed(events, "org-strict")
    _, default = assessed(events, "org-a")
    assert strict.score == default.score == 55
    assert len(strict.crossings) == 1 and not default.crossings
    assert risk.radar_view(fold_all(events), strict)["threshold"] == 40


def test_the_radar_view_has_the_fields_publicity_watch_reads():
    complaint, a = assessed([env(filed()), env(intake_pb2.PublicityIntentStated(where="social"), 1)])
    assert risk.radar_view(complaint, a) == {
        "complaint_id": "c-1", "organisation": "org-a", "customer_id": "cust-1", "store": "store-7", "score": 25,
        "threshold": 60, "factors": [{"name": "stated_intent", "points": 25,
                                      "detail": "the customer said they will go to social media"}],
        "crossings": 0, "as_of": "2026-11-30T10:01:00.000000Z", "events": 2}
    assert risk.complaint_from(risk.complaint_data(complaint), "c-1") == complaint


def test_our_own_outputs_and_the_mention_streams_are_not_a_complaints_risk():
    assert risk.fact_of(env(publicity_pb2.RiskThresholdCrossed(complaint_id="c-1"))) is None
    assert risk.fact_of(env(publicity_pb2.MentionReported(mention_id="m-1"), subject="m-1")) is None
    assert not risk.complaint_stream(env(publicity_pb2.MentionBurstDetected(), subject="bursts/org-a"))
    assert risk.complaint_stream(env(linked()))


# -- configuration -----------------------------------------------------------------------------

def test_an_organisation_overrides_only_what_it_names():
    policy = CONFIG.policy("org-strict")
    assert (policy.risk_threshold, policy.burst) == (40, radar_config.BurstPolicy(3600, 2, 5))
    assert CONFIG.policy("anyone") == CONFIG.default


@pytest.mark.parametrize("raw, message", [
    ([], "needs an object with a \"_default\" object"),
    ({"_default": {"risk_threshold": 160, "burst": {"window_seconds": 60, "store": 1, "organisation": 1}}},
     "_default: risk_threshold must be a number above 0 and at most 100, got 160"),
    ({"_default": {"risk_threshold": 60, "burst": {"window_seconds": 60, "store": 1}}},
     "_default: burst.organisation must be a whole number of at least 1, got None"),
    ({"_default": {"risk_threshold": 60, "burst": {"window_seconds": 60, "store": 1, "organisation": 1}},
      "org-x": {"treshold": 3}}, "org-x: unknown setting(s) treshold"),
])
def test_a_bad_configuration_is_refused_naming_the_entry(raw, message):
    with pytest.raises(radar_config.ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        radar_config.config_from(raw)


def test_the_shipped_configuration_is_valid():
    import json

    from redress_publicity_watch.radar import DEFAULT_CONFIG

    assert radar_config.config_from(json.loads(DEFAULT_CONFIG.read_text())).default.risk_threshold == 60


# -- bursts ---------------------------------------------------------------------------------------

def reported(mention: str, minutes: float, sentiment: str = "negative", published=None):
    p = publicity_pb2.MentionReported(mention_id=mention, organisation="org-a", sentiment=sentiment)
    if published is not None:
        p.published_at.CopyFrom(Timestamp(seconds=int(published.timestamp())))
    return env(p, minutes, subject=mention, source="//redress/publicity-watch")


def count(sightings, policy=CONFIG.default.burst):
    """Folds sightings into their windows; returns {window key: Window} and the bursts due."""
    windows, due = {}, []
    for s in sightings:
        key = bursts.window_key(s, policy)
        window = bursts.fold_sighting(windows.get(key), s, policy)
        if window is None:
            continue
        if bursts.burst_due(window, policy):
            due.append((key, window.mention_ids))
            window = bursts.Window(**{**window.__dict__, "notified": True})
        windows[key] = window
    return windows, due


def org_sightings(envelopes):
    known, out = {}, []
    for e in envelopes:
        known[e.subject], found = bursts.mention_sightings(e, known.get(e.subject))
        out += found
    return out


def test_windows_follow_the_time_a_post_was_published_not_when_it_was_seen():
    published = T0 + timedelta(minutes=59)
    sightings = org_sightings([reported("m-1", 59), reported("m-2", 70, published=published),
                               reported("m-3", 61)])
    windows, _ = count(sightings)
    start = int(T0.timestamp())
    assert {k: w.mention_ids for k, w in windows.items()} == {
        f"org-a//{start}": ["m-1", "m-2"], f"org-a//{start + 3600}": ["m-3"]}


def test_a_burst_counts_distinct_negative_mentions_and_is_due_once_per_window():
    envelopes = [reported(f"m-{i}", i) for i in range(6)] + [reported("m-9", 7, sentiment="positive")]
    edited = env(publicity_pb2.MentionEdited(mention_id="m-0", sentiment="negative"), 8, subject="m-0")
    sightings = org_sightings([*envelopes, edited])
    _, bursts = count(sightings + sightings)  # everything delivered twice
    assert bursts == [(f"org-a//{int(T0.timestamp())}", ["m-0", "m-1", "m-2", "m-3", "m-4"])]


def test_a_mention_counts_for_a_store_once_linked_and_no_more_once_unlinked():
    complaint = fold_all([env(filed())])
    sightings = []
    for i, e in enumerate([env(linked("m-1"), 1), env(linked("m-2"), 2),
                           env(publicity_pb2.MentionUnlinked(complaint_id="c-1", mention_id="m-2"), 3),
                           env(linked("m-3"), 4), env(linked("m-4", sentiment="neutral"), 5)]):
        fact = risk.fact_of(e)
        complaint = risk.fold(complaint, fact, "org-a")
        sightings += bursts.link_sightings(complaint, fact)
    windows, found = count(sightings)
    (key, window), = windows.items()
    assert key.startswith("org-a/store-7/") and window.mention_ids == ["m-1", "m-3"]
    assert found == []  # the store threshold is 3; m-2 was taken back before m-3 came
    _, strict = count(sightings, CONFIG.policy("org-strict").burst)
    assert [ids for _, ids in strict] == [["m-1", "m-2"]]


def test_a_radar_record_publicity_watch_cannot_read_is_skipped_and_the_rest_served():
    from types import SimpleNamespace

    from redress_publicity_watch.radar_view import RadarView

    good = {"complaint_id": "c-1", "organisation": "org-a", "score": 70, "threshold": 60,
            "factors": [{"name": "stated_intent", "points": 35, "detail": "a newspaper"}],
            "as_of": "2026-11-30T10:00:00.000000Z"}
    view = RadarView.__new__(RadarView)  # its folding only: no consumer
    view.scores = {}
    for n, value in enumerate([b"\xff", b"[1]", json.dumps({**good, "factors": [3]}).encode(),
                               json.dumps({**good, "as_of": "yesterday"}).encode(), json.dumps(good).encode()]):
        view._fold(SimpleNamespace(key=b"c-1", value=value, offset=n, partition=0))
    (served,) = view.ranked("org-a", 10, 0)
    assert (served.score, served.factors[0]["name"]) == (70.0, "stated_intent")
