"""Commands about the data: list, update, rollback, verify, rejects, build, path."""

from __future__ import annotations

import click

from entente import config, ingest, refresh, warehouse
from entente.cli._output import emit, format_options
from entente.errors import EntenteError
from entente.sources import registry


@click.group()
def data() -> None:
    """The datasets and the warehouse: list, update, rollback, verify, rejects, build, path.

    \b
    Examples:
      entente data list                      what each dataset covers, and whether it was refreshed
      entente data update dgacm              download the UN extract again and swap it in
      entente data rollback dgacm            put back the version the last update replaced
      entente data verify                    checksums and row counts against _provenance
    """


@data.command(name="list")
@format_options
def data_list(fmt, out) -> None:
    """Every dataset: version, coverage, rows, licence, last refreshed.

    Coverage is read from the data (its year and date columns), rows are those in the warehouse,
    and "refreshed" says when `entente data update` last replaced the bundled snapshot.

    \b
    Examples:
      entente data list
      entente data list --format csv > datasets.csv
    """
    frame = refresh.datasets()
    if fmt == "table" and not out:          # a screenful: short licence and version (csv/json keep them whole)
        frame = frame.drop(columns=["tables"]).assign(
            version=frame.version.map(lambda v: _short(v, 32)),
            licence=frame.licence.map(lambda v: _short(v.split(";")[0].split(". ")[0], 40)))
    emit(frame, fmt, out, title="entente datasets (--format csv for the full licence and version)")


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


@data.command(name="update")
@click.argument("names", nargs=-1, metavar="[NAME]...")
@click.option("--file", "files", multiple=True, type=click.Path(exists=True),
              help="Refresh from this local file (named like the upstream file) or folder of files, "
                   "instead of downloading. Repeatable; needs exactly one NAME.")
@click.option("--accept-new", is_flag=True,
              help="Accept upstream files whose sha256 differs from the one recorded on first download.")
@click.option("--force", is_flag=True,
              help="Swap in even data the guard refuses (a table that would lose more than 10% of its rows or of a "
                   "column's values, or whose key breaks), and parse again files that did not change.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
def data_update(names, files, accept_new, force, quiet) -> None:
    """Download NAME's upstream files, check them, parse them and swap them in.

    Each file is downloaded with resume and a progress bar, and checked against its length and
    pinned sha256 (or the sha256 recorded on first download). The parsed tables must have the
    snapshot's columns. Each table is then compared with the one it replaces, and the update is
    refused (nothing changes, exit status 1) when a table would be empty, lose more than 10% of its
    rows or of any column's non-null values, or break its key (duplicates, nulls); --force accepts
    it and says what it overrode. The warehouse is rebuilt beside the old one and swapped in
    atomically, so a failure (or a kill) leaves the previous data in use; the previous version is
    kept for `entente data rollback NAME`. Malformed lines are set aside and listed by
    `entente data rejects NAME`. Without NAME, every dataset that can be refreshed is.

    \b
    Examples:
      entente data update dgacm
      entente data update dgacm --file ~/Downloads/GAresolutions/data_extract/
      entente data update dgacm --accept-new      the upstream file changed and you checked why
      entente data update cameo --file lookups/ --force    accept a release that drops codes
    """
    if files and len(names) != 1:
        raise click.UsageError("--file needs exactly one dataset NAME (e.g. `entente data update dgacm --file 80.json`).")
    sources = registry()
    targets = list(names) or [n for n, m in sources.items() if hasattr(m, "parse") and m.SOURCE.files]
    if not names:
        skipped = [n for n, m in sources.items() if not hasattr(m, "parse")]
        if skipped:
            click.echo(f"No parser yet for {', '.join(skipped)}: they keep the bundled snapshot.", err=True)
    failed = []
    for name in targets:
        try:
            result = refresh.update(name, file=list(files) or None, progress=not quiet, accept_new=accept_new,
                                    force=force)
        except EntenteError as exc:
            if len(targets) == 1:
                raise
            click.echo(click.style("Error: ", fg="red", bold=True) + str(exc), err=True)
            failed.append(name)
            continue
        for note in result.notes:
            click.echo(note, err=True)
        if result.status == "updated":
            n = len(result.rejects)
            click.echo(f"Updated {name}: {_rows(result)} rows ({result.manifest['origin']}); "
                       f"{n:,} malformed line{'' if n == 1 else 's'} set aside.")
            message = ingest.summary(result.rejects, name)
            if message:
                click.echo(message, err=True)
    if failed:
        raise click.ClickException(f"Not updated: {', '.join(failed)} (their previous data stays in use).")


def _rows(result) -> str:
    """``"cameo_event_codes 311 → 298, quad_classes 4"``: each table's rows before → after (one figure if equal)."""
    parts = []
    for file, after in result.rows.items():
        before = result.before.get(file)
        change = f"{after:,}" if before == after else f"{'?' if before is None else f'{before:,}'} → {after:,}"
        parts.append(f"{file.rsplit('/', 1)[-1].removesuffix('.parquet')} {change}")
    return ", ".join(parts)


@data.command(name="rollback")
@click.argument("name")
@click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
def data_rollback(name, quiet) -> None:
    """Put back the version of NAME that the last `entente data update` replaced.

    That is the previous refresh (kept until the next update) or, after a first update, the bundled
    snapshot. The warehouse is rebuilt beside the old one and swapped in atomically, as an update
    does. Exits with status 1 when there is nothing to roll back.

    \b
    Examples:
      entente data rollback cameo
      entente data update cow_states --file states/ --force && entente data rollback cow_states
    """
    result = refresh.rollback(name, progress=not quiet)
    for note in result.notes:
        click.echo(note, err=True)
    click.echo(f"Rolled back {name}: {_rows(result)} rows.")


@data.command(name="verify")
def data_verify() -> None:
    """Check every data file's sha256 and the warehouse's row counts against _provenance.

    Snapshot files are checked against the sha256 in their source record, refreshed copies against
    their manifest; the warehouse must have been built from those files, and each table must hold
    the rows _provenance records. Exits with status 1 and lists the mismatches if any.

    \b
    Examples:
      entente data verify
      entente data verify && entente brief IRN RUS
    """
    checks = refresh.verify()
    bad = checks[~checks.ok]
    if len(bad):
        for row in bad.itertuples():
            click.echo(f"MISMATCH {row.dataset} {row.item}: {row.check}: expected {row.expected}, got {row.actual}",
                       err=True)
        raise click.ClickException(
            f"{len(bad)} of {len(checks)} checks failed. Restore or refresh the dataset (`entente data update NAME`), "
            "then rebuild the warehouse (`entente data build`).")
    click.echo(f"All {len(checks)} checks passed: every file matches its recorded sha256 and every table its "
               "_provenance row count.")


@data.command(name="rejects")
@click.argument("name")
@format_options
def data_rejects(name, fmt, out) -> None:
    """The lines the last refresh of NAME set aside, with line numbers and reasons.

    \b
    Examples:
      entente data rejects dgacm
      entente data rejects dgacm --format csv > dgacm-rejects.csv
    """
    frame = refresh.rejects(name)
    if not len(frame):
        click.echo(f"No lines set aside for {name}.", err=True)
    emit(frame, fmt, out, title=f"{name}: lines set aside")


@data.command(name="build")
def data_build() -> None:
    """Rebuild the warehouse from the bundled snapshot and refreshed copies (normally automatic).

    \b
    Example:
      entente data build
    """
    path = warehouse.build(config.warehouse_path())
    click.echo(f"Built {path}")


@data.command(name="path")
def data_path() -> None:
    """Print where the warehouse lives (set ENTENTE_HOME to move it).

    \b
    Example:
      ENTENTE_HOME=/data/entente entente data path
    """
    click.echo(str(config.warehouse_path()))
