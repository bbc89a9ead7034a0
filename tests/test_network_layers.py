"""Signed layers and the combined network on the real warehouse; exports read back with networkx."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from entente import network
from entente.cli import cli
from entente.errors import BadInput, NoEvidence
from entente.network.layers import EDGE_COLUMNS

USA, RUS, IRN, CHN, PRK, AFG = 2, 365, 630, 710, 731, 700


def pair(frame: pd.DataFrame, a: int, b: int) -> pd.DataFrame:
    lo, hi = sorted((a, b))
    return frame[(frame["ccode1"] == lo) & (frame["ccode2"] == hi)]


@pytest.mark.parametrize("name", ["alignment", "alliance", "trade", "disputes", "rivalry", "sanctions"])
def test_layer_shape(con, name):
    frame = network.layer(name, 2001, con=con)
    assert list(frame.columns) == EDGE_COLUMNS and len(frame) > 0
    assert (frame["ccode1"] < frame["ccode2"]).all()
    assert not frame.duplicated(["ccode1", "ccode2", "year"]).any()
    assert set(frame["sign"]) <= {-1, 1} and (frame["weight"] > 0).all()
    assert (frame["layer"] == name).all() and (frame["year"] == 2001).all()


def test_alignment_layer_is_kappa_above_baseline(con):
    """Recomputed with plain pandas from the stored dyad-year table: κ minus the mean of both states' mean κ."""
    rows = con.execute("SELECT ccode1, ccode2, n_votes, kappa FROM m_unga_alignment_dyad_year WHERE year = 2015").df()
    rows = rows[rows["n_votes"] >= 10]
    base = {}
    for c in set(rows["ccode1"]) | set(rows["ccode2"]):
        base[c] = rows.loc[(rows["ccode1"] == c) | (rows["ccode2"] == c), "kappa"].mean()
    rows["excess"] = rows["kappa"] - (rows["ccode1"].map(base) + rows["ccode2"].map(base)) / 2
    expected = rows[rows["excess"].abs() >= 0.1]
    layer = network.layer("alignment", 2015, con=con)
    merged = expected.merge(layer, on=["ccode1", "ccode2"], validate="1:1")
    assert len(merged) == len(expected) == len(layer)
    np.testing.assert_allclose(merged["weight"], merged["excess"].abs(), atol=1e-12)
    assert (merged["sign"] == np.sign(merged["excess"])).all()
    # the cold war's end shows: the USA and Russia vote below their baselines with each other
    assert int(pair(layer, USA, RUS)["sign"].iat[0]) == -1


def test_alliance_weights_follow_obligations(con):
    frame = network.layer("alliance", 2010, con=con)
    assert float(pair(frame, CHN, PRK)["weight"].iat[0]) == 1.0               # 1961 defence treaty
    assert float(pair(frame, RUS, IRN)["weight"].iat[0]) == pytest.approx(2 / 3)  # neutrality, no defence
    assert set(frame["weight"].round(6)) <= {round(v / 3, 6) for v in (1, 2, 2.5, 3)}


def test_disputes_rivalry_sanctions(con):
    disputes = network.layer("disputes", 2001, con=con)
    assert float(pair(disputes, USA, AFG)["weight"].iat[0]) == 1.0              # war: hostility level 5
    assert (network.layer("rivalry", 2015, con=con)["sign"] == -1).all()
    sanctions = network.layer("sanctions", 2000, con=con)
    assert set(sanctions["weight"]) <= {0.5, 1.0} and (sanctions["ccode2"] < 1000).all()


def test_absent_layers_are_named_with_the_fix(con):
    with pytest.raises(NoEvidence, match="SIPRI"):
        network.layer("arms", 2015, con=con)
    with pytest.raises(NoEvidence, match="events ingest"):
        network.layer("events", 2015, con=con)
    table = network.edges(2015, con=con)
    assert set(table.attrs["missing"]) == {"arms", "events"}
    assert "arms" not in set(table["layer"])
    with pytest.raises(NoEvidence):
        network.edges(2015, 2015, ["alignment", "arms"], strict=True, con=con)
    with pytest.raises(BadInput, match="alignment, alliance"):
        network.edges(2015, 2015, ["votes"], con=con)


def test_combine_sums_weighted_layers(con):
    table = network.edges(2005, con=con)
    combined = network.combine(table)
    w = network.DEFAULT_WEIGHTS
    layers = [c[2:] for c in combined.columns if c.startswith("w_")]
    expected = sum(w[n] * combined[f"w_{n}"] for n in layers)
    np.testing.assert_allclose(combined["score"], expected)
    assert (combined["weight"] == combined["score"].abs()).all() and (combined["sign"] != 0).all()
    # an independent sum straight from the long table, for one pair
    rows = pair(table, CHN, PRK)
    assert float(pair(combined, CHN, PRK)["score"].iat[0]) == pytest.approx(
        sum(w[n] * s * v for n, s, v in zip(rows["layer"], rows["sign"], rows["weight"])))
    only_alliance = network.combine(table, {"alignment": 0, "disputes": 0, "rivalry": 0, "sanctions": 0})
    assert (only_alliance["sign"] == 1).all() and [c for c in only_alliance if c.startswith("w_")] == ["w_alliance"]
    with pytest.raises(BadInput):
        network.combine(table, {"alliance": -1})


def test_signed_graph_and_networkx(con):
    graph = network.signed_graph(2015, con=con)
    combined = network.combine(network.edges(2015, con=con))
    assert graph.ecount() == len(combined)
    assert set(graph.vs["ccode"]) == set(combined["ccode1"]) | set(combined["ccode2"])
    assert set(graph.es["sign"]) == {-1, 1}
    g = network.to_networkx(graph)
    assert g.number_of_nodes() == graph.vcount() and g.number_of_edges() == graph.ecount()
    assert g.nodes[IRN]["abb"] == "IRN" and g.nodes[IRN]["name"] == "Iran"
    assert g.edges[USA, RUS]["sign"] == -1


def test_deterministic(con):
    first, second = network.edges(1999, con=con), network.edges(1999, con=con)
    pd.testing.assert_frame_equal(first, second)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_reads_back(con, tmp_path, fmt):
    path = tmp_path / f"net.{fmt}"
    result = CliRunner().invoke(cli, ["network", "--year", "2015", "--layers", "alignment,alliance,disputes",
                                      "--format", fmt, "--out", str(path)])
    assert result.exit_code == 0, result.output
    g = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    graph = network.signed_graph(2015, ["alignment", "alliance", "disputes"], con=con)
    assert g.number_of_nodes() == graph.vcount() and g.number_of_edges() == graph.ecount()
    attrs = next(iter(g.nodes(data=True)))[1]
    assert {"ccode", "abb"} <= set(attrs) and ("name" in attrs or "label" in attrs)
    signs = [int(d["sign"]) for _, _, d in g.edges(data=True)]
    assert sorted(set(signs)) == [-1, 1]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_edge_tables(con, tmp_path, fmt):
    path = tmp_path / f"net.{fmt}"
    runner = CliRunner()
    result = runner.invoke(cli, ["network", "--year", "2010", "--format", fmt, "--out", str(path)])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(path) if fmt == "csv" else pd.read_parquet(path)
    assert len(frame) == len(network.combine(network.edges(2010, con=con)))
    assert {"ccode1", "ccode2", "year", "sign", "weight", "score"} <= set(frame.columns)
    result = runner.invoke(cli, ["network", "--year", "2010", "--separate", "--format", fmt, "--out", str(path)])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(path) if fmt == "csv" else pd.read_parquet(path)
    assert list(frame.columns) == EDGE_COLUMNS


def test_cli_network_errors():
    runner = CliRunner()
    result = runner.invoke(cli, ["network", "--year", "2015", "--layers", "arms", "-f", "csv", "-o", "x.csv"])
    assert result.exit_code != 0 and isinstance(result.exception, NoEvidence)
    assert "Examples" in runner.invoke(cli, ["network", "--help"]).output


def test_events_layer_from_an_ingested_sample(con, tmp_path, monkeypatch):
    """Real GDELT 2.0 rows (tests/data), ingested into a private store; the balance recomputed with pandas."""
    import shutil

    from entente.events import store
    from entente.network import layers

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy("tests/data/gdelt2_20241022130000_export_head300.CSV.gz", raw / "20241022130000.export.CSV.gz")
    store.ingest(raw, root=tmp_path / "store")
    files = store.event_files(tmp_path / "store")
    monkeypatch.setattr(layers, "_event_files", lambda: files)
    frame = network.layer("events", 2024, min_events=2, con=con)
    assert len(frame) > 0 and set(frame["layer"]) == {"events"}

    events = pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)
    events = events[events["ccode1"].notna() & events["ccode2"].notna() & (events["ccode1"] != events["ccode2"])]
    events = events[pd.to_datetime(events["event_date"]).dt.year == 2024]
    root = events["EventRootCode"].astype(int)
    events = events.assign(a=events[["ccode1", "ccode2"]].min(axis=1).astype(int),
                           b=events[["ccode1", "ccode2"]].max(axis=1).astype(int),
                           coop=root.between(1, 8).astype(int) - root.between(9, 20).astype(int))
    g = events.groupby(["a", "b"]).agg(n=("coop", "size"), net=("coop", "sum"))
    g = g[g["n"] >= 2]
    expected = (g["net"] / g["n"])[g["net"] != 0]
    got = frame.set_index(["ccode1", "ccode2"])
    assert len(got) == len(expected)
    for (a, b), balance in expected.items():
        assert got.loc[(a, b), "sign"] * got.loc[(a, b), "weight"] == pytest.approx(balance)


def test_named_layer_outside_its_coverage(con):
    with pytest.raises(NoEvidence, match="2018"):
        network.edges(2019, 2019, ["alliance"], strict=True, con=con)
    assert network.edges(2019, 2019, ["alliance"], con=con).empty
    table = network.edges(2015, 2015, ["alignment", "disputes"], strict=True, con=con)
    assert table.attrs["empty"] == ["disputes"] and not table.empty     # GML disputes end in 2010
