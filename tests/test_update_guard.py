"""`entente data update` guarded like a migration: refusals, --force, rollback, exit status, keys.

Real data only: GDELT's own lookup files (``tests/data/gdelt_lookups``: ``CAMEO.eventcodes.txt``,
``CAMEO.goldsteinscale.txt``, ``CAMEO.type.txt``, copied unchanged from shared/data/cameo/raw); GDELT's
``CAMEO.country.txt`` and ``FIPS.country.txt`` rebuilt in their layout from the snapshot rows; and
peacesciencer's ``cow_states.rda``/``cow_majors.rda`` rebuilt from the snapshot (R doubles, as
peacesciencer saves them). No network: every upstream file is given with ``--file``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pyreadr
import pytest

from entente import catalog, config, refresh, warehouse
from entente.cli import main
from entente.config import snapshot_dir
from entente.errors import SchemaError, SourceError, UpdateRefused
from entente.sources import registry, refreshed_dir, table_keys

LOOKUPS = Path(__file__).parent / "data" / "gdelt_lookups"
EVENTS = "cameo/cameo_event_codes.parquet"


def gdelt_lookups(folder: Path) -> Path:
    """The five GDELT lookup files `entente data update cameo` reads, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in LOOKUPS.iterdir():
        shutil.copyfile(path, folder / path.name)
    countries = pq.read_table(snapshot_dir() / "cameo/cameo_country_codes.parquet").to_pydict()
    (folder / "CAMEO.country.txt").write_text("CODE\tLABEL\n" + "".join(
        f"{c}\t{n}\n" for c, n in zip(*countries.values())), encoding="utf-8")
    fips = pq.read_table(snapshot_dir() / "cameo/fips_country_codes.parquet").to_pydict()
    (folder / "FIPS.country.txt").write_text("".join(f"{c}\t{n}\r\n" for c, n in zip(*fips.values())),
                                             encoding="utf-8")                 # GDELT's FIPS file has no header
    return folder


def cow_rda(folder: Path, states=slice(None), majors=slice(None)) -> Path:
    """peacesciencer's cow_states.rda and cow_majors.rda from the snapshot rows picked by ``states``/``majors``."""
    folder.mkdir(parents=True, exist_ok=True)
    for obj, rows in (("cow_states", states), ("cow_majors", majors)):
        frame = pq.read_table(snapshot_dir() / f"states/{obj}.parquet").to_pandas().drop(columns=["start_date", "end_date"])
        frame = frame.astype({c: "float64" if str(t) == "int16" else object for c, t in frame.dtypes.items()})
        pyreadr.write_rdata(str(folder / f"{obj}.rda"), frame.iloc[rows].reset_index(drop=True), df_name=obj)
    return folder


def refreshed_state(home: Path) -> dict:
    """Every file under refreshed/ (bytes) and the warehouse file's inode, or None: what an update may change."""
    files = {p.relative_to(home): p.read_bytes() for p in (home / "refreshed").rglob("*")
             if p.is_file() and not p.name.endswith(".lock")} if (home / "refreshed").is_dir() else {}
    path = config.warehouse_path()
    return {"files": files, "warehouse": path.stat().st_ino if path.exists() else None}


def table(name: str, order: str) -> list[tuple]:
    """Every row of warehouse table ``name``, read from the file as it is."""
    con = duckdb.connect(str(config.warehouse_path()), read_only=True)
    try:
        return con.execute(f'SELECT * FROM "{name}" ORDER BY {order}').fetchall()
    finally:
        con.close()


# --- refusals: nothing changes, exit status 1, the message gives the figures, threshold and --force -----

def test_header_only_cow_states_is_refused(fresh_home, tmp_path, capsys):
    folder = cow_rda(tmp_path / "states", states=slice(0, 0))
    before = refreshed_state(fresh_home)
    assert main(["data", "update", "cow_states", "--file", str(folder), "--quiet"]) == 1
    out, err = capsys.readouterr()
    assert "Updated" not in out
    assert "cow_states: update refused" in err and "cow_states would have 0 rows (it has 243)" in err
    assert "at most 10% of a table's rows" in err and "entente data update cow_states --force" in err
    assert refreshed_state(fresh_home) == before
    assert not (refreshed_dir("cow_states") / "manifest.json").exists()


def test_duplicated_key_rows_are_refused(fresh_home, tmp_path):
    rows = list(range(243)) + [200, 201]                         # two real spells listed twice
    folder = cow_rda(tmp_path / "states", states=rows)
    with pytest.raises(UpdateRefused) as info:
        refresh.update("cow_states", file=folder, progress=False)
    assert "cow_states would have 2 duplicated keys (ccode, styear, stmonth, stday), e.g. (" in str(info.value)
    lookups = gdelt_lookups(tmp_path / "lookups")
    lines = (lookups / "CAMEO.eventcodes.txt").read_bytes().splitlines(keepends=True)
    (lookups / "CAMEO.eventcodes.txt").write_bytes(b"".join(lines + lines[100:101]))
    with pytest.raises(UpdateRefused, match=r"cameo_event_codes would have 1 duplicated keys \(cameo_code\), "
                                            r"e\.g\. 0[0-9]+"):
        refresh.check("cameo", file=lookups, progress=False)
    assert not list((fresh_home / "refreshed").rglob("manifest.json"))
    # --force overrides the guard, not the warehouse: cameo's load() requires unique codes, so the trial
    # build fails, and that failed update leaves everything as it was.
    before = refreshed_state(fresh_home)
    with pytest.raises(SchemaError, match=r"cameo: 1 duplicated \(cameo_code\) keys"):
        refresh.update("cameo", file=lookups, progress=False, force=True)
    assert refreshed_state(fresh_home) == before
    assert not [p for p in refreshed_dir("cameo").iterdir() if p.is_dir()]
    assert not list(fresh_home.glob("warehouse.duckdb.staged-*"))


@pytest.mark.parametrize("cut, figures", [
    ("header", "description 310 → 0 (100% lost)"),               # every code keeps its score, no description
    (4000, "description 310 → 101 (67% lost)"),                  # cut mid-line at byte 4,000 (of 12,157)
])
def test_header_only_or_truncated_cameo_codes_are_refused(fresh_home, tmp_path, capsys, cut, figures):
    lookups = gdelt_lookups(tmp_path / "lookups")
    path = lookups / "CAMEO.eventcodes.txt"
    data = path.read_bytes()
    path.write_bytes(data[: data.index(b"\n") + 1] if cut == "header" else data[:cut])
    assert main(["data", "update", "cameo", "--file", str(lookups), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert f"cameo: update refused against the data in use: cameo_event_codes would lose values (non-null values " \
           f"before → after): {figures}" in err
    assert "--force" in err and "10%" in err
    if cut != "header":
        assert "CAMEO.eventcodes.txt ends inside a line (no line break at its end): it may have been cut short" in err
    assert not (refreshed_dir("cameo") / "manifest.json").exists()


def test_growth_passes_and_check_reports_rows_before_and_after(fresh_home, tmp_path):
    lookups = gdelt_lookups(tmp_path / "lookups")
    result = refresh.check("cameo", file=lookups, progress=False)
    assert result.status == "checked" and result.before == result.rows
    assert result.rows[EVENTS] == 311 and len(result.rejects) == 0
    countries = lookups / "CAMEO.country.txt"
    countries.write_text(countries.read_text(encoding="utf-8") + "ZZZ\tA code CAMEO adds\n", encoding="utf-8")
    grown = refresh.check("cameo", file=lookups, progress=False)
    assert grown.rows["cameo/cameo_country_codes.parquet"] == 262 == grown.before["cameo/cameo_country_codes.parquet"] + 1


# --- --force, rollback, and a refused update after a real one -----------------------------------------

@pytest.mark.slow    # over 6 s on 2 cores: the full suite (CI's first run) keeps it
def test_force_then_refusal_then_rollback_restores_the_exact_rows(fresh_home, tmp_path, capsys):
    good = gdelt_lookups(tmp_path / "good")
    assert main(["data", "update", "cameo", "--file", str(good), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert ("Updated cameo: cameo_event_codes 311, quad_classes 4, cameo_actor_types 40, cameo_country_codes 261, "
            "fips_country_codes 274 rows (file); 0 malformed lines set aside.") in out
    first = json.loads((refreshed_dir("cameo") / "manifest.json").read_text())
    gen = refreshed_dir("cameo") / first["generation"]
    assert json.loads((gen / "_manifest.json").read_text()) == first          # the data carry their manifest
    assert first["files"][EVENTS]["rows_before"] == 311 and first["guard"]["overridden"] == []
    rows_a = table("cameo_event_codes", "cameo_code")

    truncated = gdelt_lookups(tmp_path / "truncated")
    data = (truncated / "CAMEO.eventcodes.txt").read_bytes()
    (truncated / "CAMEO.eventcodes.txt").write_bytes(data[:4000])
    assert main(["data", "update", "cameo", "--file", str(truncated), "--quiet", "--force"]) == 0
    out, err = capsys.readouterr()
    assert "Updated cameo: cameo_event_codes 311, quad_classes 4" in out       # rows kept, descriptions lost
    assert "--force: accepted although cameo_event_codes would lose values" in err and "310 → 101" in err
    second = json.loads((refreshed_dir("cameo") / "manifest.json").read_text())
    assert second["previous_generation"] == first["generation"] and second["guard"]["overridden"]
    assert sum(r[1] is None for r in table("cameo_event_codes", "cameo_code")) == 210

    # A refused update after it changes nothing: the forced data stay, files and warehouse untouched.
    before = refreshed_state(fresh_home)
    header_only = gdelt_lookups(tmp_path / "header")
    (header_only / "CAMEO.eventcodes.txt").write_bytes(data[: data.index(b"\n") + 1])
    with pytest.raises(UpdateRefused) as info:
        refresh.update("cameo", file=header_only, progress=False)
    assert info.value.problems == ["cameo_event_codes would lose values (non-null values before → after): "
                                   "description 101 → 0 (100% lost)"]
    assert refreshed_state(fresh_home) == before

    # Rollback: back to the first update, row for row; then to the bundled snapshot; then nothing left.
    assert main(["data", "rollback", "cameo", "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert "Rolled back cameo: cameo_event_codes 311, quad_classes 4" in out and "back to the update of" in err
    assert json.loads((refreshed_dir("cameo") / "manifest.json").read_text()) == first
    assert table("cameo_event_codes", "cameo_code") == rows_a
    prov = warehouse.provenance(warehouse.connection()).set_index("table_name")
    assert prov.loc["cameo_event_codes", "sha256"] == first["files"][EVENTS]["sha256"]
    assert main(["data", "verify"]) == 0
    capsys.readouterr()

    assert main(["data", "rollback", "cameo", "--quiet"]) == 0
    assert "back to the bundled snapshot" in capsys.readouterr().err
    assert not (refreshed_dir("cameo") / "manifest.json").exists()
    assert table("cameo_event_codes", "cameo_code") == rows_a                  # the real files are the snapshot
    assert warehouse.provenance(warehouse.connection()).set_index("table_name").loc[
        "cameo_event_codes", "origin"] == "snapshot"
    assert main(["data", "rollback", "cameo", "--quiet"]) == 1
    assert "Nothing to roll back for cameo: it uses the bundled snapshot" in capsys.readouterr().err
    assert not [p for p in refreshed_dir("cameo").iterdir() if p.is_dir()]    # the discarded generations went


def test_help_gives_the_threshold_and_rollback(capsys):
    assert main(["data", "update", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert f"more than {refresh.MAX_LOSS:.0%} of its rows" in text and "entente data rollback NAME" in text
    assert main(["data", "rollback", "--help"]) == 0
    assert "Exits with status 1 when there is nothing to roll back" in " ".join(capsys.readouterr().out.split())


def test_rollback_with_nothing_to_roll_back(fresh_home, capsys):
    with pytest.raises(SourceError, match=r"Nothing to roll back for cow_states: it uses the bundled snapshot "
                                          r"\(2016\)"):
        refresh.rollback("cow_states", progress=False)
    assert main(["data", "rollback", "cow_states"]) == 1
    assert main(["data", "rollback", "atlantis"]) == 1
    assert "Unknown dataset 'atlantis'" in capsys.readouterr().err


# --- the keys the guard checks are the ones the sources declare, and hold on the snapshot -------------

def test_declared_keys_are_the_catalogs_and_hold_on_the_snapshot():
    """The keys the guard checks are the catalog's, for every snapshot file a source loads, and no key
    value is listed twice in the bundled data."""
    check = duckdb.connect()
    for module in registry().values():
        keys = table_keys(module)
        for loaded in module.load() if module.SOURCE.files else ():
            spec = catalog.table(loaded.table)
            assert spec.dataset == module.SOURCE.name and spec.file in module.SOURCE.files, loaded.table
            assert keys.get(spec.file, ()) == spec.keys, loaded.table
        for file, key in keys.items():
            data = pq.read_table(snapshot_dir() / file, columns=list(key))
            check.register("t", data)
            dupes = check.execute("SELECT count(*) FROM (SELECT * FROM t GROUP BY ALL HAVING count(*) > 1)").fetchall()[0][0]
            check.unregister("t")
            assert dupes == 0, (file, key)
    assert table_keys(registry()["cow_states"])["states/cow_states.parquet"] == ("ccode", "styear", "stmonth", "stday")
