"""The web app's state, blocs and axis pages (TestClient): their numbers against the Python API and hand-written
queries, their formats, their maps' GeoJSON, the vendored scripts, and hostile inputs refused with 4xx."""

from __future__ import annotations

import hashlib
import io
import json
import re
from importlib import resources

import pandas as pd
import pytest

from entente import countries, network

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from entente.web.app import create_app


@pytest.fixture(scope="module")
def client(home):
    return TestClient(create_app(rate_limit=False), raise_server_exceptions=False)


def _ok(client, url: str):
    r = client.get(url)
    assert r.status_code == 200, (url, r.status_code, r.text[:300])
    return r


# ------------------------------------------------------------------------------------------------ state
def test_state_partners_are_each_years_highest_and_lowest_kappa(client, con):
    data = _ok(client, "/state/IRN.json?year=2021&from=2019&to=2021").json()
    assert (data["year"], data["from"], data["to"]) == (2021, 2019, 2021)
    # independently: every pair with Iran, turned around by hand, ranked with pandas
    rows = con.execute("SELECT * FROM m_unga_alignment_dyad_year WHERE year BETWEEN 2019 AND 2021 "
                       "AND (ccode1 = 630 OR ccode2 = 630)").df()
    rows["partner"] = rows["ccode2"].where(rows["ccode1"] == 630, rows["ccode1"])
    rows = rows[(rows["n_votes"] >= 10) & rows["kappa"].notna()]
    got = pd.DataFrame(data["partners"])
    for year, group in rows.groupby("year"):
        top = group.sort_values(["kappa", "n_votes", "partner"], ascending=[False, False, True]).head(3)
        low = group.sort_values(["kappa", "n_votes", "partner"], ascending=[True, False, True]).head(3)
        mine = got[got["year"] == year]
        assert mine[mine["side"] == "closest"]["ccode"].tolist() == top["partner"].tolist()
        assert mine[mine["side"] == "furthest"]["ccode"].tolist() == low["partner"].tolist()
        assert mine[mine["side"] == "closest"]["kappa"].tolist() == pytest.approx(top["kappa"].tolist())
    assert set(got["year"]) == {2019, 2020, 2021}


def test_state_allies_are_atop_obligations_in_force(client, con):
    data = _ok(client, "/state/RUS.json?year=2010&from=2008&to=2010").json()
    atop = con.execute("SELECT * FROM atop_dyad_year WHERE year = 2010 AND (ccode1 = 365 OR ccode2 = 365)").df()
    flags = ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"]
    atop = atop[atop[flags].fillna(0).sum(axis=1) > 0]
    expected = set(atop["ccode2"].where(atop["ccode1"] == 365, atop["ccode1"]))
    allies = {a["ccode"]: a for a in data["allies"]}
    assert set(allies) == expected and len(expected) > 5
    # Belarus: a defence pact (CSTO), either direction
    blr = atop[(atop["ccode1"] == 370) | (atop["ccode2"] == 370)]
    assert blr["atop_defense"].max() == 1 and "defence" in allies[370]["obligations"]
    # strongest first: every defence obligation comes before any ally without one
    ranks = ["defence" in a["obligations"] or "offence" in a["obligations"] for a in data["allies"]]
    assert ranks == sorted(ranks, reverse=True)


def test_state_after_atop_ends_shows_its_last_year_and_says_so(client, con):
    last = int(con.execute("SELECT max(year) FROM atop_dyad_year").df().iat[0, 0])
    data = _ok(client, f"/state/IRN.json?year={last + 3}&from={last + 1}&to={last + 3}").json()
    assert {a["year"] for a in data["allies"]} <= {last}
    assert any(f"ATOP ends in {last}" in n for n in data["notes"])


def test_state_rivals_are_spells_covering_the_year(client, con):
    data = _ok(client, "/state/IRN.json?year=2015&from=2014&to=2015").json()
    spells = pd.concat([con.execute(f"SELECT ccode1, ccode2, styear, endyear FROM {t}").df()
                        for t in ("td_rivalries", "tss_rivalries")])
    live = spells[(spells["styear"] <= 2015) & (spells["endyear"] >= 2015)
                  & ((spells["ccode1"] == 630) | (spells["ccode2"] == 630))]
    expected = set(live["ccode2"].where(live["ccode1"] == 630, live["ccode1"]))
    assert {r["ccode"] for r in data["rivals"]} == expected
    assert 2 in expected and 666 in expected          # the United States and Israel


def test_state_bloc_history_matches_network_bloc_history(client):
    data = _ok(client, "/state/IRN.json?year=2020&from=2016&to=2020").json()
    api = network.bloc_history("IRN", 2016, 2020)
    got = pd.DataFrame(data["blocs"])
    assert got["year"].tolist() == api["year"].tolist()
    assert got["label"].tolist() == api["label"].tolist()
    assert got["bloc_size"].tolist() == api["bloc_size"].tolist()


def test_state_formats_agree(client):
    base = "/state/IRN{}?year=2020&from=2018&to=2020"
    data = _ok(client, base.format(".json")).json()
    csv = pd.read_csv(io.StringIO(_ok(client, base.format(".csv") + "&section=partners").text))
    assert csv["ccode"].tolist() == [p["ccode"] for p in data["partners"]]
    rivals = pd.read_csv(io.StringIO(_ok(client, base.format(".csv") + "&section=rivals").text))
    assert sorted(rivals["ccode"]) == sorted(r["ccode"] for r in data["rivals"])
    md = _ok(client, base.format(".md")).text
    assert md.startswith("# Iran (IRN)") and "## ATOP allies" in md
    html = _ok(client, base.format("")).text
    name = countries.name(data["partners"][0]["ccode"], 2020)
    assert name in html and 'class="vega-spec"' in html


def test_state_map_spec_points_at_geojson_that_highlights_the_state(client):
    html = _ok(client, "/state/IRN?year=1985&from=1984&to=1985").text
    spec = json.loads(re.search(r'<script type="application/json" class="vega-spec" data-target="state-map">(.*?)'
                                r'</script>', html, re.DOTALL).group(1))
    assert spec["mark"]["type"] == "geoshape" and spec["projection"]["type"] == "equalEarth"
    assert "630" in spec["transform"][0]["calculate"]
    geo = _ok(client, spec["data"]["url"]).json()
    by_shape = {f["properties"]["shape"]: f["properties"] for f in geo["features"]}
    assert by_shape["Iran"]["ccode"] == 630
    assert by_shape["Kazakhstan"]["ccode"] == 365          # drawn as the USSR in 1985
    assert by_shape["Kazakhstan"]["name"] == countries.name(365, 1985)


# ------------------------------------------------------------------------------------------------ blocs
def test_blocs_match_network_blocs(client):
    data = _ok(client, "/blocs.json?year=1985").json()
    api = network.blocs(1985)
    states = pd.DataFrame(data["states"])
    assert dict(zip(states["ccode"], states["bloc"])) == dict(zip(api["ccode"], api["bloc"]))
    sizes = api.groupby("bloc").size()
    assert {b["bloc"]: b["size"] for b in data["blocs"]} == sizes.to_dict()
    assert data["modularity"] == pytest.approx(api.attrs["modularity"])
    cores = api[api["core"]].groupby("bloc").size()
    assert {b["bloc"]: len(b["core"].split(", ")) for b in data["blocs"]} == cores.to_dict()


def test_blocs_geojson_has_every_shape_with_its_bloc(client, con):
    geo = _ok(client, "/blocs/map.geojson?year=1985").json()
    assert geo["type"] == "FeatureCollection"
    api = network.blocs(1985)
    bloc_of = dict(zip(api["ccode"], api["bloc"]))
    # every shape of the bundled TopoJSON but Antarctica, counted independently
    topo = json.loads((resources.files("entente") / "data" / "world" / "countries-110m.json").read_text())
    geoms = [g for g in topo["objects"]["countries"]["geometries"] if g.get("id") != "010"]
    shapes = [f for f in geo["features"] if not f["properties"]["dot"]]
    assert len(shapes) == len(geoms)
    for feature, g in zip(shapes, geoms):
        p = feature["properties"]
        assert p["shape"] == g["properties"]["name"]
        assert p["bloc"] == bloc_of.get(p["ccode"])
        polygons = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        assert [len(poly) for poly in feature["geometry"]["coordinates"]] == [len(poly) for poly in polygons]
        assert p["label"].startswith("Bloc ") == (p["bloc"] is not None)
    # every state that voted is on the map: a shape, or a dot at its capital (Malta, Singapore, the GDR)
    assert {p["ccode"] for f in geo["features"] if (p := f["properties"])["bloc"] is not None} == set(bloc_of)
    dots = {f["properties"]["ccode"]: f["geometry"] for f in geo["features"] if f["properties"]["dot"]}
    assert {338, 830, 265} <= set(dots) and 365 not in dots
    capital = con.execute("SELECT lng, lat FROM cow_capitals WHERE ccode = 338").df().iloc[-1]
    assert dots[338]["coordinates"] == pytest.approx([capital["lng"], capital["lat"]], abs=0.01)
    south_africa = next(f for f in geo["features"] if f["properties"]["shape"] == "South Africa")
    assert len(south_africa["geometry"]["coordinates"][0]) == 2        # its outline and the hole of Lesotho
    lon, lat = zip(*(pt for poly in south_africa["geometry"]["coordinates"] for ring in poly for pt in ring))
    assert 16 < min(lon) < max(lon) < 33 and -35 < min(lat) < max(lat) < -22


def test_blocs_page_has_a_year_slider_and_a_map(client):
    html = _ok(client, "/blocs?year=1975").text
    assert re.search(r'<input id="year-slider" type="range" name="year" min="1946" max="\d{4}" step="1" '
                     r'value="1975"', html)
    spec = json.loads(re.search(r'data-target="bloc-map">(.*?)</script>', html, re.DOTALL).group(1))
    assert spec["data"]["url"] == "/blocs/map.geojson?year=1975"
    labels = {p["properties"]["label"] for p in _ok(client, spec["data"]["url"]).json()["features"]}
    assert labels <= set(spec["encoding"]["color"]["scale"]["domain"])


def test_blocs_page_links_each_core_member_to_its_state_page(client):
    html = _ok(client, "/blocs?year=1990").text
    links = re.findall(r'<a href="(/state/[^"?]+)\?year=1990">', html)
    api = network.blocs(1990)
    assert len(links) == int(api["core"].sum())
    for link in links[:6]:
        data = _ok(client, link + ".json?year=1990&from=1989&to=1990").json()
        assert data["state"]["ccode"] in set(api.loc[api["core"], "ccode"])


def test_blocs_default_year_is_the_last_un_year(client, con):
    last = int(con.execute("SELECT max(year) FROM m_unga_alignment_dyad_year").df().iat[0, 0])
    assert _ok(client, "/blocs.json").json()["year"] == last


# ------------------------------------------------------------------------------------------------- axis
def test_axis_matches_network_axis(client):
    data = _ok(client, "/axis.json?states=IRN,RUS,CHN,PRK&from=2000&to=2006").json()
    api = network.axis(["IRN", "RUS", "CHN", "PRK"], 2000, 2006)
    got = pd.DataFrame(data["years"])
    assert got["year"].tolist() == api["year"].tolist()
    for column in ("kappa", "base_mean", "base_lo", "base_hi", "percentile"):
        assert got[column].tolist() == pytest.approx(api[column].tolist()), column
    assert data["above_90"] == int(api["above_90"].sum())
    assert [s["ccode"] for s in data["states"]] == [630, 365, 710, 731]
    csv = pd.read_csv(io.StringIO(_ok(client, "/axis.csv?states=IRN,RUS,CHN,PRK&from=2000&to=2006").text))
    assert csv["kappa"].tolist() == pytest.approx(api["kappa"].tolist())


def test_axis_page_draws_the_band(client):
    html = _ok(client, "/axis?states=IRN,RUS&from=2010&to=2012").text
    spec = json.loads(re.search(r'data-target="axis-chart">(.*?)</script>', html, re.DOTALL).group(1))
    assert [v["year"] for v in spec["data"]["values"]] == [2010, 2011, 2012]
    assert {layer["mark"]["type"] for layer in spec["layer"]} == {"area", "line"}


# ---------------------------------------------------------------------------------------- hostile input
HOSTILE = [
    "/state/IR';DROP TABLE x;--", "/state/%3Cscript%3E", "/state/" + "A" * 500, "/state/IRN?year=99999",
    "/state/IRN?year=-5", "/state/IRN?year=1e9", "/state/IRN?from=2020&to=2000", "/state/IRN?from=1900",
    "/state/IRN.csv?section=../../etc", "/state/NOSUCHSTATE",
    "/blocs?year=1800", "/blocs?year=abc", "/blocs?year=2024.5", "/blocs.exe", "/blocs.csv?section=x" + "y" * 50,
    "/blocs/map.geojson?year=3000", "/world.geojson?year=1000",
    "/axis?states=IRN", "/axis?states=IRN,IRN", "/axis?states=" + ",".join(["USA"] * 13),
    "/axis?states=IRN,<b>", "/axis?states=IRN,RUS&from=2020&to=1990", "/axis?states=" + "X," * 300,
    "/axis?states=IRN,RUS&from=1900",
]


@pytest.mark.parametrize("url", HOSTILE)
def test_hostile_input_is_a_4xx_in_the_one_error_shape(client, url):
    r = client.get(url)
    assert 400 <= r.status_code < 500, (url, r.status_code, r.text[:200])
    error = r.json()["error"]
    assert set(error) == {"status", "code", "message", "hint"} and error["status"] == r.status_code
    assert "Traceback" not in r.text
    assert r.headers["content-type"].startswith("application/json")     # an echoed '<script>' is never HTML


def test_state_that_never_voted_in_the_window_is_404_no_evidence(client):
    r = client.get("/state/SSD?year=1990&from=1990&to=1990")      # South Sudan did not exist until 2011
    assert r.status_code == 404 and r.json()["error"]["code"] == "no_evidence"
    assert "2011" in r.json()["error"]["message"]                 # says when it did vote


# -------------------------------------------------------------------------------------------- static
def test_vendored_scripts_match_vendor_md_and_are_served(client):
    vendor = resources.files("entente.web") / "static" / "vendor"
    table = (vendor / "VENDOR.md").read_text()
    pinned = dict(re.findall(r"\| `([\w.-]+\.min\.js)` \| `package/[^`]+` \| `([0-9a-f]{64})` \|", table))
    assert set(pinned) == {"vega.min.js", "vega-lite.min.js", "vega-embed.min.js", "vega-interpreter.min.js",
                           "htmx.min.js"}
    for name, sha in pinned.items():
        body = _ok(client, f"/static/vendor/{name}").content
        assert hashlib.sha256(body).hexdigest() == sha, name
        assert hashlib.sha256((vendor / name).read_bytes()).hexdigest() == sha
    for name in ("LICENSE.vega", "LICENSE.vega-lite", "LICENSE.vega-embed", "LICENSE.htmx"):
        assert (vendor / name).is_file()
    for name in ("charts.js", "slider.js", "app.css"):
        _ok(client, f"/static/{name}")


# ------------------------------------------------------------------------------------------------ cache
def test_page_data_is_cached_per_data_version(con):
    from entente.web.versioned_cache import data_version, versioned

    calls = []

    @versioned(maxsize=2)
    def double(x, *, con):
        calls.append(x)
        return 2 * x

    assert [double(1, con=con, version="v1"), double(1, con=con, version="v1")] == [2, 2]
    assert calls == [1]                                   # the second call came from the cache
    double(1, con=con, version="v2")                      # another warehouse: computed again
    assert calls == [1, 1]
    double(2, con=con, version="v2")
    double(3, con=con, version="v2")                      # at most two kept: (1, v2) is dropped first
    double(1, con=con, version="v2")
    assert calls == [1, 1, 2, 3, 1]
    meta = dict(con.execute("SELECT key, value FROM _meta").fetchall())
    assert data_version(con) == f"{meta['fingerprint']}@{meta['built_at']}"


def test_a_warm_address_is_answered_from_the_kept_bytes(client, monkeypatch):
    from entente.web.pages import blocs as blocs_page

    calls = []
    real = blocs_page.blocs_data_for
    monkeypatch.setattr(blocs_page, "blocs_data_for", lambda *a: calls.append(a) or real(*a))
    first = _ok(client, "/blocs.csv?year=1961&section=states")
    second = _ok(client, "/blocs.csv?year=1961&section=states")
    assert len(calls) == 1 and first.content == second.content
    assert second.headers["content-type"] == first.headers["content-type"]
    assert second.headers["content-disposition"] == first.headers["content-disposition"]
    _ok(client, "/blocs.csv?year=1961&section=blocs")           # another address: made again
    assert len(calls) == 2
    assert client.get("/blocs.csv?year=1800").status_code == 400   # errors are not kept
    assert client.get("/blocs.csv?year=1800").status_code == 400
