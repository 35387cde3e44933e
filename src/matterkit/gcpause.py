"""Pausing CPython's cyclic garbage collector around work that allocates many objects and makes no cycles.

Loading a county's matters (≈ 17 container objects each) or comparing its lists creates hundreds of thousands
of objects; each burst sets off collections that walk every object already alive (≈ 1.4 million for 50,000
matters), which cost as much as the work itself. Nothing these blocks build refers back to itself, so every
object they drop is freed at once by reference counting; pausing the collector changes no memory figure.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic collector off for the block, then as it was (a caller that turned it off keeps it off)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
