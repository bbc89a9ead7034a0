"""UN General Assembly recorded votes, sessions 74–80 and ES-10/ES-11 (Nov 2019 – Jun 2026), from the
UN's machine-readable resolutions (DGACM, GitHub UNxml/GAresolutions, ``data_extract/*.json``).

Only resolutions adopted by recorded vote are listed (no amendment or paragraph votes, no failed drafts);
members not listed were absent or did not vote and are not imputed.
"""

from __future__ import annotations

import pyarrow.parquet as pq

from entente.sources import Citation, Source, Upstream
from entente import warehouse

ORDER = 21

SOURCE = Source(
    name="dgacm",
    title="United Nations DGACM machine-readable General Assembly resolutions (recorded votes)",
    version="UNxml/GAresolutions@42a69b6 (2026-07-10), sessions 74–80, ES-10, ES-11",
    url="https://github.com/UNxml/GAresolutions",
    licence=(
        'Unofficial copies "for informational purposes only", without warranty; users must acknowledge '
        "the United Nations as the source of the information."
    ),
    citations=(
        Citation(
            key="undgacm2026",
            text="United Nations, Department for General Assembly and Conference Management. "
            "Machine-readable General Assembly resolutions (GitHub UNxml/GAresolutions, commit 42a69b6, "
            "2026). Source: United Nations.",
            bibtex="""@misc{undgacm2026,
  author = {{United Nations, Department for General Assembly and Conference Management}},
  title = {Machine-readable General Assembly resolutions},
  year = {2026},
  howpublished = {\\url{https://github.com/UNxml/GAresolutions}},
  note = {Commit 42a69b6; source: United Nations}
}""",
        ),
    ),
    files={
        "unga/dgacm_resolutions.parquet": "0f2ae55691b532ab6c7f4ef2464810d54ae867bc029d0c2d349087af060631e8",
        "unga/dgacm_votes.parquet": "86c79b42adccf83050459d475a56a790b3d7db7f726bbbbe387863e0bb715257",
    },
    upstream=(
        Upstream("https://raw.githubusercontent.com/UNxml/GAresolutions/42a69b67bb92d23969fc45bba151320b82eb8e52/data_extract/74.json", "74.json", format="jsonl"),
        Upstream("https://raw.githubusercontent.com/UNxml/GAresolutions/42a69b67bb92d23969fc45bba151320b82eb8e52/data_extract/75.json", "75.json", format="jsonl"),
        Upstream("https://raw.githubusercontent.com/UNxml/GAresolutions/42a69b67bb92d23969fc45bba151320b82eb8e52/data_extract/76.json", "76.json", format="jsonl"),
        Upstream("https://raw.githubusercontent.com/UNxml/GAresolutions/42a69b67bb92d23969fc45bba151320b82eb8e52/data_extract/77.json", "77.json", format="jsonl"),
        Upstream("https://raw.githubusercontent.com/UNxml/GAresolutions/42a69b67bb92d23969fc45bba151320b82eb8e52/data_extract/78.json", "78.json", format="jsonl"),
        Upstream("https://raw.githubusercontent.com/UNxml/GAresolutions/42a69b67bb92d23969fc45bba151320b82eb8e52/data_extract/79.json", "79.json", format="jsonl"),
        Upstream("https://raw.githubusercontent.com/UNxml/GAresolutions/42a69b67bb92d23969fc45bba151320b82eb8e52/data_extract/80.json", "80.json", format="jsonl"),
        Upstream("https://raw.githubusercontent.com/UNxml/GAresolutions/42a69b67bb92d23969fc45bba151320b82eb8e52/data_extract/ES-10.json", "ES-10.json", format="jsonl"),
        Upstream("https://raw.githubusercontent.com/UNxml/GAresolutions/42a69b67bb92d23969fc45bba151320b82eb8e52/data_extract/ES-11.json", "ES-11.json", format="jsonl"),
    ),
    homepage="https://www.un.org/dgacm/en/content/visualizations-and-machine-readability",
    unit="resolution_state",
)


def load(con) -> list[str]:
    """Write ``dgacm_resolutions`` and ``dgacm_votes`` (symbol, ccode, vote)."""
    resolutions = pq.read_table(SOURCE.path("unga/dgacm_resolutions.parquet"))
    votes = pq.read_table(SOURCE.path("unga/dgacm_votes.parquet"),
                          columns=["symbol", "ccode", "iso3c", "ms_name", "vote_code"])
    votes = votes.rename_columns(["symbol", "ccode", "iso3c", "ms_name", "vote"])
    return [
        warehouse.write_table(con, "dgacm_resolutions", resolutions, SOURCE,
                              "unga/dgacm_resolutions.parquet", unique=("symbol",)),
        warehouse.write_table(con, "dgacm_votes", votes, SOURCE, "unga/dgacm_votes.parquet",
                              unique=("symbol", "ccode")),
    ]
