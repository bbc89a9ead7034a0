"""What a request may say, checked before anything reads the warehouse: state codes, years, formats.

A state in an address is a code or a name of at most :data:`MAX_STATE_CHARS` letters, digits, spaces and
the punctuation names use (``IRN``, ``630``, ``Côte d'Ivoire``, ``cow:AUS``); anything else (``IR';DROP``)
is refused with :class:`~entente.errors.BadInput` before it is resolved. Years lie in
:data:`entente.period.FIRST_YEAR` … this year, the first not after the last (:func:`window`). A page's
format is the address's suffix: ``/pair/IRN/RUS.csv`` (:func:`split_format`).
"""

from __future__ import annotations

import re

from entente import countries, period
from entente.errors import BadInput

MAX_STATE_CHARS = 60
_STATE = re.compile(r"[^\W_][\w .,'’()\-:]*")
#: The formats every page has besides HTML.
FORMATS = ("html", "json", "csv", "md")


def split_format(segment: str) -> tuple[str, str]:
    """``"RUS.csv"`` → ``("RUS", "csv")``; ``"RUS"`` → ``("RUS", "html")``. An unknown suffix is
    part of the name (``"St. Lucia"``), which then has to resolve."""
    stem, dot, suffix = segment.rpartition(".")
    if dot and suffix in FORMATS[1:]:
        return stem, suffix
    return segment, "html"


def state(text: str, what: str = "state") -> countries.State:
    """The state a path segment or parameter names; BadInput for a malformed one, UnknownCountry
    (with suggestions) for a well-formed one that matches no state."""
    text = (text or "").strip()
    if not text:
        raise BadInput(f"The {what} is empty; give a code such as IRN or a name such as Iran.")
    if len(text) > MAX_STATE_CHARS or not _STATE.fullmatch(text):
        shown = text[:MAX_STATE_CHARS] + ("…" if len(text) > MAX_STATE_CHARS else "")
        raise BadInput(f"{shown!r} is not a state's code or name: use letters, digits and spaces (at most "
                       f"{MAX_STATE_CHARS} characters), e.g. IRN, 630 or Iran.")
    return countries.resolve(text)


def url_code(st: countries.State) -> str:
    """The code a state has in the app's addresses: its ISO3 code when that code means it, else its COW
    number (never ambiguous)."""
    if st.iso3:
        try:
            if countries.resolve(st.iso3).ccode == st.ccode:
                return st.iso3
        except (BadInput, LookupError):     # an ISO3 code entente reads as another state, or as none
            pass
    return str(st.ccode)


def year(value: int | None, what: str) -> int | None:
    """``value`` if it lies in the years entente has evidence for (1816 … this year), else BadInput."""
    if value is None:
        return None
    now = period.this_year()
    if not period.FIRST_YEAR <= value <= now:
        raise BadInput(f"{what}={value} is outside {period.FIRST_YEAR}–{now}, the years entente has evidence for.")
    return value


def window(start: int | None, end: int | None) -> tuple[int | None, int | None]:
    """Checked ``from`` and ``to`` (either may be None: the brief's default)."""
    start, end = year(start, "from"), year(end, "to")
    if start is not None and end is not None and start > end:
        raise BadInput(f"from={start} is after to={end}; give the earlier year first.")
    return start, end
