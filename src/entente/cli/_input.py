"""What the user gives a command, checked once: parameter types, free-text and weight parsing, and the
states a command names (:func:`resolve_states`).

The parameter types bound counts, years, seeds and free text; :func:`resolve_states` turns the states a
command names into COW states for the year or window it asks about (refusing ambiguous names, the same
state twice and states not in the system then).
"""

from __future__ import annotations

import datetime as dt
import math

import click

from entente import countries
from entente.countries import MAX_YEAR, MIN_YEAR
from entente.errors import BadInput

# ------------------------------------------------------------------------------------ parameter types
#: A year: the state system starts in 1816; nothing is planned past 2100.
YEAR = click.IntRange(MIN_YEAR, MAX_YEAR)
#: A count where 0 means "all" (--top) and one that must be at least 1.
COUNT_OR_ALL = click.IntRange(min=0, max=100_000)
COUNT = click.IntRange(min=1, max=100_000)
#: A random seed (numpy takes 0 … 2**32 − 1).
SEED = click.IntRange(0, 2**32 - 1)
#: Leiden resolution: a positive, finite number.
RESOLUTION = click.FloatRange(min=0, max=1000, min_open=True)
#: The longest free text (a layer list, a weight list) a command reads.
MAX_TEXT_CHARS = 500
MAX_WEIGHT = 1e6


def bounded_text(ctx, param, value):
    """Callback: refuse free text longer than :data:`MAX_TEXT_CHARS` or holding control characters."""
    if value is None:
        return value
    if len(value) > MAX_TEXT_CHARS:
        raise click.BadParameter(f"{len(value):,} characters ({value[:20]!r}…); at most {MAX_TEXT_CHARS}.")
    if any(ord(c) < 32 for c in value):
        raise click.BadParameter(f"{value[:40]!r} holds control characters; write plain text.")
    return value


def parse_weights(text: str | None, *, normalise: bool = True) -> dict[str, float] | None:
    """``'unga=1,alliance=3'`` → ``{'unga': 0.25, 'alliance': 0.75}`` (or unscaled if not ``normalise``).

    Each weight must be a finite number from 0 to 1e6, no name may repeat, and not all may be 0; names
    are checked by the command that uses them. The bound keeps the sum finite (``unga=1e308,
    alliance=1e308`` summed to infinity and left an index with weight_covered 0.0); normalising
    (dividing by the sum) gives the composite index weights that sum to 1.
    """
    if text is None:
        return None
    bounded_text(None, None, text)
    example = "unga=0.4,alliance=0.3,disputes=0.2,trade=0.1"
    out: dict[str, float] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name, sep, value = (s.strip() for s in part.partition("="))
        try:
            number = float(value) if sep and name else math.nan
        except ValueError:
            number = math.nan
        if not sep or not name or (math.isnan(number) and value.lower() != "nan"):
            raise BadInput(f"Weight {part!r} is not name=number; write weights as {example!r}.")
        if not math.isfinite(number) or not 0 <= number <= MAX_WEIGHT:
            raise BadInput(f"Weight {part!r}: a weight is a number from 0 to {MAX_WEIGHT:g} (relative to the "
                           f"others, e.g. {example!r}).")
        if name in out:
            raise BadInput(f"Weight {name!r} is given twice in {text!r}; give each once.")
        out[name] = number
    if not out:
        raise BadInput(f"--weights {text!r} holds no weight; write e.g. {example!r}.")
    total = sum(out.values())
    if total == 0:
        raise BadInput(f"--weights {text!r} are all 0; give at least one a positive weight.")
    return {k: v / total for k, v in out.items()} if normalise else out


# ------------------------------------------------------------------------------------------ states
def _years(spells) -> str:
    parts = []
    for start, end in spells:
        last = "" if end is None else str(end.year)
        parts.append(f"{start.year}–{last}" if last != str(start.year) else str(start.year))
    return ", ".join(parts)


def resolve_states(queries, *, year: int | None = None, start: int | None = None, end: int | None = None,
                   pair: bool = False, member: bool = True):
    """The COW states the user named, for one command, checked once.

    Names resolve for ``year``, or for the window's first year (``start``, else ``end``) so that a name
    means the same state in every command ("Germany" with --from 1980 is the state `entente country
    Germany --year 1980` names); names that meant two states then are refused (AmbiguousCountry). A
    state given twice is refused ("Both states are Russia ..." for a pair). With a year or window, a
    state that was not in the state system on any day of it is refused, naming its years (unless
    ``member`` is False: the pictures say themselves that a state "cast no UN votes" that year).
    """
    when = year if year is not None else (start if start is not None else end)
    found = [countries.resolve(q, year=when, strict=True) for q in queries]
    seen: dict[int, str] = {}
    for query, state in zip(queries, found):
        if state.ccode in seen:
            given = f" ({seen[state.ccode]!r} and {query!r})" if seen[state.ccode] != query else ""
            if pair and len(found) == 2:
                raise BadInput(f"Both states are {state.label}{given}; give two different states.")
            raise BadInput(f"{state.label} is given twice{given}; give each state once.")
        seen[state.ccode] = query
    if member and (year is not None or start is not None or end is not None):
        first = year if year is not None else (start if start is not None else MIN_YEAR)
        last = year if year is not None else (end if end is not None else dt.date.today().year)
        if first > last:
            if end is None:
                raise BadInput(f"--from {first} is after this year ({last}); give a year that has passed.")
            raise BadInput(f"--from {first} is after --to {last}; give the first year first.")
        for state in found:
            if not any(countries.is_member(state.ccode, y) for y in range(first, last + 1)):
                span = str(first) if first == last else f"{first}–{last}"
                raise BadInput(f"{state.label} was not in the state system in {span} (COW: "
                               f"{_years(countries.membership(state.ccode))}); choose years when it was, or "
                               "name the state of that time.")
    return found


def membership_note(state, year: int) -> str | None:
    """A note when ``state`` was not in the state system in ``year`` (for `entente country --year`)."""
    if countries.is_member(state.ccode, year):
        return None
    return (f"{state.label} was not in the state system in {year} (COW: "
            f"{_years(countries.membership(state.ccode))}).")
