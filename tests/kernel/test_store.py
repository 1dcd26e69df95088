"""The replica's store on its own: what it keeps, and what it throws away to rebuild."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from redress.events.v1 import intake_pb2 as ev
from redress.kernel.envelope import Envelope
from redress.kernel.store import Position, Store, StoreInUse
from redress_intake.projection import ComplaintBook, ComplaintFilter

T = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)


def filed(n: int, org: str = "org") -> Envelope:
    cid = f"c-{n:04d}"
    payload = ev.ComplaintFiled(complaint_id=cid, organisation=org, customer_id=f"cust-{n % 3}",
                                description="cold food", channel=1, category=1, severity=2)
    return Envelope(event_id=f"e-{cid}", source="//redress/intake", subject=cid, time=T.replace(minute=n % 60),
                    sequence=1, organisation=org, actor="a", client_id="cl", correlation_id="x",
                    causation_id="y", request_id=f"r-{n}", payload=payload, command="file")


def test_a_book_on_disk_answers_the_same_after_it_is_opened_again(tmp_path):
    path = tmp_path / "intake.sqlite"
    book = ComplaintBook(Store(path, ComplaintBook.SCHEMA, "t"))
    with book.store.transaction():
        for n in range(50):
            book.apply(filed(n))
        book.store.save_positions({0: Position(50, 49, "e-c-0049")})
    before = [c.complaint_id for c in book.list("org", ComplaintFilter())]
    book.store.close()

    again = ComplaintBook(Store(path, ComplaintBook.SCHEMA, "t"))
    assert [c.complaint_id for c in again.list("org", ComplaintFilter())] == before
    assert again.get("org", "c-0007").filed.customer_id == "cust-1"
    assert again.store.positions() == {0: Position(50, 49, "e-c-0049")}
    assert again.complaint_for_request("org", "r-7") == "c-0007"


def test_memory_holds_a_bounded_number_of_streams_and_the_rest_is_read_back(tmp_path):
    book = ComplaintBook(Store(tmp_path / "i.sqlite", ComplaintBook.SCHEMA, "t"))
    book.streams._cached = 10
    for n in range(100):
        book.apply(filed(n))
    assert len(book.streams._cache) <= 10
    assert book.get("org", "c-0003").complaint_id == "c-0003"
    assert len(book.histories["c-0003"]) == 1


def test_pages_walk_the_index_in_filing_order(tmp_path):
    book = ComplaintBook(Store(tmp_path / "i.sqlite", ComplaintBook.SCHEMA, "t"))
    for n in range(30):
        book.apply(filed(n))
    first = book.list("org", ComplaintFilter(), None, 10)
    after = book.list("org", ComplaintFilter(), (round(first[-1].filed_at.timestamp() * 1e6), first[-1].complaint_id),
                      100)
    everything = sorted(book.list("org", ComplaintFilter()), key=lambda c: (c.filed_at, c.complaint_id))
    assert [c.complaint_id for c in first + after] == [c.complaint_id for c in everything]
    assert all(c.filed.customer_id == "cust-2" for c in book.list("org", ComplaintFilter(customer_id="cust-2")))


def test_a_failed_batch_leaves_nothing_behind(tmp_path):
    book = ComplaintBook(Store(tmp_path / "i.sqlite", ComplaintBook.SCHEMA, "t"))
    book.apply(filed(1))
    with pytest.raises(RuntimeError):
        with book.store.transaction():
            book.apply(filed(2))
            book.store.save_positions({0: Position(2, 1, "e-c-0002")})
            raise RuntimeError("the disk is full")
    assert book.get("org", "c-0002") is None and book.get("org", "c-0001") is not None
    assert book.store.positions() == {}


def test_a_store_of_another_schema_or_unreadable_is_thrown_away(tmp_path):
    path = tmp_path / "intake.sqlite"
    book = ComplaintBook(Store(path, ComplaintBook.SCHEMA, "t"))
    book.apply(filed(1))
    book.store.close()
    other = Store(path, ComplaintBook.SCHEMA + "\nCREATE TABLE extra(x);", "t")
    assert other.db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 0
    other.close()
    path.write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"intake.sqlite{suffix}").unlink(missing_ok=True)
    fresh = ComplaintBook(Store(path, ComplaintBook.SCHEMA, "t"))
    fresh.apply(filed(2))
    assert fresh.get("org", "c-0002") is not None


def test_two_replicas_cannot_share_a_store(tmp_path):
    first = Store(tmp_path / "intake.sqlite", ComplaintBook.SCHEMA, "t")
    with pytest.raises(StoreInUse, match="REDRESS_STATE_DIR"):
        Store(tmp_path / "intake.sqlite", ComplaintBook.SCHEMA, "t")
    first.close()
    Store(tmp_path / "intake.sqlite", ComplaintBook.SCHEMA, "t").close()
