"""Shared fixtures: one warehouse per test session, built from the real snapshot in a temp ENTENTE_HOME."""

from __future__ import annotations

import pandas as pd
import pytest

from entente import warehouse
from entente.config import snapshot_dir


@pytest.fixture(scope="session")
def home(tmp_path_factory):
    """ENTENTE_HOME for the whole session, with the warehouse built once."""
    path = tmp_path_factory.mktemp("entente-home")
    mp = pytest.MonkeyPatch()
    mp.setenv("ENTENTE_HOME", str(path))
    from entente import warehouse

    warehouse.connection.cache_clear()
    warehouse.ensure(progress=False)
    yield path
    warehouse.connection.cache_clear()
    mp.undo()


@pytest.fixture(scope="session")
def con(home):
    from entente import warehouse

    return warehouse.connection()


@pytest.fixture(scope="module")
def app(home):
    """The web app over the session's warehouse, rate limit off (one per test module)."""
    from entente.web import create_app   # the web stack is loaded only by the modules that use it

    return create_app(rate_limit=False)


@pytest.fixture(scope="module")
def client(app):
    """A client of :func:`app`; ``raise_server_exceptions=False``: a 5xx comes back as a response (and fails
    the test), not as a raise."""
    from fastapi.testclient import TestClient

    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture(scope="session")
def voeten_votes():
    """Voeten's votes straight from the snapshot parquet, with session-years: independent of the warehouse."""
    votes = pd.read_parquet(snapshot_dir() / "unga" / "votes.parquet", columns=["rcid", "ccode", "vote_code"])
    calls = pd.read_parquet(snapshot_dir() / "unga" / "roll_calls.parquet", columns=["rcid", "session", "unres"])
    frame = votes.rename(columns={"vote_code": "vote"}).merge(calls, on="rcid")
    frame["year"] = (frame["session"] + 1945).astype("int16")
    return frame


@pytest.fixture
def fresh_home(tmp_path, monkeypatch):
    """An empty ENTENTE_HOME of the test's own, with the shared connection forgotten before and after."""
    monkeypatch.setenv("ENTENTE_HOME", str(tmp_path / "home"))
    warehouse.connection.cache_clear()
    yield tmp_path / "home"
    warehouse.connection.cache_clear()
