"""`prefetched` (import makes a file's store rows in a second thread while SQLite writes the ones before): the
same items in the same order, an exception where it would have been raised, and a consumer that stops early
leaves no thread behind."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from matterkit.prefetch import prefetched


def test_the_items_come_in_order_across_many_batches() -> None:
    assert list(prefetched(range(10_000), batch=7)) == list(range(10_000))
    assert list(prefetched([])) == []


def test_an_error_while_making_the_items_reaches_the_consumer_after_the_items_before_it() -> None:
    def items() -> Iterator[int]:
        yield from range(5)
        raise ValueError("row 5 cannot be made")

    seen: list[int] = []
    with pytest.raises(ValueError, match="row 5"):
        for item in prefetched(items(), batch=2):
            seen.append(item)
    assert seen == [0, 1, 2, 3, 4]


def test_a_consumer_that_stops_early_leaves_no_thread_behind() -> None:
    before = {thread.ident for thread in threading.enumerate()}
    stream = prefetched(iter(range(1_000_000)), batch=10)
    assert [next(stream) for _ in range(3)] == [0, 1, 2]
    stream.close()
    assert [t for t in threading.enumerate() if t.ident not in before and t.name == "matterkit-prefetch"] == []
