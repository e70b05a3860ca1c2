"""The garbage collector, tuned for a server: the app's start-up objects kept out of its way.

Under load CPython's defaults cost about a fifth of the service's CPU: a young collection every
700 net allocations, which 32 requests in flight cross every few requests, and a full
collection every hundred or so of those, each scanning the app's whole start-up heap
(routes, models, validators, schemas: tens of milliseconds, for objects that live as long
as the process). Almost everything a request allocates is freed by reference counting, so
few collections find anything.
"""

import gc

# Net allocations of tracked objects between two young collections (CPython's default: 700).
YOUNG_COLLECTION_THRESHOLD = 10_000


def settle_startup_heap() -> None:
    """Move every object alive now out of the collector's generations, and collect young
    objects less often."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, middle, old)


def release_startup_heap() -> None:
    """Hand the frozen objects back to the collector: the app is stopping, and the process
    may live on (tests start many apps)."""
    gc.unfreeze()
