"""Answers kept until what they depend on changes: each entry is stored with a fingerprint
(the workspace's data version and the rows the answer reads), so a cached answer is never
stale. One computation at a time per key: concurrent askers wait and reuse it."""

from __future__ import annotations

import threading
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
