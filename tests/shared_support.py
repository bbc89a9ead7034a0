"""Where the tests find data beside the repository, and what they use when it is not there.

The project's curated data folder, ``../shared/data`` (``ENTENTE_SHARED_DATA`` overrides; for a git
worktree, also beside its main checkout), holds the 106 real GDELT files and copies of data entente may
not ship (the SIPRI export, the GSDB). A fresh clone has nothing beside it: the GDELT tests then read the
eleven real files bundled in ``tests/data/gdelt/raw`` (GDELT is open, with citation), and the SIPRI/GSDB
tests write their own small inputs in the upstream's layout (``upstream_formats.py``).

Set ``ENTENTE_SHARED_DATA`` to a folder that does not exist to run the suite as a fresh clone would.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TESTS_DATA = Path(__file__).resolve().parent / "data"


def _checkouts(repo: Path) -> list[Path]:
    """The repository and, if it is a git worktree (``.git`` is a file), the main checkout it belongs to."""
    found = [repo]
    git = repo / ".git"
    if git.is_file():
        gitdir = Path(git.read_text(encoding="utf-8").split(":", 1)[1].strip())
        common = gitdir / "commondir"
        common = (gitdir / common.read_text(encoding="utf-8").strip()).resolve() if common.exists() else gitdir
        found.append(common.parent)
    return found


def shared_data() -> Path:
    """The curated data files beside the repository: ``ENTENTE_SHARED_DATA``, else ``<repo>/../shared/data``
    (for a git worktree, also beside its main checkout). The first that exists, else the first candidate."""
    if os.environ.get("ENTENTE_SHARED_DATA"):
        return Path(os.environ["ENTENTE_SHARED_DATA"])
    candidates = [checkout.parent / "shared" / "data" for checkout in _checkouts(REPO)]
    return next((path for path in candidates if path.is_dir()), candidates[0])


#: GDELT: the 106 real files beside the repository when they are there, else the 11 bundled ones.
SHARED_GDELT_RAW = shared_data() / "gdelt" / "raw"
BUNDLED_GDELT_RAW = TESTS_DATA / "gdelt" / "raw"
FULL_GDELT = SHARED_GDELT_RAW.is_dir()
GDELT_RAW = SHARED_GDELT_RAW if FULL_GDELT else BUNDLED_GDELT_RAW

#: SIPRI's trade-register export and the GSDB copy, when the curated folder is there (None if not).
_SIPRI = shared_data() / "sipri" / "raw" / "trade_register_1995-2025_generated_2026-02-12.csv.gz"
SIPRI_RAW = _SIPRI if _SIPRI.exists() else None
SIPRI_PARQUET = shared_data() / "sipri" / "sipri_trade_register_1995_2024.parquet"
_GSDB = shared_data() / "sanctions"
GSDB_DIR = _GSDB if (_GSDB / "gsdb_v3_cases.parquet").exists() else None
CAMEO_RAW = shared_data() / "cameo" / "raw" if (shared_data() / "cameo" / "raw").is_dir() else TESTS_DATA / "gdelt_lookups"
