"""Pictures on the real warehouse: what the map colours, who the network shows, one cell a year, files that parse."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from matplotlib.colors import to_hex

from entente import countries, network, pictures
from entente.cli import main
from entente.sources._reference import WORLD_FILE, WORLD_GEOMETRY
from entente.pictures import _style, geometry

USA, UK, USSR, IRN, RUS, SAF, KZK, UKR = 2, 200, 365, 630, 365, 560, 705, 369
SVG = "{http://www.w3.org/2000/svg}"


# ------------------------------------------------------------------------------------------ geometry
def test_bundled_geometry_is_the_recorded_file():
    import hashlib

    data = WORLD_GEOMETRY.path(WORLD_FILE).read_bytes()
    assert hashlib.sha256(data).hexdigest() == "2516c915867c7baf18ddec727aec46c315541a07cfb3d79a6559b05d5e94eee8"
    assert len(data) < 300_000
    topo = json.loads(data)
    assert len(topo["objects"]["countries"]["geometries"]) == 177


def test_shapes_map_to_cow_states():
    by_name = {s.name: s for s in geometry.shapes()}
    assert "Antarctica" not in by_name and len(by_name) == 176
    assert by_name["Russia"].ccode == 365 and by_name["Iran"].ccode == IRN
    assert by_name["Kosovo"].ccode == 347 and by_name["Somaliland"].ccode == 520   # no ISO id: matched by name
    assert by_name["Greenland"].ccode is None and by_name["W. Sahara"].ccode is None
    assert by_name["Taiwan"].ccode == 713
    # the decoded outline of Iran lies where Iran is (44–64°E, 25–40°N)
    ring = max(by_name["Iran"].rings, key=len)
    assert 43 < ring[:, 0].min() < 45 and 63 < ring[:, 0].max() < 64 and 25 <= ring[:, 1].min() < 26


def test_historical_states_on_their_successors_shapes():
    by_iso = {s.iso3: s for s in geometry.shapes() if s.iso3}
    assert geometry.state_of_shape(by_iso["KAZ"], 1985) == USSR
    assert geometry.state_of_shape(by_iso["KAZ"], 1995) == KZK
    assert geometry.state_of_shape(by_iso["DEU"], 1985) == 260
    assert geometry.state_of_shape(by_iso["CZE"], 1985) == geometry.state_of_shape(by_iso["SVK"], 1985) == 315
    assert geometry.state_of_shape(by_iso["CZE"], 2000) == 316
    # Ukraine had its own UN seat: with the voters of 1985 it keeps its own colour
    assert geometry.state_of_shape(by_iso["UKR"], 1985, present={USSR, UKR}) == UKR
    assert geometry.state_of_shape(by_iso["UKR"], 1985, present={USSR}) == USSR


def test_equal_earth_known_values():
    # Šavrič et al. 2019: the equator spans ±2.7066 and the pole sits at 1.3173 on the unit sphere
    xy = geometry.project(np.array([[180.0, 0.0], [0.0, 90.0], [0.0, 0.0]]))
    assert xy[0, 0] == pytest.approx(2.7066, abs=1e-4)
    assert xy[1, 1] == pytest.approx(1.3173, abs=1e-4)
    assert np.allclose(xy[2], 0)


# --------------------------------------------------------------------------------------------- the map
@pytest.fixture(scope="module")
def map1985(con):
    frame = network.blocs(1985, con=con)
    return frame, pictures.bloc_map(1985, frame=frame)


def _colours(fig) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for coll in fig.axes[0].collections:
        if hasattr(coll, "entente_ccode") and coll.entente_ccode is not None:
            out.setdefault(coll.entente_ccode, set()).add(to_hex(coll.get_facecolor()[0]))
    return out


def test_1985_map_colours_the_cold_war(map1985):
    frame, fig = map1985
    colour = _colours(fig)
    assert colour[USA] == colour[UK]
    assert colour[USSR] != colour[USA]
    assert colour[SAF] == {_style.NO_DATA}          # South Africa was kept out of the Assembly, 1974–94
    by_iso = {s.iso3: s for s in geometry.shapes() if s.iso3}
    kazakhstan = [c for c in fig.axes[0].collections if getattr(c, "entente_shape", None) == by_iso["KAZ"].name]
    assert to_hex(kazakhstan[0].get_facecolor()[0]) in colour[USSR]


def test_every_voting_state_is_coloured_by_its_bloc(map1985):
    frame, fig = map1985
    bloc = dict(zip(frame.ccode, frame.bloc))
    order = sorted(frame.bloc.unique())
    expected = {c: _style.bloc_colour(order.index(b)) for c, b in bloc.items()}
    colour = _colours(fig)
    drawn = {c for c in colour if c in bloc}
    assert len(drawn) > 120
    assert all(colour[c] == {expected[c].lower()} for c in drawn)
    dots = [c for c in fig.axes[0].collections if c.get_gid() == "capital-dots"][0]
    assert set(dots.entente_ccodes) | drawn == set(bloc)          # the rest (Malta, Singapore ...) are dots
    assert [to_hex(f) for f in dots.get_facecolors()] == [expected[c].lower() for c in dots.entente_ccodes]
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert len(legend) == len(order) + 2 and legend[0].startswith("Bloc 1: ")


def test_outputs_parse(map1985, tmp_path):
    _, fig = map1985
    png, svg, html = (pictures.save(fig, tmp_path / f"m.{ext}") for ext in ("png", "svg", "html"))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    root = ET.parse(svg).getroot()
    assert root.tag == f"{SVG}svg" and len(root.findall(f".//{SVG}path")) > 150
    text = svg.read_text()
    assert "Voting blocs in the UN General Assembly, 1985" in text and "Source: UNGA votes" in text
    page = html.read_text()
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "<title>Voting blocs" in page
    assert not re.search(r"(src|href)=\"https?:|url\(['\"]?https?:", page)
    assert "<script" not in page


def test_unsupported_extension_is_refused(map1985, tmp_path):
    from entente.errors import BadInput

    with pytest.raises(BadInput, match=r"\.png, \.svg, \.html"):
        pictures.save(map1985[1], tmp_path / "m.gif")


# ----------------------------------------------------------------------------------------- networks
def _labels(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts]


def test_pair_network_shows_the_strongest_neighbours(con):
    fig = pictures.pair_network("IRN", "RUS", 2019, con=con)
    labels = _labels(fig)
    assert "Iran" in labels and "Russia" in labels
    # the 12 third states with the largest summed excess κ to Iran and Russia, straight from the graph's edges
    graph = network.alignment_graph(2019, con=con)
    codes = graph.vs["ccode"]
    tie: dict[int, float] = {}
    for e in graph.es:
        a, b = codes[e.source], codes[e.target]
        for focus, other in ((a, b), (b, a)):
            if focus in (IRN, RUS) and other not in (IRN, RUS):
                tie[other] = tie.get(other, 0) + e["weight"]
    top = sorted(tie, key=lambda c: (-tie[c], c))[:12]
    assert sorted(labels) == sorted(["Iran", "Russia"] + [_style.short(c, 2019) for c in top])
    assert "SYR" in labels and "PRK" in labels


def test_same_seed_same_svg_bytes(con, tmp_path):
    first = pictures.save(pictures.pair_network("IRN", "RUS", 2019, con=con), tmp_path / "a.svg").read_bytes()
    again = pictures.save(pictures.pair_network("IRN", "RUS", 2019, con=con), tmp_path / "b.svg").read_bytes()
    assert first == again


def test_group_network_counts_ties_inside_the_group(con):
    group = ["RUS", "IRN", "CHN", "PRK"]
    fig = pictures.group_network(group, 2020, n=5, con=con)
    labels = _labels(fig)
    assert {"Russia", "Iran", "China", "North Korea"} <= set(labels) and len(labels) == 9
    graph = network.alignment_graph(2020, con=con)
    ids = {countries.resolve(s).ccode for s in group}
    inside = sum(1 for e in graph.es if {graph.vs[e.source]["ccode"], graph.vs[e.target]["ccode"]} <= ids)
    subtitle = " ".join(t.get_text() for t in fig.texts)
    assert f"{inside} of the 6 possible ties among them" in subtitle


# ------------------------------------------------------------------------------------------ timeline
@pytest.fixture(scope="module")
def history(con):
    return network.bloc_history(None, 1990, 2025, con=con)


def test_timeline_has_one_cell_per_year(history):
    fig = pictures.bloc_timeline(["IRN", "USA", "UKR"], 1990, 2025, history=history)
    rows = {c.entente_ccode: c for c in fig.axes[0].collections}
    for ccode in (IRN, USA, UKR):
        mine = history[history.ccode == ccode].sort_values("year")
        assert rows[ccode].entente_years == mine.year.tolist()
        assert len(rows[ccode].get_paths()) == len(mine)
        assert rows[ccode].entente_labels == mine.label.tolist()
    assert rows[IRN].entente_years == list(range(1990, 2026))
    # one colour per matched label, across rows
    colour_of: dict[int, str] = {}
    for coll in rows.values():
        for label, face in zip(coll.entente_labels, coll.get_facecolors()):
            assert colour_of.setdefault(label, to_hex(face)) == to_hex(face)
    assert colour_of[rows[USA].entente_labels[-1]] != colour_of[rows[IRN].entente_labels[-1]]


# --------------------------------------------------------------------------------------------- brief
def test_brief_network_chart(con):
    from entente.brief import chart_svg, charts, third_states

    net = third_states.pair_network(countries.resolve("IRN"), countries.resolve("RUS"), con, (2016, 2025))
    assert net["year"] == 2025 and net["focus"] == [IRN, RUS] and len(net["nodes"]) == 14
    json.dumps(net)                                           # JSON-ready for brief.json
    svg = chart_svg.svg(charts.pair_network(net, "Iran", "Russia"))
    assert svg.startswith("<svg") and "Iran" in svg and "Russia" in svg and "Source: UNGA votes" in svg


# ----------------------------------------------------------------------------------------------- CLI
def test_cli_draws_and_explains_errors(home, tmp_path, capsys):
    out = tmp_path / "g.html"
    assert main(["draw", "group", "RUS", "IRN", "CHN", "PRK", "--year", "2020", "--out", str(out)]) == 0
    assert "<svg" in out.read_text()
    out = tmp_path / "t.svg"
    assert main(["draw", "timeline", "IRN", "--from", "2020", "--to", "2025", "--out", str(out)]) == 0
    assert ET.parse(out).getroot().tag == f"{SVG}svg"
    capsys.readouterr()
    cases = [(["draw", "map", "--year", "1900", "--out", str(tmp_path / "x.svg")], "out of range"),
             (["draw", "pair", "IRN", "Persai", "--year", "2019", "--out", str(tmp_path / "x.svg")], "Unknown country"),
             (["draw", "pair", "IRN", "RUS", "--year", "2019", "--out", str(tmp_path / "x.gif")], "Cannot write"),
             (["draw", "pair", "IRN", "GDR", "--year", "2019", "--out", str(tmp_path / "x.png")], "cast no UN")]
    for args, message in cases:
        assert main(args) == 1, args
        assert message in capsys.readouterr().err, args
    assert not (tmp_path / "x.gif").exists() and not (tmp_path / "x.png").exists()
