"""Threat and Imposition of Economic Sanctions (TIES) v4.1 (Morgan, Bapat & Kobayashi): one row per case.

Table ``ties_cases``, key ``caseid`` (``YYYYMMDDnn``: start date and a serial), 66 columns named as in
the TIES v4 codebook (lower case): start and end dates (``startyear/month/day``, ``endyear/…``,
``ongoingasof…``), senders (``sender1..5``, ``primarysender``: COW codes), ``targetstate`` (COW code),
``institution``/``institutionid`` (the sender is an international institution), issues
(``issue1..3``), the threat (``threat``, ``sanctiontypethreat``, …), the imposition (``imposition`` = 1
when sanctions were imposed, ``sanctiontype``, ``sancimposition…``), costs (``targetcosts``,
``sendercosts`` and the money figures) and outcomes (``finaloutcome`` 1–10, ``settlementnature…``).

Coverage: cases **begun** 1945–2005 (1,412 cases), each followed to its end (``endyear``, at the latest
2012) or, while open, to the last year TIES saw it (``ongoingasofyear``, at the latest 2013): cases begun
1945–2005, followed to 2013 at the latest. **No case begun after 2005 is listed**, so sanctions of
2006–2013 appear only when their case began earlier; the brief says this once, in the same words in its
Security Council section and its coverage table (``entente.catalog.followed_to``).

Quirks users must know:

- Codes mean what the TIES v4 codebook says (issues, sanction types, outcomes); they are kept as the
  spreadsheet has them. Several multi-code fields are text with codes separated by spaces
  (``sanctiontype`` "2 7", ``institutionid`` "3760 4400", even "1  3"); split on whitespace.
- Money fields are free text in mixed currencies ("US dollars", "UKP", "$404 million"); do not sum them.
- Blank cells are null. A few text cells carry mis-encoded characters from the spreadsheet ("didnít").
- Senders are up to five COW codes plus an institution; a case is **directed** sender → target. Iran
  and Russia both appear, but no TIES case has one as sender and the other as target.
- **West Germany is sometimes 255.** COW gives West Germany 260 (1955–3 October 1990) and 255 to
  Germany before 1945 and after unification; TIES uses 260 in 57 cases but 255 in 10 cases that began
  before unification (the 1980 grain embargo on the Soviet Union, the 1982 Falklands sanctions on
  Argentina, and 1989 case 1989011704 has sender 260 and primary sender 255). :func:`load` recodes 255
  to 260 in cases that began between 5 May 1955 and 2 October 1990, so that they are not read as
  Germany's in years it was no state; :func:`parse` keeps the file as it is.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from entente.errors import SourceError
from entente.sources import Citation, Loaded, Source, Upstream, snapshot_tables
from entente.sources._parsing import LINE, conform, read_delimited

ORDER = 82

SOURCE = Source(
    name="ties",
    title="Threat and Imposition of Economic Sanctions (TIES) v4.1",
    version="4.1",
    url="https://sanctions.web.unc.edu/",
    licence=(
        "Freely downloadable from the TIES project site (University of North Carolina); the authors ask "
        "users to cite Morgan, Bapat & Kobayashi (2014). No other terms are stated."
    ),
    citations=(
        Citation(
            key="morgan2014",
            text='Morgan, T. C., Bapat, N. & Kobayashi, Y. (2014). "Threat and Imposition of Economic Sanctions '
            '1945–2005: Updating the TIES Dataset." Conflict Management and Peace Science 31(5): 541–558.',
            bibtex="""@article{morgan2014,
  author = {Morgan, T. Clifton and Bapat, Navin and Kobayashi, Yoshiharu},
  title = {Threat and Imposition of Economic Sanctions 1945--2005: Updating the {TIES} Dataset},
  journal = {Conflict Management and Peace Science},
  volume = {31}, number = {5}, pages = {541--558}, year = {2014},
  doi = {10.1177/0738894213520379}
}""",
        ),
        Citation(
            key="morgan2009",
            text='Morgan, T. C., Bapat, N. & Krustev, V. (2009). "The Threat and Imposition of Economic '
            'Sanctions, 1971–2000." Conflict Management and Peace Science 26(1): 92–110.',
            bibtex="""@article{morgan2009,
  author = {Morgan, T. Clifton and Bapat, Navin and Krustev, Valentin},
  title = {The Threat and Imposition of Economic Sanctions, 1971--2000},
  journal = {Conflict Management and Peace Science},
  volume = {26}, number = {1}, pages = {92--110}, year = {2009},
  doi = {10.1177/0738894208097668}
}""",
        ),
    ),
    files={"sanctions/ties_v4_1_cases.parquet": "d9d96f24fdf8ba1fb806604c89100ced71d1bce81adc3d3c9722ebdd42fdc56e"},
    upstream=(
        Upstream("https://raw.githubusercontent.com/maxlaza411/EconCoerFinal/143abc8119fca2ce00db5bab00f7bc27926e419b/TIESv4-1.xls",
                 "TIESv4-1.xls", format="xls"),
    ),
    homepage="https://sanctions.web.unc.edu/",
    unit="sanction case (sender → target)",
)

SCHEMA = pa.schema([
    ("caseid", pa.int64()), ("startmonth", pa.int16()), ("startday", pa.int16()), ("startyear", pa.int64()),
    ("endmonth", pa.int16()), ("endday", pa.int16()), ("endyear", pa.int16()),
    ("ongoingasofmonth", pa.int16()), ("ongoingasofday", pa.int16()), ("ongoingasofyear", pa.int16()),
    ("sender1", pa.int16()), ("sender2", pa.int16()), ("sender3", pa.int16()), ("sender4", pa.int16()),
    ("sender5", pa.int16()), ("primarysender", pa.int16()), ("targetstate", pa.int64()),
    ("institution", pa.int16()), ("institutionid", pa.large_string()), ("targetinstitution", pa.int16()),
    ("otherinstitution", pa.large_string()), ("issue1", pa.int64()), ("issue2", pa.int16()),
    ("issue3", pa.int16()), ("otherissue", pa.large_string()), ("threat", pa.int64()),
    ("threatid1", pa.int16()), ("threatid2", pa.int16()), ("threatid3", pa.int16()),
    ("sanctiontypethreat", pa.large_string()), ("othersanctiontypethreatened", pa.large_string()),
    ("bspecif", pa.int16()), ("scommit", pa.int16()), ("threatenedtargetinterest", pa.large_string()),
    ("dsanctions", pa.large_string()), ("carrots", pa.large_string()),
    ("anticipatedtargetcosts", pa.int16()), ("anticipatedtargetcostsfigureifav", pa.large_string()),
    ("tcurrency", pa.large_string()), ("tyearofestimate", pa.int16()),
    ("anticipatedsendercosts", pa.int16()), ("scurrency", pa.large_string()),
    ("syearofestimate", pa.int16()), ("imposition", pa.int64()), ("sancimpositionstartmonth", pa.int16()),
    ("sancimpositionstartday", pa.large_string()), ("sancimpositionstartyear", pa.large_string()),
    ("sanctionidentity", pa.large_string()), ("sanctiontype", pa.large_string()),
    ("othersanctiontype", pa.large_string()), ("implementationofdiplomaticsancti", pa.int16()),
    ("carrotsduringsanction", pa.large_string()), ("carrotvalue", pa.large_string()),
    ("carrotcurrency", pa.large_string()), ("carrotyear", pa.large_string()), ("targetcosts", pa.int16()),
    ("targeteconomiccostsfigure", pa.large_string()), ("targeteconomiccostscurrency", pa.large_string()),
    ("targeteconomiccostsyear", pa.int16()), ("sendercosts", pa.int16()),
    ("sendereconomiccostsfigure", pa.int64()), ("sendereconomiccostscurrency", pa.large_string()),
    ("sendereconomiccostsyear", pa.int16()), ("finaloutcome", pa.int16()),
    ("settlementnaturesender", pa.int16()), ("settlementnaturetarget", pa.int16()),
])


def _read_xls(path: Path) -> pd.DataFrame:
    try:
        import xlrd  # noqa: F401  (pandas reads .xls through it)
    except ImportError as exc:
        raise SourceError(
            f"ties: reading {path.name} (Excel 97–2003) needs the xlrd package: `pip install xlrd`. "
            "Or save the sheet as CSV (same header) and parse that.") from exc
    frame = pd.read_excel(path, sheet_name=0, dtype=object)
    frame[LINE] = frame.index + 2  # spreadsheet row: the header is row 1
    return frame


def parse(path: Path, *, strict: bool = False) -> pa.Table:
    """Read ``TIESv4-1.xls`` (first sheet; needs ``xlrd``) or a CSV export of it with the same header.

    Headers are lower-cased and trimmed; empty cells become null; numbers stored as text in Excel are
    read as numbers where the column is numeric, and integral numbers in text columns are written
    without ``.0``. Unreadable rows (a non-number in a numeric column) are left out and reported with
    their spreadsheet row or CSV line number; ``strict=True`` raises instead.
    """
    path = Path(path)
    rejects = []
    if path.suffix.lower() == ".xls":
        frame = _read_xls(path)
    else:
        frame, rejects = read_delimited(path, SOURCE.name)
    frame.columns = [c if c == LINE else str(c).strip().lower() for c in frame.columns]
    for column in frame.columns:
        if column != LINE:
            blank = frame[column].map(lambda v: isinstance(v, str) and not v.strip())
            frame[column] = frame[column].mask(blank)
    return conform(frame, SCHEMA, SOURCE.name, path.name, rejects=rejects, strict=strict)


#: COW codes: Germany (255) before 1945 and from 3 October 1990, West Germany (260) from 5 May 1955.
GERMANY, WEST_GERMANY = 255, 260
WEST_GERMANY_SPELL = (19550505, 19901002)
STATE_COLUMNS = ("sender1", "sender2", "sender3", "sender4", "sender5", "primarysender", "targetstate")


def west_germany_codes(table: pa.Table) -> pa.Table:
    """255 recoded to 260 in cases that began while West Germany was the German state (module docstring).

    The start date is read as ``startyear*10000 + startmonth*100 + startday`` (an unknown month or day as
    its earliest value), so a case of June 1990 is West Germany's and one of November 1990 Germany's.
    """
    frame = table.select(["startyear", "startmonth", "startday"]).to_pandas()
    start = (frame["startyear"].fillna(0) * 10000 + frame["startmonth"].fillna(1) * 100
             + frame["startday"].fillna(1)).to_numpy()
    during = (start >= WEST_GERMANY_SPELL[0]) & (start <= WEST_GERMANY_SPELL[1])
    for column in STATE_COLUMNS:
        if column not in table.column_names:
            continue
        values = table[column].to_pandas()
        fixed = values.mask(during & (values == GERMANY).fillna(False).to_numpy(), WEST_GERMANY)
        field = table.schema.field(column)
        table = table.set_column(table.schema.get_field_index(column), field,
                                 pa.array(fixed, type=field.type, from_pandas=True))
    return table


def load() -> list[Loaded]:
    """``ties_cases``, from the snapshot (West Germany coded 260 throughout, :func:`west_germany_codes`)."""
    return [Loaded(item.table, west_germany_codes(item.data), item.file)
            for item in snapshot_tables(SOURCE, ("ties_cases",))]