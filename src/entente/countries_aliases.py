"""Curated names and codes that the state lists and countrycode miss or get wrong.

Read by :mod:`entente.countries` when it builds its lookup tables. Aliases here win over every other
source, so a historical name reaches the historical state where a modern list would send it to a
modern one ("Czechoslovakia" is COW 315, not Czechia). Keep entries to what the other sources lack or
get wrong; a test checks that no alias contradicts a COW state name. Capitals come from the bundled
COW capitals list (``data/geo/cow_capitals.parquet``), not from here.
"""

from __future__ import annotations

import datetime as dt

#: Names → COW code. Matched after normalisation (case, accents, punctuation and "the" ignored).
ALIASES: dict[str, int] = {
    # United States, United Kingdom, Netherlands
    "America": 2, "United States": 2, "U.S.A.": 2,
    "Britain": 200, "Great Britain": 200,
    "Holland": 210, "Kingdom of the Netherlands": 210,
    # German states before 1871 that countrycode lists without a COW code
    "Prussia": 255, "Kingdom of Prussia": 255, "German Empire": 255, "German Reich": 255,
    "Weimar Republic": 255, "Third Reich": 255, "Nazi Germany": 255,
    "Wurttemberg": 271, "Württemberg": 271, "Würtemberg": 271,
    "Hesse-Kassel": 273, "Hesse-Darmstadt": 275,
    # the two German states of 1949–1990
    "West Germany": 260, "FRG": 260, "BRD": 260, "German Federal Republic": 260,
    "East Germany": 265, "German Democratic Republic": 265,
    # Habsburg lands, Italy
    "Austrian Empire": 300, "Habsburg Empire": 300,
    "Sardinia": 325, "Piedmont-Sardinia": 325, "Kingdom of Sardinia": 325, "Kingdom of Italy": 325,
    "Kingdom of the Two Sicilies": 329,
    # Czechoslovakia and Yugoslavia (COW 345 runs on as Serbia)
    "Czechoslovakia": 315, "Czechoslovak Republic": 315, "Czechoslovak Socialist Republic": 315,
    "Czech and Slovak Federative Republic": 315,
    "Czech Republic": 316, "Czechia": 316,
    "Yugoslavia": 345, "Kingdom of Yugoslavia": 345, "Socialist Federal Republic of Yugoslavia": 345,
    "Federal Republic of Yugoslavia": 345, "Serbia and Montenegro": 345, "Serbia": 345,
    "Republic of Serbia": 345, "Kingdom of Serbia": 345,
    "FYROM": 343, "Former Yugoslav Republic of Macedonia": 343,
    # Soviet Union: one series, 365; the Ukrainian and Byelorussian seats voted in the UN from 1946
    "USSR": 365, "Soviet Union": 365, "Union of Soviet Socialist Republics": 365,
    "Russian Federation": 365, "Russian Empire": 365,
    "Ukrainian SSR": 369, "Ukrainian Soviet Socialist Republic": 369,
    "Byelorussian SSR": 370, "Belorussian SSR": 370, "Belarusian SSR": 370,
    "Byelorussian Soviet Socialist Republic": 370,
    # Middle East
    "Persia": 630, "Islamic Republic of Iran": 630,
    "Ottoman Empire": 640, "Türkiye": 640,
    "Türkýye": 640,  # sic: how the UN DGACM extract of session 79 spells TÜRKİYE
    "United Arab Republic": 651,  # Egypt's name 1958–71; COW codes the union of 1958–61 as Egypt
    "North Yemen": 678, "Yemen Arab Republic": 678,
    "Republic of Yemen": 679,
    "South Yemen": 680, "Yemen People's Republic": 680, "People's Democratic Republic of Yemen": 680,
    "Democratic Yemen": 680,
    # Africa
    "Republic of the Congo": 484, "Congo Republic": 484,
    "Abyssinia": 530, "Rhodesia": 552, "Zaire": 490, "Dahomey": 434, "Upper Volta": 439,
    "Tanganyika": 510, "Malagasy Republic": 580,
    # Asia
    "PRC": 710, "People's Republic of China": 710, "Mainland China": 710,
    "Republic of China": 713, "ROC": 713, "Formosa": 713, "Chinese Taipei": 713,
    "Korean Empire": 730,
    "DPRK": 731, "North Korea": 731, "Democratic People's Republic of Korea": 731,
    "South Korea": 732, "Republic of Korea": 732,
    "Burma": 775, "Ceylon": 780, "Siam": 800,
    "Kampuchea": 811, "Democratic Kampuchea": 811, "Khmer Republic": 811,
    "North Vietnam": 816, "Democratic Republic of Vietnam": 816, "Socialist Republic of Vietnam": 816,
    "South Vietnam": 817, "Republic of Vietnam": 817, "State of Vietnam": 817,
}

#: Informal names and metonyms a person types ("the Kremlin", "UK") → COW code. Accepted by
#: ``resolve`` after the names above and the capitals of the COW capitals list, but not read as
#: mentions of a state in running text (the sanctions gazetteer uses only the names above: "Washington"
#: in a draft resolution may be a person). Capitals missing from that list or spelled otherwise there
#: ("Washington D.C.", "Kiev") are here too.
INFORMAL_NAMES: dict[str, int] = {
    "UK": 200, "U.K.": 200, "Bosnia": 346,
    "Washington": 2, "White House": 2, "Pentagon": 2, "Foggy Bottom": 2,
    "Downing Street": 200, "Whitehall": 200, "Elysee": 220, "Elysee Palace": 220, "Quai d'Orsay": 220,
    "Kremlin": 365, "Kyiv": 369, "Peking": 710, "Zhongnanhai": 710,
}

#: Names of entities that are not COW states, beyond countrycode's own, → the ISO3 code whose
#: reason (``NOT_STATE_REASONS``) the error gives.
NOT_STATE_NAMES: dict[str, str] = {"Vatican": "VAT", "Vatican City": "VAT", "Holy See": "VAT", "Palestine": "PSE"}

#: Names that mean more than one state in some years: name → (first year, last year or None while it
#: lasts, the states it may mean, the one resolve() gives by default first). ``resolve(..., strict=True)``
#: (the command line, ``dyad()``) refuses such a name in those years, and without a year when the last
#: year is None, and lists the states. "Guinea" and "Sudan" are states' own names, not ambiguous;
#: "China" is 710 in every year (the UN seat is another question: ``un_china_seat``).
AMBIGUOUS_NAMES: dict[str, tuple[int, int | None, tuple[int, ...]]] = {
    "Korea": (1948, None, (732, 731)),
    "Congo": (1960, None, (484, 490)),
    "Germany": (1949, 1989, (260, 265)),
    "Deutschland": (1949, 1989, (260, 265)),
    "Yemen": (1967, 1989, (678, 680)),
    "Vietnam": (1954, 1975, (816, 817)),
    "Viet Nam": (1954, 1975, (816, 817)),
}

#: Names whose state depends on the year (see ``entente.countries`` docstring, rule 4).
YEAR_AWARE_NAMES: dict[str, str] = {
    "Germany": "germany",
    "Federal Republic of Germany": "germany",  # the UN's name for the FRG and for Germany since 1990
    "Deutschland": "germany",
    "Yemen": "yemen",
    "Korea": "korea",
}

#: ISO codes whose state depends on the year: the FRG kept DEU after unification; YEM was the Yemen
#: Arab Republic's code before 1990.
YEAR_AWARE_CODES: dict[str, str] = {"DEU": "germany", "DE": "germany", "YEM": "yemen", "YE": "yemen"}

#: Withdrawn ISO 3166-3 codes (and Kosovo's user-assigned XKX/XK, used by the World Bank and others)
#: → COW code. Accepted bare and with ``iso:``; State.iso3 never returns them.
FORMER_ISO_CODES: dict[str, int] = {
    "DDR": 265, "DD": 265,  # German Democratic Republic
    "YMD": 680, "YD": 680,  # Yemen, Democratic
    "CSK": 315, "CS": 315,  # Czechoslovakia (CS was reused for Serbia and Montenegro 2003–06)
    "YUG": 345, "YU": 345,  # Yugoslavia
    "SCG": 345,  # Serbia and Montenegro
    "SUN": 365, "SU": 365,  # USSR
    "ZAR": 490, "ZR": 490,  # Zaire
    "BUR": 775, "BU": 775,  # Burma
    "TMP": 860, "TP": 860,  # East Timor
    "ROM": 360,  # Romania until 2002 (also Romania's COW code)
    "DHY": 434, "DY": 434,  # Dahomey
    "HVO": 439, "HV": 439,  # Upper Volta
    "VDR": 816, "VD": 816,  # Viet-Nam, Democratic Republic of
    "RHO": 552, "RH": 552,  # Southern Rhodesia
    "XKX": 347, "XK": 347,  # Kosovo (user-assigned, not ISO 3166-1)
}

#: countrycode rows whose COW code is missing or wrong: Serbia has none (COW 345 continues as Serbia);
#: the Holy See is given 327, the Papal States of 1816–1860, which is not the same state.
CODELIST_CCODE: dict[str, int | None] = {"SRB": 345, "VAT": None}

#: Why some entities people ask about are not COW states (default: "X is not a state in the COW list").
NOT_STATE_REASONS: dict[str, str] = {
    "VAT": "the Holy See (Vatican City) is a UN observer, not a state in the COW state list; COW 327 is "
           "the Papal States of 1816–1860 ('cow:PAP')",
    "PSE": "Palestine is a UN observer state, not a state in the COW state list (v2016)",
}

#: Words in Gleditsch–Ward names that are not names of their own ("Hesse-Kassel (Electoral)").
GW_NOT_NAMES: frozenset[str] = frozenset({"Electoral", "Ducal"})

#: COW state → the G-W states it corresponds to and the dates each covers (None = open); every other
#: COW code is the same G-W code. G-W keeps one Germany (260) from 1949 and one Yemen (678) from 1918,
#: and splits Serbia (340) from Yugoslavia (345) in 1878–1915 and from 2006; COW does the opposite.
COW_GW: dict[int, list[tuple[int, dt.date | None, dt.date | None]]] = {
    255: [(255, None, None), (260, dt.date(1990, 10, 3), None)],
    260: [(260, None, dt.date(1990, 10, 2))],
    678: [(678, None, dt.date(1990, 5, 21))],
    679: [(678, dt.date(1990, 5, 22), None)],
    345: [(345, None, None), (340, None, None)],
}
