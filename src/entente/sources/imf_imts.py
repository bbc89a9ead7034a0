"""IMF International Trade in Goods by partner country (IMTS), annual, 2021 onwards: fetched online only.

IMTS is the IMF's successor to the Direction of Trade Statistics (:mod:`entente.sources.imf_dots`, bundled
to 2020). entente ships no IMTS data: the bundled tables are empty, and ``entente data update imf_trade``
fills them from the IMF's SDMX 3.0 API, through the same checked, atomic refresh as every dataset
(:mod:`entente.refresh`). Offline, the update fails with the downloader's message and nothing changes.

The query (one request, all reporters and partners, both flows, annual, from 2021)::

    https://api.imf.org/external/sdmx/3.0/data/dataflow/IMF.STA/IMTS/~/*.XG_FOB_USD+MG_CIF_USD.*.A
        ?c[TIME_PERIOD]=ge:2021            (Accept: application/vnd.sdmx.data+csv;version=2.0.0)

Its answer is SDMX-CSV 2.0, one observation a line, read by column name (the order may vary):
``STRUCTURE, STRUCTURE_ID, ACTION, COUNTRY`` (reporter, ISO3), ``INDICATOR`` (``XG_FOB_USD`` goods
exports FOB, ``MG_CIF_USD`` goods imports CIF), ``COUNTERPART_COUNTRY`` (partner: ISO3, or an IMF group
code such as ``G001`` World), ``FREQUENCY``, ``TIME_PERIOD`` (the year), ``OBS_VALUE`` (**US dollars, not
scaled**, although a ``SCALE`` column says 6), then attributes (``SCALE, PRECISION, DECIMALS_DISPLAYED,
TRADE_FLOW, VALUATION, UNIT, DERIVATION_TYPE, OVERLAP, STATUS``), which are not kept. The layout was read
from public clients of the API checked against real answers in 2026 (for example France's imports from
the United States in 2022: 56,004,917,567 US dollars); it could not be fetched from here.

Tables, in :mod:`entente.sources.imf_dots`' layout so the two join into one series:

- ``imf_imts_dyad_year``: ``ccode1 < ccode2``, ``year``, the four reported flows (each side's exports FOB
  and imports CIF) in **US$ millions** (kept to US$ 1,000), their ``…_est`` flags null (the CSV carries
  no estimate mark that entente reads). Key ``(ccode1, ccode2, year)``.
- ``imf_imts_state_year``: each reporter's ``imf_exports``/``imf_imports`` with the World (``G001``).

ISO3 codes become COW codes with :func:`entente.countries.resolve` (``iso:`` prefix: SRB is 345, XKX
Kosovo 347, TWN 713). Group codes (not three letters: ``G001``, ``G998``) and ISO3 codes of places that
are not COW states (HKG, ABW, PSE) are dropped on purpose and counted in the table's metadata; a line
whose year or value cannot be read is set aside with its line number (``entente data rejects imf_trade``).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pandas as pd
import pyarrow as pa

from entente import countries
from entente.errors import SchemaError, UnknownCountry
from entente.sources import Citation, Loaded, Source, Upstream, snapshot_tables
from entente.sources._parsing import LINE, read_delimited, report
from entente.sources.imf_dots import DECIMALS, DROPPED_KEY, DYAD_SCHEMA, STATE_SCHEMA, _dedupe, _dyads, _totals

ORDER = 64

DYAD_FILE, STATE_FILE = "trade/imf_imts_dyad_year.parquet", "trade/imf_imts_state_year.parquet"
API = "https://api.imf.org/external/sdmx/3.0/data/dataflow/IMF.STA/IMTS/~"
FIRST_YEAR = 2021
INDICATORS = {"XG_FOB_USD": "exports", "MG_CIF_USD": "imports"}
WORLD = "G001"
COLUMNS = ("COUNTRY", "INDICATOR", "COUNTERPART_COUNTRY", "FREQUENCY", "TIME_PERIOD", "OBS_VALUE")

SOURCE = Source(
    name="imf_trade",
    title="IMF International Trade in Goods by partner country (IMTS), annual, 2021 onwards (online only)",
    version="none bundled: fetched from the IMF's SDMX 3.0 API by `entente data update imf_trade`",
    url="https://data.imf.org/en/datasets/IMF.STA:IMTS",
    licence=(
        "© International Monetary Fund. The IMF's terms for statistical Data allow download, derivative works "
        "and redistribution, citing the IMF as the source (see imf_dots; re-check the terms in force since "
        "11 October 2024 before a public release). entente bundles none of it: the update fetches it."
    ),
    citations=(
        Citation(
            key="imfimts",
            text="International Monetary Fund. International Trade in Goods (by partner country), IMTS, annual "
            "data, retrieved from the IMF SDMX 3.0 API (IMF.STA:IMTS). Source: International Monetary Fund.",
            bibtex="""@misc{imfimts,
  author = {{International Monetary Fund}},
  title = {International Trade in Goods (by partner country), {IMTS}},
  note = {Annual data, IMF SDMX 3.0 API, dataflow IMF.STA:IMTS},
  url = {https://data.imf.org/en/datasets/IMF.STA:IMTS}
}""",
        ),
    ),
    files={
        DYAD_FILE: "cd14af20417f8250419171e0a0aad308b1f26ad37efb4cb9b2072d124e4f9e02",   # empty: no rows bundled
        STATE_FILE: "6450374b952b7c9fafa27f1c24a548ece3b1eacf89c7424449522cc98acf4038",
    },
    upstream=(
        Upstream(f"{API}/*.{'+'.join(INDICATORS)}.*.A?c%5BTIME_PERIOD%5D=ge:{FIRST_YEAR}",
                 "imts_annual_2021_onwards.csv", format="SDMX-CSV 2.0",
                 headers=(("Accept", "application/vnd.sdmx.data+csv;version=2.0.0"),), living=True),
    ),
    homepage="https://data.imf.org/en/datasets/IMF.STA:IMTS",
    unit="non-directed dyad-year; state-year",
)


def _code(iso: str, cache: dict) -> tuple[int | None, str]:
    """COW code of an IMTS country code, or (None, why it is dropped)."""
    if iso not in cache:
        if not (len(iso) == 3 and iso.isalpha()):
            cache[iso] = (None, "aggregate")
        else:
            try:
                cache[iso] = (countries.resolve(f"iso:{iso}").ccode, "")
            except UnknownCountry:
                cache[iso] = (None, "not_a_cow_state")
    return cache[iso]


def parse(path: Path, *, strict: bool = False) -> dict[str, pa.Table]:
    """The two tables from an IMTS SDMX-CSV answer: ``{snapshot file: table}``.

    Raises :class:`~entente.errors.SchemaError` when a column it reads is missing (the layout changed) or
    when the answer holds no annual goods flows at all; lines with an unreadable year or value are set
    aside with their line numbers (``strict=True`` raises instead).
    """
    path = Path(path)
    frame, rejects = read_delimited(path, SOURCE.name)
    frame.columns = [c.split("[")[0] for c in frame.columns]     # "STRUCTURE[;]" in some answers
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise SchemaError(f"{SOURCE.name}: {path.name} has no column(s) {missing}; its columns are "
                          f"{[c for c in frame.columns if c != LINE]}. The IMTS layout changed, or the file is "
                          "not an SDMX-CSV answer of the IMTS dataflow.")
    frame = frame[frame["INDICATOR"].isin(list(INDICATORS)) & (frame["FREQUENCY"] == "A")]
    year = pd.to_numeric(frame["TIME_PERIOD"], errors="coerce")
    value = pd.to_numeric(frame["OBS_VALUE"], errors="coerce")
    bad = year.isna() | (value.isna() & frame["OBS_VALUE"].str.strip().ne(""))
    for _, row in frame[bad].iterrows():
        rejects.append({"line": int(row[LINE]), "reason": f"TIME_PERIOD={row['TIME_PERIOD']!r} or "
                        f"OBS_VALUE={row['OBS_VALUE']!r} is not a number",
                        "text": ",".join(str(row[c]) for c in COLUMNS)})
    frame = frame[~bad & value.notna()].assign(year=year[~bad].astype(int), value=value[~bad] / 1e6)
    if frame.empty and not rejects:
        raise SchemaError(f"{SOURCE.name}: {path.name} holds no annual goods exports or imports "
                          f"({', '.join(INDICATORS)}); check the query.")
    cache: dict = {}
    dropped: Counter = Counter()
    cells, totals = [], []
    for row in frame.itertuples(index=False):
        flow = INDICATORS[row.INDICATOR]
        reporter, why_r = _code(row.COUNTRY, cache)
        if row.COUNTERPART_COUNTRY == WORLD and reporter is not None:
            totals.append((reporter, row.year, flow, row.value, None))
            continue
        partner, why_p = _code(row.COUNTERPART_COUNTRY, cache)
        if reporter is None or partner is None:
            dropped[f"{'reporter' if reporter is None else 'partner'} is {why_r or why_p}"] += 1
            continue
        if reporter == partner:
            dropped["reporter and partner are one COW state"] += 1
            continue
        cells.append((reporter, partner, row.year, flow, row.value, None, path.name))
    cells = pd.DataFrame(cells, columns=["reporter", "partner", "year", "flow", "value", "est", "where"])
    totals = pd.DataFrame(totals, columns=["ccode", "year", "flow", "value", "est"])
    cells = _dedupe(cells, ["reporter", "partner", "year", "flow"], rejects, dropped, "reporter-partner-year figure")
    totals = _dedupe(totals, ["ccode", "year", "flow"], rejects, dropped, "reporter's World total")
    note = json.dumps(dict(sorted(dropped.items()))).encode()
    out = {}
    for file, data, schema, build in ((DYAD_FILE, cells, DYAD_SCHEMA, _dyads), (STATE_FILE, totals, STATE_SCHEMA, _totals)):
        table = (pa.Table.from_pandas(build(data)[schema.names], schema=schema, preserve_index=False)
                 if len(data) else schema.empty_table())
        out[file] = table.replace_schema_metadata({DROPPED_KEY: note})
    out[DYAD_FILE] = report(out[DYAD_FILE], rejects, SOURCE.name, path.name, strict=strict)
    return out


def load() -> list[Loaded]:
    """``imf_imts_dyad_year`` and ``imf_imts_state_year``: empty until ``entente data update imf_trade``."""
    return snapshot_tables(SOURCE, ("imf_imts_dyad_year", "imf_imts_state_year"))


__all__ = ["DECIMALS", "SOURCE", "load", "parse"]
