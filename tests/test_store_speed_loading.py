"""Loading matters back from the store: what comes out is what went in, and loading quickly (the garbage
collector paused while a batch is built) never leaves the caller's process with the collector switched off."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from matterkit.model import FeeItem, Location, Material, Matter, NormalisationIssue
from matterkit.store import _FETCH, Store


def civil_affairs_matter(row: int) -> Matter:
    """A county row with every kind of content the store keeps: elements, materials, fees, provenance."""
    return Matter(
        name=f"临时救助对象认定{row}", base_code="000123021000", type="行政确认", level=["县级", "乡级"],
        promised_limit=20, fee=False, online=True, channels=["窗口办理", "网上办理"],
        materials=[Material(name="身份证", necessity="必要", kind="原件", copies=1)],
        fees=[FeeItem(standard="不收费")], list_level="county", list_body="县民政局",
        source=Location(file="lists/民政局.xlsx", sheet="实施清单", row=row),
        cells={"name": f"B{row}", "base_code": f"D{row}", "promised_limit": f"P{row}"},
        raw={"name": f"临时救助对象认定{row}", "base_code": "000123021000", "promised_limit": "二十个工作日"},
        extra={"备注二": "试点"},
        issues=[NormalisationIssue(element="promised_limit", code="days_in_words", raw="二十个工作日")])


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "store.sqlite")
    yield opened
    opened.close()


@pytest.fixture
def collector_on() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


def store_rows(store: Store, count: int) -> list[Matter]:
    matters = [civil_affairs_matter(row) for row in range(2, count + 2)]
    store.replace_file(resolved_path="/county/lists/民政局.xlsx", given_path="lists/民政局.xlsx", sha256="x",
                       list_level="county", list_body="县民政局", report={}, matters=matters)
    return matters


def test_matters_read_back_over_several_batches_equal_those_stored(store: Store) -> None:
    stored = store_rows(store, _FETCH + 5)
    loaded = list(store.iter_matters())
    assert [m.model_dump() for m in loaded] == [m.model_dump() for m in stored]
    assert loaded[-1].location_of("promised_limit").cell == f"P{_FETCH + 6}"
    assert loaded[0].raw["promised_limit"] == "二十个工作日"
    assert loaded[0].issues[0].code == "days_in_words"


def test_one_files_matters_and_one_matter_read_back_equal_those_stored(store: Store) -> None:
    stored = store_rows(store, 3)
    [(file_id, given)] = store.matter_files()
    assert given == "lists/民政局.xlsx"
    assert list(store.iter_file_matters(file_id)) == stored
    assert store.matter_at(file_id, 2) == stored[2]
    assert store.matter_at(file_id, 3) is None


def test_catalogue_entries_read_back_equal_those_stored(store: Store) -> None:
    entries = [civil_affairs_matter(row) for row in range(2, 12)]
    store.replace_catalogue("catalogue.yaml#abc", entries)
    assert list(store.iter_catalogue()) == entries
    first_id = store.catalogue_keys()[0][0]
    assert store.catalogue_entry(first_id) == entries[0]


def test_the_collector_runs_in_the_callers_code_while_matters_stream(store: Store, collector_on: None) -> None:
    store_rows(store, _FETCH + 5)
    seen_enabled = [gc.isenabled() for _ in store.iter_matters()]
    assert len(seen_enabled) == _FETCH + 5
    assert all(seen_enabled)
    assert gc.isenabled()


def test_a_caller_that_stops_reading_early_finds_the_collector_running(store: Store, collector_on: None) -> None:
    store_rows(store, 10)
    matters = store.iter_matters()
    next(matters)
    assert gc.isenabled()
    del matters
    assert gc.isenabled()


def test_a_caller_that_switched_the_collector_off_finds_it_still_off(store: Store, collector_on: None) -> None:
    store_rows(store, 10)
    gc.disable()
    try:
        assert len(list(store.iter_matters())) == 10
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_matters_stream_file_by_file_in_given_path_order_each_in_stored_order(store: Store) -> None:
    for given, rows in (("lists/县民政局.xlsx", (7, 3)), ("lists/乡镇/东云镇.xlsx", (2, 9))):
        matters = [civil_affairs_matter(row).model_copy(update={"list_body": given}) for row in rows]
        store.replace_file(resolved_path=f"/county/{given}", given_path=given, sha256="x", list_level="county",
                           list_body=given, report={}, matters=matters)
    streamed = [(m.list_body, m.source.row) for m in store.iter_matters()]
    assert streamed == [("lists/乡镇/东云镇.xlsx", 2), ("lists/乡镇/东云镇.xlsx", 9),
                        ("lists/县民政局.xlsx", 7), ("lists/县民政局.xlsx", 3)]
    assert [given for _, given in store.matter_files()] == ["lists/乡镇/东云镇.xlsx", "lists/县民政局.xlsx"]


def test_a_store_made_before_the_file_order_index_gets_it_when_opened(tmp_path: Path) -> None:
    older = Store(tmp_path / "store.sqlite")
    stored = store_rows(older, 3)
    older.conn.execute("DROP INDEX files_order")
    older.close()
    reopened = Store(tmp_path / "store.sqlite")
    try:
        assert list(reopened.iter_matters()) == stored
        indexes = {name for (name,) in reopened.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "files_order" in indexes
    finally:
        reopened.close()
