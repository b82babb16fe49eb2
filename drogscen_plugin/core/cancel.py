"""Cancel looked at often, at little cost: one clock for every long step of a run.

A run makes a :class:`CancelClock` of its ``is_canceled()`` and makes it the
thread's active clock (``with clock.active():``). Work deep below (parsing
hours, evaluating days, GEOS calls on many geometries) calls :func:`check`
between small pieces, a few milliseconds at most each, without the clock
being passed down; the clock asks the real ``is_canceled()`` only when
``INTERVAL`` has passed on the wall clock since it last asked: never later
than INTERVAL of work (CPU time), sooner on a busy machine. So a cancel is
seen within INTERVAL plus one piece of work, however the work is batched,
and checking costs next to nothing (a tenth of a microsecond).
Without an active clock (the dock checking hours as you type) nothing is asked.
"""

import threading
import time
from contextlib import contextmanager
from itertools import chain

from ..i18n import tr
from .errors import AnalysisCanceled

# CPU seconds between two looks at is_canceled(): well under the promised
# 100 ms, leaving room for the piece of work under way.
INTERVAL = 0.02
# CPU seconds a piece of vectorised work aims at (see ``pieces``).
PIECE = 0.004

_thread = threading.local()


class CancelClock:
    """Looks at ``is_canceled()`` (None: never canceled) at most every ``interval``
    seconds of ``clock`` (the wall clock: five times cheaper to read than
    this thread's CPU time, and never behind it) and raises
    :class:`AnalysisCanceled` with ``message`` (by default "The analysis was
    canceled.")."""

    def __init__(self, is_canceled=None, message=None, interval=INTERVAL, clock=time.perf_counter):
        self._is_canceled = is_canceled
        self._message = message
        self._interval = interval
        self.clock = clock
        self._due = clock() + interval

    def check(self):
        """Look at cancel when the interval has passed since the last look."""
        if self._is_canceled is not None and self.clock() >= self._due:
            self.look()

    def look(self):
        """Look at cancel now."""
        if self._is_canceled is None:
            return
        self._due = self.clock() + self._interval
        if self._is_canceled():
            raise AnalysisCanceled(self._message or tr("The analysis was canceled."))

    @contextmanager
    def active(self):
        """This clock as the thread's active clock for the duration (the one
        :func:`check` uses); the one before comes back afterwards."""
        before = getattr(_thread, "clock", None)
        _thread.clock = self
        try:
            yield self
        finally:
            _thread.clock = before

    def pieces(self, count, first=1):
        """Slices covering ``range(count)`` in order, each sized by the time the
        one before took to about PIECE seconds (at most twice as many items),
        with a check after each."""
        start, size = 0, first
        while start < count:
            stop = min(count, start + size)
            began = self.clock()
            yield slice(start, stop)
            self.check()
            spent = self.clock() - began
            size = max(1, min(2 * size, int(size * PIECE / spent) if spent > 0 else 2 * size))
            start = stop


def active_clock():
    """The thread's active clock, or None."""
    return getattr(_thread, "clock", None)


def check():
    """Look at cancel through the thread's active clock, if any, when it is due."""
    clock = getattr(_thread, "clock", None)
    if clock is not None:
        clock.check()


def pieces(count):
    """Slices covering ``range(count)``, for a vectorised call that cannot look
    at cancel itself: a few milliseconds of work each under an active clock,
    one slice without."""
    clock = getattr(_thread, "clock", None)
    if clock is None:
        return [slice(0, count)] if count else []
    return clock.pieces(count)


def each(items, step=64):
    """The items of a sequence, with a :func:`check` before every ``step`` of them."""
    clock = getattr(_thread, "clock", None)
    if clock is None:
        return items
    # Chained in C: a generator resumed per item would cost several times the look.
    return chain.from_iterable(_pieces_of(clock, items, step))


def _pieces_of(clock, items, step):
    for start in range(0, len(items), step):
        clock.check()
        yield items[start : start + step]
