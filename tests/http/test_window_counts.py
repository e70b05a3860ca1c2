"""Fixed-window counts in memory answer as limits' memory storage does."""

import types

import pytest
from limits.aio.storage import MemoryStorage

from app.http import window_counts
from app.http.window_counts import SWEEP_S, WindowCounts


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock(1_000_000.0)
    monkeypatch.setattr(window_counts, "time", types.SimpleNamespace(time=clock.time))
    return clock


async def test_counts_grow_within_a_window_and_start_again_after_it(clock: Clock) -> None:
    counts = WindowCounts()

    assert [await counts.incr("a", 60) for _ in range(3)] == [1, 2, 3]
    assert await counts.incr("b", 60) == 1  # each key has its own window
    assert await counts.get_expiry("a") == 1_000_060.0
    clock.now += 59.9
    assert await counts.incr("a", 60) == 4
    clock.now += 0.1  # the window's end belongs to the next window
    assert await counts.incr("a", 60) == 1
    assert await counts.get_expiry("a") == clock.now + 60


async def test_a_key_without_a_window_ends_now(clock: Clock) -> None:
    assert await WindowCounts().get_expiry("never") == clock.now


async def test_ended_windows_are_swept_away(clock: Clock) -> None:
    counts = WindowCounts()
    await counts.incr("short", 1)
    await counts.incr("long", 3600)
    clock.now += SWEEP_S

    await counts.incr("new", 60)

    assert set(counts.windows) == {"long", "new"}


async def test_the_same_sequence_counts_as_in_limits_memory_storage() -> None:
    ours, theirs = WindowCounts(), MemoryStorage()
    keys = ["a", "b", "a", "a", "c", "b", "a"]

    assert [await ours.incr(k, 60) for k in keys] == [await theirs.incr(k, 60) for k in keys]
