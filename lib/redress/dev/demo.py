"""`make demo`: files realistic complaints (English, Turkish, Greek), prints their stories, then
works one case: the conduct guard, the steps, an unhappy customer, the escalation dossier; then
compensates each story, from the policy's suggestion to payment (demo_compensation); and ends
the Greek story in the newspaper and the company's public answer (demo_publicity).

Uses the intake service at REDRESS_INTAKE_ADDR when one answers there (`make run` in
another terminal); otherwise starts the platform for the demo and stops it after.
"""
from __future__ import annotations

import asyncio
import sys
import uuid

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from redress.dev.cli import print_story
from redress.dev.demo_compensation import compensate
from redress.dev.demo_publicity import go_public
from redress.intake.v1 import intake_service_pb2 as api
from redress.intake.v1 import intake_service_pb2_grpc as api_grpc
from redress.dev.platform import start_platform
from redress.dev.client import ClientSettings
from redress.dev.paths import PROJECT_ROOT, dev_credentials_file
from redress.types.v1 import complaint_pb2 as types

MD = ClientSettings().metadata()
RUN = uuid.uuid4().hex[:6]
DIGITS = f"{uuid.uuid4().int % 10**7:07d}"

COMPLAINTS = [
    dict(channel=types.CHANNEL_EMAIL, store="Harbour Street Bistro", order_reference=f"T-{RUN}-14",
         contact=types.CustomerContact(name="Emma Clarke", email=f"emma.{RUN}@example.com"),
         description="We waited over an hour and the food came cold. When I asked for the manager the "
                     "waiter laughed and said it was company policy not to call her.",
         desired_remedy="An apology and a refund for the meal."),
    dict(channel=types.CHANNEL_PHONE, store="Kadıköy Şubesi", order_reference=f"SP-{RUN}-2291",
         contact=types.CustomerContact(name="Ayşe Yılmaz", phone=f"+90 532 {DIGITS[:3]} {DIGITS[3:]}"),
         description="Fişim olduğu halde iade etmediler. Telefonda beni üç kez aktardılar ve her seferinde "
                     "aynı bilgileri tekrar tekrar anlatmak zorunda kaldım.",
         desired_remedy="Ürünün iadesi ve para iadesi."),
    dict(channel=types.CHANNEL_TWITTER, order_reference=f"SP-{RUN}-2291",
         contact=types.CustomerContact(phone=f"0532{DIGITS}", social_handle=f"@ayse_{RUN}"),
         description="@magaza hâlâ iade yok! Üç gündür bekliyorum."),
    dict(channel=types.CHANNEL_LETTER_TO_CORPORATE_OFFICE, store="Κατάστημα Γλυφάδας",
         contact=types.CustomerContact(name="Νίκος Παπαδόπουλος", email=f"nikos.{RUN}@example.gr"),
         description="Ζήτησα τον υπεύθυνο αλλά ο υπάλληλος αρνήθηκε να φωνάξει τον υπεύθυνο και μου είπε "
                     "ότι φταίω εγώ που δεν διάβασα τους όρους.",
         desired_remedy="Μια γραπτή συγγνώμη και να μην ξανασυμβεί."),
]


async def _answers(address: str) -> bool:
    try:
        async with grpc.aio.insecure_channel(address) as channel:
            health = health_pb2_grpc.HealthStub(channel)
            reply = await health.Check(health_pb2.HealthCheckRequest(), timeout=1)
            return reply.status == health_pb2.HealthCheckResponse.SERVING
    except grpc.aio.AioRpcError:
        return False


async def demo(address: str, resolution_address: str = "", compensation_address: str = "",
               publicity_address: str = "") -> None:
    async with grpc.aio.insecure_channel(address) as channel:
        intake = api_grpc.IntakeServiceStub(channel)
        ids, references = [], {}
        for fields in COMPLAINTS:
            response = await intake.FileComplaint(api.FileComplaintRequest(request_id=str(uuid.uuid4()), **fields),
                                                  metadata=MD)
            c = response.complaint
            how = "linked to the open complaint" if response.linked_to_existing else "filed as"
            print(f"{types.Channel.Name(fields['channel'])[8:].lower():<28} {how} {c.reference}")
            if c.complaint_id not in ids:
                ids.append(c.complaint_id)
                references[c.complaint_id] = c.reference
        print()
        for complaint_id in ids:
            print_story(await intake.GetComplaint(api.GetComplaintRequest(complaint_id=complaint_id), metadata=MD))
            print()
    if resolution_address:
        await resolve(resolution_address, ids[0])
    if resolution_address and compensation_address:
        await compensate(compensation_address, resolution_address, [(i, references[i]) for i in ids])
    if resolution_address and publicity_address:
        greek = ids[-1]  # the last of COMPLAINTS: the letter to the corporate office
        print()
        await go_public(publicity_address, resolution_address, greek, references[greek])


async def resolve(address: str, complaint_id: str) -> None:
    """The manager works the first case; the customer is still unhappy; it goes up a level."""
    from redress.events.v1 import resolution_pb2 as rev
    from redress.resolution.v1 import resolution_service_pb2 as rapi
    from redress.resolution.v1 import resolution_service_pb2_grpc as rapi_grpc

    async with grpc.aio.insecure_channel(address) as channel:
        cases = rapi_grpc.ResolutionServiceStub(channel)
        for _ in range(100):  # the case opens by itself once resolution has read intake's event
            try:
                await cases.GetCase(rapi.GetCaseRequest(complaint_id=complaint_id), metadata=MD)
                break
            except grpc.aio.AioRpcError:
                await asyncio.sleep(0.1)

        async def step(**kind):
            await cases.RecordStep(rapi.RecordStepRequest(complaint_id=complaint_id, **kind), metadata=MD)

        print("The duty manager works the case:")
        await step(understand=rapi.UnderstandingStep(customer_reason="Waited an hour, cold food, laughed at."))
        try:
            await step(apologise=rapi.ApologyStep(text="We apologise for any inconvenience this may have caused."))
        except grpc.aio.AioRpcError as refused:
            print(f"  conduct guard: {refused.code().name}: {refused.details()}")
        await step(apologise=rapi.ApologyStep(text="I am sorry: you waited an hour, and our waiter laughed at you."))
        await step(explain=rapi.ExplanationStep(text="Two cooks were off sick and nobody told the floor staff."))
        await step(fix=rapi.FixStep(text="Refunded the meal; the waiter has been spoken to."))
        await cases.ProposeResolution(rapi.ProposeResolutionRequest(complaint_id=complaint_id,
                                                                    summary="Refund and apology"), metadata=MD)
        case = await cases.RecordVerdict(rapi.RecordVerdictRequest(
            complaint_id=complaint_id, satisfied=False, score=2, reason=rev.DISSATISFACTION_REASON_BRUSHED_OFF,
            comment="Nobody asked what would make it right."), metadata=MD)
        print(f"  the customer is not satisfied: escalated to {types.Level.Name(case.level)[6:].lower()}, "
              f"handler {case.handler}\n")
        dossier = await cases.GetDossier(rapi.GetDossierRequest(complaint_id=complaint_id), metadata=MD)
        print(dossier.letter)


def main() -> int:
    client = ClientSettings()
    address, resolution, compensation = client.intake_address, client.resolution_address, client.compensation_address
    publicity = client.publicity_address
    platform = None
    if not asyncio.run(_answers(address)):
        print("no intake service answers; starting the platform for the demo ...", flush=True)
        (PROJECT_ROOT / ".redress").mkdir(exist_ok=True)
        log = open(PROJECT_ROOT / ".redress" / "services.log", "a")
        platform = start_platform(env={"REDRESS_CREDENTIALS_FILE": str(dev_credentials_file())}, log_to=log)
        address = platform.services["intake"].address
        resolution = platform.services["resolution"].address
        compensation = platform.services["compensation"].address
        publicity = platform.services["publicity-watch"].address
    try:
        asyncio.run(demo(address, *(a if asyncio.run(_answers(a)) else ""
                                    for a in (resolution, compensation, publicity))))
    finally:
        if platform:
            platform.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
