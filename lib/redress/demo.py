"""`make demo`: files realistic complaints (English, Turkish, Greek) and prints their stories.

Uses the intake service at REDRESS_INTAKE_ADDR when one answers there (`make run` in
another terminal); otherwise starts the platform for the demo and stops it after.
"""
from __future__ import annotations

import asyncio
import os
import sys
import uuid

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from redress.cli import DEV_TOKEN, print_story
from redress.intake.v1 import intake_service_pb2 as api
from redress.intake.v1 import intake_service_pb2_grpc as api_grpc
from redress.platform import start_platform
from redress.settings import PROJECT_ROOT, dev_credentials_file
from redress.types.v1 import complaint_pb2 as types

MD = (("authorization", f"Bearer {DEV_TOKEN}"),)
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


async def demo(address: str) -> None:
    async with grpc.aio.insecure_channel(address) as channel:
        intake = api_grpc.IntakeServiceStub(channel)
        ids = []
        for fields in COMPLAINTS:
            response = await intake.FileComplaint(api.FileComplaintRequest(request_id=str(uuid.uuid4()), **fields),
                                                  metadata=MD)
            c = response.complaint
            how = "linked to the open complaint" if response.linked_to_existing else "filed as"
            print(f"{types.Channel.Name(fields['channel'])[8:].lower():<28} {how} {c.reference}")
            if c.complaint_id not in ids:
                ids.append(c.complaint_id)
        print()
        for complaint_id in ids:
            print_story(await intake.GetComplaint(api.GetComplaintRequest(complaint_id=complaint_id), metadata=MD))
            print()


def main() -> int:
    address = os.environ.get("REDRESS_INTAKE_ADDR", "127.0.0.1:50051")
    platform = None
    if not asyncio.run(_answers(address)):
        print("no intake service answers; starting the platform for the demo ...", flush=True)
        (PROJECT_ROOT / ".redress").mkdir(exist_ok=True)
        log = open(PROJECT_ROOT / ".redress" / "services.log", "a")
        platform = start_platform(env={"REDRESS_CREDENTIALS_FILE": str(dev_credentials_file())}, log_to=log)
        address = platform.services["intake"].address
    try:
        asyncio.run(demo(address))
    finally:
        if platform:
            platform.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
