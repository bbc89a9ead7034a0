"""CAMEO and GDELT reference tables: event codes with Goldstein scores and quad classes, actor types,
CAMEO country codes and the FIPS 10-4 country codes GDELT uses for places.

Tables (all small, one row per code):

- ``cameo_event_codes`` (key ``cameo_code``): ``cameo_code`` as text (``"01"`` … ``"2042"``; leading
  zeros matter), ``description``, ``goldstein`` (Goldstein scale, −10 most conflictual … +10 most
  cooperative), ``root_code`` (first two digits), ``level`` (1 root, 2 base, 3 sub-code),
  ``quad_class`` (1–4) and ``quad_class_label``. 311 codes: 20 roots.
- ``quad_classes`` (key ``quad_class``): GDELT's rule from root codes: 1 verbal cooperation (01–05),
  2 material cooperation (06–08), 3 verbal conflict (09–13), 4 material conflict (14–20).
- ``cameo_actor_types``: 40 rows (``code``, ``label``): GOV, MIL, REB, … No unique key: GDELT's own
  ``CAMEO.type.txt`` lists ``UIS`` (Unidentified State Actor) twice, kept as published.
- ``cameo_country_codes`` (key ``cameo_country_code``): 261 CAMEO actor country codes, mostly ISO3
  but with CAMEO's own (``ROM`` Romania, ``TMP`` East Timor) and regions (``AFR``, ``MEA``, ``WST``).
- ``fips_country_codes`` (key ``fips_country_code``): 274 FIPS 10-4 codes, used by GDELT's
  ``*_geo_country_code`` fields: **not ISO** (Iran IR, Russia RS, Germany GM, Austria AU).

Quirks users must know: descriptions are verbatim, including GDELT's typos and mojibake
(``044`` "Meet at a ÒhirdÓlocation"), trailing spaces, "Columbia" for Colombia and "Runion" for
Réunion. Code ``106`` has a Goldstein score (−5.0) but no description in GDELT's event-code list; its
row is kept with a null description. Goldstein scores attach to codes, not events: an event's tone is
in GDELT's ``avg_tone``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from entente.errors import SourceError
from entente.sources import Citation, Loaded, Source, Upstream, snapshot_tables
from entente.sources._parsing import LINE, check_columns, conform, read_delimited, report

ORDER = 60

_LOOKUPS = "https://www.gdeltproject.org/data/lookups"

SOURCE = Source(
    name="cameo",
    title="CAMEO event, actor-type and country codes, Goldstein scale and FIPS codes (GDELT lookups)",
    version="CAMEO 1.1b3, GDELT lookup files",
    url=f"{_LOOKUPS}/",
    licence=(
        "GDELT terms: available for unlimited and unrestricted use for any academic, commercial or "
        "governmental use without fee, and may be redistributed, provided any use or redistribution cites "
        "the GDELT Project and links to https://www.gdeltproject.org/."
    ),
    citations=(
        Citation(
            key="schrodt2012",
            text="Schrodt, P. A. (2012). CAMEO: Conflict and Mediation Event Observations Event and Actor "
            "Codebook, version 1.1b3. Pennsylvania State University.",
            bibtex="""@techreport{schrodt2012,
  author = {Schrodt, Philip A.},
  title = {{CAMEO}: Conflict and Mediation Event Observations Event and Actor Codebook, Version 1.1b3},
  institution = {Pennsylvania State University}, year = {2012},
  url = {http://data.gdeltproject.org/documentation/CAMEO.Manual.1.1b3.pdf}
}""",
        ),
        Citation(
            key="goldstein1992",
            text='Goldstein, J. S. (1992). "A Conflict-Cooperation Scale for WEIS Events Data." Journal of '
            "Conflict Resolution 36(2): 369–385.",
            bibtex="""@article{goldstein1992,
  author = {Goldstein, Joshua S.},
  title = {A Conflict-Cooperation Scale for {WEIS} Events Data},
  journal = {Journal of Conflict Resolution},
  volume = {36}, number = {2}, pages = {369--385}, year = {1992},
  doi = {10.1177/0022002792036002007}
}""",
        ),
        Citation(
            key="leetaru2013",
            text='Leetaru, K. & Schrodt, P. A. (2013). "GDELT: Global Data on Events, Location and Tone, '
            '1979–2012." Paper presented at the International Studies Association Annual Convention. '
            "The GDELT Project, https://www.gdeltproject.org/.",
            bibtex="""@inproceedings{leetaru2013,
  author = {Leetaru, Kalev and Schrodt, Philip A.},
  title = {{GDELT}: Global Data on Events, Location and Tone, 1979--2012},
  booktitle = {International Studies Association Annual Convention},
  year = {2013},
  url = {https://www.gdeltproject.org/}
}""",
        ),
    ),
    files={
        "cameo/cameo_event_codes.parquet": "b310f6f079564657018ab19b4eebb643f840e763c87c7c67f6bd189bd3831a41",
        "cameo/quad_classes.parquet": "4c09f0fbe570ddc357d31f21183dde18ed2976378327599794396bdffadb1847",
        "cameo/cameo_actor_types.parquet": "72bb66cdf245e353a6a69516a2c314098897b929945f15eac2fac0ad3e7195b0",
        "cameo/cameo_country_codes.parquet": "d91b73075cad93db941dcba7703da8699247e15a6102368a8f861e95bd3e8092",
        "cameo/fips_country_codes.parquet": "d3975265f591cbea327c8f6e77db461b06b4e5e7e67fa5fd02c55e7051bf42a6",
    },
    upstream=tuple(
        Upstream(f"{_LOOKUPS}/{name}", name, format="tsv")
        for name in ("CAMEO.eventcodes.txt", "CAMEO.goldsteinscale.txt", "CAMEO.type.txt", "CAMEO.country.txt",
                     "FIPS.country.txt")
    ),
    homepage="https://www.gdeltproject.org/",
    unit="code",
)

EVENT_SCHEMA = pa.schema([
    ("cameo_code", pa.large_string()), ("description", pa.large_string()), ("goldstein", pa.float64()),
    ("root_code", pa.large_string()), ("level", pa.int8()), ("quad_class", pa.int8()),
    ("quad_class_label", pa.large_string()),
])
QUAD_SCHEMA = pa.schema([("quad_class", pa.int8()), ("label", pa.large_string()), ("cameo_root_codes", pa.large_string())])
ACTOR_SCHEMA = pa.schema([("code", pa.large_string()), ("label", pa.large_string())])
COUNTRY_SCHEMA = pa.schema([("cameo_country_code", pa.large_string()), ("country_name", pa.large_string())])
FIPS_SCHEMA = pa.schema([("fips_country_code", pa.large_string()), ("country_name", pa.large_string())])

#: quad class → (label, first root, last root): GDELT's rule.
QUADS = {1: ("Verbal Cooperation", 1, 5), 2: ("Material Cooperation", 6, 8), 3: ("Verbal Conflict", 9, 13),
         4: ("Material Conflict", 14, 20)}

#: lookup file (lower case) → (table, header GDELT gives it, schema)
_FILES = {
    "cameo.type.txt": ("cameo_actor_types", ["CODE", "LABEL"], ACTOR_SCHEMA),
    "cameo.country.txt": ("cameo_country_codes", ["CODE", "LABEL"], COUNTRY_SCHEMA),
    "fips.country.txt": ("fips_country_codes", ["CODE", "LABEL"], FIPS_SCHEMA),
}
_EVENTS = ("cameo.eventcodes.txt", "cameo.goldsteinscale.txt")


def quad_class(root: int) -> int:
    """GDELT's quad class (1–4) of a CAMEO root code (1–20)."""
    for quad, (_, first, last) in QUADS.items():
        if first <= root <= last:
            return quad
    raise ValueError(f"CAMEO root codes run from 01 to 20, not {root:02d}")


def quad_classes() -> pa.Table:
    """The ``quad_classes`` table, from GDELT's rule (:data:`QUADS`)."""
    rows = [(quad, label, f"{first:02d}-{last:02d}") for quad, (label, first, last) in QUADS.items()]
    return pa.Table.from_pandas(pd.DataFrame(rows, columns=QUAD_SCHEMA.names), schema=QUAD_SCHEMA, preserve_index=False)


def _read(path: Path, header: list[str]) -> tuple[pd.DataFrame, list[dict]]:
    """A GDELT lookup: tab-separated, no quoting, with a header line (``FIPS.country.txt`` may have none)."""
    headless = False
    if path.name.lower() == "fips.country.txt":
        with open(path, encoding="utf-8-sig", errors="replace") as handle:
            headless = handle.readline().split("\t")[0].strip().upper() != header[0]
    frame, rejects = read_delimited(path, SOURCE.name, sep="\t", quoting=False, header=header if headless else None)
    check_columns(frame.columns, header, SOURCE.name, Path(path).name)
    for reject in rejects:
        reject["file"] = Path(path).name
    return frame, rejects


def _sibling(path: Path, name: str) -> Path:
    for candidate in path.parent.iterdir():
        if candidate.name.lower() == name:
            return candidate
    raise SourceError(f"cameo: {path.name} needs {name} in the same folder ({path.parent}); download both from "
                      f"{_LOOKUPS}/.")


def _event_codes(path: Path, strict: bool) -> pa.Table:
    codes_path, scores_path = _sibling(path, _EVENTS[0]), _sibling(path, _EVENTS[1])
    codes, rejects = _read(codes_path, ["CAMEOEVENTCODE", "EVENTDESCRIPTION"])
    scores, more = _read(scores_path, ["CAMEOEVENTCODE", "GOLDSTEINSCALE"])
    rejects += more
    codes = codes.rename(columns={"CAMEOEVENTCODE": "cameo_code", "EVENTDESCRIPTION": "description"})
    scores = scores.rename(columns={"CAMEOEVENTCODE": "cameo_code", "GOLDSTEINSCALE": "goldstein"})
    kept = []
    for frame, file in ((codes, codes_path.name), (scores, scores_path.name)):
        frame = frame.copy()
        frame["cameo_code"] = frame["cameo_code"].str.strip()
        valid = frame["cameo_code"].map(lambda c: bool(re.fullmatch(r"\d{2,4}", c)) and 1 <= int(c[:2]) <= 20)
        rejects += [{"file": file, "line": int(line), "reason": f"{code!r} is not a CAMEO code", "text": code}
                    for line, code in zip(frame.loc[~valid, LINE], frame.loc[~valid, "cameo_code"])]
        kept.append(frame.loc[valid.astype(bool)])   # an empty object Series would select no columns
    codes, scores = kept     # (pandas 3 deprecates drop(inplace=True))
    goldstein = pd.to_numeric(scores["goldstein"].str.strip(), errors="coerce")
    unreadable = scores[goldstein.isna()]
    rejects += [{"file": scores_path.name, "line": int(line), "reason": f"Goldstein score {value!r} is not a number",
                 "text": value} for line, value in zip(unreadable[LINE], unreadable["goldstein"])]
    scores = scores.assign(goldstein=goldstein)[goldstein.notna()]
    merged = codes.drop(columns=LINE).merge(scores.drop(columns=LINE), on="cameo_code", how="outer")
    merged = merged.sort_values("cameo_code", kind="stable").reset_index(drop=True)
    merged["root_code"] = merged["cameo_code"].str[:2]
    merged["level"] = merged["cameo_code"].str.len() - 1
    merged["quad_class"] = merged["root_code"].astype(int).map(quad_class)
    merged["quad_class_label"] = merged["quad_class"].map(lambda q: QUADS[q][0])
    where = f"{codes_path.name} + {scores_path.name}"
    return report(conform(merged, EVENT_SCHEMA, SOURCE.name, where), rejects, SOURCE.name, where, strict=strict)


def parse(path: Path, *, strict: bool = False) -> dict[str, pa.Table]:
    """Read one GDELT lookup file: ``{snapshot file: table}`` for the table(s) it makes (by file name).

    ``CAMEO.eventcodes.txt`` gives ``cameo_event_codes`` (reading ``CAMEO.goldsteinscale.txt`` beside it)
    and ``quad_classes``; ``CAMEO.goldsteinscale.txt`` alone gives nothing (it is read with the event
    codes); ``CAMEO.type.txt`` gives ``cameo_actor_types``; ``CAMEO.country.txt`` ``cameo_country_codes``;
    ``FIPS.country.txt`` ``fips_country_codes``. Names are matched case-blind. A dict, not one table,
    because the five lookups do not map one-to-one onto the five snapshot files (``entente data update``
    accepts either). Files are GDELT's tab-separated text, read verbatim (no trimming). Malformed lines
    are left out and reported (see :mod:`entente.sources._parsing`); ``strict=True`` raises instead.
    """
    path = Path(path)
    name = path.name.lower()
    if name == _EVENTS[0]:
        return {"cameo/cameo_event_codes.parquet": _event_codes(path, strict),
                "cameo/quad_classes.parquet": quad_classes()}
    if name == _EVENTS[1]:
        return {}
    if name not in _FILES:
        raise SourceError(f"cameo: {path.name} is not a GDELT lookup entente reads; expected one of "
                          f"{sorted(_FILES) + list(_EVENTS)} (case-insensitive).")
    table_name, header, schema = _FILES[name]
    frame, rejects = _read(path, header)
    frame = frame.rename(columns=dict(zip(header, schema.names)))
    if name == "cameo.country.txt":  # the snapshot orders CAMEO country codes by code
        frame = frame.sort_values("cameo_country_code", kind="stable")
    return {f"cameo/{table_name}.parquet": conform(frame, schema, SOURCE.name, path.name, rejects=rejects,
                                                   strict=strict)}


def load() -> list[Loaded]:
    """The five reference tables, from the snapshot."""
    return snapshot_tables(SOURCE, ("cameo_event_codes", "quad_classes", "cameo_actor_types", "cameo_country_codes", "fips_country_codes"))