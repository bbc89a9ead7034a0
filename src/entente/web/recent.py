"""The pairs viewed lately on this server (in memory, newest first), for the home page."""

from __future__ import annotations

import threading
from collections import OrderedDict

KEEP = 8
_pairs: OrderedDict[str, str] = OrderedDict()
_lock = threading.Lock()


def remember(href: str, label: str) -> None:
    """Note that the pair page ``href`` (labelled ``label``) was viewed."""
    with _lock:
        _pairs.pop(href, None)
        _pairs[href] = label
        while len(_pairs) > KEEP:
            _pairs.popitem(last=False)


def recent() -> list[dict]:
    """The pairs viewed lately, newest first: ``{"href", "label"}``."""
    with _lock:
        return [{"href": href, "label": label} for href, label in reversed(_pairs.items())]
