"""The publicity-watch domain: plain functions over the protobuf messages of the log contract.

Three kinds of stream share the service's topic:

    mentions.py    a mention (one public post), keyed by its id
    story.py       a complaint's public story, keyed by intake's complaint id: its facts, links
    escalation.py  ... and its public escalations
    bursts         "bursts/<organisation>": bursts of negative mentions the risk radar saw

The conduct rules are an argument, so a decision depends only on what it is given.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from google.protobuf.message import Message

from redress.events.v1 import publicity_pb2 as pev
from redress.kernel.rejections import Invalid, NotFound
from redress.publicitywatch.v1.commands_pb2 import PublicityWatchCommand
from redress.text.conduct import ConductRule
from redress_publicity_watch import escalation, mentions, story

BURSTS = "bursts/"
STORY_ACTIONS = {"link": story.link, "unlink": story.unlink, "note_edit": story.note_edit}


@dataclass(frozen=True)
class Bursts:
    organisation: str
    detected: tuple[pev.MentionBurstDetected, ...] = ()
    version: int = 0


def kind_of(stream: str, action: str) -> str:
    if stream.startswith(BURSTS):
        return "bursts"
    return "mention" if action == "report" else "story"


def decide(state, command: PublicityWatchCommand, now: datetime, rules: list[ConductRule]) -> list[Message]:
    action = command.WhichOneof("action")
    if action is None:
        raise Invalid("the command has no action", "action")
    stream = command.context.complaint_id
    if (kind_of(stream, action) == "bursts") != (action == "note_burst"):
        raise Invalid(f"{action} is not a command for stream {stream}", "complaint_id")
    _check_kind(state, stream, action)
    if action == "report":
        return mentions.report(state, command, now)
    if action == "note_burst":
        return [command.note_burst]
    if action == "note_risk":
        crossed = command.note_risk
        return [] if state and state.risk_crossings >= crossed.crossing else [crossed]
    if action in STORY_ACTIONS:
        return STORY_ACTIONS[action](state, command, now)
    if action in escalation.DECIDERS:
        return escalation.decide(state, command, now, rules)
    return story.note(state, command)


def _check_kind(state, stream: str, action: str) -> None:
    """A command for one kind of stream sent to another (a mention's id given as a complaint's)."""
    wanted = {"mention": mentions.Mention, "story": story.ComplaintStory, "bursts": Bursts}[kind_of(stream, action)]
    if state is not None and not isinstance(state, wanted):
        raise NotFound(story.not_found(stream), "complaint_id")


def apply(state, event: Message, at: datetime):
    if isinstance(event, mentions.EVENTS):
        return mentions.apply(state, event, at)
    if isinstance(event, story.EVENTS):
        return story.apply(state, event, at)
    if isinstance(event, escalation.EVENTS):
        return escalation.apply(state, event, at)
    if isinstance(event, pev.MentionBurstDetected):
        bursts = state or Bursts(event.organisation)
        return Bursts(bursts.organisation, (*bursts.detected, event))
    raise ValueError(f"{type(event).__name__} is not an event of publicity-watch")


def not_found(stream: str) -> str:
    return f"there is no mention or complaint {stream}"
