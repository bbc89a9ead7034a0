"""The web app against its own OpenAPI schema, with Schemathesis (v4) through ASGI, no server: for generated
requests to every operation, no answer is a 5xx and every answer conforms to the schema (status, and the
JSON body where the schema describes one). Examples are limited so the file runs in well under a minute;
``ENTENTE_FUZZ_EXAMPLES=50`` runs a deeper pass."""

from __future__ import annotations

import os

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

pytestmark = pytest.mark.slow

MAX_EXAMPLES = int(os.environ.get("ENTENTE_FUZZ_EXAMPLES", "6"))


@pytest.fixture(scope="module")
def app(home):
    from entente.web.app import create_app

    return create_app(rate_limit=False)


schema = schemathesis.pytest.from_fixture("web_schema")


@pytest.fixture(scope="module")
def web_schema(app):
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_server_error_and_responses_match_the_schema(case):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])


def test_schema_lists_the_network_pages(app):
    from fastapi.testclient import TestClient

    paths = TestClient(app).get("/openapi.json").json()["paths"]
    for path in ("/state/{code}", "/blocs", "/blocs.{fmt}", "/blocs/map.geojson", "/world.geojson", "/axis",
                 "/axis.{fmt}"):
        assert path in paths, path
