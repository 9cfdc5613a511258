"""Answers kept until what they depend on changes.

`FingerprintCache`: one entry per key, stored with a fingerprint (the workspace's data version
and the rows the answer reads), so a cached answer is never stale; one computation at a time
per key, concurrent askers wait and reuse it. `LruCache`: answers whose key holds everything
they depend on, the least recently used dropped past a size."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class FingerprintCache(Generic[T]):
    def __init__(self) -> None:
        self._entries: dict[Hashable, tuple[Hashable, T]] = {}
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, key: Hashable, fingerprint: Hashable, compute: Callable[[], T]) -> T:
        """The answer for `key` computed under `fingerprint`, computing it if it is missing
        or was computed under another."""
        kept = self._entries.get(key)
        if kept is not None and kept[0] == fingerprint:
            return kept[1]
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            kept = self._entries.get(key)
            if kept is not None and kept[0] == fingerprint:
                return kept[1]
            value = compute()
            self._entries[key] = (fingerprint, value)
            return value


class LruCache(Generic[T]):
    """At most `size` answers, the least recently used dropped first; thread-safe. Two askers
    of a missing key may both compute it (the answers are equal: the key says what they are)."""

    def __init__(self, size: int) -> None:
        self._entries: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()
        self._size = size

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        value = compute()
        self.put(key, value)
        return value

    def find(self, key: Hashable) -> T | None:
        """The answer kept for `key`, or None."""
        with self._lock:
            if key not in self._entries:
                return None
            self._entries.move_to_end(key)
            return self._entries[key]

    def put(self, key: Hashable, value: T) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
