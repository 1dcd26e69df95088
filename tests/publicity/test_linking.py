"""Matching a post to a complaint, as plain functions: the evidence a person reviewing the
queue sees, the confidence it adds up to, and when a link happens without anyone."""
from __future__ import annotations

import ast
from pathlib import Path

from redress.types.v1 import complaint_pb2 as types
from redress_publicity_watch import linking
from redress_publicity_watch.linking import Post, Thresholds, match
from redress_publicity_watch.story import ComplaintStory

STORY = ComplaintStory(
    complaint_id="c-1", organisation="org", customer_id="cust-1", reference="RDR-7KQ2-M9XD",
    order_reference="ORD-55812", store="Glyfada",
    contacts=(types.CustomerContact(name="Ayşe Yılmaz", email="ayse@example.com", phone="+30 210 555 0101",
                                    social_handle="@ayse_y"),),
    texts=("Siparişim iki hafta gecikti ve kimse telefonu açmıyor, param iade edilmedi.",))
OTHER = ComplaintStory(complaint_id="c-2", organisation="org", customer_id="cust-2",
                       contacts=(types.CustomerContact(name="Nikos Georgiou"),),
                       texts=("The fridge arrived broken and the driver left.",))


def kinds(post: Post, story: ComplaintStory = STORY) -> dict[str, float]:
    return {e.kind: e.weight for e in linking.evidence(post, story)}


def test_each_kind_of_evidence_is_found_and_named():
    post = Post("Ayşe Yılmaz", "@AYSE_Y", "RDR-7kq2-m9xd ORD-55812 again, write to ayse@example.com or "
                                          "call 210 555 0101. Glyfada store. Siparişim gecikti, telefonu açmıyor.")
    assert set(kinds(post)) == {"handle", "email", "phone", "name", "complaint_reference", "order_reference",
                                "store", "similar_text"}


def test_a_complaint_reference_links_on_its_own_and_a_name_only_queues():
    by_reference = match("m", Post("", "", "Still waiting: RDR-7KQ2-M9XD"), [STORY, OTHER], Thresholds())
    assert by_reference.outcome == "auto_link" and by_reference.candidates[0].complaint_id == "c-1"
    by_name = match("m", Post("Ayşe Yılmaz", "", "Terrible shop."), [STORY, OTHER], Thresholds())
    assert by_name.outcome == "review" and by_name.candidates[0].confidence < 0.8


def test_similar_words_alone_never_link_and_unrelated_posts_match_nothing():
    alike = match("m", Post("", "", "Siparişim iki hafta gecikti ve kimse telefonu açmıyor, param iade edilmedi."),
                  [STORY], Thresholds())
    assert alike.outcome == "review" and alike.candidates[0].confidence < Thresholds().auto
    unrelated = match("m", Post("Someone", "@else", "Lovely weather at the beach."), [STORY, OTHER], Thresholds())
    assert unrelated.outcome == "none" and not unrelated.candidates


def test_two_complaints_of_the_same_customer_equally_likely_wait_for_a_person():
    twin = ComplaintStory(**{**STORY.__dict__, "complaint_id": "c-3", "texts": ()})
    first = ComplaintStory(**{**STORY.__dict__, "texts": ()})
    both = match("m", Post("", "@ayse_y", "Awful."), [first, twin], Thresholds())
    assert both.outcome == "review" and {c.complaint_id for c in both.candidates} == {"c-1", "c-3"}


def test_confidence_adds_up_evidence_and_an_organisation_may_ask_for_more():
    post = Post("", "@ayse_y", "Awful service.")
    assert match("m", post, [STORY], Thresholds(auto=0.8)).outcome == "auto_link"
    assert match("m", post, [STORY], Thresholds(auto=0.9)).outcome == "review"


def test_the_domain_modules_know_nothing_of_kafka_or_grpc():
    root = Path(linking.__file__).parent
    for name in ("domain", "mentions", "story", "escalation", "linking", "risk"):
        path = root / f"{name}.py"
        if not path.exists():
            continue
        imported = {n.module or "" for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.ImportFrom)}
        imported |= {a.name for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.Import)
                     for a in n.names}
        assert not [m for m in imported if m.startswith(("aiokafka", "grpc", "faust", "redress.kernel.servicelog"))], name
