"""A public escalation's life, on the complaint's story: a public response drafted (through
the same conduct guard as resolution's messages, in the post's language), approved by
someone else with the authority, published (its address), the author's follow-ups, and
the end: resolved publicly (the author updated or retracted the post) or closed."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from google.protobuf.message import Message

from redress.events.v1 import publicity_pb2 as pev
from redress.kernel.rejections import Forbidden, Invalid, NotFound, Rejected
from redress.publicitywatch.v1.commands_pb2 import PublicityWatchCommand
from redress.text.conduct import OVERRIDERS as APPROVERS
from redress.text.conduct import ConductRule, guard
from redress_publicity_watch.story import ComplaintStory, PublicEscalation

TEXT_LIMIT, URL_LIMIT = 5000, 2000
RESOLUTIONS = ("updated", "retracted")


def person(command: PublicityWatchCommand) -> str:
    ctx = command.context
    return ctx.actor or ctx.principal.client_id


def decide(state: ComplaintStory | None, command: PublicityWatchCommand, now: datetime,
           rules: list[ConductRule]) -> list[Message]:
    action = command.WhichOneof("action")
    payload = getattr(command, action)
    escalation = _escalation(state, command.context.complaint_id, payload.mention_id)
    if escalation.finished:
        raise Rejected(f"the public escalation of mention {escalation.mention_id} is {escalation.status}",
                       "mention_id")
    return DECIDERS[action](escalation, payload, command, now, rules)


def _escalation(state: ComplaintStory | None, complaint_id: str, mention_id: str) -> PublicEscalation:
    if not mention_id:
        raise Invalid("mention_id is required: the post the escalation answers", "mention_id")
    escalation = state.escalations.get(mention_id) if state else None
    if escalation is None:
        raise NotFound(f"complaint {complaint_id} has no public escalation for mention {mention_id}", "mention_id")
    return escalation


def draft(escalation: PublicEscalation, draft: pev.PublicResponseDrafted, command, now, rules) -> list[Message]:
    if escalation.status not in ("open", "drafted"):
        raise Rejected(f"the response is {escalation.status} already; it can no longer be redrafted", "mention_id")
    _text("text", draft.text, TEXT_LIMIT)
    wanted = escalation.opened.language
    if draft.language and wanted and wanted != "und" and draft.language != wanted:
        raise Invalid(f"the response is in {draft.language} but the post is in {wanted}: answer in the post's "
                      "language", "text")
    draft.language = wanted or draft.language
    draft.drafted_by = person(command)
    reason = command.conduct_override_reason.strip()
    if len(reason) > TEXT_LIMIT:
        raise Invalid(f"conduct_override_reason is longer than {TEXT_LIMIT} characters", "conduct_override_reason")
    broken = guard(rules, draft.text, 0, reason, command.context.principal.roles, what="response")
    if broken:
        draft.conduct_override_reason = reason
        draft.conduct_rules.extend(r.name for r in broken)
    return [draft]


def approve(escalation: PublicEscalation, approval: pev.PublicResponseApproved, command, now, rules) -> list:
    if escalation.status != "drafted":
        raise Rejected(f"there is no draft waiting for approval (the escalation is {escalation.status})", "mention_id")
    if not APPROVERS & set(command.context.principal.roles):
        raise Forbidden("only a manager, the corporate office or the owner may approve a public response", "")
    if person(command) == escalation.draft.drafted_by:
        raise Forbidden(f"{escalation.draft.drafted_by} drafted this response; someone else must approve it", "")
    approval.approved_by = person(command)
    return [approval]


def publish(escalation: PublicEscalation, published: pev.PublicResponsePublished, command, now, rules) -> list:
    if escalation.status != "approved":
        raise Rejected(f"only an approved response can be published (the escalation is {escalation.status})",
                       "mention_id")
    _text("url", published.url, URL_LIMIT)
    if not published.HasField("published_at"):
        published.published_at.FromDatetime(now)
    published.published_by = person(command)
    return [published]


def follow_up(escalation: PublicEscalation, followed: pev.AuthorFollowedUp, command, now, rules) -> list:
    _text("text", followed.text, TEXT_LIMIT)
    if len(followed.url) > URL_LIMIT:
        raise Invalid(f"url is longer than {URL_LIMIT} characters", "url")
    return [followed]


def resolve(escalation: PublicEscalation, resolved: pev.PublicEscalationResolved, command, now, rules) -> list:
    if resolved.how not in RESOLUTIONS:
        raise Invalid(f"how must be one of {', '.join(RESOLUTIONS)}, not {resolved.how!r}", "how")
    if len(resolved.detail) > TEXT_LIMIT:
        raise Invalid(f"detail is longer than {TEXT_LIMIT} characters", "detail")
    resolved.resolved_by = person(command)
    return [resolved]


def close(escalation: PublicEscalation, closed: pev.PublicEscalationClosed, command, now, rules) -> list:
    _text("reason", closed.reason, TEXT_LIMIT)
    closed.closed_by = person(command)
    return [closed]


def _text(name: str, value: str, limit: int) -> None:
    if not value.strip():
        raise Invalid(f"{name} is required", name)
    if len(value) > limit:
        raise Invalid(f"{name} is longer than {limit} characters", name)


DECIDERS = {"draft_response": draft, "approve_response": approve, "record_publication": publish,
            "record_follow_up": follow_up, "resolve_publicly": resolve, "close_escalation": close}


# -- apply ------------------------------------------------------------------------------------

def apply(state: ComplaintStory, event: Message, at: datetime) -> ComplaintStory:
    if isinstance(event, pev.PublicEscalationOpened):
        return _put(state, PublicEscalation(event, at, at))
    escalation = state.escalations[event.mention_id]
    if isinstance(event, pev.PublicResponseDrafted):
        changed = replace(escalation, status="drafted", draft=event)
    elif isinstance(event, pev.PublicResponseApproved):
        changed = replace(escalation, status="approved", approved_by=event.approved_by)
    elif isinstance(event, pev.PublicResponsePublished):
        changed = replace(escalation, status="published", published=event)
    elif isinstance(event, pev.AuthorFollowedUp):
        changed = replace(escalation, follow_ups=(*escalation.follow_ups, event))
    elif isinstance(event, pev.PublicEscalationResolved):
        changed = replace(escalation, status="resolved", outcome=event.how)
    else:
        changed = replace(escalation, status="closed", outcome=event.reason)
    return _put(state, replace(changed, updated_at=at))


def _put(state: ComplaintStory, escalation: PublicEscalation) -> ComplaintStory:
    return replace(state, escalations={**state.escalations, escalation.mention_id: escalation})


EVENTS = (pev.PublicEscalationOpened, pev.PublicResponseDrafted, pev.PublicResponseApproved,
          pev.PublicResponsePublished, pev.AuthorFollowedUp, pev.PublicEscalationResolved,
          pev.PublicEscalationClosed)
