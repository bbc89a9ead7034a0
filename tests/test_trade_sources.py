"""COW Trade against IMF DOTS over the whole bundled snapshot, and one series across the seam."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from entente.config import snapshot_dir
from entente.measures import trade_sources as ts


@pytest.fixture(scope="module")
def snapshot():
    read = lambda f: pq.read_table(snapshot_dir() / "trade" / f).to_pandas()   # noqa: E731
    return (read("cow_trade_dyad_year.parquet"), read("imf_dots_dyad_year.parquet"),
            read("cow_trade_state_year.parquet"), read("imf_dots_state_year.parquet"))


@pytest.mark.slow
def test_agreement_on_the_bundled_data_is_what_the_docstring_says(snapshot):
    cow, imf, _, _ = snapshot
    compared = ts.compare(cow, imf)
    assert (compared.year.min(), compared.year.max()) == (1960, 2014)
    total = ts.agreement(compared, by=[]).iloc[0]
    assert total["both"] == 771_124
    assert total["within_1pct"] == pytest.approx(0.891892, abs=5e-7)
    assert total["within_10pct"] == pytest.approx(0.920860, abs=5e-7)
    assert (total["exporter_view"], total["revised"], total["apart"]) == (40_693, 16_578, 26_094)
    assert (total["cow_zero_only"], total["cow_only"], total["imf_only"]) == (380_908, 16_442, 52_737)
    compared["decade"] = compared.year // 10 * 10
    by_decade = ts.agreement(compared, by=["decade"]).set_index("decade")["within_1pct"]
    assert (by_decade.loc[[1960, 1970, 1980]] == 1.0).all()
    assert by_decade.loc[2010] == pytest.approx(0.6895, abs=5e-5)


def test_one_series_switches_once_at_cows_last_year(snapshot):
    cow, imf, cow_states, imf_states = snapshot
    pair = lambda f: f[(f.ccode1 == 2) & (f.ccode2 == 710)]                         # noqa: E731
    dyads, states = ts.one_series(pair(cow), pair(imf), cow_states[cow_states.ccode.isin([2, 710])],
                                  imf_states[imf_states.ccode.isin([2, 710])], 2014)
    by_year = dyads.set_index("year")
    assert set(by_year.loc[:2014, "dataset"]) == {ts.COW} and set(by_year.loc[2015:, "dataset"]) == {ts.IMF}
    assert by_year.index.max() == 2020 and by_year.index.is_unique
    # US imports from China: COW 2014 (whole millions), then the US's own report (CIF) for 2015
    assert by_year.at[2014, "flow1"] == cow.query("ccode1 == 2 and ccode2 == 710 and year == 2014").flow1.item()
    assert by_year.at[2015, "flow1"] == imf.query("ccode1 == 2 and ccode2 == 710 and year == 2015").imf_imports_1from2.item()
    assert not by_year.loc[2015:, "estimated"].any() and by_year.loc[:2014, "estimated"].isna().all()
    assert set(states.loc[states.year > 2014, "dataset"]) == {ts.IMF}
    assert states.groupby(["ccode", "year"]).size().max() == 1


def test_compare_reasons_on_real_rows(snapshot):
    cow, imf, _, _ = snapshot
    iran_russia = ts.compare(cow.query("ccode1 == 365 and ccode2 == 630"), imf.query("ccode1 == 365 and ccode2 == 630"),
                             (1960, 2014)).set_index(["year", "flow"])
    assert iran_russia.at[(2011, "flow2"), "reason"] == "exporter_view"      # COW 3,599 = 1.1 × 3,271.805
    assert iran_russia.at[(2010, "flow2"), "reason"] == "agree"              # COW 1,150, Iran's report 1,150.100
    assert iran_russia.at[(1960, "flow1"), "reason"] == "cow_zero_only"      # COW 0, nothing in the IMF's records
    assert ts.within([0], [0.4], 0.01).all() and not ts.within([1], [0.4], 0.01).any()   # COW's rounding allowed
