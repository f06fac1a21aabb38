"""Memory over a day's work: freed memory handed back to the system (glibc's allocator on
Linux), and the app's own code kept out of the cycle collector's way."""

from __future__ import annotations

import ctypes
import gc
import sys

#: glibc's ``mallopt`` parameter for the size from which a block gets a mapping of its own.
_M_MMAP_THRESHOLD = -3

#: Blocks of this size or more are mapped alone and unmapped when freed.
LARGE_BLOCK = 1024 * 1024


def return_freed_memory() -> None:
    """Fix glibc's threshold for blocks mapped alone at ``LARGE_BLOCK``.

    glibc raises that threshold to the largest block freed so far (up to 32 MB) to save
    system calls. The first password check frees argon2id's 24 MB block, so every later one,
    and every large buffer of a year's report, came from the heap instead and stayed resident
    after it was freed: 24 MB more after each sign-in. A fixed threshold turns that off; the
    price is a fresh mapping per password check (about 10 ms of CPU on a deliberate ~40 ms),
    and no change measured on a year's report.
    Elsewhere (Windows, macOS, musl) nothing is changed.
    """
    if not sys.platform.startswith("linux"):
        return
    mallopt = getattr(ctypes.CDLL(None), "mallopt", None)  # the C library already loaded
    if mallopt is not None:
        mallopt(_M_MMAP_THRESHOLD, LARGE_BLOCK)


def set_aside_loaded_code() -> None:
    """Once the app's code is loaded, keep its objects out of the cycle collector's full
    passes.

    Modules, classes and functions (about 80,000 objects) live as long as the process, yet a
    full collection walked every one of them each time it ran: a 40-90 ms pause in the middle
    of whatever the person had just clicked, more often the more they had open. Garbage is
    collected first, so nothing unreachable is kept; what is created later (windows, records)
    is collected as before.
    """
    gc.collect()
    gc.freeze()
