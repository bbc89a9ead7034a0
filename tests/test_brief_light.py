"""The brief without igraph or matplotlib: the network picture's description and numpy layout, the blocs
kept on disk, and a real brief subprocess that imports neither once the blocs of its year are cached."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from entente import network
from entente.network.layers import excess_alignment
from entente.pair import alignment
from entente.pictures import graphs, layout

IRN, RUS, USA, CHN = 630, 365, 2, 710


def test_ties_are_the_alignment_graphs_edges(con):
    """alignment_ties (no igraph) and alignment_graph (igraph) hold the same edges, both equal to the pairs
    whose κ beats the mean of their baselines, computed here from the dyad rows with pandas."""
    ties, graph = network.alignment_ties(2019, con=con), network.alignment_graph(2019, con=con)
    pairs = excess_alignment(alignment.all_pairs(start=2019, end=2019, con=con), measure="kappa", min_votes=10)
    expected = {(int(a), int(b)): w for a, b, w in zip(pairs["ccode1"], pairs["ccode2"], pairs["excess"]) if w > 0}
    codes = ties.ccodes.tolist()
    got = {tuple(sorted((codes[s], codes[t]))): w for (s, t), w in zip(ties.ends.tolist(), ties.weight.tolist())}
    assert got.keys() == {tuple(sorted(k)) for k in expected} and ties.ecount() == len(expected)
    assert all(got[tuple(sorted(k))] == pytest.approx(w) for k, w in expected.items())
    assert graph.vs["ccode"] == codes and graph.es["weight"] == ties.weight.tolist()


def test_description_is_the_same_from_ties_and_from_igraph(con):
    from_ties = layout.describe(network.alignment_ties(2019, con=con), [IRN, RUS], 12)
    from_graph = graphs.describe(network.alignment_graph(2019, con=con), [IRN, RUS], 12)
    assert from_ties == from_graph and len(from_ties["nodes"]) == 14


@pytest.mark.parametrize(("a", "b", "year"), [(IRN, RUS, 2019), (USA, CHN, 2015), (USA, RUS, 1985)])
def test_layout_is_deterministic_spread_and_pulls_strong_ties_together(con, a, b, year):
    net = layout.describe(network.alignment_ties(year, con=con), [a, b], 12)
    xy = layout.layout(net, 42)
    assert xy == layout.layout(net, 42)
    points = np.array([xy[n["ccode"]] for n in net["nodes"]])
    assert np.abs(points).max() == pytest.approx(1.0) and np.allclose(points.mean(axis=0), 0, atol=1e-12)
    gaps = [float(np.hypot(*(p - q))) for p, q in itertools.combinations(points, 2)]
    assert min(gaps) > 0.1                                   # no two nodes on top of each other
    strongest = sorted(net["edges"], key=lambda e: -e["weight"])[:5]
    pulled = np.mean([np.hypot(*np.subtract(xy[e["source"]], xy[e["target"]])) for e in strongest])
    assert pulled < np.mean(gaps)                            # the closest allies sit closer than the average pair


def test_cached_blocs_are_blocs_and_are_read_back(con, home):
    computed = network.blocs(2015, con=con)
    first = network.cached_blocs(2015, con=con)
    files = list((home / "cache" / "blocs").glob("2015-*.json"))
    assert len(files) == 1
    stored = json.loads(files[0].read_text(encoding="utf-8"))
    assert stored["columns"]["ccode"] == computed["ccode"].tolist()
    again = network.cached_blocs(2015, con=con)             # read from the file
    for frame in (first, again):
        pd.testing.assert_frame_equal(frame, computed)
        assert frame.attrs == computed.attrs
    other = network.cached_blocs(2015, resolution=1.5, con=con)   # other arguments, another file
    assert len(list((home / "cache" / "blocs").glob("2015-*.json"))) == 2
    pd.testing.assert_frame_equal(other, network.blocs(2015, resolution=1.5, con=con))


def test_cached_blocs_without_a_writable_cache(con, home, monkeypatch, tmp_path):
    blocked = tmp_path / "home"
    blocked.mkdir()
    (blocked / "cache").write_text("not a folder")           # the cache folder cannot be made
    monkeypatch.setattr("entente.config.home", lambda: blocked)
    pd.testing.assert_frame_equal(network.cached_blocs(1999, con=con), network.blocs(1999, con=con))


@pytest.mark.slow
def test_a_warm_brief_imports_neither_igraph_nor_matplotlib(home, tmp_path):
    code = ("import sys; from entente.brief.render import write_brief; "
            f"write_brief('IRN', 'RUS', out={str(tmp_path / 'brief')!r}); "
            "print(sorted(m for m in ('igraph', 'leidenalg', 'matplotlib') if m in sys.modules))")
    env = {**os.environ, "ENTENTE_HOME": str(home)}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
            for _ in range(2)]
    assert runs[1].stdout.strip().splitlines()[-1] == "[]", runs[1].stderr
    assert (tmp_path / "brief" / "charts" / "network.svg").exists()
