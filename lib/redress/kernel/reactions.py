"""A command made of another service's event: the shape every reaction shares."""
from __future__ import annotations

from typing import Callable, Mapping

from google.protobuf.message import Message

from redress.kernel.envelope import Envelope
from redress.kernel.ids import reaction_command_id
from redress.kernel.tracing import current_traceparent


def reaction_command(command_type: type[Message], service: str, env: Envelope) -> Message:
    """A command (without its action) acting for the event's author, deduplicated by the
    event's id: its request_id is `<service>:<event id>`, its cause the event."""
    command = command_type()
    ctx = command.context
    ctx.request_id = f"{service}:{env.event_id}"
    ctx.complaint_id = env.subject
    ctx.principal.client_id = env.client_id
    ctx.principal.organisation = env.organisation
    ctx.correlation_id = env.correlation_id
    ctx.actor = env.actor
    ctx.causation_id = env.event_id
    ctx.command_id = reaction_command_id(env.event_id)
    ctx.traceparent = current_traceparent() or env.traceparent
    return command


def copying(command_type: type[Message], service: str, actions: Mapping[type, str]) -> Callable[[Envelope], Message | None]:
    """A reaction to `service`'s events of the types in `actions`: the event, copied into the
    command's action of that name; other events are not ours (None)."""
    def react(env: Envelope) -> Message | None:
        action = actions.get(type(env.payload))
        if action is None:
            return None
        command = reaction_command(command_type, service, env)
        getattr(command, action).CopyFrom(env.payload)
        return command
    return react
