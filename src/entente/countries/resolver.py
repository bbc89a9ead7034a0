"""Which state a name or code means: :func:`resolve`, the registry of names and codes behind it, and labels.

The rules and their order (numbers, letter codes and their clashes, names, year-aware names, errors and
suggestions, ambiguity) are in the docstring of :mod:`entente.countries`, which re-exports this module's
public names. When a state was in the state system is :mod:`entente.countries.system`.
"""

from __future__ import annotations

import datetime as dt
import functools
import numbers
import re
import unicodedata
from dataclasses import dataclass

from entente import countries_aliases as _al
from entente.countries.tables import _capital_rows, _codelist, _firsts, _missing, _spell_rows
from entente.errors import AmbiguousCountry, BadInput, UnknownCountry

#: COW letter codes that are another entity's ISO3 code: code → (what ISO3 means, the COW state).
CODE_CLASHES: dict[str, tuple[str, int]] = {
    "AUS": ("Australia", 305), "CZE": ("Czechia", 315), "KOR": ("South Korea", 730),
    "MAC": ("Macao", 343), "MNG": ("Mongolia", 341), "SLV": ("El Salvador", 349),
    "SWZ": ("Eswatini", 225),
}
UN_RES_2758 = dt.date(1971, 10, 25)  # the PRC takes China's UN seat
MIN_YEAR, MAX_YEAR = 1816, 2100
PREFIXES = ("cow", "iso", "gw", "fips")
#: The longest input ``resolve`` reads: the longest state name in the lists is under 60 characters.
MAX_QUERY_CHARS = 200

_YEAR_RULES = {
    "germany": lambda year: 260 if year is not None and 1946 <= year <= 1989 else 255,
    "yemen": lambda year: 678 if year is not None and year < 1990 else 679,
    # Korea (730) was annexed by Japan in 1910; after 1948 a bare "Korea" means the Republic (732).
    "korea": lambda year: 730 if year is not None and year <= 1910 else 732,
}

Target = int | str  # a COW code, the name of a year rule, or "capital:<folded name>"


@dataclass(frozen=True)
class State:
    """One state of the COW system: its codes and name."""

    ccode: int
    abb: str
    name: str
    iso3: str | None
    gwcode: int | None

    @property
    def label(self) -> str:
        """``"Iran (IRN, COW 630)"``: the ISO3 code if any, else the COW letter code (with ``cow:``
        where those letters mean something else on their own: ``"Czechoslovakia (cow:CZE, COW 315)"``)."""
        code = self.iso3
        if code is None:
            code = self.abb if self.abb not in CODE_CLASHES else f"cow:{self.abb}"
        return f"{self.name} ({code}, COW {self.ccode})"


@dataclass
class _Registry:
    by_ccode: dict[int, State]
    codes: dict[str, Target]  # bare 2/3-letter codes: ISO3, ISO2, withdrawn ISO, non-clashing COW
    cow_abbs: dict[str, int]
    iso: dict[str, Target]
    gw_abbs: dict[str, int]
    fips: dict[str, int]
    names: dict[str, Target]  # normalised name → target
    capitals: dict[str, Target]  # normalised capital, informal name or metonym → target
    capital_spells: dict[str, list[tuple[int, dt.date, dt.date]]]  # a capital two states had → its spells
    loose: dict[str, Target]  # loose key (see _loose) → target, where only one state has it
    why_not: dict[str, str]  # normalised name or upper-case code → why it is not a COW state
    gw_to_cow: dict[int, list[tuple[int, dt.date | None, dt.date | None]]]
    gw_only: dict[int, str]

def _normalize(text: str) -> str:
    """Fold case, accents, punctuation, "&" and "the": ``"Côte d’Ivoire"`` → ``"cote divoire"``."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("&", " and ")
    text = re.sub(r"[’'`´.]", "", text)
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    return " ".join(w for w in words if w != "the")


#: Abbreviations in names such as the World Bank's ("Iran, Islamic Rep.", "Lao PDR"), expanded by _loose.
_ABBREVIATIONS = {"rep": "republic", "dem": "democratic", "fed": "federal", "federated": "federal", "st": "saint",
                  "sts": "states", "is": "islands", "isl": "islands", "pdr": "peoples democratic republic",
                  "utd": "united"}


def _loose(key: str) -> str:
    """A normalised name with abbreviations expanded, "of"/"and" dropped and words sorted:
    ``"iran islamic rep"`` and ``"islamic republic of iran"`` both give ``"iran islamic republic"``."""
    words = (w for word in key.split() for w in _ABBREVIATIONS.get(word, word).split())
    return " ".join(sorted(w for w in words if w not in ("of", "and")))


def _invert(text: str) -> str | None:
    """``"Korea, Republic of"`` → ``"Republic of Korea"``; None without a comma."""
    head, sep, tail = text.partition(",")
    return f"{tail.strip()} {head.strip()}" if sep and tail.strip() else None


def _gw_name_variants(gw_name: str) -> list[str]:
    """A G-W name and its variants: "Iran (Persia)" → Iran (Persia), Iran, Persia."""
    out = [gw_name]
    base = re.sub(r"\s*\(.*?\)", "", gw_name).strip()
    for inner in re.findall(r"\((.*?)\)", gw_name):
        if inner.endswith(" of"):
            out.append(f"{inner} {base}")
        else:
            out += [p.strip() for p in inner.split("/") if p.strip() not in _al.GW_NOT_NAMES]
    for part in [base, *base.split("/")]:
        out += [part, _invert(part) or part]
    return out


def _cow_of_gw(gw_to_cow, gwcode: int, year: int | None) -> int | None:
    """The COW state that G-W state ``gwcode`` is on 31 December of ``year`` (or now)."""
    candidates = gw_to_cow.get(gwcode, [])
    if year is None:
        current = [c for c in candidates if c[2] is None]
        return (current or candidates or [(None,)])[-1][0]
    day = dt.date(year, 12, 31)
    for ccode, start, end in candidates:
        if (start is None or start <= day) and (end is None or day <= end):
            return ccode
    return candidates[0][0] if candidates else None


@functools.cache
def _registry() -> _Registry:
    cow, gw, cl = _spell_rows("cow"), _spell_rows("gw"), _codelist()
    first = _firsts(cow)
    gw_codes = {r.gwcode for r in gw}
    gw_to_cow: dict[int, list] = {}
    for ccode in (r.ccode for r in first):
        for g, start, end in _al.COW_GW.get(ccode, [(ccode, None, None)]):
            if g in gw_codes:
                gw_to_cow.setdefault(g, []).append((ccode, start, end))

    # countrycode rows → COW code (or None with a reason)
    iso3_of: dict[int, str] = {}
    iso: dict[str, Target] = {}
    fips: dict[str, int] = {}
    why_not: dict[str, str] = {}
    cl_names: dict[str, int] = {}
    name_cols = ["country_name_en", "iso_name_en", "un_name_en", "cow_name"]
    for row in cl:
        iso3 = None if _missing(row.iso3c) else str(row.iso3c)
        ccode = None if _missing(row.cown) else int(row.cown)
        ccode = _al.CODELIST_CCODE.get(iso3, ccode) if iso3 else ccode
        names = [str(getattr(row, c)) for c in name_cols if not _missing(getattr(row, c))]
        codes = {c: str(v) for c in ("iso3c", "iso2c", "fips") if not _missing(v := getattr(row, c))}
        iso_codes = [codes[c] for c in ("iso3c", "iso2c") if c in codes]
        if ccode is None:  # a territory or a non-state: remember why, for the error message
            reason = _al.NOT_STATE_REASONS.get(iso3, f"{row.country_name_en} is not a state in the COW state list")
            why_not.update({_normalize(n): reason for n in names})
            for code in iso_codes:
                why_not.setdefault(code, reason if iso3 in _al.NOT_STATE_REASONS else
                                   f"{code} is the code of {row.country_name_en}, not a state in the COW state list")
            continue
        iso3_of.update({ccode: iso3} if iso3 else {})
        cl_names.update({_normalize(n): ccode for n in names})
        iso.update({code: ccode for code in iso_codes})
        fips.update({codes["fips"]: ccode} if "fips" in codes else {})
    iso.update(_al.FORMER_ISO_CODES)
    iso.update(_al.YEAR_AWARE_CODES)

    by_ccode: dict[int, State] = {}
    for row in first:
        ccode = int(row.ccode)
        latest = [g for g, _, _ in _al.COW_GW.get(ccode, [(ccode, None, None)]) if g in gw_codes]
        by_ccode[ccode] = State(ccode, row.abb, row.name, iso3_of.get(ccode), latest[-1] if latest else None)
    cow_abbs = {s.abb: c for c, s in by_ccode.items()}

    # names: G-W, then countrycode, then COW, then curated aliases (later sources win)
    names: dict[str, Target] = {}
    gw_only: dict[int, str] = {}
    for row in _firsts(gw):
        ccode = _cow_of_gw(gw_to_cow, row.gwcode, row.start_date.year)
        if ccode is None:
            spells = [r for r in gw if r.gwcode == row.gwcode]
            span = (f"{min(r.start_date for r in spells).year}–"
                    f"{max(r.end_date for r in spells if r.end_date is not None).year}")
            gw_only[row.gwcode] = (f"{row.name} (G-W {row.gwcode}, {span}) is in the Gleditsch–Ward list but "
                                   "has no COW code, and entente keys states by COW code; see "
                                   "states(system='gw')")
        for variant in _gw_name_variants(row.name):
            key = _normalize(variant)
            if ccode is None:
                why_not[key] = gw_only[row.gwcode]
            else:
                names[key] = ccode
    names.update(cl_names)
    names.update({_normalize(s.name): c for c, s in by_ccode.items()})
    names.update({_normalize(k): v for k, v in _al.ALIASES.items()})
    names.update({_normalize(k): v for k, v in _al.YEAR_AWARE_NAMES.items()})

    why_not.update({_normalize(k): _al.NOT_STATE_REASONS[v] for k, v in _al.NOT_STATE_NAMES.items()})

    # capitals (year-aware where two states had one), then informal names; names always win
    capitals: dict[str, Target] = {}
    capital_spells: dict[str, list] = {}
    for row in _capital_rows():
        key = _normalize(row.capital)
        if key and key not in names and row.ccode in by_ccode:
            capital_spells.setdefault(key, []).append((row.ccode, row.start_date, row.end_date))
    for key, spells in capital_spells.items():
        ccodes = {c for c, _, _ in spells}
        capitals[key] = spells[0][0] if len(ccodes) == 1 else f"capital:{key}"
    capital_spells = {k: sorted(v, key=lambda s: s[1]) for k, v in capital_spells.items()
                      if capitals[k] == f"capital:{k}"}
    capitals.update({k2: v for k, v in _al.INFORMAL_NAMES.items() if (k2 := _normalize(k)) not in names})

    # loose keys of every name, kept only where they point to one state
    seen: dict[str, set] = {}
    for key, target in [*names.items(), *capitals.items()]:
        seen.setdefault(_loose(key), set()).add(target)
    loose = {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}

    codes: dict[str, Target] = {a: c for a, c in cow_abbs.items() if a not in CODE_CLASHES}
    codes.update(iso)
    gw_abbs = {r.abb: r.gwcode for r in gw}
    return _Registry(by_ccode, codes, cow_abbs, iso, gw_abbs, fips, names, capitals, capital_spells, loose,
                     why_not, gw_to_cow, gw_only)


# ----------------------------------------------------------------------------------------- resolve
def _check_year(year) -> int | None:
    if year is None:
        return None
    if isinstance(year, bool) or not isinstance(year, numbers.Integral):
        raise BadInput(f"year must be an integer such as 1990, not {year!r} ({type(year).__name__}).")
    if not MIN_YEAR <= int(year) <= MAX_YEAR:
        raise BadInput(f"year {year} is out of range: the state system starts in {MIN_YEAR}; "
                       f"give a year from {MIN_YEAR} to {MAX_YEAR}.")
    return int(year)


def _unknown(query, suggestions: list[str], why: str | None = None) -> UnknownCountry:
    """UnknownCountry with the standard message, or with ``why`` in place of the suggestions."""
    err = UnknownCountry(query, suggestions)
    if why:
        err.args = (f"Unknown country {str(query)!r}: {why}.",)
    return err


def _state(reg: _Registry, target: Target, year: int | None) -> State:
    if isinstance(target, int):
        return reg.by_ccode[target]
    if target.startswith("capital:"):
        return reg.by_ccode[_capital_holder(reg.capital_spells[target[8:]], year)]
    return reg.by_ccode[_YEAR_RULES[target](year)]


def _capital_holder(spells: list[tuple[int, dt.date, dt.date]], year: int | None) -> int:
    """The state whose capital it was on 31 December of ``year`` (the latest to make it so, if two
    did); without a year, or in a year before or after all spells, the nearest state in time."""
    if year is None:
        return spells[-1][0]
    day = dt.date(year, 12, 31)
    holding = [c for c, start, end in spells if start <= day <= end]
    if holding:
        return holding[-1]
    earlier = [c for c, start, _ in spells if start <= day]
    return earlier[-1] if earlier else spells[0][0]


def _by_number(reg: _Registry, ccode: int, query) -> State:
    if ccode in reg.by_ccode:
        return reg.by_ccode[ccode]
    near = sorted(reg.by_ccode, key=lambda c: (abs(c - ccode), c))[:3]
    raise _unknown(query, [reg.by_ccode[c].label for c in near],
                   f"no COW state has code {ccode}. Nearest codes: "
                   + "; ".join(reg.by_ccode[c].label for c in near))


#: A code-like query: two or three letters ("USX", "GER"); it is compared with codes, not names.
_CODE_LIKE = re.compile(r"[a-z]{2,3}")


def _suggest(reg: _Registry, text: str) -> list[str]:
    """Up to three states a mistyped query probably meant, or none rather than a far guess.

    A code-like query (two or three letters) is compared with the codes only: those one letter away (one
    letter changed, or two neighbours swapped: "USX", "UAS" → USA), never for a letter repeated ("XXX",
    "ZZZ" look like no code). A name is compared with the names and aliases: those within one edit per four
    letters (at least one; swaps count once: "Untied States", "Gemany", "Persai"), the nearest first and
    only those as near as the nearest, also with its words sorted ("States United").
    """
    from rapidfuzz import distance, process  # rapidfuzz: only for queries that failed, so loaded on first use

    key = _normalize(text)
    if not key:
        return []
    if _CODE_LIKE.fullmatch(key):
        if len(set(key)) == 1:
            return []
        codes = {k.lower(): v for k, v in reg.codes.items() if len(k) == len(key)}
        hits = process.extract(key, list(codes), scorer=distance.OSA.distance, score_cutoff=1, limit=None)
        # the codes that keep the query's first letter first (a typo is likelier later in a code), then A–Z
        ranked = sorted((k for k, _, _ in hits), key=lambda k: (k[0] != key[0], k))
        return _labels(reg, [codes[k] for k in ranked])
    most = max(1, len(key) // 4)
    shuffled = " ".join(sorted(key.split()))
    best: dict[str, int] = {}
    for query in {key, shuffled}:
        for name, dist, _ in process.extract(query, list(reg.names), scorer=distance.OSA.distance,
                                             score_cutoff=most, limit=None):
            best[name] = min(best.get(name, dist), dist)
    if not best:
        return []
    nearest = min(best.values())
    return _labels(reg, [reg.names[n] for n in sorted(best, key=lambda n: (best[n], n)) if best[n] == nearest])


def _labels(reg: _Registry, targets: list) -> list[str]:
    """The distinct labels of ``targets``, in order, at most three."""
    out: list[str] = []
    for target in targets:
        lab = _state(reg, target, None).label
        if lab not in out:
            out.append(lab)
    return out[:3]


def _resolve_prefixed(reg: _Registry, query: str, prefix: str, code: str, year: int | None) -> State:
    up = code.upper()
    if prefix == "cow":
        if _digits(code):
            return _by_number(reg, int(code), query)
        if up in reg.cow_abbs:
            return reg.by_ccode[reg.cow_abbs[up]]
    elif prefix == "iso":
        if up in reg.iso:
            return _state(reg, reg.iso[up], year)
        if up in reg.why_not:
            raise _unknown(query, [], reg.why_not[up])
    elif prefix == "fips":
        if up in reg.fips:
            return reg.by_ccode[reg.fips[up]]
    elif prefix == "gw":
        gwcode = int(code) if _digits(code) else reg.gw_abbs.get(up)
        if gwcode in reg.gw_only:
            raise _unknown(query, [], reg.gw_only[gwcode])
        ccode = _cow_of_gw(reg.gw_to_cow, gwcode, year) if gwcode is not None else None
        if ccode is not None:
            return reg.by_ccode[ccode]
    else:
        raise BadInput(f"Unknown prefix {prefix + ':'!r} in {query!r}; use one of "
                       + ", ".join(p + ":" for p in PREFIXES) + " (e.g. 'cow:AUS', 'iso:AUS', 'gw:260').")
    raise _unknown(query, _suggest(reg, code), None)


def _digits(text: str) -> bool:
    """ASCII digits only ("²" and "٣" are ``isdigit()`` but not COW numbers)."""
    return text.isascii() and text.isdigit()


def _ambiguous(reg: _Registry, query: str, key: str, year: int | None) -> AmbiguousCountry | None:
    """AmbiguousCountry when the folded name ``key`` meant more than one state in ``year``."""
    entry = _ambiguous_names().get(key)
    if entry is None:
        return None
    first, last, ccodes = entry
    if year is None:
        if last is not None:
            return None
    elif not (first <= year and (last is None or year <= last)):
        return None
    return AmbiguousCountry(query, [reg.by_ccode[c].label for c in ccodes], year=year)


@functools.cache
def _ambiguous_names() -> dict[str, tuple[int, int | None, tuple[int, ...]]]:
    return {_normalize(k): v for k, v in _al.AMBIGUOUS_NAMES.items()}


def resolve(query: str | int, *, year: int | None = None, strict: bool = False) -> State:
    """The state that ``query`` (a name, a code or a COW number) means, in ``year`` if given.

    ``resolve("Persia")``, ``resolve("IRN")``, ``resolve(630)`` and ``resolve("iso:IRN")`` are all Iran;
    ``resolve("Germany", year=1980)`` is the German Federal Republic (260). With ``strict=True`` a name
    that meant two states then ("Korea", "Congo", "Germany" in 1980) raises AmbiguousCountry. The rules
    and their order are in the module docstring. Raises UnknownCountry (with suggestions) or BadInput
    (also for input longer than :data:`MAX_QUERY_CHARS`, refused before any matching).
    """
    year = _check_year(year)
    if query is None or isinstance(query, bool):
        raise BadInput(f"resolve() needs a country name or code such as 'Iran', 'IRN' or 630, not {query!r}.")
    if isinstance(query, numbers.Integral):
        return _by_number(_registry(), int(query), query)
    if not isinstance(query, str):
        raise BadInput(f"resolve() takes a name, a code or a COW number (str or int), not "
                       f"{type(query).__name__} {str(query)[:80]!r}.")
    if len(query) > MAX_QUERY_CHARS:
        raise BadInput(f"A country name or code has at most {MAX_QUERY_CHARS} characters; got {len(query):,} "
                       f"({query[:20]!r}…). Give a name ('Iran'), a code ('IRN') or a COW number (630).")
    reg = _registry()
    text = query.strip()
    if not text:
        raise BadInput("resolve() got an empty string; give a name ('Iran'), a code ('IRN') or a COW number (630).")
    if _digits(text):
        return _by_number(reg, int(text), query)
    if m := re.fullmatch(r"([A-Za-z]+)\s*:\s*(\S+)", text):
        return _resolve_prefixed(reg, query, m.group(1).lower(), m.group(2), year)
    if m := re.search(r"\([^()]*,\s*COW\s+([0-9]+)\)$", text):
        return _by_number(reg, int(m.group(1)), query)
    up = text.upper()
    if len(text) in (2, 3) and up in reg.codes:
        return _state(reg, reg.codes[up], year)
    keys = [_normalize(text), _normalize(re.sub(r"\s*\(.*?\)", "", text))]
    if inverted := _invert(text):
        keys.append(_normalize(inverted))
    # the whole input first (exact, a non-state, loose), then without brackets, then inverted: "Korea
    # (North)" is North Korea by its loose key before "Korea" alone is read
    for i, key in enumerate(dict.fromkeys(k for k in keys if k)):
        for table in (reg.names, reg.capitals):
            if key in table:
                if strict and (err := _ambiguous(reg, query, key, year)):
                    raise err
                return _state(reg, table[key], year)
        if why := (reg.why_not.get(up) if i == 0 and len(text) in (2, 3) else None) or reg.why_not.get(key):
            if up in reg.cow_abbs:
                why += f"; for the COW code use 'cow:{up}' → {reg.by_ccode[reg.cow_abbs[up]].label}"
            raise _unknown(query, [], why)
        if (loose := _loose(key)) in reg.loose:
            return _state(reg, reg.loose[loose], year)
    raise _unknown(query, _suggest(reg, text))


def un_china_seat(date: dt.date | str) -> int:
    """COW code of the government holding China's UN seat on ``date``: 713 (Republic of China) before
    25 October 1971, 710 (People's Republic) from that day, when UNGA Res. 2758 passed."""
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date)
        except ValueError:
            raise BadInput(f"un_china_seat() needs a date such as '1971-10-25', not {date!r}.") from None
    if isinstance(date, dt.datetime):
        date = date.date()
    if not isinstance(date, dt.date):
        raise BadInput(f"un_china_seat() needs a date (the seat changed on {UN_RES_2758}), not {date!r}.")
    return 713 if date < UN_RES_2758 else 710

def _check_ccode(ccode) -> int:
    if isinstance(ccode, bool) or not isinstance(ccode, numbers.Integral):
        raise BadInput(f"expected a COW code (int) such as 630, not {ccode!r}; use resolve() for names.")
    return _by_number(_registry(), int(ccode), ccode).ccode


def label(ccode: int) -> str:
    """``"Iran (IRN, COW 630)"`` for 630: see :attr:`State.label`."""
    return _registry().by_ccode[_check_ccode(ccode)].label
