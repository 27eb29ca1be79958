"""Globally unique, time-ordered record ids (UUIDv7, RFC 9562) generated on the device.

Records are merged from several laptops later, so ids must never depend on a
database counter. UUIDv7 puts the millisecond timestamp first, so ids sort by
creation time and index well.
"""

from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_counter = 0


def new_uid() -> str:
    """A new UUIDv7 as a lower-case string; monotonic within this process."""
    global _last_ms, _counter
    with _lock:
        now_ms = time.time_ns() // 1_000_000
        if now_ms > _last_ms:
            _last_ms = now_ms
            # Start each millisecond at a random point in the lower half of the
            # 12-bit counter so many ids in one millisecond still increase.
            _counter = int.from_bytes(os.urandom(2), "big") & 0x7FF
        else:
            _counter += 1
            if _counter > 0xFFF:  # counter exhausted: borrow the next millisecond
                _last_ms += 1
                _counter = 0
        ms, counter = _last_ms, _counter
    random_tail = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | counter << 64 | 0b10 << 62 | random_tail
    return str(uuid.UUID(int=value))
