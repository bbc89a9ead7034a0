"""IMF Direction of Trade Statistics (DOTS), annual, 1960–2020: bilateral goods trade as each side reports it.

Tables:

- ``imf_dots_dyad_year``: one row per pair and year, ``ccode1 < ccode2`` (non-directed, as COW trade).
  Both reporters' views of each flow are kept, because they are independent records that do not match:

  ============================  ====================================================  ==========
  column                        the flow, and who reports it                          valuation
  ============================  ====================================================  ==========
  ``imf_exports_1to2``          ccode1's exports to ccode2, as ccode1 reports them    FOB
  ``imf_imports_2from1``        ccode2's imports from ccode1, as ccode2 reports them  CIF
  ``imf_exports_2to1``          ccode2's exports to ccode1, as ccode2 reports them    FOB
  ``imf_imports_1from2``        ccode1's imports from ccode2, as ccode1 reports them  CIF
  ============================  ====================================================  ==========

  Each has an ``…_est`` flag: True where the IMF wrote the cell as an estimate (``"750.64 e"``, usually
  derived from the partner's records), False where it is a reported figure, null where there is no
  figure. Key ``(ccode1, ccode2, year)``. COW's ``flow1`` (imports of ccode1 from ccode2) corresponds to
  ``imf_imports_1from2``, with ``imf_exports_2to1`` as the mirror figure where the importer is silent.
- ``imf_dots_state_year``: each reporter's total goods ``imf_exports`` and ``imf_imports`` (its "World"
  row), with their ``…_est`` flags. Key ``(ccode, year)``.

Coverage: 1960–2020 (the years the reporters' sheets span; many start later): 567,474 dyad-years and
9,544 state-years. Values in **current US$ millions**, not deflated, kept to US$ 1,000 (3 decimals); the IMF has revised 2018–2020 since this copy was exported (early 2022).

How the upstream workbooks become these tables (:func:`parse`; PROVENANCE.md of the copy lists the quirks):

- 235 workbooks, one per reporter, each with an ``Exports, FOB`` and an ``Imports, CIF`` sheet: the
  reporter's name in B4, the years in row 7 (not always consecutive: Vietnam's skip 1974–1980), then
  one row per partner or group.
- IMF names become COW codes through entente's crosswalk ``trade/imf_dots_names.csv`` (columns
  ``imf_name, ccode, first_year, last_year, kind, note``). A name may map to different codes over time:
  ``USSR`` is 365 up to 1991 and ``Russian Federation`` 365 from 1992; ``Germany`` is 260 (the Federal
  Republic) up to 1989 and 255 from 1990; ``Vietnam`` is 817 (the Republic of Vietnam, the IMF member
  then) up to 1975 and 816 from 1976; the Yemens, Czechoslovakia and Yugoslavia likewise. Names that
  are not one COW state are dropped **deliberately**, by their ``kind``: ``aggregate`` (World, regions,
  "not specified" residuals, memorandum groups), ``customs_union`` (Belgium-Luxembourg until 1996, the
  Southern African Common Customs Area until 1997: no single state reports them), and
  ``not_a_cow_state`` (territories, Hong Kong, Macao, West Bank and Gaza, the Holy See). The counts of
  what was dropped, by reason, are in the table's metadata (:func:`dropped`).
- In 460 of 470 sheets the first partner row is "Australia", placed before "World" and repeating the
  regular Australia row; it is dropped after checking it repeats that row (a leading row that differs
  is set aside as malformed). Nicaragua's workbook is there twice (``DOTS_143``, ``DOTS_144``) with
  identical cells: repeated identical cells are dropped and counted; conflicting ones are set aside.
- A state's name in a year outside its span is dropped on purpose too, and counted by name: "USSR" in
  a reporter's 1993 records (428 cells), "Yugoslavia" after 1992 (936), "Czechoslovakia" after 1992
  (374) could be any successor; "Kosovo, Rep. of" before 2008 (167), "Serbia, Rep. of" and
  "Montenegro" before 2006 (50, 41) are not yet COW states.
- A cell that is not a number nor ``"<number> e"`` (thousands separators allowed: ``"2,528.04 e"``), a
  name not in the crosswalk and a state trading with itself are malformed: left out and reported with
  workbook and row (see :mod:`entente.sources._parsing`), never blocking the other cells. The 2022
  copy has none.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from entente import config
from entente.errors import SchemaError, SourceError
from entente.sources import Citation, Loaded, Source, Upstream, sha256_file, snapshot_tables
from entente.sources._parsing import report

ORDER = 63

_COMMIT = "a769819d9b25a21a362d6cabfb10f150903f834d"

SOURCE = Source(
    name="imf_dots",
    title="IMF Direction of Trade Statistics (DOTS): bilateral goods trade by reporter, annual",
    version="DOTS as exported c. February 2022 (1960–2020); copy SamLeBlanc/Direction-of-Trade-Map @a769819",
    url="https://data.imf.org/en/datasets/IMF.STA:IMTS",
    licence=(
        "© International Monetary Fund. The IMF Copyright and Usage terms (2 January 2020) let users "
        "download, extract, copy, create derivative works, publish, distribute and sell Data obtained from "
        "IMF sites, Direction of Trade (DOT) named among such Data, on condition of citing the IMF as the "
        "source: 'Source: International Monetary Fund, Direction of Trade Statistics (DOTS)'. The terms in "
        "force since 11 October 2024 keep special terms for statistical data; re-check them before a "
        "public release. The GitHub copy's MIT licence covers its code only."
    ),
    citations=(
        Citation(
            key="imf2022dots",
            text="International Monetary Fund (2022). Direction of Trade Statistics (DOTS), annual data, exported "
            "c. February 2022. Copy: github.com/SamLeBlanc/Direction-of-Trade-Map @ a769819. Source: "
            "International Monetary Fund, Direction of Trade Statistics (DOTS).",
            bibtex="""@misc{imf2022dots,
  author = {{International Monetary Fund}},
  title = {Direction of Trade Statistics ({DOTS})},
  year = {2022},
  note = {Annual data, exported c. February 2022; copy: github.com/SamLeBlanc/Direction-of-Trade-Map @ a769819},
  url = {https://data.imf.org/en/datasets/IMF.STA:IMTS}
}""",
        ),
    ),
    files={
        "trade/imf_dots_dyad_year.parquet": "cf2cf74b38e862a0732116ab8f5dcaf2214794dcfc38f2b76036e8eb3385b5dc",
        "trade/imf_dots_state_year.parquet": "eba7581b628b0dd98d519e689d4ea1550d433802dfb6e06f5663b54d7ac288e2",
    },
    # The copy the snapshot was parsed from: the GitHub repository at that commit, as one archive holding
    # data/DOTS/DOTS_1.xlsx … DOTS_235.xlsx (PROVENANCE.md of the copy lists each workbook's sha256).
    upstream=(Upstream(f"https://codeload.github.com/SamLeBlanc/Direction-of-Trade-Map/zip/{_COMMIT}",
                       f"Direction-of-Trade-Map-{_COMMIT[:7]}.zip", format="zip of xlsx"),),
    homepage="https://data.imf.org/en/datasets/IMF.STA:IMTS",
    unit="non-directed dyad-year; state-year",
)

NAMES = "trade/imf_dots_names.csv"   # IMF name → COW code by years (entente's crosswalk, not IMF data)
KINDS = ("state", "aggregate", "customs_union", "not_a_cow_state")
OUTSIDE = "outside its span"      # a state's name in a year its crosswalk rows do not cover
SHEETS = {"Exports, FOB": "exports", "Imports, CIF": "imports"}
TITLE_ROW, REPORTER_ROW, YEAR_ROW, FIRST_ROW, LABEL_COL, FIRST_VALUE_COL = 1, 3, 6, 7, 1, 2
DROPPED_KEY = b"entente.imf_dots.dropped"
#: Values are kept to US$ 1,000 (3 decimals of a million). The workbooks carry up to 6 decimals, the
#: residue of currency conversion; the estimates 2. Rounding halves the snapshot (5.5 MB, not 9.8 MB).
DECIMALS = 3

_FLOWS = ("imf_exports_1to2", "imf_imports_2from1", "imf_exports_2to1", "imf_imports_1from2")
DYAD_SCHEMA = pa.schema(
    [("ccode1", pa.int16()), ("ccode2", pa.int16()), ("year", pa.int16())]
    + [field for flow in _FLOWS for field in ((flow, pa.float64()), (f"{flow}_est", pa.bool_()))])
STATE_SCHEMA = pa.schema([
    ("ccode", pa.int16()), ("year", pa.int16()), ("imf_exports", pa.float64()), ("imf_exports_est", pa.bool_()),
    ("imf_imports", pa.float64()), ("imf_imports_est", pa.bool_()),
])
_ESTIMATE = re.compile(r"\s*(-?[\d,]*\.?\d+)\s*e\s*")


@dataclass(frozen=True)
class Name:
    """One crosswalk row: IMF ``name`` is COW ``ccode`` from ``first`` to ``last`` (None: open), or, for a
    ``kind`` other than ``state``, not one COW state (``note`` says why)."""

    name: str
    ccode: int | None
    first: int | None
    last: int | None
    kind: str
    note: str

    def covers(self, year: int) -> bool:
        return (self.first is None or year >= self.first) and (self.last is None or year <= self.last)


def crosswalk(path: Path | None = None) -> dict[str, list[Name]]:
    """IMF name → its crosswalk rows (several where the name's code changes over time)."""
    path = path or config.snapshot_dir() / NAMES
    out: dict[str, list[Name]] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["kind"] not in KINDS:
                raise SchemaError(f"imf_dots: {path.name} gives {row['imf_name']!r} the kind {row['kind']!r}; "
                                  f"expected one of {KINDS}.")
            out.setdefault(row["imf_name"], []).append(Name(
                row["imf_name"], int(row["ccode"]) if row["ccode"] else None,
                int(row["first_year"]) if row["first_year"] else None,
                int(row["last_year"]) if row["last_year"] else None, row["kind"], row["note"]))
    return out


def ccode(names: dict[str, list[Name]], name: str, year: int) -> tuple[int | None, str]:
    """``(COW code, "")`` for IMF ``name`` in ``year``, else ``(None, why)``: why it is dropped on purpose
    (its kind: ``aggregate``, ``customs_union``, ``not_a_cow_state``; or :data:`OUTSIDE`, a state's name
    in a year its rows do not cover, as "USSR" in a 1993 record, which could be any successor) or, for a
    name the crosswalk lacks, the reason it is malformed."""
    rows = names.get(name)
    if not rows:
        return None, f"{name!r} is not in entente's IMF crosswalk ({NAMES})"
    if rows[0].kind != "state":
        return None, rows[0].kind
    for row in rows:
        if row.covers(year):
            return row.ccode, ""
    return None, OUTSIDE


def value(cell) -> tuple[float, bool] | None:
    """``(US$ millions, is_estimate)`` from a cell: a number, or text ``"408.42 e"`` (an IMF estimate).
    None for a blank; raises ValueError for anything else."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, bool):
        raise ValueError(f"{cell!r} is not a number")
    if isinstance(cell, (int, float)):
        return float(cell), False
    if isinstance(cell, str):
        match = _ESTIMATE.fullmatch(cell)
        if match:
            return float(match.group(1).replace(",", "")), True
        try:
            return float(cell.replace(",", "")), False
        except ValueError:
            pass
    raise ValueError(f"{cell!r} is neither a number nor '<number> e'")


def _files(source) -> list[tuple[str, object]]:
    """``(name, workbook)`` for each DOTS workbook, in DOTS_<n> order: the workbooks of a folder (or of its
    ``raw/``), of a .zip (the GitHub copy as downloaded: any member named ``DOTS_<n>.xlsx``), one workbook,
    or a list of workbooks. ``workbook`` is a path, or the bytes of a zip member."""
    paths = [Path(p) for p in source] if not isinstance(source, (str, Path)) else [Path(source)]
    found: list[tuple[str, object]] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(path.glob("*.xlsx")) or sorted((path / "raw").glob("*.xlsx"))
            if not inside:
                raise SourceError(f"imf_dots: no .xlsx workbooks in {path} (nor in {path / 'raw'}).")
            found += [(p.name, p) for p in inside]
        elif path.suffix.lower() == ".zip":
            try:
                with zipfile.ZipFile(path) as archive:
                    members = [m for m in archive.namelist() if re.fullmatch(r"DOTS_\d+\.xlsx", Path(m).name)]
                    found += [(Path(m).name, archive.read(m)) for m in members]
            except zipfile.BadZipFile as exc:
                raise SourceError(f"imf_dots: {path} is not a readable .zip ({exc}).") from exc
            if not any(isinstance(w, bytes) for _, w in found):
                raise SourceError(f"imf_dots: {path} holds no DOTS_<n>.xlsx workbook; expected the GitHub copy "
                                  "(data/DOTS/DOTS_1.xlsx … DOTS_235.xlsx).")
        else:
            found.append((path.name, path))
    number = re.compile(r"(\d+)")
    return sorted(found, key=lambda f: [int(t) if t.isdigit() else t for t in number.split(f[0])])


def _sheets(name: str, workbook):
    """``(flow, rows)`` for each sheet of a workbook, rows as tuples of cell values."""
    import openpyxl  # only parse() reads the workbooks (about 0.3 s to import); the build reads Parquet

    try:
        book = openpyxl.load_workbook(io.BytesIO(workbook) if isinstance(workbook, bytes) else workbook,
                                      read_only=True, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException: not a workbook
        raise SourceError(f"imf_dots: cannot read {name} as an .xlsx workbook ({type(exc).__name__}: {exc}).") from exc
    try:
        if sorted(book.sheetnames) != sorted(SHEETS):
            raise SchemaError(f"imf_dots: {name} has the sheets {book.sheetnames}; expected {list(SHEETS)}. "
                              "The upstream layout changed.")
        for sheet in book.worksheets:
            yield SHEETS[sheet.title], list(sheet.iter_rows(values_only=True))
    finally:
        book.close()


def _cell(rows: list[tuple], r: int, c: int):
    return rows[r][c] if r < len(rows) and c < len(rows[r]) else None


def _years(rows: list[tuple], where: str) -> dict[int, int]:
    """Column → year from the year row; raises SchemaError when it does not hold years."""
    header = rows[YEAR_ROW] if len(rows) > YEAR_ROW else ()
    years = {}
    for col in range(FIRST_VALUE_COL, len(header)):
        cell = header[col]
        if cell is None:
            continue
        text = str(cell).strip().removesuffix(".0")
        if not (text.isdigit() and 1900 < int(text) < 2200):
            raise SchemaError(f"imf_dots: {where} row {YEAR_ROW + 1} holds {cell!r} where a year was expected; "
                              "the upstream layout changed.")
        years[col] = int(text)
    if not years:
        raise SchemaError(f"imf_dots: {where} has no years in row {YEAR_ROW + 1}; the upstream layout changed.")
    return years


def _read(files) -> tuple[pd.DataFrame, pd.DataFrame, list[dict], Counter]:
    """Every state-to-state cell and every reporter's World row, with the rejects and the dropped counts.

    Returns ``(cells, totals, rejects, dropped)``: ``cells`` has one row per reported figure
    (``reporter, partner, year, flow, value, est, where``), ``totals`` the World rows
    (``ccode, year, flow, value, est``).
    """
    names = crosswalk()
    cells, totals, rejects = [], [], []
    dropped: Counter = Counter()
    for file, workbook in _files(files):
        for flow, rows in _sheets(file, workbook):
            where = f"{file} [{'Exports, FOB' if flow == 'exports' else 'Imports, CIF'}]"
            reporter = _cell(rows, REPORTER_ROW, LABEL_COL)
            if reporter is None:
                raise SchemaError(f"imf_dots: {where} has no reporter name in B{REPORTER_ROW + 1}; "
                                  "the upstream layout changed.")
            rows_for = names.get(reporter)
            if rows_for and rows_for[0].kind != "state":
                dropped[f"reporter sheets: {rows_for[0].kind}"] += 1
                continue
            years = _years(rows, where)
            labels = [(_cell(rows, r, LABEL_COL), r) for r in range(FIRST_ROW, len(rows))]
            skip = set()
            if labels and labels[0][0] == "Australia":
                regular = [r for label, r in labels[1:] if label == "Australia"]
                first = [_cell(rows, FIRST_ROW, c) for c in years]
                if regular and [_cell(rows, regular[0], c) for c in years] == first:
                    skip.add(FIRST_ROW)
                    dropped["leading Australia row (repeats the regular one)"] += 1
                elif regular:
                    skip.add(FIRST_ROW)
                    rejects.append({"file": file, "line": FIRST_ROW + 1, "text": repr(first)[:500],
                                    "reason": f"{where}: the leading Australia row differs from the regular one "
                                              f"(row {regular[0] + 1})"})
            for label, r in labels:
                if r in skip or label is None:
                    continue
                for col, year in years.items():
                    raw = _cell(rows, r, col)
                    try:
                        got = value(raw)
                    except ValueError as exc:
                        rejects.append({"file": file, "line": r + 1, "text": f"{label}, {year}: {raw!r}",
                                        "reason": f"{where}: {exc}"})
                        continue
                    if got is None:
                        continue
                    if label == "World":
                        code, why = ccode(names, reporter, year)
                        if code is not None:
                            totals.append((code, year, flow, got[0], got[1]))
                    rep, why_rep = ccode(names, reporter, year)
                    partner, why = ccode(names, label, year)
                    if why_rep == OUTSIDE or why == OUTSIDE:
                        dropped[f"cells: {reporter if why_rep else label} {OUTSIDE}"] += 1
                        continue
                    if why in KINDS:
                        dropped[f"cells: partner is {why}"] += 1
                        continue
                    problem = why_rep or why or ("the reporter and the partner are the same COW state "
                                                 f"({rep})" if rep == partner else "")
                    if problem:
                        rejects.append({"file": file, "line": r + 1, "text": f"{label}, {year}: {raw!r}",
                                        "reason": f"{where}: {problem}"})
                        continue
                    cells.append((rep, partner, year, flow, got[0], got[1], where))
    cells = pd.DataFrame(cells, columns=["reporter", "partner", "year", "flow", "value", "est", "where"])
    totals = pd.DataFrame(totals, columns=["ccode", "year", "flow", "value", "est"])
    return cells, totals, rejects, dropped


def _dedupe(frame: pd.DataFrame, keys: list[str], rejects: list[dict], dropped: Counter, what: str) -> pd.DataFrame:
    """Drop repeated identical figures (counted); set aside repeats that disagree with the first."""
    repeated = frame.duplicated(keys, keep="first")
    if not repeated.any():
        return frame
    first = frame[~repeated].set_index(keys)
    for row in frame[repeated].itertuples(index=False):
        kept = first.loc[tuple(getattr(row, k) for k in keys)]
        if kept["value"] == row.value and kept["est"] == row.est:
            dropped[f"identical repeat of a {what}"] += 1
        else:
            rejects.append({"file": getattr(row, "where", what).split(" ")[0], "line": 0,
                            "text": str(tuple(row)), "reason": f"a second, different figure for the same {what} "
                            f"({dict(zip(keys, (getattr(row, k) for k in keys)))}): {row.value} against {kept['value']}"})
    return frame[~repeated]


def _dyads(cells: pd.DataFrame) -> pd.DataFrame:
    """Directed cells → one non-directed row per pair-year with both reporters' view of each flow."""
    exporter = cells["reporter"].where(cells["flow"] == "exports", cells["partner"])
    importer = cells["partner"].where(cells["flow"] == "exports", cells["reporter"])
    lo, hi = exporter.where(exporter < importer, importer), importer.where(exporter < importer, exporter)
    forward = exporter < importer      # the flow goes from ccode1 to ccode2
    column = pd.Series(
        [{("exports", True): "imf_exports_1to2", ("imports", True): "imf_imports_2from1",
          ("exports", False): "imf_exports_2to1", ("imports", False): "imf_imports_1from2"}[key]
         for key in zip(cells["flow"], forward)], index=cells.index)
    long = pd.DataFrame({"ccode1": lo, "ccode2": hi, "year": cells["year"], "column": column,
                         "value": cells["value"].round(DECIMALS), "est": cells["est"]})
    wide = long.pivot(index=["ccode1", "ccode2", "year"], columns="column", values=["value", "est"])
    out = pd.DataFrame(index=wide.index)
    for flow in _FLOWS:
        out[flow] = wide[("value", flow)] if ("value", flow) in wide else None
        out[f"{flow}_est"] = (wide[("est", flow)] if ("est", flow) in wide else None)
    out = out.reset_index().sort_values(["ccode1", "ccode2", "year"]).reset_index(drop=True)
    for flow in _FLOWS:
        out[f"{flow}_est"] = out[f"{flow}_est"].astype("boolean")
    return out


def _totals(totals: pd.DataFrame) -> pd.DataFrame:
    totals = totals.assign(value=totals["value"].round(DECIMALS))
    wide = totals.pivot(index=["ccode", "year"], columns="flow", values=["value", "est"])
    out = pd.DataFrame(index=wide.index)
    for flow in ("exports", "imports"):
        out[f"imf_{flow}"] = wide[("value", flow)] if ("value", flow) in wide else None
        out[f"imf_{flow}_est"] = (wide[("est", flow)] if ("est", flow) in wide else pd.NA)
        out[f"imf_{flow}_est"] = out[f"imf_{flow}_est"].astype("boolean")
    return out.reset_index().sort_values(["ccode", "year"]).reset_index(drop=True)


DYAD_FILE, STATE_FILE = "trade/imf_dots_dyad_year.parquet", "trade/imf_dots_state_year.parquet"


def parse(files, *, strict: bool = False) -> dict[str, pa.Table]:
    """Both snapshot tables from the upstream workbooks: ``{snapshot file: table}`` (dyad-year, state-year).

    ``files``: the folder of the copy (its workbooks or its ``raw/``), the GitHub copy as a .zip, one
    workbook, or a list of them. One read gives both tables (each reporter's World row is its total), so
    ``parse`` returns them together, as :mod:`entente.refresh` accepts. Malformed cells are left out and
    reported (``strict=True`` raises instead); what was dropped on purpose is counted in each table's
    metadata (:func:`dropped`).
    """
    cells, totals, rejects, dropped = _read(files)
    cells = _dedupe(cells, ["reporter", "partner", "year", "flow"], rejects, dropped, "reporter-partner-year figure")
    totals = _dedupe(totals, ["ccode", "year", "flow"], rejects, dropped, "reporter's World total")
    note = json.dumps(dict(sorted(dropped.items()))).encode()
    where = f"{len(_files(files))} IMF DOTS workbook(s)"
    out = {}
    for file, frame, schema in ((DYAD_FILE, _dyads(cells) if len(cells) else None, DYAD_SCHEMA),
                                (STATE_FILE, _totals(totals) if len(totals) else None, STATE_SCHEMA)):
        table = (pa.Table.from_pandas(frame[schema.names], schema=schema, preserve_index=False)
                 if frame is not None else schema.empty_table())
        table = table.replace_schema_metadata({DROPPED_KEY: note})
        out[file] = report(table, rejects, SOURCE.name, where, strict=strict) if file == DYAD_FILE else table
    return out


def dropped(table: pa.Table) -> dict[str, int]:
    """What :func:`parse` dropped on purpose, by reason (cells, or sheets for the Australia row)."""
    raw = (table.schema.metadata or {}).get(DROPPED_KEY)
    return json.loads(raw) if raw else {}


def write_snapshot(folder: Path, out: Path | None = None) -> dict[str, str]:
    """Parse the workbooks in ``folder`` and write both Parquet (zstd) snapshot files; return file → sha256.

    Run once when the copy changes, then paste the checksums into ``SOURCE.files``; the warehouse build
    reads only the Parquet files.
    """
    out = out or config.snapshot_dir()
    sums = {}
    for file, table in parse(folder).items():
        path = out / file
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, path, compression="zstd", compression_level=19)
        sums[file] = sha256_file(path)
    return sums


def load() -> list[Loaded]:
    """``imf_dots_dyad_year`` and ``imf_dots_state_year``, from the snapshot."""
    return snapshot_tables(SOURCE, ("imf_dots_dyad_year", "imf_dots_state_year"))
