"""Every error entente raises on purpose.

The tree::

    EntenteError
    ├── UnknownCountry(EntenteError, KeyError)     a name or code that matches no state
    │   └── AmbiguousCountry                       a name that means two states ("Korea", "Congo")
    ├── SchemaError(EntenteError, ValueError)      a table without the columns or keys a step needs
    │   └── MissingTable                           a frame step needs a table this warehouse lacks
    ├── NoEvidence(EntenteError, LookupError)      a question the data holds nothing on (e.g. a state
    │                                              that never sat in the UN General Assembly)
    ├── BadInput(EntenteError, ValueError)         an argument out of range (a year, a format, a weight,
    │                                              the same state twice, a state not in the system then)
    ├── OutputError(EntenteError, OSError)         a file or folder that cannot be written (or ENTENTE_HOME)
    ├── StoreBusy(EntenteError, RuntimeError)      another process is ingesting into the same store
    ├── EngineUnavailable(EntenteError, RuntimeError)  Spark (or another engine) cannot run here
    └── SourceError                                a dataset that cannot be read or trusted
        ├── ChecksumMismatch                       a file whose sha256 differs from the one recorded
        ├── DownloadFailed                         a download that failed or came back incomplete
        ├── WarehouseError                         the DuckDB warehouse cannot be built or opened
        └── UpdateRefused                          an update that would lose data (rows, values, keys)

Warnings (``UserWarning``), from :mod:`entente.sources._parsing`: ``MalformedLinesWarning`` (lines set
aside while parsing) and ``UserFileMissing`` (a dataset whose file the user must supply is absent).

Each message names what failed, the value that made it fail, and what to do about it
(house style: ../shared/STYLE.md, "Errors"). The CLI and the web app only format these.
"""

from __future__ import annotations


class EntenteError(Exception):
    """Base class: catch this to catch every error entente raises on purpose."""


class UnknownCountry(EntenteError, KeyError):
    """No state matches the input. ``suggestions`` holds the closest states, best first."""

    def __init__(self, query: object, suggestions: list[str] | None = None):
        self.query = query
        self.suggestions = list(suggestions or [])
        msg = f"Unknown country {str(query)!r}."
        if self.suggestions:
            msg += " Did you mean: " + "; ".join(self.suggestions) + "?"
        else:
            msg += " Try a COW code (630), an ISO3 code (IRN) or an English name (Iran)."
        super().__init__(msg)

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return self.args[0]


class AmbiguousCountry(UnknownCountry):
    """A name that means more than one state (in the year asked about). ``suggestions`` holds the
    states' labels, the one meant most often first."""

    def __init__(self, query: object, choices: list[str], *, year: int | None = None):
        super().__init__(query, choices)
        when = f" in {year}" if year is not None else ""
        options = ", ".join(choices[:-1]) + f" or {choices[-1]}" if len(choices) > 1 else choices[0]
        self.args = (f"{str(query).strip()}{when}: did you mean {options}? The name fits more than one state; "
                     "give another name or a code (codes are never ambiguous).",)


class SchemaError(EntenteError, ValueError):
    """A table lacks a column or key that a step needs."""


class NoEvidence(EntenteError, LookupError):
    """The data hold nothing to answer the question asked."""


class BadInput(EntenteError, ValueError):
    """An argument is malformed or out of range."""


class OutputError(EntenteError, OSError):
    """A file or folder entente was asked to write cannot be written: the message names the path, the
    operating system's reason and what to do (another folder, a shorter name, permissions)."""


class StoreBusy(EntenteError, RuntimeError):
    """Another process holds the store's ingest lock (e.g. two ``entente events ingest`` at once)."""


class MissingTable(SchemaError):
    """A step needs a warehouse table this warehouse does not have (yet)."""

    def __init__(self, step: str, table: str):
        self.step, self.table = step, table
        super().__init__(
            f"{step}() needs the warehouse table {table!r}, which this warehouse does not have "
            f"(`entente data list` shows what it holds). Its dataset was not loaded when the warehouse was "
            f"built: its source module or a file you must supply was missing (the build's warnings say "
            f"which). Add it, rebuild the warehouse (`entente data update`), and run {step}() again."
        )


class EngineUnavailable(EntenteError, RuntimeError):
    """The requested engine cannot run here (a package or Java is missing)."""


class SourceError(EntenteError):
    """A dataset cannot be read, parsed or trusted."""


class ChecksumMismatch(SourceError):
    """A file's sha256 differs from the one recorded for it."""

    def __init__(self, name: str, path: object, expected: str, actual: str):
        self.name, self.path, self.expected, self.actual = name, path, expected, actual
        super().__init__(
            f"Checksum mismatch for {name}: expected {expected[:12]}…, got {actual[:12]}… ({path}). "
            "The file changed since it was recorded; restore it or re-fetch it with "
            f"`entente data update {name}`."
        )


class DownloadFailed(SourceError):
    """A download failed: the server refused it, the network dropped, or the body came back short.

    The message names the dataset, the URL, what was received and what to do; a partial download is
    kept next to its destination (``<file>.part``) so the next attempt resumes it.
    """


class WarehouseError(SourceError):
    """The DuckDB warehouse cannot be built or opened."""


class UpdateRefused(SourceError):
    """``entente data update`` refused a replacement that would lose data: a table left empty, more than a
    stated share of its rows or of a column's values gone, or its key broken (duplicates, nulls).

    The message names the dataset, the table, the figures, the threshold and ``--force``; nothing was
    changed. ``problems`` holds one sentence per failed check.
    """

    def __init__(self, message: str, problems: list[str] | None = None):
        self.problems = list(problems or [])
        super().__init__(message)
