"""Global Sanctions Data Base (GSDB, Kiel Institute / Drexel), release 3: sanction cases 1949–2022.

**Not bundled: you supply the file.** The GSDB team gives the data on request, for research use, and
asks users to cite the papers below; it grants no licence to redistribute, so entente ships no copy.
To load it:

1. Request the data at https://www.globalsanctionsdatabase.com/ (the request form; the team e-mails a
   download link).
2. Save the case file, unchanged, as ``$ENTENTE_HOME/user/gsdb/GSDB_V3.csv`` (a later release saved
   as ``GSDB_V<n>.csv`` is read too, if its columns are the same; with several, the last in name order
   wins). If you received Excel or Stata, save the case sheet as CSV with the header below.
   Alternatively, put entente's own layout there: ``gsdb_v3_cases.parquet`` (and optionally
   ``gsdb_v3_case_dyads.parquet``; without it the dyads are derived from the cases).
   ``entente.config.home()`` tells where ``ENTENTE_HOME`` is.
3. Rebuild the warehouse. Without a file, ``load()`` returns nothing and says where to get it.

The CSV: comma-separated, quoted where a field holds commas, header ``case_id, sanctioned_state,
sanctioning_state, begin, end, trade, descr_trade, arms, military, financial, travel, other,
target_mult, sender_mult, objective, success`` (no spaces).

Tables:

- ``gsdb_cases``, key ``case_id``: one row per sanction case; ``sanctioned_state`` and
  ``sanctioning_state`` are comma-separated lists of World Bank-style names ("Egypt, Arab Rep.",
  "Korea, North") or organisations ("EU", "UN", "League of Arab States"); ``begin``/``end`` years;
  0/1 sanction types ``trade``, ``arms``, ``military``, ``financial``, ``travel``, ``other``;
  ``descr_trade`` ("exp_compl, imp_compl" = complete export and import ban; ``*_part`` partial);
  ``target_mult``/``sender_mult`` (1 = several); ``objective`` and ``success`` (one value per
  objective, comma-separated, in the same order).
- ``gsdb_case_dyads``, key ``(case_id, sanctioning_state, sanctioned_state)``: the lists split into one
  row per sender and target, with ``*_iso3c`` and ``*_ccode`` from entente's crosswalk, plus ``begin``
  and ``end``. A **directed** relation: sender → target.

Coverage (release 3, as checked): 1,325 cases beginning 1949–2022; cases still in force are coded
as ending in 2022. 32 cases target Iran; 31 target "Russia" and 9 the "Soviet Union" (both COW 365).
No case has Iran and Russia as sender and target either way.

Quirks users must know: splitting the lists re-joins World Bank suffixes ("Congo, Democratic Republic
of the", "Gambia, The", "Egypt, Arab Rep."); organisations and groups (EU, UN, NATO, "Western
countries", terrorist organisations) get null codes; "Yemen" is 679 and "Yemen, North" 678 whatever
the year; the Soviet Union and Russia are both 365; Germany is 255 even before 1990.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from entente.errors import SourceError
from entente.sources import Citation, Loaded, Source
from entente.sources._parsing import UserFileMissing, check_columns, conform, crosswalk, read_delimited, user_dir

ORDER = 85

SOURCE = Source(
    name="gsdb",
    title="Global Sanctions Data Base (GSDB), release 3",
    version="release 3 (cases 1949–2022); user-supplied",
    url="https://www.globalsanctionsdatabase.com/",
    licence=(
        "Provided by the GSDB team on request, for research use; users must cite the GSDB papers. No "
        "licence to redistribute is given, so entente does not ship it: request it at "
        "https://www.globalsanctionsdatabase.com/ and save it under $ENTENTE_HOME/user/gsdb/."
    ),
    citations=(
        Citation(
            key="felbermayr2020",
            text="Felbermayr, G., Kirilakha, A., Syropoulos, C., Yalcin, E. & Yotov, Y. V. (2020). \"The Global "
            'Sanctions Data Base." European Economic Review 129: 103561.',
            bibtex="""@article{felbermayr2020,
  author = {Felbermayr, Gabriel and Kirilakha, Aleksandra and Syropoulos, Constantinos and Yalcin, Erdal and Yotov, Yoto V.},
  title = {The Global Sanctions Data Base},
  journal = {European Economic Review},
  volume = {129}, pages = {103561}, year = {2020},
  doi = {10.1016/j.euroecorev.2020.103561}
}""",
        ),
        Citation(
            key="kirilakha2021",
            text="Kirilakha, A., Felbermayr, G., Syropoulos, C., Yalcin, E. & Yotov, Y. V. (2021). \"The Global "
            'Sanctions Data Base (GSDB): an update that includes the years of the Trump presidency." In '
            "P. A. G. van Bergeijk (ed.), Research Handbook on Economic Sanctions. Edward Elgar.",
            bibtex="""@incollection{kirilakha2021,
  author = {Kirilakha, Aleksandra and Felbermayr, Gabriel and Syropoulos, Constantinos and Yalcin, Erdal and Yotov, Yoto V.},
  title = {The Global Sanctions Data Base ({GSDB}): an update that includes the years of the {Trump} presidency},
  booktitle = {Research Handbook on Economic Sanctions},
  editor = {van Bergeijk, Peter A. G.},
  publisher = {Edward Elgar}, year = {2021}
}""",
        ),
        Citation(
            key="syropoulos2024",
            text="Syropoulos, C., Felbermayr, G., Kirilakha, A., Yalcin, E. & Yotov, Y. V. (2024). \"The Global "
            'Sanctions Data Base—Release 3: COVID-19, Russia, and Multilateral Sanctions." Review of '
            "International Economics 32(1).",
            bibtex="""@article{syropoulos2024,
  author = {Syropoulos, Constantinos and Felbermayr, Gabriel and Kirilakha, Aleksandra and Yalcin, Erdal and Yotov, Yoto V.},
  title = {The Global Sanctions Data Base---Release 3: {COVID}-19, {Russia}, and Multilateral Sanctions},
  journal = {Review of International Economics},
  volume = {32}, number = {1}, year = {2024}
}""",
        ),
    ),
    files={},
    homepage="https://www.globalsanctionsdatabase.com/",
    unit="sanction case; case × sender × target",
    redistributable=False,
)

CASES_SCHEMA = pa.schema([
    ("case_id", pa.int32()), ("sanctioned_state", pa.large_string()), ("sanctioning_state", pa.large_string()),
    ("begin", pa.int16()), ("end", pa.int16()), ("trade", pa.int8()), ("descr_trade", pa.large_string()),
    ("arms", pa.int8()), ("military", pa.int8()), ("financial", pa.int8()), ("travel", pa.int8()),
    ("other", pa.int8()), ("target_mult", pa.int8()), ("sender_mult", pa.int8()),
    ("objective", pa.large_string()), ("success", pa.large_string()),
])
DYADS_SCHEMA = pa.schema([
    ("case_id", pa.int32()), ("sanctioning_state", pa.large_string()), ("sanctioning_iso3c", pa.large_string()),
    ("sanctioning_ccode", pa.int16()), ("sanctioned_state", pa.large_string()),
    ("sanctioned_iso3c", pa.large_string()), ("sanctioned_ccode", pa.int16()), ("begin", pa.int16()),
    ("end", pa.int16()),
])
NAMES = "sanctions/gsdb_names.csv"  # GSDB name → ISO3, COW code (entente's crosswalk, not GSDB data)
CASES_FILE, DYADS_FILE = "gsdb_v3_cases.parquet", "gsdb_v3_case_dyads.parquet"


def parse(path: Path, *, strict: bool = False) -> pa.Table:
    """Read the GSDB case file (``GSDB_V3.csv``) into ``gsdb_cases``; :func:`case_dyads` splits it.

    Empty fields become null. Malformed lines are left out and reported with their line numbers (see
    :mod:`entente.sources._parsing`); ``strict=True`` raises instead.
    """
    frame, rejects = read_delimited(path, SOURCE.name)
    frame.columns = [c.strip().lower() if c != "_line" else c for c in frame.columns]
    for column in CASES_SCHEMA.names:
        if column in frame.columns:
            frame[column] = frame[column].mask(frame[column].str.strip() == "")
    return conform(frame, CASES_SCHEMA, SOURCE.name, Path(path).name, rejects=rejects, strict=strict)


def split_names(text: str | None, compound: set[str]) -> list[str]:
    """Split a GSDB list ("Egypt, Arab Rep., Syria") into names, re-joining names that hold a comma."""
    if not text:
        return []
    parts = [p.strip() for p in text.split(",")]
    names, i = [], 0
    while i < len(parts):
        for j in range(len(parts), i, -1):
            candidate = ", ".join(parts[i:j])
            if j - i == 1 or candidate in compound:
                names.append(candidate)
                i = j
                break
    return names


def case_dyads(cases: pa.Table) -> pa.Table:
    """One row per (case, sender, target), with ISO3 and COW codes; sorted by case, sender, target."""
    codes = crosswalk(NAMES)
    compound = {name for name in codes if "," in name}
    rows = []
    for case in cases.to_pylist():
        for sender in split_names(case["sanctioning_state"], compound):
            for target in split_names(case["sanctioned_state"], compound):
                rows.append((case["case_id"], sender, *codes.get(sender, (None, None)),
                             target, *codes.get(target, (None, None)), case["begin"], case["end"]))
    frame = pd.DataFrame(rows, columns=DYADS_SCHEMA.names)
    unknown = sorted((set(frame.sanctioning_state) | set(frame.sanctioned_state)) - set(codes))
    if unknown:
        warnings.warn(f"gsdb: {len(unknown)} name(s) not in entente's crosswalk ({NAMES}), codes left null: "
                      f"{unknown[:10]}", stacklevel=2)
    frame = frame.sort_values(["case_id", "sanctioning_state", "sanctioned_state"], kind="stable")
    return conform(frame, DYADS_SCHEMA, SOURCE.name, "the split case lists")


def _cast(table: pa.Table, schema: pa.Schema, where: str) -> pa.Table:
    check_columns(table.column_names, schema.names, SOURCE.name, where)
    return table.select(schema.names).cast(schema)


def user_files() -> tuple[pa.Table, pa.Table, str] | None:
    """``(cases, dyads, file)`` from what the user saved under ``$ENTENTE_HOME/user/gsdb``, or None."""
    folder = user_dir("gsdb")
    if not folder.is_dir():
        return None
    if (folder / CASES_FILE).exists():
        cases = _cast(pq.read_table(folder / CASES_FILE), CASES_SCHEMA, CASES_FILE)
        dyads = (_cast(pq.read_table(folder / DYADS_FILE), DYADS_SCHEMA, DYADS_FILE)
                 if (folder / DYADS_FILE).exists() else case_dyads(cases))
        return cases, dyads, str(folder / CASES_FILE)
    found = sorted(p for p in folder.iterdir() if p.name.lower().startswith("gsdb_v") and p.suffix.lower() == ".csv")
    if not found:
        return None
    cases = parse(found[-1])
    return cases, case_dyads(cases), str(found[-1])


def where_to_get() -> str:
    """What to do to load the GSDB (shown when it is missing)."""
    return (f"gsdb: no GSDB file in {user_dir('gsdb')}, so gsdb_cases and gsdb_case_dyads are not built. The GSDB "
            "is given for research use on request and entente may not ship it: request it at "
            "https://www.globalsanctionsdatabase.com/ and save the case file there as GSDB_V3.csv.")


def load() -> list[Loaded]:
    """``gsdb_cases`` and ``gsdb_case_dyads`` from the user's file; without one, nothing (and a warning).

    A user file that cannot be read is reported as a warning and skipped, so the rest of the warehouse
    still builds; :func:`parse` on the file shows the full error.
    """
    try:
        found = user_files()
    except (SourceError, ValueError, OSError, pa.ArrowException) as exc:
        warnings.warn(f"gsdb: the file in {user_dir('gsdb')} could not be loaded and was skipped: {exc}", stacklevel=2)
        return []
    if found is None:
        warnings.warn(where_to_get(), UserFileMissing, stacklevel=2)
        return []
    cases, dyads, file = found
    return [Loaded("gsdb_cases", cases, file), Loaded("gsdb_case_dyads", dyads, file)]
