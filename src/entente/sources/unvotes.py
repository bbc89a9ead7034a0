"""UN General Assembly roll calls, sessions 1–74 (1946 – Jan 2020): Voeten et al., via the unvotes package.

One row per (roll call, state) that voted yes (1), abstain (2) or no (3); absences and non-members are
not rows. Roll calls include votes on amendments and paragraphs, and six issue flags (``me`` Palestinian
conflict, ``nu`` nuclear weapons, ``di`` arms control, ``hr`` human rights, ``co`` colonialism,
``ec`` economic development) assigned by Voeten from keyword searches.
"""

from __future__ import annotations

import pyarrow.parquet as pq

from entente.sources import Citation, Source, Upstream
from entente import warehouse

ORDER = 20

SOURCE = Source(
    name="unvotes",
    title="United Nations General Assembly Voting Data (Voeten, Strezhnev & Bailey)",
    version="UNVotes2021 (unvotes@7eb7034, sessions 1–74)",
    url="https://dataverse.harvard.edu/dataset.xhtml?persistentId=hdl:1902.1/12379",
    licence="CC0 1.0 (public domain dedication, Harvard Dataverse); unvotes R package MIT.",
    citations=(
        Citation(
            key="voeten2013",
            text='Voeten, E. (2013). "Data and Analyses of Voting in the UN General Assembly." In '
            "B. Reinalda (ed.), Routledge Handbook of International Organization. Routledge.",
            bibtex="""@incollection{voeten2013,
  author = {Voeten, Erik},
  title = {Data and Analyses of Voting in the {UN} General Assembly},
  booktitle = {Routledge Handbook of International Organization},
  editor = {Reinalda, Bob},
  publisher = {Routledge}, year = {2013}
}""",
        ),
        Citation(
            key="bailey2017",
            text="Bailey, M. A., Strezhnev, A. & Voeten, E. (2017). Estimating Dynamic State Preferences "
            "from United Nations Voting Data. Journal of Conflict Resolution 61(2): 430–456.",
            bibtex="""@article{bailey2017,
  author = {Bailey, Michael A. and Strezhnev, Anton and Voeten, Erik},
  title = {Estimating Dynamic State Preferences from United Nations Voting Data},
  journal = {Journal of Conflict Resolution},
  volume = {61}, number = {2}, pages = {430--456}, year = {2017},
  doi = {10.1177/0022002715595700}
}""",
        ),
    ),
    files={
        "unga/votes.parquet": "67bd67521c2442f8c8dec0201445cbfac8b0fdbfd2c8ff17247fdc83f4b30de0",
        "unga/roll_calls.parquet": "5b78d02465d22992ff992c06adf73778d551b5da16351db82c9b48bc6e2b4313",
        "unga/issues.parquet": "c9455638e2cd09b82c8cad2e7e59f093cf230c068e1e2a566d9cc67d4b1b4314",
    },
    upstream=(
        Upstream("https://raw.githubusercontent.com/dgrtwo/unvotes/7eb7034314ff79c49c9e0785fcd9d216fa04cf14/data/un_votes.rda", "un_votes.rda", format="rda"),
        Upstream("https://raw.githubusercontent.com/dgrtwo/unvotes/7eb7034314ff79c49c9e0785fcd9d216fa04cf14/data/un_roll_calls.rda", "un_roll_calls.rda", format="rda"),
        Upstream("https://raw.githubusercontent.com/dgrtwo/unvotes/7eb7034314ff79c49c9e0785fcd9d216fa04cf14/data/un_roll_call_issues.rda", "un_roll_call_issues.rda", format="rda"),
    ),
    homepage="https://dataverse.harvard.edu/dataset.xhtml?persistentId=hdl:1902.1/12379",
    unit="rollcall_state",
)


def load(con) -> list[str]:
    """Write ``unvotes_votes`` (rcid, ccode, vote), ``unvotes_rollcalls`` and ``unvotes_issues``."""
    votes = pq.read_table(SOURCE.path("unga/votes.parquet"), columns=["rcid", "ccode", "vote_code"])
    votes = votes.rename_columns(["rcid", "ccode", "vote"])
    rollcalls = pq.read_table(SOURCE.path("unga/roll_calls.parquet"))
    issues = pq.read_table(SOURCE.path("unga/issues.parquet"), columns=["rcid", "short_name", "issue"])
    return [
        warehouse.write_table(con, "unvotes_votes", votes, SOURCE, "unga/votes.parquet",
                              unique=("rcid", "ccode")),
        warehouse.write_table(con, "unvotes_rollcalls", rollcalls, SOURCE, "unga/roll_calls.parquet",
                              unique=("rcid",)),
        warehouse.write_table(con, "unvotes_issues", issues, SOURCE, "unga/issues.parquet",
                              unique=("rcid", "short_name")),
    ]
