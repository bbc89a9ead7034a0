"""Voting blocs on the real warehouse: face validity, determinism, matched labels, the CLI."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from entente import network
from entente.cli import cli
from entente.errors import BadInput

USA, UK, USSR, ISR = 2, 200, 365, 666


def bloc_of(frame: pd.DataFrame, ccode: int) -> int:
    return int(frame.loc[frame["ccode"] == ccode, "bloc"].iat[0])


def test_graph_edges_are_excess_kappa(con):
    graph = network.alignment_graph(1985, con=con)
    assert graph.vcount() > 150 and graph.ecount() > 0
    assert min(graph.es["weight"]) > 0
    # every edge beats the mean of its two states' baselines by exactly its weight
    base = graph.vs["baseline"]
    for edge in list(graph.es)[:50]:
        s, t = edge.tuple
        assert edge["kappa"] - (base[s] + base[t]) / 2 == pytest.approx(edge["weight"])


@pytest.mark.parametrize("year", [1975, 1985])
def test_cold_war_blocs(con, year):
    frame = network.blocs(year, con=con)
    assert bloc_of(frame, USA) == bloc_of(frame, UK)
    assert bloc_of(frame, USSR) != bloc_of(frame, USA)
    assert frame.attrs["modularity"] > 0


@pytest.mark.parametrize("year", range(2010, 2020))
def test_usa_and_israel_share_a_bloc_in_the_2010s(con, year):
    frame = network.blocs(year, con=con)
    assert bloc_of(frame, USA) == bloc_of(frame, ISR)


def test_blocs_shape_and_core(con):
    frame = network.blocs(2023, con=con)
    assert list(frame.columns) == ["year", "ccode", "abb", "name", "bloc", "bloc_size", "core", "strength"]
    assert frame["ccode"].is_unique
    assert frame.loc[frame["ccode"] == USA, "abb"].iat[0] == "USA"
    assert sorted(frame["bloc"].unique()) == list(range(1, frame["bloc"].max() + 1))
    assert frame.groupby("bloc").size().is_monotonic_decreasing
    for _, group in frame.groupby("bloc"):
        assert group["core"].any()
        rest = group.loc[~group["core"], "strength"]
        assert rest.empty or group.loc[group["core"], "strength"].min() >= rest.max()
    assert frame.attrs["modularity"] > 0.2


def test_deterministic(con):
    first = network.blocs(2001, seed=7, con=con)
    second = network.blocs(2001, seed=7, con=con)
    pd.testing.assert_frame_equal(first, second)
    assert first.attrs["modularity"] == second.attrs["modularity"]


def test_resolution_gives_more_blocs(con):
    assert network.blocs(2023, resolution=2.0, con=con)["bloc"].nunique() > \
        network.blocs(2023, resolution=0.5, con=con)["bloc"].nunique()


def test_history_labels_are_matched(con):
    history = network.bloc_history("USA", 2010, 2019, con=con)
    assert list(history["year"]) == list(range(2010, 2020))
    assert history["label"].nunique() == 1
    assert history["carried"].iloc[1:].gt(0.5).all()
    everyone = network.bloc_history(None, 2010, 2012, con=con)
    assert everyone.groupby("year")["ccode"].apply(lambda s: s.is_unique).all()
    # within a year, a label names one bloc and a bloc one label
    pairs = everyone[["year", "bloc", "label"]].drop_duplicates()
    assert not pairs.duplicated(["year", "bloc"]).any() and not pairs.duplicated(["year", "label"]).any()


def test_bad_input(con):
    with pytest.raises(BadInput):
        network.alignment_graph(2023, measure="cosine", con=con)
    with pytest.raises(BadInput):
        network.bloc_history("USA", 2020, 2010, con=con)


def test_cli_blocs(con):
    runner = CliRunner()
    result = runner.invoke(cli, ["blocs", "--year", "1985", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    west = [r for r in rows if "USA" in (r["core"] + ", " + r["members"]).split(", ")]
    assert len(west) == 1 and "UKG" in (west[0]["core"] + ", " + west[0]["members"]).split(", ")
    result = runner.invoke(cli, ["blocs", "--state", "IRN", "--from", "2020", "--to", "2022", "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "year,abb,label,bloc_size,core,carried,anchor"
    assert len(result.output.splitlines()) == 4
    assert runner.invoke(cli, ["blocs"]).exit_code != 0
    assert "Leiden" in runner.invoke(cli, ["blocs", "--help"]).output


def test_igraph_engine(con):
    """igraph's own Leiden: the same quality function, reproducible with the seed, comparable modularity."""
    first = network.blocs(1985, engine="igraph", seed=3, con=con)
    pd.testing.assert_frame_equal(first, network.blocs(1985, engine="igraph", seed=3, con=con))
    assert bloc_of(first, USA) == bloc_of(first, UK) and bloc_of(first, USSR) != bloc_of(first, USA)
    assert first.attrs["modularity"] == pytest.approx(network.blocs(1985, con=con).attrs["modularity"], abs=0.01)
    history = network.bloc_history("USA", 2010, 2012, engine="igraph", con=con)
    assert history["label"].nunique() == 1
    with pytest.raises(BadInput, match="engine"):
        network.blocs(1985, engine="networkx", con=con)


def _nmi_by_hand(x: list[int], y: list[int]) -> float:
    """Normalised mutual information 2·I(X;Y) / (H(X) + H(Y)) from the contingency table (Danon et al. 2005)."""
    import math
    from collections import Counter

    n = len(x)
    px, py, pxy = Counter(x), Counter(y), Counter(zip(x, y))
    mi = sum(c / n * math.log((c / n) / (px[a] / n * py[b] / n)) for (a, b), c in pxy.items())
    h = lambda p: -sum(c / n * math.log(c / n) for c in p.values())  # noqa: E731
    return 2 * mi / (h(px) + h(py))


def test_bloc_stability_against_a_hand_computation(con):
    table = network.bloc_stability(1984, 1987, con=con)
    assert table["year"].tolist() == [1984, 1985, 1986, 1987]
    assert table["nmi"].isna().tolist() == [True, False, False, False]
    for year in (1985, 1986):
        then, now = network.blocs(year - 1, con=con), network.blocs(year, con=con)
        both = now.merge(then, on="ccode", suffixes=("", "_prev"))
        row = table.set_index("year").loc[year]
        assert row["nmi"] == pytest.approx(_nmi_by_hand(both["bloc_prev"].tolist(), both["bloc"].tolist()))
        assert row["blocs"] == now["bloc"].nunique() and row["states"] == len(now)
        assert row["modularity"] == pytest.approx(now.attrs["modularity"])
        assert 0 < row["adjusted_rand"] <= 1 and 0 < row["kept"] <= 1
    result = CliRunner().invoke(cli, ["blocs", "--stability", "--from", "1984", "--to", "1986", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [r["year"] for r in json.loads(result.output)] == [1984, 1985, 1986]


WEST = (2, 200, 220, 260, 740, 900, 210, 211, 325, 20)     # USA UK FRA FRG JPN AUL NTH BEL ITA CAN
WARSAW = (365, 290, 265, 315, 310, 355, 369, 370)          # USSR POL GDR CZE HUN BUL and the UKR/BLR seats
NON_ALIGNED = (750, 651, 850, 475, 345, 615, 770, 501)     # IND EGY INS NIG YUG ALG PAK KEN (NAM members)


@pytest.mark.parametrize("year", range(1973, 1989))
def test_cold_war_west_soviet_and_non_aligned(con, year):
    """1973 (both Germanys seated) to 1988: the Western states make one bloc, the Warsaw Pact another; no
    Non-Aligned founder or leading member votes with the West, and at least half of them sit outside the
    Soviet bloc too (a third camp), as the UN voting literature describes (e.g. Voeten 2000)."""
    frame = network.blocs(year, con=con)
    bloc = dict(zip(frame["ccode"], frame["bloc"]))
    west, soviet = {bloc[c] for c in WEST}, {bloc[c] for c in WARSAW}
    assert len(west) == 1 and len(soviet) == 1 and west != soviet
    nam = [bloc[c] for c in NON_ALIGNED]
    assert not set(nam) & west
    assert sum(b not in soviet for b in nam) >= len(nam) / 2
