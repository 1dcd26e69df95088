"""Which complaint a filing is: decided once, by the single writer of the customer's partition.

Every filing of a customer is sent to the partition of the customer's id, and a new
complaint gets an id in that partition too, so one writer sees all of a customer's
complaints and decides, against its read model (and the filings earlier in the same
batch): a retry of a filing already decided goes where the first went; a filing about
an open problem of the customer's is a repeat contact on it; anything else is a new
complaint. Two filings racing on two replicas are therefore decided one after the other.
"""
from __future__ import annotations

from collections import defaultdict

from redress.events.v1 import intake_pb2 as ev
from redress.intake.v1.commands_pb2 import IntakeCommand
from redress.text.references import complaint_references, mentions
from redress_intake import domain
from redress_intake.projection import ComplaintBook, with_customer


class FilingRouter:
    def __init__(self, book: ComplaintBook):
        self.book = book
        self.begin()

    def begin(self) -> None:
        """A new batch: forget the filings of the last one (they are in the read model now)."""
        self._routed: dict[tuple[str, str], tuple[str, str]] = {}  # (org, request) -> (complaint, action)
        self._new: dict[tuple[str, str], list[ev.ComplaintFiled]] = defaultdict(list)  # (org, customer)

    def route(self, command: IntakeCommand) -> IntakeCommand:
        if command.WhichOneof("action") != "file":
            return command
        org, request_id = command.context.principal.organisation, command.context.request_id
        earlier = self._routed.get((org, request_id)) or self._decided_before(org, request_id)
        if earlier:
            return _addressed(command, *earlier)
        draft = command.file
        quoted, reference = self._quoted(org, command)
        same = quoted or self._same_open_problem(org, draft)
        if same is not None:
            routed = _addressed(command, same, "repeat_contact", reference)
        else:
            others = [c.complaint_id for c in self.book.open_complaints_of(org, draft.customer_id)]
            others += [f.complaint_id for f in self._new[(org, draft.customer_id)]]
            command.file.CopyFrom(with_customer(draft, draft.customer_id, others))
            self._new[(org, draft.customer_id)].append(command.file)
            routed = command
        self._routed[(org, request_id)] = (routed.context.complaint_id, routed.WhichOneof("action"))
        return routed

    def _decided_before(self, org: str, request_id: str) -> tuple[str, str] | None:
        complaint_id = self.book.complaint_for_request(org, request_id)
        if complaint_id is None:
            return None
        return complaint_id, self.book.streams.stream(complaint_id).requests[request_id][1]

    def _quoted(self, org: str, command: IntakeCommand) -> tuple[str | None, str]:
        """The customer's open complaint the filing quotes (its reference, or its order
        number), and what was quoted. A quoted complaint of someone not known as this
        customer is only suggested, on the command, for a person to confirm."""
        draft = command.file
        for reference in complaint_references(draft.description):
            found = self.book.complaint_for_reference(org, reference)
            if found is None:
                continue
            if found.filed.customer_id == draft.customer_id and found.status == domain.OPEN:
                return found.complaint_id, reference
            if found.filed.customer_id != draft.customer_id:
                command.suggested_link.suggested_complaint_id = found.complaint_id
                command.suggested_link.quoted_reference = reference
        for complaint in self.book.open_complaints_of(org, draft.customer_id):
            if complaint.filed.order_reference and mentions(draft.description, complaint.filed.order_reference):
                return complaint.complaint_id, complaint.filed.order_reference
        return None, ""

    def _same_open_problem(self, org: str, draft: ev.ComplaintFiled) -> str | None:
        for filed in self._new[(org, draft.customer_id)]:
            if domain.same_problem_as_filed(filed, draft):
                return filed.complaint_id
        same = self.book.same_open_problem(org, draft)
        return same.complaint_id if same else None


def _addressed(command: IntakeCommand, complaint_id: str, action: str, reference: str = "") -> IntakeCommand:
    """The filing as the command `action` on `complaint_id` (same request, same context)."""
    routed = IntakeCommand()
    routed.context.CopyFrom(command.context)
    routed.context.complaint_id = complaint_id
    if command.HasField("publicity_intent"):
        routed.publicity_intent.CopyFrom(command.publicity_intent)
    draft = command.file
    if action == "repeat_contact":
        routed.repeat_contact.CopyFrom(ev.RepeatContactRecorded(
            complaint_id=complaint_id, channel=draft.channel, contact=draft.contact,
            description=draft.description, desired_remedy=draft.desired_remedy, language=draft.language,
            quoted_reference=reference))
    else:
        routed.file.CopyFrom(draft)
        routed.file.complaint_id = complaint_id
    return routed
