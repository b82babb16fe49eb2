"""A least-recently-used cache bounded by the memory its entries take."""

import sys
from collections import OrderedDict
from threading import Lock


class ByteBoundedCache:
    """``compute(key)``, remembered while the estimated size stays under ``max_bytes``.

    ``size_of(key, value)`` estimates an entry's bytes; an entry larger than
    a quarter of the budget is never kept, so one huge text cannot evict
    everything else.
    """

    def __init__(self, compute, max_bytes, size_of):
        self._compute = compute
        self.max_bytes = max_bytes
        self._size_of = size_of
        self._entries = OrderedDict()
        self._bytes = 0
        self._lock = Lock()

    @property
    def bytes(self):
        return self._bytes

    def __len__(self):
        return len(self._entries)

    def __call__(self, key):
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key][0]
        value = self._compute(key)
        size = self._size_of(key, value)
        if size > self.max_bytes // 4:
            return value
        with self._lock:
            if key not in self._entries:
                self._entries[key] = (value, size)
                self._bytes += size
            while self._bytes > self.max_bytes:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._bytes -= dropped
        return value

    def cache_clear(self):
        with self._lock:
            self._entries.clear()
            self._bytes = 0


def text_size(text):
    return sys.getsizeof(text)
