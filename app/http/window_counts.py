"""Fixed-window request counts in this process's memory, for a service without Redis.

What the rate limiter asks of a store (`incr`, `get_expiry`, as `limits`' storages answer
them), kept in one dict: a count and the end of its window per key. `limits`' own memory
store does the same behind a lock per key and a background task that looks for ended
windows after nearly every request; one event loop needs neither, and ended windows are
dropped in a sweep at most once every SWEEP_S seconds.
"""

import time

SWEEP_S = 10.0


class WindowCounts:
    def __init__(self) -> None:
        self.windows: dict[str, tuple[float, int]] = {}  # key -> (window end, count)
        self.next_sweep = 0.0

    async def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """The key's count in its window after adding `amount`; a new window starts at 0."""
        now = time.time()
        if now >= self.next_sweep:
            self._sweep(now)
        end, count = self.windows.get(key, (0.0, 0))
        if end <= now:
            end, count = now + expiry, 0
        count += amount
        self.windows[key] = (end, count)
        return count

    async def get_expiry(self, key: str) -> float:
        """When the key's window ends (now, for a key without one)."""
        window = self.windows.get(key)
        return window[0] if window is not None else time.time()

    def _sweep(self, now: float) -> None:
        self.windows = {key: window for key, window in self.windows.items() if window[0] > now}
        self.next_sweep = now + SWEEP_S
