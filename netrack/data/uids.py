"""The `uid` of an interaction, a referral or a time entry (schema 12): text that names
the record wherever its history travels, so `import json` of an older export finds a
record edited since (see migrations/m012_record_uids.py).

32 lowercase hexadecimal digits (as many as the md5 the migration gives a row older
than it): the millisecond it was made (12 digits), then 20 random ones; a batch takes
one random start and counts up from it. So the uids of rows written together ascend, and the
unique index grows at its end: wholly random uids cost the import of 100,000 LinkedIn
messages twice the index work (each insert at a random page of it)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # `random` itself only when the demo seeds uids: not on every command
    import random

_TAIL_BITS = 80  # the 20 digits after the time
# A seeded source while the demo writes (`seeded`); else the clock and the system's
# randomness.
_seeded: ContextVar[random.Random | None] = ContextVar("seeded_uids", default=None)


def _start() -> tuple[int, int]:
    """(the time part, a random tail to count from)."""
    source = _seeded.get()
    # The tail's top bit clear: counting up from it stays within its 20 digits.
    if source is not None:
        return source.getrandbits(48), source.getrandbits(_TAIL_BITS - 1)
    return time.time_ns() // 1_000_000, int.from_bytes(os.urandom(_TAIL_BITS // 8)) >> 1


def new_uid() -> str:
    return new_uids(1)[0]


def new_uids(count: int) -> list[str]:
    """`count` new uids, in ascending order, from one read of the randomness: a bulk
    import of 100,000 messages asks once, not 100,000 times."""
    made, tail = _start()
    prefix = f"{made % (1 << 48):012x}"
    return [prefix + format(n, "020x") for n in range(tail, tail + count)]


def derived_from_id(table: str, row_id: int, uid: str | None) -> bool:
    """Whether `uid` is the one schema 13 gave the row from its table and id alone
    (`m013_named_uids.derived`), which a history begun apart gives its own row too."""
    from netrack.data.migrations.m013_named_uids import derived

    return uid == derived(table, row_id)


@contextmanager
def seeded(seed: str) -> Iterator[None]:
    """Within the block, uids come from a source seeded with `seed` (no clock): the demo
    writes the same database each time it is made for a day (its own source, so the
    story's random choices stay what they were)."""
    import random

    token = _seeded.set(random.Random(seed))
    try:
        yield
    finally:
        _seeded.reset(token)
