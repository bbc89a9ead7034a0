"""Resolve any name or code to a state, and tell when it was a member of the state system.

A state is keyed by its Correlates of War (COW) code everywhere in entente. ``resolve`` answers *which
state* an input means; ``is_member``/``membership``/``states`` answer *when* it was in the COW (or
Gleditsch–Ward) state system. A state that exists but not in ``year`` still resolves.

Resolution rules, tried in this order:

1. **Numbers.** An int or a digit string is a COW code (``630``, ``"630"``). A prefix forces a scheme:
   ``cow:`` (COW number or letter code, ``cow:AUS`` → Austria), ``iso:`` (ISO 3166-1 alpha-3 or alpha-2,
   ``iso:AUS`` → Australia), ``gw:`` (Gleditsch–Ward number or letter code, ``gw:260``) and ``fips:``
   (FIPS 10-4, as in GDELT's geo fields: ``fips:GM`` is Germany, not Gambia). A label such as
   ``"Iran (IRN, COW 630)"`` resolves to its COW code.
2. **Letter codes.** Three letters may be ISO3 or a COW letter code (``IRN`` is both); two letters are
   ISO2. Withdrawn ISO 3166-3 codes are accepted too (DDR, YMD, CSK, YUG, SUN, SCG, ZAR, BUR ...).
   Where a COW letter code is another entity's ISO3 code, **ISO3 wins** and ``cow:`` reaches the COW
   state. The clashes in the data (COW v2016 letter codes against countrycode's ISO3 codes)::

       AUS  ISO Australia (900)      cow:AUS  Austria (305)
       CZE  ISO Czechia (316)        cow:CZE  Czechoslovakia (315)
       KOR  ISO South Korea (732)    cow:KOR  Korea (730, 1887–1905)
       MAC  ISO Macao (not a state)  cow:MAC  Macedonia (343)   -> "MAC" alone raises UnknownCountry
       MNG  ISO Mongolia (712)       cow:MNG  Montenegro (341)
       SLV  ISO El Salvador (92)     cow:SLV  Slovenia (349)
       SWZ  ISO Eswatini (572)       cow:SWZ  Switzerland (225)

   G-W letter codes are read only after ``gw:``; they clash with ISO3 too (G-W YEM is 678, the Yemen
   Arab Republic; G-W VNM is 815, pre-colonial Vietnam). FIPS codes clash with ISO2 all over (FIPS GM
   is Germany, ISO2 GM is Gambia), so FIPS is read only after ``fips:``.
3. **Names**, folding case, accents, punctuation and "the" (``"TÜRKİYE"``, ``"Côte d’Ivoire"``, ``"IRAN
   (ISLAMIC REPUBLIC OF)"`` match). Sources, later ones winning a conflict: G-W names with their
   bracketed variants ("Iran (Persia)" gives "Persia"); countrycode's country_name_en, iso_name_en,
   un_name_en, cow_name; COW names; the curated :mod:`entente.countries_aliases` (USSR, East Germany,
   North Yemen, Czechoslovakia → 315 ...). Then, in this order: capitals from the COW capitals list
   ("Tehran", "Pyongyang"; a capital two states had is year-aware: "Prague" is 315 up to 1992 and 316
   after, "Seoul" 730 up to 1910 and 732 after) and the informal names and metonyms of
   :data:`~entente.countries_aliases.INFORMAL_NAMES` ("the Kremlin", "Washington", "UK"); last, a
   loose match that expands abbreviations ("Rep." → republic, "Dem." → democratic, "St." → saint),
   drops "of"/"and" and ignores word order ("Iran, Islamic Rep." is the Islamic Republic of Iran),
   used only when it points to one state. The whole input is tried first, then without what is in
   brackets, then inverted at a comma ("Korea (North)" is North Korea, not an ambiguous "Korea"). A bare
   "Korea" is year-aware (rule 4): COW's Korea (730) up to 1910, the Republic of Korea (732) after and
   without a year; "North Korea"/DPRK is 731. Every step is a dictionary lookup on the folded input:
   resolution time grows linearly with the input, which is refused above :data:`MAX_QUERY_CHARS`
   characters before any matching.
4. **Year-aware traps.** With ``year``, the state holding a name on 31 December of that year:
   "Germany", "Federal Republic of Germany", DEU, DE → 255 up to 1945 and from 1990, 260 (German
   Federal Republic) from 1946 to 1989. COW has no German state between 8 May 1945 and the GFR's
   entry on 5 May 1955; we give 1945 to the Reich (a member for part of that year) and 1946–1954 to
   the FRG, Germany's continuing legal identity (G-W counts it from 1949). 1990 goes to 255 (united
   on 3 October), as Yemen's 1990 goes to 679 (united on 22 May). "Yemen", YEM, YE → 678 (Yemen Arab
   Republic) before 1990, 679 from 1990; "Korea" → 730 up to 1910, 732 after. Without a year the
   current state wins (255, 679, 732). Names of
   one incarnation ("West Germany", "GFR", "North Yemen") never move. "China" is 710 in every year;
   the UN seat is another question, answered by :func:`un_china_seat` (713 until Res. 2758 of 25
   October 1971, 710 from that day). ``gw:`` codes are year-aware the same way (G-W 260 is the FRG
   until 2 October 1990 and Germany after; G-W 678 is North Yemen, then Yemen; G-W 340 is COW 345).
5. **Open spells.** COW v2016 ends on 2016-12-31 and G-W on 2017-12-31: a spell ending on those dates
   is treated as ongoing (end ``None``), so Iran is a member in 2025 (UN votes run to 2026). A state is
   a member in a year if it was a member on any day of it (COW's state-year convention): GFR, GDR and
   Germany are all members in 1990.
6. **Errors.** Input matching no state raises :class:`~entente.errors.UnknownCountry` with up to three
   suggestions by string similarity over all names, aliases and codes ("Persai" → "Iran (IRN, COW
   630)"); territories (Hong Kong, Puerto Rico), the Holy See and G-W-only states (Tibet, Transvaal)
   say why they are not COW states. Empty strings, ``None``, bools, floats, other types and input
   longer than :data:`MAX_QUERY_CHARS` raise :class:`~entente.errors.BadInput`.
7. **Ambiguity** (``strict=True``, as the command line and :func:`entente.dyad` call it). A name that
   meant two states in ``year`` (or still does, without a year) raises
   :class:`~entente.errors.AmbiguousCountry` listing them: "Korea" (732 or 731), "Congo" (484 or 490),
   "Germany" in 1949–1989 (260 or 265), "Yemen" in 1967–1989 (678 or 680), "Vietnam" in 1954–1975
   (816 or 817); see :data:`~entente.countries_aliases.AMBIGUOUS_NAMES`. Codes are never ambiguous.
   Without ``strict`` these names resolve by rules 3–4 (data files use them in that sense).

State.iso3 is today's ISO 3166-1 alpha-3 code, held by the state that holds it now (365 → RUS, 345 →
SRB as COW's Yugoslavia continues as Serbia, 255 → DEU, 679 → YEM, 713 → TWN). Ended states have none
(GFR 260, GDR 265, Czechoslovakia 315, YAR 678, YPR 680, RVN 817, Zanzibar 511, Korea 730, the German
and Italian states of the 19th century), nor has Kosovo 347 (XKX is user-assigned; accepted as input).
State.gwcode is the G-W code of the latest incarnation (255 → 260, 679 → 678, 345 → 340); None for
states G-W leaves out (microstates).

Tables load lazily and once; nothing is read at import. Sources: ``snapshot_dir()/"states"``
(COW State System v2016, Gleditsch & Ward 1999, countrycode 1.8.0; see shared/data/SOURCES.md §2).
"""

from __future__ import annotations

import datetime as dt
import functools
import numbers
import re
import unicodedata
from collections import namedtuple
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyarrow.parquet as pq

from entente import countries_aliases as _al
from entente.config import snapshot_dir
from entente.errors import AmbiguousCountry, BadInput, UnknownCountry
from entente.period_names import ARTICLE_NAMES, PERIOD_NAMES  # noqa: F401  (countries.PERIOD_NAMES is read elsewhere)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CODE_CLASHES", "MAX_QUERY_CHARS", "PERIOD_NAMES", "State", "is_member", "label", "membership", "name",
           "resolve", "states", "un_china_seat"]

#: COW letter codes that are another entity's ISO3 code: code → (what ISO3 means, the COW state).
CODE_CLASHES: dict[str, tuple[str, int]] = {
    "AUS": ("Australia", 305), "CZE": ("Czechia", 315), "KOR": ("South Korea", 730),
    "MAC": ("Macao", 343), "MNG": ("Mongolia", 341), "SLV": ("El Salvador", 349),
    "SWZ": ("Eswatini", 225),
}

COW_END = dt.date(2016, 12, 31)  # last day of COW State System v2016
GW_END = dt.date(2017, 12, 31)  # last day of the Gleditsch–Ward list shipped
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


# ---------------------------------------------------------------------------------------------- data
# The registry is built from the snapshot's Parquet files with pyarrow and plain Python rows: resolving a
# name (``entente country``, every command's arguments) does not need pandas, which takes longer to
# import than the rest of ``entente country`` together. Only :func:`states` returns a DataFrame.
def _rows(path, name: str, columns: list[str]) -> list:
    """The rows of a snapshot Parquet file as named tuples of ``columns`` (missing values are None)."""
    table = pq.ParquetFile(path).read(columns=columns)   # not read_table: its dataset layer imports pandas
    row = namedtuple(name, columns)
    return [row(*values) for values in zip(*(table.column(c).to_pylist() for c in columns))]


def _missing(value) -> bool:
    """None, or a float NaN (what pandas.isna meant for the values these files hold)."""
    return value is None or (isinstance(value, float) and value != value)


@functools.cache
def _spell_rows(system: str) -> list:
    """Spells of ``system``, sorted: (ccode or gwcode, abb, name, start_date, end_date (None = ongoing))."""
    key, file, data_end = ("ccode", "cow", COW_END) if system == "cow" else ("gwcode", "gw", GW_END)
    day = lambda v: v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))  # noqa: E731
    Spell = namedtuple("Spell", [key, "abb", "name", "start_date", "end_date"])
    raw = _rows(snapshot_dir() / "states" / f"{file}_states.parquet", "Raw",
                [key, "stateabb", "statenme", "start_date", "end_date"])
    spells = [Spell(int(r[0]), str(r.stateabb), str(r.statenme), day(r.start_date),
                    None if day(r.end_date) == data_end else day(r.end_date)) for r in raw]
    return sorted(spells, key=lambda r: (r[0], r.start_date))   # stable, as pandas' sort was


@functools.cache
def _spell_frame(system: str) -> pd.DataFrame:
    """Spells of ``system`` as a DataFrame: ccode (gwcode), abb, name, start_date, end_date (None = ongoing)."""
    import pandas as pd  # only for states(): resolving names does not load pandas

    rows = _spell_rows(system)
    return pd.DataFrame({field: [r[i] for r in rows] for i, field in enumerate(rows[0]._fields)})


def _firsts(spells: list) -> list:
    """Each state's first spell, in the spells' order (what ``drop_duplicates`` on the code kept)."""
    out: dict = {}
    for spell in spells:
        out.setdefault(spell[0], spell)
    return list(out.values())


@functools.cache
def _codelist() -> list:
    columns = ["country_name_en", "iso_name_en", "un_name_en", "cow_name", "iso2c", "iso3c", "cown", "fips"]
    return _rows(snapshot_dir() / "states" / "country_codes.parquet", "Code", columns)


def _capital_rows() -> list:
    """COW capitals: (ccode, capital, start_date, end_date), one row per capital spell."""
    day = lambda v: v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v)[:10])  # noqa: E731
    Capital = namedtuple("Capital", ["ccode", "capital", "start_date", "end_date"])
    raw = _rows(snapshot_dir() / "geo" / "cow_capitals.parquet", "Raw", ["ccode", "capital", "start_date", "end_date"])
    return [Capital(int(r.ccode), str(r.capital), day(r.start_date), day(r.end_date)) for r in raw]


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


def _suggest(reg: _Registry, text: str) -> list[str]:
    """Up to three states whose names, aliases or codes look most like ``text``."""
    from rapidfuzz import fuzz, process

    choices = dict(reg.names)
    if len(text.strip()) <= 4:  # codes only compete with code-like input
        choices.update({k.lower(): v for k, v in reg.codes.items()})
    scorer = lambda a, b, **_: max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))  # noqa: E731
    hits = process.extract(_normalize(text), list(choices), scorer=scorer, limit=40, score_cutoff=60)
    out: list[str] = []
    for key, _score, _ in hits:
        lab = _state(reg, choices[key], None).label
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


# -------------------------------------------------------------------------------------- membership
def _check_system(system: str) -> str:
    if not isinstance(system, str) or system.lower() not in ("cow", "gw"):
        raise BadInput(f"system must be 'cow' or 'gw', not {system!r}.")
    return system.lower()


def _check_ccode(ccode) -> int:
    if isinstance(ccode, bool) or not isinstance(ccode, numbers.Integral):
        raise BadInput(f"expected a COW code (int) such as 630, not {ccode!r}; use resolve() for names.")
    return _by_number(_registry(), int(ccode), ccode).ccode


def _clip(spell, start, end):
    s = max(spell[0], start) if start else spell[0]
    e = spell[1] if end is None else (end if spell[1] is None else min(spell[1], end))
    return (s, e) if e is None or s <= e else None


@functools.cache
def _spells(system: str) -> dict[int, list[tuple[dt.date, dt.date | None]]]:
    """COW code → its spells in ``system`` (G-W spells clipped to the dates ``COW_GW`` gives)."""
    own: dict[int, list] = {}
    for row in _spell_rows(system):
        own.setdefault(row[0], []).append((row.start_date, row.end_date))
    if system == "cow":
        return own
    return {c: sorted(clipped for g, start, end in _al.COW_GW.get(c, [(c, None, None)]) for sp in own.get(g, [])
                      if (clipped := _clip(sp, start, end))) for c in _registry().by_ccode}


def membership(ccode: int, *, system: str = "cow") -> list[tuple[dt.date, dt.date | None]]:
    """The state's membership spells, oldest first; an end of None means still a member.

    With ``system="gw"``, the G-W spells of the territory COW calls ``ccode`` (255 gets G-W 255 until
    1945 and G-W 260 from 3 October 1990; 260 gets G-W 260 until 2 October 1990). A COW state absent
    from G-W (a microstate) has no G-W spells.
    """
    system, ccode = _check_system(system), _check_ccode(ccode)
    return list(_spells(system).get(ccode, []))


def _overlaps(spell, year: int) -> bool:
    return spell[0] <= dt.date(year, 12, 31) and (spell[1] is None or spell[1] >= dt.date(year, 1, 1))


def is_member(ccode: int, year: int, *, system: str = "cow") -> bool:
    """Was ``ccode`` a member of the state system on any day of ``year``?"""
    system, ccode = _check_system(system), _check_ccode(ccode)
    if (year := _check_year(year)) is None:
        raise BadInput("is_member() needs a year such as 1990.")
    return any(_overlaps(sp, year) for sp in _spells(system).get(ccode, []))


def states(year: int | None = None, *, system: str = "cow") -> pd.DataFrame:
    """One row per state: ccode, abb, name, iso3, gwcode, start_date, end_date.

    With ``year``, the states in the system on any day of that year, with the spell covering it.
    Without, every state ever, from its first start to its last end (gaps: :func:`membership`).
    ``end_date`` is None for an ongoing spell. With ``system="gw"``, abb and name are G-W's, ccode is
    the COW state that G-W state was at the end of ``year`` (or is now) and may be missing (Tibet).
    """
    import pandas as pd  # the one function that returns a DataFrame; resolving names does not load pandas

    system, year = _check_system(system), _check_year(year)
    reg = _registry()
    spells = _spell_frame(system)
    key = "ccode" if system == "cow" else "gwcode"
    if year is not None:
        spells = spells[[_overlaps(sp, year) for sp in zip(spells["start_date"], spells["end_date"])]]
        rows = spells.drop_duplicates(key, keep="last").copy()
    else:
        ends = {k: None if any(e is None for e in g) else max(g) for k, g in spells.groupby(key)["end_date"]}
        rows = spells.drop_duplicates(key, keep="first").copy()
        rows["end_date"] = pd.Series([ends[k] for k in rows[key]], index=rows.index, dtype=object)
    if system == "gw":
        rows["ccode"] = pd.array([_cow_of_gw(reg.gw_to_cow, g, year) for g in rows["gwcode"]], dtype="Int64")
    known = [reg.by_ccode.get(c) if not pd.isna(c) else None for c in rows["ccode"]]
    rows["iso3"] = [s.iso3 if s else None for s in known]
    if system == "cow":
        rows["gwcode"] = pd.array([s.gwcode for s in known], dtype="Int64")
    cols = ["ccode", "abb", "name", "iso3", "gwcode", "start_date", "end_date"]
    return rows[cols].sort_values(key, ignore_index=True)


# ------------------------------------------------------------------------------------------ display
def name(ccode: int, year: int | None = None, *, article: bool = False) -> str:
    """The name of ``ccode``; with ``year``, the name it bore then (365: "Russian Empire" to 1916, "Soviet
    Union" in 1922–1991, "Russia" otherwise; 640: "Ottoman Empire" to 1922; see :data:`PERIOD_NAMES`);
    without, or for a year after it ceased, the name it bears now or bore last (680: "South Yemen", not
    COW's "Yemen People's Republic"; 260 in 2025: "West Germany"). With ``article``, "the" where running English needs it ("the Soviet Union").
    UnknownCountry for a code no COW state has."""
    text = _registry().by_ccode[_check_ccode(ccode)].name
    spells = membership(int(ccode))
    if spells:      # outside the years it existed, the name of the nearest year it did (or of now)
        ends = [end for _, end in spells]
        last = dt.date.today().year if None in ends else max(ends).year
        year = last if year is None else min(max(int(year), min(start for start, _ in spells).year), last)
    if year is not None:
        for first, last, period_name in PERIOD_NAMES.get(int(ccode), ()):
            if first <= int(year) <= last:
                text = period_name
                break
    return f"the {text}" if article and text in ARTICLE_NAMES else text


def names_between(ccode: int, first: int, last: int) -> list[tuple[str, int, int]]:
    """The names ``ccode`` bore over ``first``–``last``, as (name, first year, last year) runs, oldest first:
    365 over 1900–2000 → [("Russian Empire", 1900, 1916), ("Russia", 1917, 1921), ("Soviet Union", 1922,
    1991), ("Russia", 1992, 2000)]."""
    runs: list[tuple[str, int, int]] = []
    for year in range(int(first), int(last) + 1):
        text = name(ccode, year)
        if runs and runs[-1][0] == text:
            runs[-1] = (text, runs[-1][1], year)
        else:
            runs.append((text, year, year))
    return runs


def label(ccode: int) -> str:
    """``"Iran (IRN, COW 630)"`` for 630: see :attr:`State.label`."""
    return _registry().by_ccode[_check_ccode(ccode)].label
