"""A complaint's public story as plain functions: what its case came to when it went public,
and what an edit of a linked post does to it."""
from __future__ import annotations

from datetime import datetime, timezone

from redress.events.v1 import intake_pb2 as iev
from redress.events.v1 import publicity_pb2 as pev
from redress.events.v1 import resolution_pb2 as rev
from redress.publicitywatch.v1.commands_pb2 import PublicityWatchCommand
from redress_publicity_watch import domain

NOW = datetime(2026, 11, 30, 12, tzinfo=timezone.utc)


def command(action: str, payload, stream: str = "c-1") -> PublicityWatchCommand:
    c = PublicityWatchCommand()
    c.context.complaint_id, c.context.principal.organisation = stream, "org"
    getattr(c, action).CopyFrom(payload)
    return c


def fold(state, action: str, payload):
    for event in domain.decide(state, command(action, payload), NOW, rules=[]):
        state = domain.apply(state, event, NOW)
    return state


def filed():
    return fold(None, "note_filed", iev.ComplaintFiled(complaint_id="c-1", organisation="org", customer_id="cu"))


def test_a_refused_resolution_is_resolved_without_agreement_until_the_customer_is_satisfied():
    story = fold(filed(), "note_verdict", rev.VerdictRecorded(satisfied=False, score=1))
    assert story.outcome == "resolved_without_agreement"
    story = fold(story, "note_case_reopened", rev.CaseReopened(reason="went public"))
    assert story.outcome == "open"
    story = fold(story, "note_case_closed", rev.CaseClosed(reason="satisfied"))
    assert story.outcome == "resolved"
    assert fold(story, "note_verdict", rev.VerdictRecorded(satisfied=False, score=2)).outcome == "resolved"


def test_a_linked_post_edited_into_a_complaint_opens_an_escalation_then_counts_as_a_follow_up():
    link = pev.MentionLinked(complaint_id="c-1", mention_id="m-1", sentiment="neutral", linked_by="auto",
                             source=pev.SOURCE_KIND_REVIEW_SITE, url="https://r.example/1")
    story = fold(filed(), "link", link)
    assert story.escalations == {}
    edit = pev.MentionLinked(complaint_id="c-1", mention_id="m-1", sentiment="negative", reason="Rude staff.")
    story = fold(story, "note_edit", edit)
    assert story.escalations["m-1"].status == "open"
    story = fold(story, "note_edit", pev.MentionLinked(complaint_id="c-1", mention_id="m-1", reason="UPDATE: worse"))
    assert [f.text for f in story.escalations["m-1"].follow_ups] == ["the author edited the post: UPDATE: worse"]
    assert fold(story, "note_edit", pev.MentionLinked(complaint_id="c-1", mention_id="m-9", sentiment="negative")) \
        == story  # not linked here: not this complaint's story


def test_an_unlink_without_a_reason_or_with_a_book_for_one_is_refused_by_field():
    import pytest

    from redress.kernel.rejections import Invalid

    story = fold(filed(), "link", pev.MentionLinked(complaint_id="c-1", mention_id="m-1", linked_by="auto"))
    for reason in ("", "x" * 2001):
        with pytest.raises(Invalid) as refused:
            domain.decide(story, command("unlink", pev.MentionUnlinked(mention_id="m-1", reason=reason)), NOW, rules=[])
        assert refused.value.field == "reason"
