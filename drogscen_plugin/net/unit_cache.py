"""Skolverket's unit details kept on disk for a day, so a second fetch is fast.

One file per detail address (its SHA-256), written atomically; a file older
than ``max_age`` seconds, or one that cannot be read, counts as absent.
"""

import hashlib
import json
import os
import tempfile
import time

DAY = 24 * 3600


class DetailCache:
    """JSON answers by address in ``folder`` (created when first written)."""

    def __init__(self, folder, max_age=DAY, clock=time.time):
        self.folder = folder
        self.max_age = max_age
        self._clock = clock

    def _path(self, url):
        return os.path.join(self.folder, hashlib.sha256(url.encode("utf-8")).hexdigest() + ".json")

    def get(self, url):
        """The answer kept for ``url``, or None when there is none younger than a day."""
        path = self._path(url)
        try:
            if self._clock() - os.path.getmtime(path) > self.max_age:
                return None
            with open(path, encoding="utf-8") as stream:
                return json.load(stream)
        except (OSError, ValueError):
            return None

    def put(self, url, payload):
        """Keep ``payload``; a cache that cannot be written is only slower, never an error."""
        try:
            os.makedirs(self.folder, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(payload, stream, ensure_ascii=True)
            os.replace(temporary, self._path(url))
        except (OSError, ValueError):
            try:
                os.remove(temporary)
            except OSError:
                pass
