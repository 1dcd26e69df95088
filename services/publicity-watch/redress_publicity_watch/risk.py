"""The risk radar's domain: a complaint's risk of going (further) public, explained (bursts
of negative mentions are in bursts.py). Pure: no Kafka, no faust.

A complaint's state is the set of its events (one Fact each, by event id). Its risk is
replayed from them in event-time order every time, so the score, the factors and the
crossings depend on which events were folded, never on the order they arrived in.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from redress.events.v1 import intake_pb2, publicity_pb2, resolution_pb2

TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"  # fixed width: the text sorts as the instant does
LEVELS = {1: "the point of contact", 2: "the manager", 3: "the corporate office", 4: "the owner"}
WHERE = {"newspaper": "a newspaper", "review_site": "a review site", "blog": "a blog", "social": "social media"}
INTENT_POINTS = {"newspaper": 35, "review_site": 30, "blog": 30, "social": 25}
SOURCES = {1: "review site", 2: "blog", 3: "newspaper", 4: "Twitter/X", 5: "Facebook", 6: "forum"}
# Reach of the linked posts, in bands: (at least, points).
REACH_BANDS = ((100_000, 25), (10_000, 15), (1_000, 10), (1, 5))
# Left of a resolved or withdrawn complaint's risk: its posts may stay online.
RESOLVED_FLOOR = 10
# Our own outputs, and the mention streams' events, are not a complaint's risk.
NOT_RISK = (publicity_pb2.RiskThresholdCrossed, publicity_pb2.MentionBurstDetected)
MENTION_STREAM = (publicity_pb2.MentionReported, publicity_pb2.MentionEdited, publicity_pb2.MentionDeleted,
                  publicity_pb2.MentionCopySeen, publicity_pb2.MentionMatched)


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime(TIME_FORMAT)


def instant(text: str) -> datetime:
    return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=timezone.utc)


# -- a complaint's facts -----------------------------------------------------------------

@dataclass(frozen=True)
class Fact:
    """What one event of the complaint says about its risk."""
    event_id: str
    at: str  # event time, TIME_FORMAT
    kind: str
    data: dict = field(default_factory=dict)
    # Ties in event time: the writer, then its stream's sequence, then the id.
    source: str = ""
    sequence: int = 0

    @property
    def order(self) -> tuple:
        return self.at, self.source, self.sequence, self.event_id


def complaint_stream(env) -> bool:
    """Whether an envelope of the publicity topic is on a complaint's stream."""
    return not env.subject.startswith("bursts/") and not isinstance(env.payload, MENTION_STREAM + NOT_RISK)


def fact_of(env) -> Fact | None:
    """The fact an event of a complaint's stream (intake, resolution or publicity-watch)
    adds; None for one that is not about a complaint's risk. Anything else is "other":
    it only counts as folded."""
    if isinstance(env.payload, MENTION_STREAM + NOT_RISK):
        return None
    kind, data = _reading(env.payload)
    return Fact(env.event_id, iso(env.time), kind, data, env.source, env.sequence)


def _reading(p) -> tuple[str, dict]:
    if isinstance(p, intake_pb2.ComplaintFiled):
        return "filed", {"customer_id": p.customer_id, "store": p.store, "handle": p.contact.social_handle,
                         "other_open": len(p.other_open_complaint_ids)}
    if isinstance(p, intake_pb2.RepeatContactRecorded):
        return "repeat", {}
    if isinstance(p, intake_pb2.PublicityIntentStated):
        return "intent", {"where": p.where}
    if isinstance(p, intake_pb2.ComplaintWithdrawn):
        return "withdrawn", {"reason": p.reason}
    if isinstance(p, resolution_pb2.CaseOpened):
        return "opened", {"level": int(p.level)}
    if isinstance(p, resolution_pb2.VerdictRecorded):
        return "verdict", {"satisfied": p.satisfied}
    if isinstance(p, resolution_pb2.CaseEscalated):
        return "escalated", {"to": int(p.to_level)}
    if isinstance(p, resolution_pb2.ClockBreached):
        return "breached", {"clock": p.name}
    if isinstance(p, resolution_pb2.CaseClosed):
        return "closed", {"reason": p.reason}
    if isinstance(p, resolution_pb2.CaseReopened):
        return "reopened", {}
    if isinstance(p, publicity_pb2.MentionLinked):
        published = iso(p.published_at.ToDatetime(timezone.utc)) if p.HasField("published_at") else ""
        return "linked", {"mention_id": p.mention_id, "reach": p.reach, "sentiment": p.sentiment,
                          "source": int(p.source), "store": p.store, "published_at": published}
    if isinstance(p, publicity_pb2.MentionUnlinked):
        return "unlinked", {"mention_id": p.mention_id}
    return "other", {}


@dataclass(frozen=True)
class Complaint:
    complaint_id: str
    organisation: str = ""
    facts: tuple[Fact, ...] = ()  # in event-time order
    notified: int = 0  # crossings already sent to publicity-watch

    def folded(self, event_id: str) -> bool:
        return any(f.event_id == event_id for f in self.facts)


def fold(complaint: Complaint, fact: Fact, organisation: str) -> Complaint | None:
    """The complaint with the fact; None when the event was folded before (a redelivery)."""
    if complaint.folded(fact.event_id):
        return None
    facts = tuple(sorted((*complaint.facts, fact), key=lambda f: f.order))
    return replace(complaint, organisation=complaint.organisation or organisation, facts=facts)


# -- replaying the facts -------------------------------------------------------------------

@dataclass
class Situation:
    """The complaint as the facts so far tell it (mutable only while replaying)."""
    customer_id: str = ""
    store: str = ""
    handle: str = ""
    other_open: int = 0
    repeats: int = 0
    intents: list[str] = field(default_factory=list)
    level: int = 1
    escalated: bool = False
    dissatisfied_at: list[int] = field(default_factory=list)  # levels of the verdicts after escalation
    breaches: list[str] = field(default_factory=list)
    linked: dict[str, dict] = field(default_factory=dict)  # mention id -> the link's data
    closed: str = ""  # "", "satisfied", "withdrawn"


def _apply(s: Situation, fact: Fact) -> None:
    d, kind = fact.data, fact.kind
    if kind == "filed":
        s.customer_id, s.store, s.handle, s.other_open = d["customer_id"], d["store"], d["handle"], d["other_open"]
    elif kind == "repeat":
        s.repeats += 1
    elif kind == "intent" and d["where"] not in s.intents:
        s.intents.append(d["where"])
    elif kind == "withdrawn":
        s.closed = "withdrawn"
    elif kind == "verdict" and not d["satisfied"] and s.escalated:
        s.dissatisfied_at.append(s.level)
    elif kind == "escalated":
        s.escalated, s.level = True, max(s.level, d["to"])
    elif kind == "opened":  # routed above the point of contact (a letter to the corporate office): escalated
        s.level = max(s.level, d["level"])
        s.escalated = s.escalated or s.level > 1
    elif kind == "breached":
        s.breaches.append(d["clock"])
    elif kind == "closed":
        s.closed = "withdrawn" if d["reason"] == "withdrawn" else "satisfied"
    elif kind == "reopened":
        s.closed = ""
    elif kind == "linked":
        s.linked[d["mention_id"]] = d
    elif kind == "unlinked":
        s.linked.pop(d["mention_id"], None)


@dataclass(frozen=True)
class Factor:
    name: str
    points: int
    detail: str


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _dissatisfied(s: Situation) -> Factor | None:
    if not s.dissatisfied_at:
        return None
    levels = ", ".join(dict.fromkeys(LEVELS.get(x, f"level {x}") for x in s.dissatisfied_at))
    times = "" if len(s.dissatisfied_at) == 1 else f" {len(s.dissatisfied_at)} times"
    return Factor("dissatisfied_after_escalation", min(20 * len(s.dissatisfied_at), 40),
                  f"the customer was still dissatisfied{times} after escalation to {levels}")


def _breached(s: Situation) -> Factor | None:
    if not s.breaches:
        return None
    return Factor("clock_breached", min(10 * len(s.breaches), 30),
                  f"{_count(len(s.breaches), 'clock', 'clocks')} breached: {', '.join(s.breaches)}")


def _repeated(s: Situation) -> Factor | None:
    parts = []
    if s.repeats:
        parts.append(f"the customer came back {_count(s.repeats, 'time', 'times')} about it")
    if s.other_open:
        parts.append(f"{_count(s.other_open, 'other complaint was', 'other complaints were')} open when it was filed")
    if not parts:
        return None
    return Factor("repeat_complaint", min(5 * (s.repeats + s.other_open), 20), "; ".join(parts))


def _intent(s: Situation) -> Factor | None:
    if not s.intents:
        return None
    places = " and ".join(WHERE.get(w, w) for w in s.intents)
    return Factor("stated_intent", max(INTENT_POINTS.get(w, 25) for w in s.intents),
                  f"the customer said they will go to {places}")


def _reach(s: Situation) -> Factor | None:
    reach = sum(link["reach"] for link in s.linked.values())
    points = next((p for least, p in REACH_BANDS if reach >= least), 0)
    parts = [f"the linked posts reach {reach:,} people"] if points else []
    if s.handle:
        points += 5
        parts.append(f"the customer is on social media as {s.handle}")
    if not parts:
        return None
    return Factor("public_reach", min(points, 25), "; ".join(parts))


def _negative(s: Situation) -> Factor | None:
    negative = [link for link in s.linked.values() if link["sentiment"] == "negative"]
    if not negative:
        return None
    where = ", ".join(SOURCES.get(link["source"], "unknown source") for link in negative)
    return Factor("negative_mention", min(25 * len(negative), 50),
                  f"{_count(len(negative), 'negative public post', 'negative public posts')} linked ({where})")


FACTORS = (_dissatisfied, _breached, _repeated, _intent, _reach, _negative)


def factors_of(s: Situation) -> list[Factor]:
    found = [f for f in (factor(s) for factor in FACTORS) if f is not None]
    if s.closed:
        raised = sum(f.points for f in found)
        why = "closed with the customer satisfied" if s.closed == "satisfied" else "withdrawn by the customer"
        found.append(Factor("resolved", -(raised - min(raised, RESOLVED_FLOOR)),
                            f"{why}: at most {RESOLVED_FLOOR} points stay for what is already public"))
    return found


def score_of(factors: list[Factor]) -> int:
    return max(0, min(100, sum(f.points for f in factors)))


# -- assessment and crossings -------------------------------------------------------------

@dataclass(frozen=True)
class Crossing:
    """The n-th time the replayed score reached the threshold from below."""
    n: int
    score: int
    threshold: float
    factors: tuple[Factor, ...]
    event_id: str  # the event that took it over
    at: str


@dataclass(frozen=True)
class Assessment:
    score: int
    threshold: float
    factors: tuple[Factor, ...]
    crossings: tuple[Crossing, ...]
    situation: Situation


def assess(complaint: Complaint, threshold: float) -> Assessment:
    """Replays the facts in event-time order; a crossing is the score reaching the
    threshold (>=) after being below it."""
    s, above, crossings = Situation(), False, []
    factors: list[Factor] = []
    for fact in complaint.facts:
        _apply(s, fact)
        factors = factors_of(s)
        score = score_of(factors)
        if score >= threshold and not above:
            crossings.append(Crossing(len(crossings) + 1, score, threshold, tuple(factors), fact.event_id, fact.at))
        above = score >= threshold
    return Assessment(score_of(factors), threshold, tuple(factors), tuple(crossings), s)


def due_crossings(complaint: Complaint, assessment: Assessment) -> list[Crossing]:
    """The crossings not sent yet: each one once."""
    return [c for c in assessment.crossings if c.n > complaint.notified]


def notified(complaint: Complaint, crossings: list[Crossing]) -> Complaint:
    return replace(complaint, notified=max([complaint.notified, *(c.n for c in crossings)]))


def _number(x: float) -> float | int:
    return int(x) if float(x).is_integer() else x


def radar_view(complaint: Complaint, a: Assessment) -> dict:
    """The radar topic's record for the complaint (docs/risk-radar.md)."""
    return {"complaint_id": complaint.complaint_id, "organisation": complaint.organisation,
            "customer_id": a.situation.customer_id, "store": a.situation.store, "score": a.score,
            "threshold": _number(a.threshold),
            "factors": [{"name": f.name, "points": f.points, "detail": f.detail} for f in a.factors],
            "crossings": len(a.crossings), "as_of": max((f.at for f in complaint.facts), default=""),
            "events": len(complaint.facts)}


def complaint_data(c: Complaint) -> dict:
    return {"complaint_id": c.complaint_id, "organisation": c.organisation, "notified": c.notified,
            "facts": [[f.event_id, f.at, f.kind, f.data, f.source, f.sequence] for f in c.facts]}


def complaint_from(data: dict | None, complaint_id: str) -> Complaint:
    if not data:
        return Complaint(complaint_id)
    return Complaint(data["complaint_id"], data["organisation"], tuple(Fact(*f) for f in data["facts"]),
                     data["notified"])
