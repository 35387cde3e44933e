"""An iterable made in a second thread, a batch ahead of its consumer.

Import writes a file's store rows with SQLite while they are still being made (columnar.py): SQLite lets go
of the interpreter lock while it writes, so making the next rows in another thread keeps the second core
busy instead of alternating the two in one thread. Order and exceptions are kept: an exception raised
while making the rows is raised to the consumer, at the place it would have been.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")
BATCH = 256
AHEAD = 4  # batches made but not yet consumed: bounds the memory to a few batches
_DONE = object()


def prefetched(items: Iterable[T], *, batch: int = BATCH) -> Iterator[T]:
    """The same items in the same order, made in a daemon thread at most `AHEAD` batches ahead."""
    batches: queue.Queue[object] = queue.Queue(maxsize=AHEAD)
    stop = threading.Event()

    def produce() -> None:
        source = iter(items)
        chunk: list[T] = []
        try:
            while not stop.is_set():
                chunk = []
                chunk.extend(islice(source, batch))  # what was made before an exception stays in `chunk`
                if not chunk:
                    break
                batches.put(chunk)
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, raised there
            batches.put(chunk)
            batches.put(_Failure(exc))
            return
        batches.put(_DONE)

    thread = threading.Thread(target=produce, name="matterkit-prefetch", daemon=True)
    thread.start()
    try:
        while (chunk := batches.get()) is not _DONE:
            if isinstance(chunk, _Failure):
                raise chunk.exc
            yield from chunk  # type: ignore[misc]
    finally:
        stop.set()
        while thread.is_alive():  # unblock a producer waiting on a full queue, then let it end
            try:
                batches.get_nowait()
            except queue.Empty:
                thread.join(0.01)


class _Failure:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc
