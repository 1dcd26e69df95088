"""`redress mentions | escalations | radar`: publicity-watch from the command line.

Talks to publicity-watch at REDRESS_PUBLICITY_WATCH_ADDR (default 127.0.0.1:50054) as the
caller in REDRESS_TOKEN, like the other commands. `mentions`: the posts connectors reported
(list, show with what matching found, report, watch, link, unlink); `escalations`: the
company's public answer to a linked negative post (list, show, draft, approve, publish,
follow-up, resolve, close, report); `radar`: the complaints most likely to go public.
"""
from __future__ import annotations

import argparse
import re
import sys
import uuid
from datetime import datetime, timedelta, timezone

import grpc
from google.protobuf.timestamp_pb2 import Timestamp

from redress.dev.client import ClientSettings, InputError, call, parse_enum, when, words
from redress.events.v1 import publicity_pb2 as pev
from redress.publicitywatch.v1 import publicity_watch_service_pb2 as api
from redress.publicitywatch.v1 import publicity_watch_service_pb2_grpc as api_grpc

COMMANDS = frozenset({"mentions", "escalations", "radar"})
SOURCE_ALIASES = {"review": "review_site", "x": "twitter"}
SENTIMENTS = ("negative", "neutral", "positive")
LINKED = ("linked", "unlinked", "review")
STATUSES = ("open", "drafted", "approved", "published", "resolved", "closed")
RESOLUTIONS = ("updated", "retracted")
_AGO = re.compile(r"(\d+)([hd])")
EXCERPT = 70


# -- typed words -----------------------------------------------------------------------------

def parse_source(text: str) -> int:
    """"newspaper" -> SOURCE_KIND_NEWSPAPER; "review-site", "review", "x" too."""
    return parse_enum(pev.SourceKind, "SOURCE_KIND_", text, "source", SOURCE_ALIASES)


def parse_instant(text: str, flag: str, now: datetime | None = None) -> Timestamp:
    """"2026-11-02", "2026-11-02T09:30", "2026-11-02T09:30+02:00" (UTC when no zone), or "24h", "7d" ago."""
    typed = text.strip()
    ago = _AGO.fullmatch(typed)
    if ago:
        hours = int(ago[1]) * (24 if ago[2] == "d" else 1)
        at = (now or datetime.now(timezone.utc)) - timedelta(hours=hours)
    else:
        try:
            at = datetime.fromisoformat(typed)
        except ValueError:
            raise InputError(f"{flag} {text!r} is not a time like 2026-11-02, 2026-11-02T09:30 or 24h, 7d (ago)")
        at = at if at.tzinfo else at.replace(tzinfo=timezone.utc)
    stamp = Timestamp()
    stamp.FromDatetime(at.astimezone(timezone.utc))
    return stamp


def _one_of(text: str, allowed: tuple[str, ...], flag: str) -> str:
    """Checked here too, so a typo is named with its choices before anything is sent."""
    if text and text not in allowed:
        raise InputError(f"{flag} {text!r}: choose from {', '.join(allowed)}")
    return text


# -- printing --------------------------------------------------------------------------------

def source_words(value: int) -> str:
    return words(pev.SourceKind, value, "SOURCE_KIND_")


def excerpt(text: str, limit: int = EXCERPT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "\u2026"


def author_of(m: api.Mention) -> str:
    if m.author and m.author_handle:
        return f"{m.author} ({m.author_handle})"
    return m.author or m.author_handle or "(anonymous)"


def link_state(m: api.Mention) -> str:
    if m.complaint_id:
        return f"linked to {m.complaint_id}"
    if m.match.outcome == "review":
        return "waits for a person"
    return "not linked"


def mention_line(m: api.Mention) -> str:
    at = when(m.published_at) or when(m.first_seen_at)
    gone = " [deleted]" if m.deleted else ""
    return (f"{m.mention_id}  {at:<16}  {source_words(m.source):<11} {m.sentiment or '?':<8} "
            f"{link_state(m):<48} {author_of(m)}: \u201c{excerpt(m.content.text)}\u201d{gone}")


def print_mention(m: api.Mention) -> None:
    feeling = f"{m.sentiment} {m.sentiment_confidence:.2f}" if m.sentiment else "sentiment ?"
    print(f"mention {m.mention_id}  [{source_words(m.source)}, {feeling}, {m.language or '?'}]  {link_state(m)}")
    where = " ".join(filter(None, (m.source_name, m.url or m.guid)))
    reach = f", reach {m.reach}" if m.reach else ""
    published = f", published {when(m.published_at)}" if m.published_at.seconds else ""
    print(f"  {where}  by {author_of(m)}{reach}{published}")
    if m.content.title:
        print(f"  {m.content.title}")
    print(f"  \u201c{m.content.text}\u201d")
    rating = f"rated {m.content.rating:g}/{m.content.rating_out_of or 5:g}" if m.content.rating else ""
    notes = [rating, f"says more is coming: {m.stated_intent}" if m.stated_intent else "",
             f"edited {m.edits}x" if m.edits else "", "deleted" if m.deleted else "",
             f"also at {', '.join(m.copies)}" if m.copies else ""]
    if any(notes):
        print(f"  {'; '.join(filter(None, notes))}")
    print_match(m.match)


def print_match(match: pev.MentionMatched) -> None:
    if not match.outcome:
        return
    outcome = {"auto_link": "linked automatically", "review": "a person should decide",
               "none": "no complaint matches"}.get(match.outcome, match.outcome)
    print(f"  matching: {outcome} (links on its own from {match.threshold:.2f})")
    for c in match.candidates:
        print(f"    complaint {c.complaint_id}  confidence {c.confidence:.2f}  customer {c.customer_id or '-'}")
        for e in sorted(c.evidence, key=lambda e: -e.weight):
            print(f"      {e.weight:.2f}  {e.kind.replace('_', ' ')}: {e.detail}")


def print_change(change: api.MentionChange) -> None:
    print(f"{change.change:<9} {mention_line(change.mention)}", flush=True)


def _print_page(items, line, nothing: str, more: str, next_page_token: str) -> None:
    for item in items:
        print(line(item))
    if not items:
        print(nothing)
    if next_page_token:
        print(f"(more: {more})", file=sys.stderr)


def _print_mentions(r: api.ListMentionsResponse) -> None:
    _print_page(r.mentions, mention_line, "no mentions", "raise --limit, up to 500, or narrow --since",
                r.next_page_token)


def _print_reported(r: api.ReportMentionResponse) -> None:
    said = {"new": "reported", "copy": "the same post seen at another address: one mention"}
    print(said.get(r.outcome, r.outcome))
    print_mention(r.mention)


def escalation_line(e: api.PublicEscalation) -> str:
    return (f"{e.mention_id}  {e.status:<9} {when(e.opened_at):<16}  {source_words(e.opened.source):<11} "
            f"complaint {e.complaint_id}  {e.opened.url}")


def print_escalation(e: api.PublicEscalation) -> None:
    print(f"public escalation of mention {e.mention_id}  [{e.status}]  complaint {e.complaint_id}")
    o = e.opened
    reach = f", reach {o.reach}" if o.reach else ""
    print(f"  opened {when(e.opened_at)}: {o.reason}")
    print(f"  {source_words(o.source)} {o.url}{reach}, in {o.language or '?'}; went public "
          f"{when(o.went_public_at)}, the case {o.case_outcome.replace('_', ' ') or '?'} then")
    if e.draft.text:
        d = e.draft
        print(f"  draft by {d.drafted_by} ({d.language or '?'}): \u201c{d.text}\u201d")
        if d.conduct_override_reason:
            print(f"    the conduct guard flagged {', '.join(d.conduct_rules)}; let through: "
                  f"{d.conduct_override_reason}")
    if e.approved_by:
        print(f"  approved by {e.approved_by}")
    if e.published.url:
        print(f"  published {when(e.published.published_at)} by {e.published.published_by}: {e.published.url}")
    for f in e.follow_ups:
        where = f"  (mention {f.follow_up_mention_id})" if f.follow_up_mention_id else f"  {f.url}" if f.url else ""
        print(f"  the author again: \u201c{f.text}\u201d{where}")
    if e.outcome:
        print(f"  {'resolved publicly: the author' if e.status == 'resolved' else 'closed:'} {e.outcome}")


def _print_escalations(r: api.ListPublicEscalationsResponse) -> None:
    _print_page(r.escalations, escalation_line, "no public escalations", "raise --limit, up to 500",
                r.next_page_token)


def print_report(r: api.PublicityReport) -> None:
    print(f"{r.escalations} public escalation{'s' if r.escalations != 1 else ''}: {r.open} open, "
          f"{r.responded} answered in public, {r.resolved_publicly} resolved publicly, {r.retracted} retracted")
    if r.responded:
        print(f"  time to the public answer: median {r.median_hours_to_response:.1f} h, "
              f"90th percentile {r.p90_hours_to_response:.1f} h")
    print(f"  when they went public the complaint was: never resolved {r.after_never_resolved}, "
          f"resolved without agreement {r.after_resolved_without_agreement}, resolved {r.after_resolved}")


def print_radar(r: api.RiskRadar) -> None:
    if not r.entries and not r.bursts:
        print("the radar sees nothing (no complaint scored yet: is the risk radar running?)")
    for rank, entry in enumerate(r.entries, 1):
        print_risk(rank, entry)
    for b in r.bursts:
        print(f"burst: {b.count} negative mentions of {b.store or 'the organisation'} "
              f"{when(b.window_start)} to {when(b.window_end)} (threshold {b.threshold})")


def print_risk(rank: int, entry: api.RiskEntry) -> None:
    store = f"  store {entry.store}" if entry.store else ""
    as_of = f"  as of {when(entry.as_of)}" if entry.as_of.seconds else ""
    print(f"{rank:>2}. complaint {entry.complaint_id}  score {entry.score:.0f} (threshold {entry.threshold:.0f})"
          f"  customer {entry.customer_id or '-'}{store}{as_of}")
    for f in entry.factors:
        print(f"      {f.points:+5.0f}  {f.name.replace('_', ' ')}{': ' + f.detail if f.detail else ''}")


# -- the commands ----------------------------------------------------------------------------

def add_commands(sub) -> None:
    """Adds `mentions`, `escalations` and `radar` to the `redress` parser's subcommands."""
    _mention_commands(sub.add_parser("mentions", help="public posts about the organisation: list, show, report, "
                                                      "watch, link, unlink").add_subparsers(dest="action",
                                                                                            required=True))
    _escalation_commands(sub.add_parser("escalations", help="answering a post in public: list, show, draft, "
                                                            "approve, publish, follow-up, resolve, close, report")
                         .add_subparsers(dest="action", required=True))
    radar = sub.add_parser("radar", help="the complaints most likely to go public, each score explained")
    radar.add_argument("--limit", type=int, default=20, help="at most 200")
    radar.add_argument("--min-score", type=float, default=0.0)


def _retry_safe(command) -> None:
    command.add_argument("--request-id", help="makes a retry safe (default: a new one)")


def _mention_commands(action) -> None:
    listing = action.add_parser("list", help="the mentions, oldest published first (narrow with --since)")
    listing.add_argument("--source", default="", help="newspaper, blog, review-site, twitter, facebook, forum")
    listing.add_argument("--sentiment", default="", help=", ".join(SENTIMENTS))
    listing.add_argument("--linked", default="", help="linked, unlinked, review (waiting for a person)")
    listing.add_argument("--since", default="", help="published from: 2026-11-02, 2026-11-02T09:30, 24h, 7d")
    listing.add_argument("--until", default="", help="published before (same forms)")
    listing.add_argument("--deleted", action="store_true", help="include posts taken down")
    listing.add_argument("--limit", type=int, default=50, help="at most 500")
    show = action.add_parser("show", help="a mention, with the complaints it may be about and the evidence")
    show.add_argument("mention_id")
    report = action.add_parser("report", help="report a post a person saw (connectors do this on their own)")
    report.add_argument("--source", required=True, help="newspaper, blog, review-site, twitter, facebook, forum")
    report.add_argument("--url", default="", help="the post's address (a URL or --guid is required)")
    report.add_argument("--guid", default="")
    report.add_argument("--text", required=True, help="what the post says")
    report.add_argument("--title", default="")
    report.add_argument("--source-name", default="", help="e.g. Kathimerini, Yelp")
    report.add_argument("--author", default="")
    report.add_argument("--handle", default="", help="the author's handle, e.g. @nikos_p")
    report.add_argument("--reach", type=int, default=0, help="followers, circulation or audience")
    report.add_argument("--rating", type=float, default=0.0, help="stars or points given (0: none)")
    report.add_argument("--rating-out-of", type=float, default=0.0)
    report.add_argument("--published", default="", help="when it was published (default: unknown)")
    report.add_argument("--deleted", action="store_true", help="the post is gone")
    _retry_safe(report)
    action.add_parser("watch", help="new mentions, edits and links as they happen, until Ctrl-C")
    link = action.add_parser("link", help="say a mention is about a complaint")
    link.add_argument("mention_id")
    link.add_argument("complaint_id")
    link.add_argument("--reason", required=True, help="why it is about the complaint")
    _retry_safe(link)
    unlink = action.add_parser("unlink", help="say a mention is not about its complaint after all")
    unlink.add_argument("mention_id")
    unlink.add_argument("--reason", required=True, help="why it is not")
    _retry_safe(unlink)


def _escalation_commands(action) -> None:
    listing = action.add_parser("list", help="the public escalations, oldest first")
    listing.add_argument("--status", default="", help=", ".join(STATUSES))
    listing.add_argument("--limit", type=int, default=50, help="at most 500")
    action.add_parser("show", help="an escalation's life, by its mention").add_argument("mention_id")
    draft = action.add_parser("draft", help="draft the public answer, in the post's language")
    draft.add_argument("mention_id")
    draft.add_argument("--text", required=True)
    draft.add_argument("--override-reason", default="",
                       help="a manager lets a draft the conduct guard flagged through, saying why")
    approve = action.add_parser("approve", help="approve the draft (a manager, not its drafter)")
    approve.add_argument("mention_id")
    publish = action.add_parser("publish", help="record where the approved answer was published")
    publish.add_argument("mention_id")
    publish.add_argument("--url", required=True)
    publish.add_argument("--at", default="", help="when (default: now)")
    follow_up = action.add_parser("follow-up", help="record that the author wrote again")
    follow_up.add_argument("mention_id")
    follow_up.add_argument("--text", required=True)
    follow_up.add_argument("--url", default="")
    resolve = action.add_parser("resolve", help="the author updated or retracted the post")
    resolve.add_argument("mention_id")
    resolve.add_argument("--how", required=True, help=" or ".join(RESOLUTIONS))
    resolve.add_argument("--detail", default="")
    close = action.add_parser("close", help="end the escalation without a public resolution")
    close.add_argument("mention_id")
    close.add_argument("--reason", required=True)
    for command in (draft, approve, publish, follow_up, resolve, close):
        _retry_safe(command)
    action.add_parser("report", help="time to the public answer; what the complaints had come to")


def _request_id(args) -> str:
    return getattr(args, "request_id", None) or str(uuid.uuid4())


def _mention_call(args):
    a = args.action
    if a == "list":
        return "ListMentions", _listing(args), _print_mentions
    if a == "show":
        return "GetMention", api.GetMentionRequest(mention_id=args.mention_id), print_mention
    if a == "report":
        return "ReportMention", _sighting(args), _print_reported
    if a == "link":
        return "LinkMention", api.LinkMentionRequest(request_id=_request_id(args), mention_id=args.mention_id,
                                                     complaint_id=args.complaint_id, reason=args.reason), print_mention
    return "UnlinkMention", api.UnlinkMentionRequest(request_id=_request_id(args), mention_id=args.mention_id,
                                                     reason=args.reason), print_mention


def _listing(args) -> api.ListMentionsRequest:
    request = api.ListMentionsRequest(
        page_size=args.limit, source=parse_source(args.source) if args.source else 0,
        sentiment=_one_of(args.sentiment, SENTIMENTS, "--sentiment"), linked=_one_of(args.linked, LINKED, "--linked"),
        include_deleted=args.deleted)
    if args.since:
        request.published_from.CopyFrom(parse_instant(args.since, "--since"))
    if args.until:
        request.published_before.CopyFrom(parse_instant(args.until, "--until"))
    return request


def _sighting(args) -> api.ReportMentionRequest:
    if not (args.url or args.guid):
        raise InputError("say where the post is: --url (or --guid)")
    request = api.ReportMentionRequest(
        request_id=_request_id(args), source=parse_source(args.source), source_name=args.source_name, url=args.url,
        guid=args.guid, author=args.author, author_handle=args.handle, reach=args.reach, deleted=args.deleted,
        content=pev.MentionContent(text=args.text, title=args.title, rating=args.rating,
                                   rating_out_of=args.rating_out_of))
    if args.published:
        request.published_at.CopyFrom(parse_instant(args.published, "--published"))
    return request


def _escalation_call(args):
    a, mention, rid = args.action, getattr(args, "mention_id", ""), _request_id(args)
    if a == "list":
        request = api.ListPublicEscalationsRequest(page_size=args.limit,
                                                   status=_one_of(args.status, STATUSES, "--status"))
        return "ListPublicEscalations", request, _print_escalations
    if a == "report":
        return "GetPublicityReport", api.GetPublicityReportRequest(), print_report
    if a == "show":
        return "GetPublicEscalation", api.GetPublicEscalationRequest(mention_id=mention), print_escalation
    if a == "draft":
        request = api.DraftPublicResponseRequest(mention_id=mention, request_id=rid, text=args.text,
                                                 conduct_override_reason=args.override_reason)
        return "DraftPublicResponse", request, print_escalation
    if a == "approve":
        return "ApprovePublicResponse", api.ApprovePublicResponseRequest(mention_id=mention, request_id=rid), \
            print_escalation
    if a == "publish":
        request = api.RecordPublicResponseRequest(mention_id=mention, request_id=rid, url=args.url)
        if args.at:
            request.published_at.CopyFrom(parse_instant(args.at, "--at"))
        return "RecordPublicResponse", request, print_escalation
    if a == "follow-up":
        request = api.RecordFollowUpRequest(mention_id=mention, request_id=rid, text=args.text, url=args.url)
        return "RecordFollowUp", request, print_escalation
    if a == "resolve":
        request = api.ResolvePubliclyRequest(mention_id=mention, request_id=rid,
                                             how=_one_of(args.how, RESOLUTIONS, "--how"), detail=args.detail)
        return "ResolvePublicly", request, print_escalation
    request = api.ClosePublicEscalationRequest(mention_id=mention, request_id=rid, reason=args.reason)
    return "ClosePublicEscalation", request, print_escalation


def _call(args):
    """(the stub's method name, its request, how to print the answer) for the command typed."""
    if args.command == "radar":
        if not 0 < args.limit <= 200:
            raise InputError(f"--limit {args.limit}: from 1 to 200")
        return "GetRiskRadar", api.GetRiskRadarRequest(limit=args.limit, min_score=args.min_score), print_radar
    if args.command == "mentions":
        return _mention_call(args)
    return _escalation_call(args)


async def _watch(stub, metadata) -> None:
    async for change in stub.WatchMentions(api.WatchMentionsRequest(), metadata=metadata):
        print_change(change)


async def run(args: argparse.Namespace) -> int:
    watching = args.command == "mentions" and args.action == "watch"
    try:
        method, request, show = (None, None, None) if watching else _call(args)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not watching:
        return await call(ClientSettings().publicity_address, api_grpc.PublicityWatchServiceStub, method, request, show)
    async with grpc.aio.insecure_channel(ClientSettings().publicity_address) as channel:
        try:
            await _watch(api_grpc.PublicityWatchServiceStub(channel), ClientSettings().metadata())
        except grpc.aio.AioRpcError as exc:
            print(f"error: {exc.code().name}: {exc.details()}", file=sys.stderr)
            return 1
    return 0
