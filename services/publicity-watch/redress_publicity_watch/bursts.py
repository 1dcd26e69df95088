"""Bursts of negative mentions: sightings per organisation and store, counted in tumbling
windows of event time (distinct mentions, once each), and when a window is a burst. Pure."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import timezone

from redress.events.v1 import publicity_pb2
from redress_publicity_watch.radar_config import BurstPolicy
from redress_publicity_watch.risk import Complaint, Fact, instant, iso

@dataclass(frozen=True)
class Sighting:
    """A negative mention seen (present) or no longer counted (a store's link undone),
    for one organisation's store ("" : the whole organisation)."""
    organisation: str
    store: str
    mention_id: str
    at: str  # the mention's event time: when it was published, else when it was seen
    event_id: str
    present: bool = True
    complaint_id: str = ""  # the link's, for a store

    @property
    def key(self) -> str:
        """The burst key the sighting is counted under (and repartitioned by)."""
        return f"{self.organisation}/{self.store}"


def mention_sightings(env, known: dict | None) -> tuple[dict | None, list[Sighting]]:
    """A mention stream's event: what to remember of the mention, and its sightings for the
    whole organisation (a mention's store is known only once it is linked)."""
    p = env.payload
    if isinstance(p, publicity_pb2.MentionReported):
        at = iso(p.published_at.ToDatetime(timezone.utc)) if p.HasField("published_at") else iso(env.time)
        known = {"organisation": p.organisation or env.organisation, "at": at}
    elif not isinstance(p, publicity_pb2.MentionEdited):
        return known, []
    known = known or {"organisation": env.organisation, "at": iso(env.time)}
    if p.sentiment != "negative":
        return known, []
    return known, [Sighting(known["organisation"], "", p.mention_id, known["at"], env.event_id)]


def link_sightings(complaint: Complaint, fact: Fact) -> list[Sighting]:
    """A link of a negative post to a complaint of a store counts it for that store; its
    unlinking takes it back."""
    if fact.kind == "linked":
        link, present = fact.data, True
    elif fact.kind == "unlinked":
        links = [f.data for f in complaint.facts if f.kind == "linked" and f.data["mention_id"] == fact.data["mention_id"]]
        link, present = (links[-1] if links else None), False
    else:
        return []
    if not link or link["sentiment"] != "negative" or not link["store"]:
        return []
    return [Sighting(complaint.organisation, link["store"], link["mention_id"], link["published_at"] or fact.at,
                     fact.event_id, present, complaint.complaint_id)]


@dataclass(frozen=True)
class Window:
    organisation: str
    store: str
    start: int  # epoch seconds
    seconds: int
    members: dict = field(default_factory=dict)  # "<mention>|<complaint>" -> counted
    seen: tuple[str, ...] = ()
    notified: bool = False

    @property
    def mention_ids(self) -> list[str]:
        return sorted({m.split("|", 1)[0] for m, counted in self.members.items() if counted})


def window_start(at: str, seconds: int) -> int:
    epoch = int(instant(at).timestamp())
    return epoch - epoch % seconds


def window_key(sighting: Sighting, policy: BurstPolicy) -> str:
    return f"{sighting.key}/{window_start(sighting.at, policy.window_seconds)}"


def fold_sighting(window: Window | None, s: Sighting, policy: BurstPolicy) -> Window | None:
    """The window with the sighting; None when the event was counted before."""
    window = window or Window(s.organisation, s.store, window_start(s.at, policy.window_seconds),
                              policy.window_seconds)
    if s.event_id in window.seen:
        return None
    members = {**window.members, f"{s.mention_id}|{s.complaint_id}": s.present}
    return replace(window, members=members, seen=(*window.seen, s.event_id))


def burst_threshold(window: Window, policy: BurstPolicy) -> int:
    return policy.store if window.store else policy.organisation


def burst_due(window: Window, policy: BurstPolicy) -> bool:
    """Once per window: its distinct negative mentions reached the threshold."""
    return not window.notified and len(window.mention_ids) >= burst_threshold(window, policy)


def window_data(w: Window) -> dict:
    return {"organisation": w.organisation, "store": w.store, "start": w.start, "seconds": w.seconds,
            "members": w.members, "seen": list(w.seen), "notified": w.notified}


def window_from(data: dict | None) -> Window | None:
    return Window(**{**data, "seen": tuple(data["seen"])}) if data else None
