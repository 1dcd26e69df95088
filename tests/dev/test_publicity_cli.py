"""`redress mentions | escalations | radar`, run in process against the session's services: a
newspaper letter linked to the customer's complaint with its evidence, the public answer's life
through the conduct guard and a manager's approval, a weak match a person links and unlinks,
and what a user sees when a command is wrong."""
from __future__ import annotations

import argparse
import asyncio
import re
import time
import uuid
from datetime import datetime, timezone

import pytest

from redress.dev import publicity_cli
from redress.dev.cli import main
from redress.dev.client import InputError
from redress.events.v1 import publicity_pb2 as pev
from redress.publicitywatch.v1 import publicity_watch_service_pb2 as api

TOKEN, MANAGER = "token-pw", "token-pw-manager"
COMPLAINT = ("Στο κατάστημα της Γλυφάδας ο υπάλληλος μου φώναξε και αρνήθηκε να αλλάξει το χαλασμένο ψυγείο "
             "που αγόρασα. Ζητώ αντικατάσταση του ψυγείου.")
LETTER = ("Επιστολή αναγνώστη: Στο κατάστημα της Γλυφάδας ο υπάλληλος μου φώναξε και αρνήθηκε να αλλάξει το "
          "χαλασμένο ψυγείο. Απαράδεκτη εξυπηρέτηση, κανείς δεν απαντά.")
BLAMING = "Κύριε, φταίτε εσείς που δεν διαβάσατε τους όρους. Δεν μπορούμε να κάνουμε τίποτα."
ANSWER = ("Αγαπητέ κύριε Παπαδόπουλε, λυπούμαστε ειλικρινά για τη συμπεριφορά που αντιμετωπίσατε στο "
          "κατάστημα της Γλυφάδας. Θα αντικαταστήσουμε το ψυγείο σας αυτή την εβδομάδα.")
NEWSPAPER = "https://www.kathimerini.gr/letters/"


@pytest.fixture
def redress(monkeypatch, capsys):
    """Runs `redress ...` in process as the caller with this token; (exit code, stdout, stderr)."""
    def run(*argv: str, token: str = TOKEN) -> tuple[int, str, str]:
        monkeypatch.setenv("REDRESS_TOKEN", token)
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err
    return run


@pytest.fixture
def services(intake, resolution, publicity, monkeypatch):
    monkeypatch.setenv("REDRESS_INTAKE_ADDR", intake.address)
    monkeypatch.setenv("REDRESS_RESOLUTION_ADDR", resolution.address)
    monkeypatch.setenv("REDRESS_PUBLICITY_WATCH_ADDR", publicity.address)


def until(probe, timeout: float = 20.0, every: float = 0.3):
    """Calls probe until it returns something true; returns that (or the last falsy answer)."""
    deadline = time.monotonic() + timeout
    while True:
        result = probe()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(every)


def filed(redress, handle: str = "", name: str = "Γιώργος Παπαδόπουλος", text: str = COMPLAINT) -> str:
    """Files the complaint with `redress file`, and waits for its case: the complaint id."""
    contact = ["--handle", handle] if handle else []
    code, out, err = redress("file", "--channel", "email", "--description", text, "--name", name, "--store", "Glyfada",
                             "--email", f"{uuid.uuid4().hex[:8]}@example.gr", *contact)
    assert code == 0, err
    complaint_id = re.match(r"filed (\S+);", out)[1]
    assert until(lambda: redress("case", complaint_id)[0] == 0), "resolution opened no case"
    return complaint_id


def reported(redress, complaint_id: str, *post: str) -> tuple[str, str]:
    """Reports the post with `redress mentions report` (at a fresh address each time, in case
    publicity-watch had not heard of the complaint yet) until it links: (mention id, output)."""
    def attempt():
        code, out, err = redress("mentions", "report", "--url", NEWSPAPER + uuid.uuid4().hex[:8], *post)
        assert code == 0, err
        return out if f"linked to {complaint_id}" in out.splitlines()[1] else ""
    out = until(attempt)
    assert out, f"the post was not linked to {complaint_id}"
    return re.search(r"^mention (\S+)", out, re.M)[1], out


# -- without services: what is typed, and what is printed -------------------------------------

def test_times_are_typed_as_dates_or_ago():
    now = datetime(2026, 11, 2, 12, 0, tzinfo=timezone.utc)
    assert publicity_cli.parse_instant("24h", "--since", now).ToDatetime(timezone.utc) == datetime(
        2026, 11, 1, 12, 0, tzinfo=timezone.utc)
    assert publicity_cli.parse_instant("7d", "--since", now).ToDatetime(timezone.utc).day == 26
    assert publicity_cli.parse_instant("2026-11-02T09:30+02:00", "--since").ToDatetime(timezone.utc).hour == 7
    assert publicity_cli.parse_instant("2026-11-02", "--since").ToDatetime(timezone.utc).hour == 0
    with pytest.raises(InputError, match="--since 'yesterday' is not a time like 2026-11-02"):
        publicity_cli.parse_instant("yesterday", "--since")
    assert publicity_cli.parse_source("review-site") == pev.SOURCE_KIND_REVIEW_SITE
    assert publicity_cli.parse_source("x") == pev.SOURCE_KIND_TWITTER


def test_a_mention_prints_its_candidates_and_their_evidence(capsys):
    match = pev.MentionMatched(outcome="review", threshold=0.8, candidates=[pev.LinkCandidate(
        complaint_id="c-1", customer_id="cu-1", confidence=0.64,
        evidence=[pev.LinkEvidence(kind="name", detail="ελενη κ", weight=0.4),
                  pev.LinkEvidence(kind="similar_text", detail="0.40 of the words shared", weight=0.4)])])
    publicity_cli.print_mention(api.Mention(
        mention_id="m-1", source=pev.SOURCE_KIND_BLOG, source_name="Το ιστολόγιό μου", url="https://blog.example.gr/1",
        author="Ελένη Κ", content=pev.MentionContent(text="Παρέλαβα σπασμένο πλυντήριο."), language="el",
        sentiment="negative", sentiment_confidence=0.91, reach=800, match=match, stated_intent="newspaper"))
    assert capsys.readouterr().out.splitlines() == [
        "mention m-1  [blog, negative 0.91, el]  waits for a person",
        "  Το ιστολόγιό μου https://blog.example.gr/1  by Ελένη Κ, reach 800",
        "  \u201cΠαρέλαβα σπασμένο πλυντήριο.\u201d",
        "  says more is coming: newspaper",
        "  matching: a person should decide (links on its own from 0.80)",
        "    complaint c-1  confidence 0.64  customer cu-1",
        "      0.40  name: ελενη κ",
        "      0.40  similar text: 0.40 of the words shared"]


def test_the_radar_explains_each_score(capsys):
    publicity_cli.print_radar(api.RiskRadar(entries=[api.RiskEntry(
        complaint_id="c-9", customer_id="cu-9", store="Glyfada", score=72, threshold=60,
        factors=[pev.RiskFactor(name="stated_intent", points=30, detail="said: newspaper"),
                 pev.RiskFactor(name="resolved", points=-10)])]))
    assert capsys.readouterr().out.splitlines() == [
        " 1. complaint c-9  score 72 (threshold 60)  customer cu-9  store Glyfada",
        "        +30  stated intent: said: newspaper",
        "        -10  resolved"]
    publicity_cli.print_radar(api.RiskRadar())
    assert "the radar sees nothing" in capsys.readouterr().out


@pytest.mark.parametrize("argv, message", [
    (("mentions", "list", "--linked", "maybe"), "error: --linked 'maybe': choose from linked, unlinked, review\n"),
    (("mentions", "list", "--since", "last week"), "error: --since 'last week' is not a time like 2026-11-02"),
    (("mentions", "report", "--source", "radio", "--url", "https://x", "--text", "t"),
     "error: unknown source 'radio'; choose from: review-site, blog, newspaper, twitter, facebook, forum\n"),
    (("mentions", "report", "--source", "blog", "--text", "t"), "error: say where the post is: --url (or --guid)\n"),
    (("escalations", "resolve", "m-1", "--how", "forgotten"), "error: --how 'forgotten': choose from updated, "
                                                              "retracted\n"),
    (("radar", "--limit", "500"), "error: --limit 500: from 1 to 200\n"),
])
def test_a_bad_command_stops_before_it_calls(redress, argv, message):
    code, out, err = redress(*argv)
    assert (code, out) == (2, "") and err.startswith(message)


# -- against the services -----------------------------------------------------------------------

@pytest.mark.kafka
def test_a_newspaper_letter_links_itself_and_is_answered_in_public(services, redress):
    handle = f"@giorgos_{uuid.uuid4().hex[:6]}"
    complaint_id = filed(redress, handle)
    mention_id, out = reported(redress, complaint_id, "--source", "newspaper", "--source-name", "Καθημερινή",
                               "--text", LETTER, "--author", "Γιώργος Π.", "--handle", handle, "--reach", "90000")
    assert out.splitlines()[0] == "reported"
    assert "[newspaper, negative" in out and "  Καθημερινή https://www.kathimerini.gr/letters/" in out
    assert "  matching: linked automatically (links on its own from 0.80)" in out
    assert f"    complaint {complaint_id}  confidence " in out
    assert f"      0.80  handle: {handle}" in out and "similar text: " in out

    code, out, _ = redress("mentions", "list", "--source", "newspaper", "--linked", "linked", "--since", "1h",
                           "--limit", "500")
    line = next(row for row in out.splitlines() if row.startswith(mention_id))
    assert f"newspaper   negative linked to {complaint_id}" in line and "Γιώργος Π. (" in line

    code, out, _ = redress("escalations", "show", mention_id)
    assert out.splitlines()[0] == f"public escalation of mention {mention_id}  [open]  complaint {complaint_id}"
    assert "a negative newspaper post, linked automatically" in out and ", in el;" in out
    assert until(lambda: "at corporate_office level" in redress("case", complaint_id)[1]), \
        "resolution did not take the case to the corporate office"

    code, out, err = redress("escalations", "draft", mention_id, "--text", BLAMING)
    assert (code, out) == (1, "") and err.startswith("error: FAILED_PRECONDITION: the conduct guard flagged")
    code, out, err = redress("escalations", "draft", mention_id, "--text", ANSWER)
    assert code == 0 and "  [drafted]" in out and f"  draft by client-pw (el): \u201c{ANSWER}\u201d" in out
    code, _, err = redress("escalations", "approve", mention_id)
    assert code == 1 and err.startswith("error: PERMISSION_DENIED: only a manager")
    code, out, _ = redress("escalations", "approve", mention_id, token=MANAGER)
    assert "  [approved]" in out and "  approved by manager-pw" in out
    code, out, _ = redress("escalations", "publish", mention_id, "--url", NEWSPAPER + "reply-1", token=MANAGER)
    assert f"by manager-pw: {NEWSPAPER}reply-1" in out
    code, out, _ = redress("escalations", "follow-up", mention_id, "--text", "Ευχαριστώ, το ψυγείο αντικαταστάθηκε.")
    assert "  the author again: \u201cΕυχαριστώ, το ψυγείο αντικαταστάθηκε.\u201d" in out
    code, out, _ = redress("escalations", "resolve", mention_id, "--how", "updated", "--detail", "thanked the store")
    assert "  [resolved]" in out and out.rstrip().endswith("resolved publicly: the author updated")
    code, _, err = redress("escalations", "close", mention_id, "--reason", "done")
    assert code == 1 and err.startswith("error: FAILED_PRECONDITION: the public escalation of mention")

    code, out, _ = redress("escalations", "list", "--status", "resolved", "--limit", "500")
    assert any(row.startswith(f"{mention_id}  resolved") for row in out.splitlines())
    code, out, _ = redress("escalations", "report")
    assert code == 0 and re.match(r"\d+ public escalations?: \d+ open, [1-9]\d* answered in public", out)
    assert "time to the public answer: median " in out


@pytest.mark.kafka
def test_a_weak_match_waits_for_a_person_who_links_and_unlinks_with_a_reason(services, redress):
    name = f"Ελένη Κ{uuid.uuid4().hex[:4]}"
    complaint_id = filed(redress, name=name,
                         text="Το πλυντήριο που παρέλαβα ήταν σπασμένο και κανείς δεν με πήρε τηλέφωνο.")

    def queued():
        code, out, err = redress("mentions", "report", "--source", "blog", "--author", name,
                                 "--url", f"https://blog.example.gr/{uuid.uuid4().hex[:8]}",
                                 "--text", "Παρέλαβα σπασμένο πλυντήριο και κανείς δεν με πήρε τηλέφωνο. Ντροπή.")
        return out if "waits for a person" in out else ""
    out = until(queued)
    assert out and f"    complaint {complaint_id}  confidence 0." in out and "  name: " in out
    mention_id = re.search(r"^mention (\S+)", out, re.M)[1]
    _, out, _ = redress("mentions", "list", "--linked", "review", "--source", "blog", "--since", "1h", "--limit", "500")
    assert any(row.startswith(mention_id) and "waits for a person" in row for row in out.splitlines())

    code, _, err = redress("mentions", "link", mention_id, complaint_id, "--reason", " ", token=MANAGER)
    assert code == 1 and err.startswith("error: INVALID_ARGUMENT: reason is required")
    code, out, _ = redress("mentions", "link", mention_id, complaint_id, "--reason", "same washing machine",
                           token=MANAGER)
    assert code == 0 and out.splitlines()[0].endswith(f"linked to {complaint_id}")
    _, out, _ = redress("escalations", "show", mention_id)
    assert "  [open]" in out and "linked by manager-pw" in out
    code, out, _ = redress("mentions", "unlink", mention_id, "--reason", "another Eleni", token=MANAGER)
    # Back in the queue of mentions a person decides (the service keeps matching's outcome).
    assert code == 0 and out.splitlines()[0].endswith("waits for a person") and "linked to" not in out
    _, out, _ = redress("escalations", "show", mention_id)
    assert "  [closed]" in out and "  closed: unlinked: another Eleni" in out
    code, _, err = redress("mentions", "unlink", mention_id, "--reason", "again", token=MANAGER)
    assert code == 1 and err == f"error: FAILED_PRECONDITION: mention {mention_id} is not linked to any complaint\n"


@pytest.mark.kafka
def test_what_does_not_exist_says_so(services, redress):
    assert redress("mentions", "show", "no-such") == (1, "", "error: NOT_FOUND: there is no mention no-such\n")
    code, _, err = redress("escalations", "show", "no-such")
    assert code == 1 and err.startswith("error: NOT_FOUND: ")
    code, _, err = redress("mentions", "list", "--source", "blog", token="token-nobody")
    assert code == 1 and err.startswith("error: UNAUTHENTICATED: ")
    assert redress("radar", "--limit", "3")[0] == 0


@pytest.mark.kafka
def test_watch_prints_new_mentions_as_they_come(services, monkeypatch, capsys):
    monkeypatch.setenv("REDRESS_TOKEN", TOKEN)
    url = f"https://forum.example.gr/t/{uuid.uuid4().hex[:8]}"
    report = argparse.Namespace(command="mentions", action="report", source="forum", url=url, guid="", title="",
                                text="Ο υπάλληλος στη Γλυφάδα δεν απάντησε ποτέ.", source_name="", author="",
                                handle="", reach=0, rating=0.0, rating_out_of=0.0, published="", deleted=False,
                                request_id=None)

    async def watched() -> str:
        watch = asyncio.create_task(publicity_cli.run(argparse.Namespace(command="mentions", action="watch")))
        deadline = time.monotonic() + 20
        try:
            while time.monotonic() < deadline:
                await asyncio.sleep(0.5)  # the watch may not be listening yet: report until it prints
                report.url = f"{url}-{int(time.monotonic() * 10)}"
                assert await publicity_cli.run(report) == 0
                printed = [row for row in capsys.readouterr().out.splitlines() if row.startswith("reported ")]
                if printed:
                    return printed[0]
            return ""
        finally:
            watch.cancel()
            await asyncio.gather(watch, return_exceptions=True)

    line = asyncio.run(watched())
    assert line.startswith("reported  ") and "  forum  " in line and "\u201cΟ υπάλληλος στη Γλυφάδα" in line
