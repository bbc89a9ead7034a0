"""Per-pair measures of history, treaties, trade and arms, on real rows of the bundled snapshot."""

from __future__ import annotations

import pandas as pd
import pytest

from entente.config import snapshot_dir
from entente.measures import arms, economy, history, treaties


def _read(relative: str) -> pd.DataFrame:
    path = snapshot_dir() / relative
    if not path.exists():
        pytest.skip(f"{relative} is not in the snapshot yet")
    return pd.read_parquet(path)


def test_iran_russia_disputes_match_sources_spot_check():
    """SOURCES.md §12: 17 GML disputes with these onset years."""
    d = history.disputes(_read("mid/gml_mid_dir_dyad_year.parquet"), 630, 365)
    assert d.start.tolist() == [1908, 1909, 1911, 1918, 1920, 1933, 1941, 1945, 1951, 1959, 1963, 1978, 1980,
                                1983, 1986, 1987, 1993]
    assert d.dispnum.is_unique
    # The view from the other side has the same disputes with the sides swapped.
    r = history.disputes(_read("mid/gml_mid_dir_dyad_year.parquet"), 365, 630)
    assert r.dispnum.tolist() == d.dispnum.tolist()
    assert (r.a_hostility.tolist(), r.b_hostility.tolist()) == (d.b_hostility.tolist(), d.a_hostility.tolist())
    decades = history.disputes_by_decade(d)
    assert decades.disputes.sum() == 17 and decades.loc[decades.decade == 1980, "disputes"].item() == 4


def test_india_pakistan_wars_against_raw_rows():
    war = _read("cow_war/inter_state_war_dyad_year.parquet")
    w = history.wars(war, 750, 770)
    raw = war[(war.ccode1 == 750) & (war.ccode2 == 770)]
    assert w.warnum.tolist() == sorted(raw.warnum.unique(), key=lambda n: raw[raw.warnum == n].year.min())
    assert w.start.tolist() == [1947, 1965, 1971, 1999]
    first = raw[raw.warnum == w.warnum.iat[0]]
    assert w.a_battle_deaths.iat[0] == first.batdeath1.max()


def test_iran_russia_atop_spells():
    atop = _read("atop/atop_dyad_year.parquet")
    s = treaties.obligation_spells(atop, 630, 365, treaties.ATOP_TYPES, int(atop.year.max()))
    spans = {(r.obligation, r.start, r.end) for r in s.itertuples()}
    assert ("neutrality", 1927, 1941) in spans and ("non-aggression", 1927, 1941) in spans
    assert ("defence", 1943, 1945) in spans and ("consultation", 1942, 1946) in spans
    assert ("consultation", 2001, 2018) in spans
    assert s.loc[s.end == 2018, "open_at_end"].all() and not s.loc[s.end < 2018, "open_at_end"].any()
    rows = atop[(atop.ccode1 == 630) & (atop.ccode2 == 365)]
    for column, label in treaties.ATOP_TYPES.items():
        assert s.loc[s.obligation == label, "years"].sum() == rows[column].sum()


def test_spells_helper():
    assert treaties.spells(pd.Series([1945, 1942, 1943, 1943])) == [(1942, 1943), (1945, 1945)]
    assert treaties.spells(pd.Series([], dtype=int)) == []


def test_iran_russia_trade_matches_sources_spot_check():
    """SOURCES.md §12: Iran's imports from Russia 258 (1992), 3,599 (2011), 1,460 (2014); Russia's 48 → 352."""
    ts = economy.trade_series(_read("trade/cow_trade_dyad_year.parquet"), _read("trade/cow_trade_state_year.parquet"),
                              630, 365).set_index("year")
    assert ts.loc[[1992, 2011, 2014], "a_imports_from_b"].tolist() == [258, 3599, 1460]
    assert ts.loc[[1992, 2014], "b_imports_from_a"].tolist() == [48, 352]
    flipped = economy.trade_series(_read("trade/cow_trade_dyad_year.parquet"),
                                   _read("trade/cow_trade_state_year.parquet"), 365, 630).set_index("year")
    assert flipped.loc[2011, "b_imports_from_a"] == 3599
    assert ts.loc[2011, "asymmetry"] == pytest.approx(-flipped.loc[2011, "asymmetry"])
    assert ts.loc[2011, "asymmetry"] > 0          # Iran depended more on Russia than Russia on Iran
    g = economy.growth(ts.reset_index())
    assert g["to"] == 2014 and g["annual_growth"] == pytest.approx((1812 / g["first"]) ** (1 / (2014 - g["from"])) - 1)


def _sipri_register(tmp_path) -> tuple[pd.DataFrame, bool]:
    """SIPRI may not be bundled: parse the export kept beside the repository (../shared), as a user would
    supply it, else one written in SIPRI's layout for the test (upstream_formats.py). True if it is the real one."""
    from entente.sources import sipri
    from shared_support import SIPRI_RAW
    from upstream_formats import write_sipri_export

    if SIPRI_RAW is not None:
        return sipri.parse(SIPRI_RAW).to_pandas(), True
    return sipri.parse(write_sipri_export(tmp_path / "trade_register.csv")).to_pandas(), False


def test_iran_russia_arms_match_sources_spot_check(tmp_path):
    """SOURCES.md §12: Russia → Iran 141 rows, 3,119 million TIV; Iran → Russia 6 rows, 493 in 2022–2024. On the
    written export (upstream_formats.SIPRI_ROWS), by hand: Russia → Iran 3 rows, 40 + 20 + 25.5 = 85.5 TIV in
    1996, 1997 and 2016; Iran → Russia 2 rows, 10 + 30 = 40 TIV in 2022 and 2023, all TEST-D1."""
    register, real = _sipri_register(tmp_path)
    to_iran, to_russia = arms.transfers(register, 365, 630), arms.transfers(register, 630, 365)
    if real:
        assert len(to_iran) == 141 and round(to_iran.tiv_delivery_values.sum()) == 3119
        assert len(to_russia) == 6 and round(to_russia.tiv_delivery_values.sum()) == 493
        drone = "Shahed-136"
    else:
        assert len(to_iran) == 3 and to_iran.tiv_delivery_values.sum() == pytest.approx(85.5)
        assert len(to_russia) == 2 and to_russia.tiv_delivery_values.sum() == pytest.approx(40.0)
        drone = "TEST-D1"
        by_year = arms.tiv_by_year(register, 365, 630).set_index("year")
        assert by_year.loc[[1996, 1997, 2016], "a_to_b"].tolist() == pytest.approx([40.0, 20.0, 25.5])
    by_year = arms.tiv_by_year(register, 630, 365).set_index("year")
    assert by_year.loc[2022:2024, "a_to_b"].sum() == pytest.approx(to_russia.tiv_delivery_values.sum())
    assert drone in arms.systems(register, 630, 365).designation.tolist()
