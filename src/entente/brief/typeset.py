"""How the brief writes a number, a count, a share, a change, a list and a name: one helper per job, used by
every section and both templates, so that the same number reads the same everywhere.

The conventions are a copy editor's for typeset numbers (the Unicode Standard names U+2212 MINUS SIGN as
the character for a negative number; the hyphen-minus is a compromise of typewriters and ASCII):

- a negative number takes the minus sign U+2212 ("−0.13"), never the hyphen-minus, which stays for text
  meant to be copied as code (commands in backticks, BibTeX);
- a change carries its sign ("+0.30", "−0.50"); a value that rounds to zero is written without one
  ("0.00", never "−0.00");
- whole numbers of four digits or more take a thousands separator ("1,234"); years never do (a year is not
  written by these helpers);
- a real but small share that would print as zero is written "under 0.1%", a tiny slope with two
  significant figures ("−0.00044"), not as "0.0%" or "0.00".

Cost: string formatting only, a few microseconds a call.
"""

from __future__ import annotations

import math
import numbers
import re

import pandas as pd

from entente import countries

#: The minus sign (U+2212), as typeset text writes a negative number.
MINUS = "\u2212"
#: What a table cell shows for a missing value.
DASH = "–"

#: A hyphen-minus that opens a number ("-0.13", "(-.5"), not one inside a word, a range or a date.
HYPHEN_NUMBER = re.compile(r"(?<![\w.\-])-(?=\.?\d)")


def missing_value(value) -> bool:
    """None, NaN or pandas' NA: a value the brief writes as missing, not as a number."""
    if value is None:
        return True
    if isinstance(value, float):             # numpy's floats too: the common case, without pandas
        return math.isnan(value)
    if isinstance(value, numbers.Integral):  # Python's and numpy's integers
        return False
    return not isinstance(value, str) and bool(pd.isna(value))


def minus(text: str) -> str:
    """A label written elsewhere in ASCII ("alignment -0.25, alliance +0.67") with its negative numbers
    typeset: each hyphen-minus that opens a number becomes U+2212; hyphens inside words, ranges and dates
    ("non-aggression", "2001-2010", "2014-03-01") are left alone."""
    return HYPHEN_NUMBER.sub(MINUS, str(text))


def number(value, digits: int = 2, missing: str = DASH) -> str:
    """``value`` to ``digits`` decimals with thousands separators and the minus sign: ``−0.13``,
    ``1,234.5``, ``12,345``; never ``−0.00`` (a value that rounds to zero is ``0.00``); ``missing`` for None
    or NaN."""
    if missing_value(value):
        return missing
    text = f"{float(value):,.{digits}f}"
    if text.startswith("-"):
        text = text[1:] if float(text.replace(",", "")) == 0 else MINUS + text[1:]
    return text


def whole(n) -> str:
    """A count: ``7``, ``1,234``, ``−12``."""
    return number(int(n), 0)


def signed(value: float, digits: int = 2, unit: str = "") -> str:
    """A change with its sign: ``+0.30``, ``−0.50``, ``+1,234.0``; a value that rounds to zero is ``0.00``
    (no sign: it is neither a rise nor a fall)."""
    text = number(value, digits)
    if text.startswith(MINUS) or float(text.replace(",", "")) == 0:
        return text + unit
    return "+" + text + unit


def places(value: float, digits: int) -> int:
    """The decimals that write ``value`` with at least two significant figures, and never fewer than
    ``digits``: 0.3 at 2 → 2 ("0.30"); 0.024 at 2 → 3 ("0.024"); 0.00044 at 2 → 5 ("0.00044")."""
    if not value or not math.isfinite(value):
        return digits
    decimals = digits            # as rounded, so that 0.0999 at 2 is "0.10" and 0.009996 at 2 is "0.010"
    while abs(float(f"{value:.{decimals}f}")) < 10 ** (1 - decimals) and decimals < 15:
        decimals += 1
    return decimals


def changes(values, digits: int = 2, unit: str = "") -> list[str]:
    """A slope and its interval ends, signed and at one precision: as many decimals as give the first value
    two significant figures (:func:`places`), at least ``digits``. An end that still rounds to zero is "just
    below 0" or "just above 0": −0.00044 with its interval −0.00088 and −0.00000073 →
    ``["−0.00044", "−0.00088", "just below 0"]``, not ``−0.00000073`` nor ``0``."""
    values = [float(v) for v in values]
    decimals = places(values[0], digits) if values else digits
    out = []
    for v in values:
        if v and float(f"{v:.{decimals}f}") == 0:
            out.append(("just below 0" if v < 0 else "just above 0") + unit)
        else:
            out.append(signed(v, decimals, unit))
    return out


def pct(value, digits: int = 0, missing: str = "n/a") -> str:
    """A share (0.56) as a percentage: ``56%`` (``digits`` decimals), ``1,234%``; a share above zero that
    would print as zero is ``under 1%`` (``under 0.1%`` at one decimal): the share is real, only small."""
    if missing_value(value):
        return missing
    percent = 100 * float(value)
    if 0 < percent < 0.5 * 10 ** -digits:
        return f"under {number(10 ** -digits, digits)}%"
    return number(percent, digits) + "%"


def share(value, missing: str = "an unknown share") -> str:
    """A share of trade, to one decimal: ``1.4%``, ``under 0.1%`` (COW rounds flows to whole millions: a
    small share is not none)."""
    return pct(value, 1, missing)


def money(millions: float) -> str:
    """US$ millions in words a reader scans: ``US$23.7 billion``, ``US$412 million``, ``under US$1 million``."""
    if millions is None:
        return "an unknown amount"
    if millions < 0.5:
        return "under US$1 million"
    if millions >= 1000:
        return f"US${number(millions / 1000, 1)} billion"
    return f"US${number(millions, 0)} million"


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 war``, ``2 wars``, ``1,234 roll calls``; ``many`` for irregular plurals (``1 veto``, ``3 vetoes``)."""
    n = int(n)
    return f"{whole(n)} {word if n == 1 else (many or word + 's')}"


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``11th``, ``32nd``, ``80th``."""
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def listing(items) -> str:
    """``a``; ``a and b``; ``a, b and c`` (empty items left out)."""
    items = [str(i) for i in items if i is not None and i != ""]
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def possessive(name: str) -> str:
    """``Iran's``, ``the United States'`` (a name ending in s takes the apostrophe alone)."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def the(state_name: str) -> str:
    """``the Soviet Union``, ``India``: a name as it reads inside a sentence
    (:data:`entente.countries.ARTICLE_NAMES`)."""
    return f"the {state_name}" if state_name in countries.ARTICLE_NAMES else state_name
