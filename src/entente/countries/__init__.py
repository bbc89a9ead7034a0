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

# The package's modules, one job each: tables (the state lists read from the snapshot), resolver (a name or
# code to a state: this docstring's rules), system (membership over time, and the name a state bore in a year).
# Every name the single module had is re-exported here, so ``entente.countries.X`` reads as before.
from entente.countries.resolver import (  # noqa: F401  (re-exported)
    CODE_CLASHES, MAX_QUERY_CHARS, MAX_YEAR, MIN_YEAR, PREFIXES, UN_RES_2758, State, Target, label, resolve,
    un_china_seat)
from entente.countries.resolver import _normalize, _registry, _state  # noqa: F401  (factcheck.mentions, pair.council)
from entente.countries.system import is_member, membership, name, names_between, states  # noqa: F401
from entente.countries.tables import COW_END, GW_END  # noqa: F401
from entente.period_names import ARTICLE_NAMES, PERIOD_NAMES  # noqa: F401  (countries.PERIOD_NAMES is read elsewhere)

__all__ = ["CODE_CLASHES", "MAX_QUERY_CHARS", "PERIOD_NAMES", "State", "is_member", "label", "membership", "name",
           "resolve", "states", "un_china_seat"]
