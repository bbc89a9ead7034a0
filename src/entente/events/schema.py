"""The GDELT columns, their types and the rules every typed field must keep (one place, read by both
readers: :mod:`entente.events.fastread` and the careful path of :mod:`entente.events.gdelt`)."""

from __future__ import annotations

__all__ = ["V1_COLUMNS", "V2_COLUMNS", "MENTION_COLUMNS", "RULES", "DATES", "INTEGER_SYNTAX", "NUMBER_SYNTAX", "kind",
           "bounds"]

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code"]


def _geo(prefix: str, adm2: bool) -> list[str]:
    cols = ["Type", "FullName", "CountryCode", "ADM1Code"] + (["ADM2Code"] if adm2 else []) + ["Lat", "Long", "FeatureID"]
    return [f"{prefix}Geo_{c}" for c in cols]


def _columns(adm2: bool) -> list[str]:
    return (["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
            + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR]
            + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
               "NumMentions", "NumSources", "NumArticles", "AvgTone"]
            + _geo("Actor1", adm2) + _geo("Actor2", adm2) + _geo("Action", adm2) + ["DATEADDED", "SOURCEURL"])


#: GDELT 2.0 export columns (61), as in GDELT's codebook.
V2_COLUMNS = _columns(adm2=True)
#: GDELT 1.0 daily export columns (58).
V1_COLUMNS = _columns(adm2=False)
#: GDELT 2.0 mentions columns (16), as in GDELT's codebook.
MENTION_COLUMNS = ["GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
                   "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
                   "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras"]
assert len(V2_COLUMNS) == 61 and len(V1_COLUMNS) == 58 and len(MENTION_COLUMNS) == 16

_TYPES = {"GLOBALEVENTID": "BIGINT", "SQLDATE": "INTEGER", "MonthYear": "INTEGER", "Year": "INTEGER", "FractionDate": "DOUBLE",
          "IsRootEvent": "INTEGER", "QuadClass": "INTEGER", "GoldsteinScale": "DOUBLE", "NumMentions": "INTEGER",
          "NumSources": "INTEGER", "NumArticles": "INTEGER", "AvgTone": "DOUBLE", "DATEADDED": "BIGINT",
          **{f"{p}Geo_{c}": t for p in ("Actor1", "Actor2", "Action") for c, t in
             (("Type", "INTEGER"), ("Lat", "DOUBLE"), ("Long", "DOUBLE"))}}

_MENTION_TYPES = {"GLOBALEVENTID": "BIGINT", "EventTimeDate": "BIGINT", "MentionTimeDate": "BIGINT",
                  "MentionType": "INTEGER", "SentenceID": "INTEGER", "Actor1CharOffset": "INTEGER",
                  "Actor2CharOffset": "INTEGER", "ActionCharOffset": "INTEGER", "InRawText": "INTEGER",
                  "Confidence": "INTEGER", "MentionDocLen": "INTEGER", "MentionDocTone": "DOUBLE"}

#: What a typed field may hold, for both readers (the fast Polars path and the careful DuckDB path check
#: exactly this). Empty is NULL and allowed, except GLOBALEVENTID and the date (see :func:`load`). An
#: INTEGER/BIGINT field is an optional sign and digits within the type (3.5 is a bad value, not 4); a DOUBLE
#: field a finite decimal number (not nan, not inf). Leading spaces are dropped and a field of spaces only is
#: empty, as Polars reads them (`` 3`` is 3; ``3 `` is a bad value). Ranges, inclusive, from GDELT's codebooks.
RULES: dict[str, tuple[float, float]] = {
    "IsRootEvent": (0, 1), "QuadClass": (1, 4), "GoldsteinScale": (-10, 10), "NumMentions": (0, 2**31 - 1),
    "NumSources": (0, 2**31 - 1), "NumArticles": (0, 2**31 - 1), "AvgTone": (-100, 100),
    **{f"{p}Geo_{c}": r for p in ("Actor1", "Actor2", "Action") for c, r in
       (("Type", (0, 5)), ("Lat", (-90, 90)), ("Long", (-180, 180)))},
    "MentionType": (1, 6), "InRawText": (0, 1), "Confidence": (0, 100), "MentionDocLen": (0, 2**31 - 1),
    "MentionDocTone": (-100, 100)}
_LIMITS = {"INTEGER": (-2**31, 2**31 - 1), "BIGINT": (-2**63, 2**63 - 1)}
INTEGER_SYNTAX = r"[+-]?[0-9]+"
NUMBER_SYNTAX = r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?"


def kind(column: str) -> str:
    """The SQL type of a GDELT column (VARCHAR for codes and text)."""
    return _TYPES.get(column) or _MENTION_TYPES.get(column) or "VARCHAR"


def bounds(column: str) -> tuple[float, float] | None:
    """The inclusive range a typed column's values must fall in (None for text columns)."""
    sql = kind(column)
    if sql == "VARCHAR":
        return None
    return RULES.get(column) or _LIMITS.get(sql) or (float("-inf"), float("inf"))


#: the date of a row: (column, parsed column, strptime format, lowest and highest integer), both readers
DATES = {"export": ("SQLDATE", "event_date", "%Y%m%d", 10_000_101, 99_991_231),
         "mentions": ("MentionTimeDate", "mention_time", "%Y%m%d%H%M%S", 10_000_101_000_000, 99_991_231_235_959)}
