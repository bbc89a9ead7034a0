"""The pairs the prose check reads: regions and eras, default windows and asked-for ones.

(a, b, start, end): None for a default. Chosen to meet the traps issue #11 lists: the Soviet Union
and the Russian Empire, the Ottoman Empire, Prussia and West Germany, North Vietnam and the two Yemens,
pairs whose data end before the window does, pairs with wars, pacts, one-sided UN voting, and none.
"""

PAIRS = [
    ("IRN", "RUS", None, None), ("USA", "RUS", 1946, 1991), ("USA", "RUS", None, None), ("FRN", "GMY", None, None),
    ("FRN", "GMY", 1946, 1991), ("IND", "PAK", None, None), ("RUS", "UKR", None, None), ("JPN", "ROK", None, None),
    ("PRK", "USA", None, None), ("CHN", "PRK", None, None), ("USA", "ISR", 1990, None), ("USA", "CUB", None, None),
    ("CUB", "RUS", 1960, 2000), ("ISR", "EGY", 1948, 1979), ("ISR", "SYR", None, None), ("IRN", "IRQ", 1970, 1995),
    ("GRC", "TUR", None, None), ("TUR", "RUS", 1853, 1923), ("GMY", "FRN", 1860, 1875), ("UKG", "FRN", 1816, 1914),
    ("AUH", "ITA", 1850, 1918), ("CHN", "JPN", 1894, 1945), ("CHN", "IND", None, None), ("CHN", "USA", None, None),
    ("CHN", "TAW", None, None), ("ARG", "UKG", 1970, 1990), ("PER", "ECU", None, None), ("ETH", "ERI", None, None),
    ("SUD", "SSD", None, None), ("DRC", "RWA", None, None), ("SAF", "ANG", 1975, 1990), ("DRV", "USA", 1954, 1975),
    ("DRV", "CHN", None, None), ("YEM", "SAU", None, None), ("EGY", "SAU", 1955, 1975), ("AUL", "NEW", None, None),
    ("BRA", "ARG", None, None), ("MEX", "USA", 1900, 1950), ("CAN", "USA", None, None), ("POL", "RUS", 1946, 1991),
    ("YUG", "CRO", None, None), ("ARM", "AZE", None, None), ("GRG", "RUS", None, None), ("IRN", "USA", 1979, None),
    ("PAK", "AFG", None, None), ("NIG", "CAO", None, None), ("LIB", "USA", 1969, 2011), ("IRN", "SAU", None, None),
]
