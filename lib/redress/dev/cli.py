"""`redress`: file and follow complaints, their cases, compensation offers and public posts; replay; dead letters.

Talks to intake (REDRESS_INTAKE_ADDR, default 127.0.0.1:50051), resolution
(REDRESS_RESOLUTION_ADDR, default 127.0.0.1:50052), compensation (REDRESS_COMPENSATION_ADDR,
default 127.0.0.1:50053; `offers`, `budget`, `costs`: see compensation_cli) and publicity-watch
(REDRESS_PUBLICITY_WATCH_ADDR, default 127.0.0.1:50054; `mentions`, `escalations`, `radar`: see
publicity_cli) over gRPC with the bearer token in REDRESS_TOKEN (default: the local dev token, see README).
"""
from __future__ import annotations

import argparse
import asyncio
import base64
import json
import sys
import uuid
from datetime import timezone

import signal

import grpc
from google.protobuf import any_pb2, json_format
from google.protobuf.message import DecodeError, Message

from redress.kernel.envelope import UnknownEventType, message_class
from redress.events.v1 import intake_pb2 as ev
from redress.intake.v1 import intake_service_pb2 as api
from redress.intake.v1 import intake_service_pb2_grpc as api_grpc
from redress.kernel.declaration import declared
from redress.dev import compensation_cli, publicity_cli
from redress.dev.client import ClientSettings
from redress.types.v1 import complaint_pb2 as types



def _enum_value(enum, prefix: str, name: str) -> int:
    try:
        return enum.Value(f"{prefix}_{name.upper().replace('-', '_')}")
    except ValueError:
        choices = ", ".join(n[len(prefix) + 1:].lower() for n in enum.keys()[1:])
        raise SystemExit(f"unknown {prefix.lower()} {name!r}; choose from: {choices}")


def _metadata() -> tuple:
    return ClientSettings().metadata()


def _name(enum, value: int, prefix: str) -> str:
    return enum.Name(value)[len(prefix) + 1:].lower()


def _suggestion(c: api.Complaint) -> str:
    if not c.category_suggested:
        return ""
    review = ", a person should check" if c.category_needs_review else ""
    return f" (suggested, {c.category_confidence:.2f}: {', '.join(c.category_evidence) or 'no evidence'}{review})"


def print_story(response: api.GetComplaintResponse) -> None:
    c = response.complaint
    print(f"{c.reference}  {c.complaint_id}  [{api.ComplaintStatus.Name(c.status)[17:].lower()}]")
    print(f"  customer {c.customer_id}  via {_name(types.Channel, c.channel, 'CHANNEL')}"
          f"  category {_name(types.Category, c.category, 'CATEGORY')}{_suggestion(c)}"
          f"  severity {_name(types.Severity, c.severity, 'SEVERITY')}  language {c.language or '?'}")
    if c.publicity_intents or c.suggested_links:
        print(f"  said they will go public: {', '.join(c.publicity_intents) or 'no'}"
              f"{'  suggested links: ' + ', '.join(c.suggested_links) if c.suggested_links else ''}")
    print(f"  \u201c{c.description}\u201d")
    for e in response.history:
        when = e.time.ToDatetime(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
        print(f"  {e.sequence:>3}. {when}  {e.type.rsplit('.', 1)[-1]:<24} by {e.actor}  {event_detail(e)}".rstrip())


def innermost(packed: any_pb2.Any) -> any_pb2.Any:
    """The Any inside any Anys around it (a service packs an event it does not know once more)."""
    while packed.TypeName() == any_pb2.Any.DESCRIPTOR.full_name:
        inner = any_pb2.Any()
        try:
            inner.ParseFromString(packed.value)
        except DecodeError:
            break
        packed = inner
    return packed


def unpacked(packed: any_pb2.Any) -> Message | str:
    """The event inside, or words saying it is of a type this version does not know."""
    packed = innermost(packed)
    name = packed.TypeName() or "(no type)"
    try:
        payload = message_class(name)()
    except UnknownEventType:
        return f"{name} (unknown to this version, {len(packed.value)} bytes)"
    try:
        payload.ParseFromString(packed.value)
    except DecodeError:
        return f"{name} (unreadable, {len(packed.value)} bytes)"
    return payload


def event_json(event) -> str:
    """The event as one line of JSON; a payload this version cannot read stays base64."""
    try:
        return json_format.MessageToJson(event, indent=None)
    except TypeError:  # json_format knows no descriptor for the payload's type
        packed = innermost(event.payload)
        shell = type(event)()
        shell.CopyFrom(event)
        shell.ClearField("payload")
        fields = json_format.MessageToDict(shell)
        fields["payload"] = {"@type": packed.type_url, "unknownToThisVersion": True,
                             "value": base64.b64encode(packed.value).decode()}
        return json.dumps(fields, ensure_ascii=False)


def event_detail(e) -> str:
    """A few words about what the event says, for people reading the story."""
    payload = unpacked(e.payload)
    if isinstance(payload, str):
        return payload
    if isinstance(payload, ev.ComplaintAcknowledged):
        return f"reference {payload.reference}"
    if isinstance(payload, ev.RepeatContactRecorded):
        return f"again, via {_name(types.Channel, payload.channel, 'CHANNEL')}: \u201c{payload.description}\u201d"
    if isinstance(payload, ev.ComplaintAmended):
        return "changed " + ", ".join(payload.changed_fields)
    if isinstance(payload, ev.ComplaintWithdrawn):
        return f"reason: {payload.reason}" if payload.reason else ""
    return ""


def print_event(e: api.ComplaintEvent) -> None:
    when = e.time.ToDatetime(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    line = f"{when}  {e.complaint_id}  #{e.sequence:<3} {e.type.rsplit('.', 1)[-1]:<24} by {e.actor}  {event_detail(e)}"
    print(line.rstrip(), flush=True)


def print_case(response) -> None:
    from redress.resolution.v1 import resolution_service_pb2 as rapi

    c = response.case
    status = rapi.CaseStatus.Name(c.status)[len("CASE_STATUS_"):].lower()
    print(f"case {c.complaint_id}  [{status}]  at {_name(types.Level, c.level, 'LEVEL')} level, "
          f"handler {c.handler or '(unassigned)'}, escalated {c.escalations}x")
    for clock in c.clocks:
        due = clock.clock.due_at.ToDatetime(timezone.utc).strftime("%Y-%m-%d %H:%M")
        print(f"  clock {clock.clock.name:<30} due {due}  {clock.state}{' (warned)' if clock.warned else ''}")
    for e in response.history:
        when = e.time.ToDatetime(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
        print(f"  {e.sequence:>3}. {when}  {e.type.rsplit('.', 1)[-1]:<28} by {e.actor}  {event_detail(e)}".rstrip())


async def _run_resolution(args: argparse.Namespace) -> int:
    from redress.resolution.v1 import resolution_service_pb2 as rapi
    from redress.resolution.v1 import resolution_service_pb2_grpc as rapi_grpc

    address = ClientSettings().resolution_address
    async with grpc.aio.insecure_channel(address) as channel:
        cases = rapi_grpc.ResolutionServiceStub(channel)
        try:
            if args.command == "case":
                print_case(await cases.GetCase(rapi.GetCaseRequest(complaint_id=args.complaint_id),
                                               metadata=_metadata()))
            else:
                dossier = await cases.GetDossier(rapi.GetDossierRequest(complaint_id=args.complaint_id),
                                                 metadata=_metadata())
                print(dossier.letter)
        except grpc.aio.AioRpcError as exc:
            print(f"error: {exc.code().name}: {exc.details()}", file=sys.stderr)
            return 1
    return 0


async def _run(args: argparse.Namespace) -> int:
    address = ClientSettings().intake_address
    async with grpc.aio.insecure_channel(address) as channel:
        stub = api_grpc.IntakeServiceStub(channel)
        md = _metadata()
        try:
            if args.command == "file":
                request = api.FileComplaintRequest(
                    request_id=args.request_id or str(uuid.uuid4()),
                    channel=_enum_value(types.Channel, "CHANNEL", args.channel),
                    contact=types.CustomerContact(name=args.name or "", email=args.email or "",
                                                  phone=args.phone or "", social_handle=args.handle or ""),
                    description=args.description, desired_remedy=args.remedy or "", store=args.store or "",
                    order_reference=args.order or "")
                if args.category:
                    request.category = _enum_value(types.Category, "CATEGORY", args.category)
                response = await stub.FileComplaint(request, metadata=md)
                c = response.complaint
                verb = "linked to open complaint" if response.linked_to_existing else "filed"
                print(f"{verb} {c.complaint_id}; reference {c.reference}")
                for other in response.other_open_complaints:
                    print(f"  the customer's other open complaint: {other.reference} {other.complaint_id}")
            elif args.command == "show":
                print_story(await stub.GetComplaint(api.GetComplaintRequest(complaint_id=args.complaint_id),
                                                    metadata=md))
            elif args.command == "list":
                response = await stub.ListComplaints(api.ListComplaintsRequest(page_size=args.limit), metadata=md)
                for c in response.complaints:
                    print(f"{c.reference}  {c.complaint_id}  {_name(types.Category, c.category, 'CATEGORY')}")
            elif args.command == "tail":
                request = api.StreamEventsRequest(from_beginning=True) if args.from_beginning \
                    else api.StreamEventsRequest()
                async for event in stub.StreamEvents(request, metadata=md):
                    if args.json:
                        print(event_json(event), flush=True)
                    else:
                        print_event(event)
        except grpc.aio.AioRpcError as exc:
            print(f"error: {exc.code().name}: {exc.details()}", file=sys.stderr)
            return 1
    return 0


def _deadletter_commands(sub) -> None:
    from redress.dev.platform import SERVICES

    deadletters = sub.add_parser("deadletters", help="records the services set aside: list them, re-drive them")
    action = deadletters.add_subparsers(dest="action", required=True)
    listing = action.add_parser("list", help="the dead letters of some services (default: all)")
    listing.add_argument("services", nargs="*", metavar="SERVICE", help=f"{', '.join(SERVICES)} (default: all)")
    listing.add_argument("--all", action="store_true", help="include the re-driven ones")
    listing.add_argument("--json", action="store_true", help="one JSON object a line")
    redrive = action.add_parser("redrive", help="send dead letters back to the service that set them aside")
    redrive.add_argument("service", choices=list(SERVICES))
    redrive.add_argument("ids", nargs="*", metavar="ID", help="dead letter ids, as `list` prints them")
    redrive.add_argument("--all", action="store_true", help="every dead letter of the service")


def _run_deadletters(args: argparse.Namespace) -> int:
    from aiokafka.errors import KafkaError

    from redress.dev import deadletters
    from redress.dev.broker import running_broker
    from redress.dev.platform import SERVICES

    unknown = [s for s in getattr(args, "services", []) if s not in SERVICES]
    if unknown:
        print(f"error: unknown service {', '.join(unknown)}; choose from {', '.join(SERVICES)}", file=sys.stderr)
        return 2
    bootstrap = running_broker()
    if not bootstrap:
        print("error: no Kafka broker: set REDRESS_KAFKA_BOOTSTRAP, or start the local one "
              "(`make run` or `make kafka-start`)", file=sys.stderr)
        return 2
    if args.action == "redrive" and bool(args.ids) == args.all:
        print("error: name the dead letters to re-drive, or say --all (not both)", file=sys.stderr)
        return 2
    try:
        if args.action == "list":
            return asyncio.run(deadletters.list_letters(bootstrap, args.services or list(SERVICES), args.all,
                                                        args.json))
        return asyncio.run(deadletters.redrive(bootstrap, args.service, args.ids, args.all))
    except KafkaError as exc:
        print(f"error: Kafka at {bootstrap}: {exc}", file=sys.stderr)
        return 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="redress", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    file = sub.add_parser("file", help="file a complaint")
    file.add_argument("--channel", required=True, help="email, phone, in_person, twitter, ...")
    file.add_argument("--description", required=True, help="what happened, in the customer's words")
    for flag in ("name", "email", "phone", "handle", "remedy", "store", "order", "category", "request-id"):
        file.add_argument(f"--{flag}")
    show = sub.add_parser("show", help="a complaint's story from the log")
    show.add_argument("complaint_id")
    listing = sub.add_parser("list", help="the organisation's complaints")
    listing.add_argument("--limit", type=int, default=50)
    tail = sub.add_parser("tail", help="follow the organisation's events")
    tail.add_argument("--from-beginning", action="store_true")
    tail.add_argument("--json", action="store_true")
    case = sub.add_parser("case", help="a complaint's case: level, handler, clocks, history")
    case.add_argument("complaint_id")
    dossier = sub.add_parser("dossier", help="the escalation dossier (corporate office and owner levels)")
    dossier.add_argument("complaint_id")
    replay = sub.add_parser("replay", help="rebuild a service's read models from offset zero; prints events/s")
    replay.add_argument("service", choices=list(declared()))
    _deadletter_commands(sub)
    compensation_cli.add_commands(sub)
    publicity_cli.add_commands(sub)
    args = parser.parse_args(argv)
    if argv is None:  # the command itself, not a test calling it: `redress tail | head` ends quietly
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if args.command == "replay":
        from redress.dev import replay as replaying

        return replaying.run(args.service)
    if args.command == "deadletters":
        return _run_deadletters(args)
    try:
        if args.command in ("case", "dossier"):
            return asyncio.run(_run_resolution(args))
        if args.command in compensation_cli.COMMANDS:
            return asyncio.run(compensation_cli.run(args))
        if args.command in publicity_cli.COMMANDS:
            return asyncio.run(publicity_cli.run(args))
        return asyncio.run(_run(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
