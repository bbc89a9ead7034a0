"""The public API surface: a small, tested ``__all__``."""

from __future__ import annotations

import entente


def test_all_is_exactly_the_public_surface():
    assert sorted(entente.__all__) == sorted([
        "BadInput", "ChecksumMismatch", "Dyad", "EntenteError", "NoEvidence", "SchemaError", "SourceError",
        "State", "UnknownCountry", "WarehouseError", "alignment", "check", "countries", "dyad", "read", "resolve",
        "__version__"])
    for name in entente.__all__:
        assert hasattr(entente, name), name


def test_error_tree():
    assert issubclass(entente.UnknownCountry, KeyError) and issubclass(entente.UnknownCountry, entente.EntenteError)
    assert issubclass(entente.SchemaError, ValueError) and issubclass(entente.ChecksumMismatch, entente.SourceError)


def test_dyad_object(con):
    d = entente.dyad("Persia", "Soviet Union")
    assert (d.a.ccode, d.b.ccode) == (630, 365)
    frame = d.alignment(start=2020, end=2020)
    assert frame.ccode1.tolist() == [630] and frame.n_votes.iat[0] > 50
    assert str(d) == "Iran (IRN, COW 630) – Russia (RUS, COW 365)"


def test_dyad_dimensions_on_real_rows(con):
    d = entente.dyad("India", "Pakistan")
    assert d.wars().start.tolist() == [1947, 1965, 1971, 1999]
    assert len(d.disputes()) > 20
    trade = d.trade().set_index("year")
    assert trade.index.max() == 2020     # COW Trade to 2014, IMF DOTS after
    assert (trade.at[2014, "dataset"], trade.at[2015, "dataset"]) == ("COW Trade v4.0", "IMF DOTS")
    t = entente.dyad("IRN", "RUS").alliances()
    assert {"consultation", "neutrality", "non-aggression"} <= set(t[t.open_at_end].obligation)
    assert entente.dyad("IRN", "RUS").third_parties().iloc[0]["abb"] == "USA"
