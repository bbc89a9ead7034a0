"""States' names by period and the names that take "the" (read by :func:`entente.countries.name`), and the
named periods of history a text may date a claim by (read by :mod:`entente.factcheck.periods`): data only."""

from __future__ import annotations

#: COW codes whose state bore another everyday name in some years while COW kept the code and one name:
#: per code, the names of those periods with the first and last year each applies (COW's name applies
#: otherwise). A name applies from the year of the change when it came in the first half of the year,
#: else from the next year. Dates: the states' own proclamations, as in the COW state system's notes
#: and standard references (e.g. Britannica): the German Empire proclaimed 18 Jan 1871 (Prussia before);
#: the Austro-Hungarian Compromise of 1867; the Kingdom of Italy proclaimed 17 Mar 1861 (Sardinia
#: before); the Kingdom of the Serbs, Croats and Slovenes 1 Dec 1918 (Serbia before), Serbia and
#: Montenegro from Feb 2003 and Serbia from Jun 2006 under COW 345; the Russian Empire to the February
#: Revolution of 1917 and the Soviet Union from 30 Dec 1922 to 25 Dec 1991 (its seat and code passed to
#: Russia); the Ottoman sultanate abolished 1 Nov 1922 (the Republic of Turkey from 1923); Persia
#: renamed Iran 21 Mar 1935; Egypt in the United Arab Republic with Syria 1958–61; North and South
#: Vietnam to reunification on 2 Jul 1976 (816 before 1954, a rival of France in 1858–1884 in Thompson &
#: Dreyer's data, is Vietnam, not North Vietnam); Burma renamed Myanmar 18 Jun 1989; Ceylon renamed Sri Lanka
#: 22 May 1972; Zaire 27 Oct 1971 – 17 May 1997; Dahomey renamed Benin 30 Nov 1975; Upper Volta renamed
#: Burkina Faso 4 Aug 1984; Siam renamed Thailand 24 Jun 1939; Rhodesia (UDI 11 Nov 1965) to Zimbabwe
#: on 18 Apr 1980; Swaziland renamed Eswatini 19 Apr 2018; Macedonia renamed North Macedonia 12 Feb
#: 2019. The two Germanies and Yemens and the United States go by their everyday English names, and so do
#: four German states whose COW names are spellings of their own (Wuerttemburg, Hesse Electoral, Hesse
#: Grand Ducal, Mecklenburg Schwerin: Württemberg, Hesse-Kassel, Hesse-Darmstadt, Mecklenburg-Schwerin).
PERIOD_NAMES: dict[int, tuple[tuple[int, int, str], ...]] = {
    2: ((1816, 9999, "United States"),),
    255: ((1816, 1870, "Prussia"),),
    260: ((1949, 1990, "West Germany"),),
    265: ((1949, 1990, "East Germany"),),
    300: ((1816, 1866, "Austrian Empire"),),
    325: ((1816, 1860, "Sardinia"),),
    345: ((1878, 1918, "Serbia"), (2003, 2005, "Serbia and Montenegro"), (2006, 9999, "Serbia")),
    365: ((1816, 1916, "Russian Empire"), (1922, 1991, "Soviet Union")),
    640: ((1816, 1922, "Ottoman Empire"),),
    630: ((1816, 1934, "Persia"),),
    651: ((1958, 1961, "United Arab Republic"),),
    678: ((1900, 1990, "North Yemen"),),
    680: ((1967, 1990, "South Yemen"),),
    816: ((1816, 1953, "Vietnam"), (1954, 1975, "North Vietnam")),
    817: ((1954, 1975, "South Vietnam"),),
    775: ((1948, 1988, "Burma"),),
    780: ((1948, 1971, "Ceylon"),),
    490: ((1971, 1996, "Zaire"),),
    434: ((1960, 1975, "Dahomey"),),
    439: ((1960, 1983, "Upper Volta"),),
    800: ((1816, 1938, "Siam"),),
    552: ((1965, 1979, "Rhodesia"),),
    572: ((2018, 9999, "Eswatini"),),
    343: ((2019, 9999, "North Macedonia"),),
    271: ((1816, 9999, "Württemberg"),),
    273: ((1816, 9999, "Hesse-Kassel"),),
    275: ((1816, 9999, "Hesse-Darmstadt"),),
    280: ((1816, 9999, "Mecklenburg-Schwerin"),),
}

#: Names that take "the" in running English ("the Soviet Union", "the Netherlands").
ARTICLE_NAMES = frozenset({
    "United States", "United States of America", "United Kingdom", "Soviet Union", "Russian Empire",
    "Ottoman Empire", "Austrian Empire", "Netherlands", "Philippines", "Czech Republic", "Dominican Republic",
    "Central African Republic", "Gambia", "Bahamas", "Comoros", "Maldives", "Marshall Islands",
    "Solomon Islands", "Seychelles", "United Arab Emirates", "United Arab Republic",
    "Democratic Republic of the Congo", "Papal States", "Two Sicilies", "Federated States of Micronesia",
    "Republic of Vietnam", "German Federal Republic", "German Democratic Republic", "Yemen Arab Republic",
    "Yemen People's Republic",
})

#: Named periods of history → (first year, last year or None for "to the present"), read where a text
#: says "during Détente" or "in the interwar years" (:func:`entente.factcheck.periods.period`). Keys are
#: lower case without accents; each span is the one standard references give, year by year:
#: - the Cold War, 1947–1991: from the Truman Doctrine (March 1947) to the dissolution of the Soviet Union
#:   (26 Dec 1991) (Britannica, "Cold War"; US Office of the Historian, Milestones 1945–1952 and 1989–1992);
#: - Détente, 1969–1979: the easing of US–Soviet tension from Nixon's presidency (January 1969), when it
#:   became US policy, to the Soviet invasion of Afghanistan (December 1979), which ended it (UNC
#:   "Cold War" theme pages, "Détente": "from the late 1960s to 1979"; Britannica's entry starts it in 1967,
#:   with the first talks; its article on 20th-century international relations dates the policy from 1969);
#: - the First World War, 1914–1918, and the Second, 1939–1945 (Britannica); the interwar years 1919–1938,
#:   the years between them; post-Cold War and post-Soviet: 1992 on.
NAMED_PERIODS: dict[str, tuple[int, int | None]] = {
    "cold war": (1947, 1991), "detente": (1969, 1979),
    "first world war": (1914, 1918), "world war i": (1914, 1918),
    "second world war": (1939, 1945), "world war ii": (1939, 1945),
    "interwar": (1919, 1938), "inter-war": (1919, 1938),
    "post-soviet": (1992, None), "post-cold war": (1992, None),
}
