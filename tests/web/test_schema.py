"""Property-based tests of the JSON API against its own OpenAPI description (schemathesis).

Every operation gets a bounded number of generated requests; each response must not be a
server error and must match the documented status codes, content types and schemas.
(Schemathesis' ``from_fixture`` does not run under pytest 9, so each operation is driven
through Hypothesis here, over an app built on the test's own SQLite file.)
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, assume, given, settings
from schemathesis.checks import positive_data_acceptance
from sqlalchemy import Engine
from webdata import MAX_BYTES, fake_analyzer

from counterclaim.store import make_engine
from counterclaim.web import create_app

EXAMPLES = 25  # per operation: the whole file runs in well under a minute

# A text can be schema-valid and still refused (not English, a malformed wire header):
# the API answers 422 with the reason, which "positive data acceptance" would call a bug.
EXCLUDED = {("POST", "/api/documents"): (positive_data_acceptance,)}

_SPEC = create_app(make_engine("sqlite://", create=False)).openapi()  # routes only, no data
OPERATIONS = sorted(
    (method.upper(), path) for path, ops in _SPEC["paths"].items() for method in ops
)


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_api_conforms_to_its_schema(engine: Engine, method: str, path: str) -> None:
    app = create_app(engine, analyzer=fake_analyzer, max_bytes=MAX_BYTES)
    operation = schemathesis.openapi.from_asgi("/openapi.json", app)[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def check(case: schemathesis.Case) -> None:
        query = case.query or {}
        start, end = query.get("date_from"), query.get("date_to")
        assume(not (start and end and str(start) > str(end)))  # a reversed range is a 422
        case.call_and_validate(excluded_checks=EXCLUDED.get((method, path), ()))

    check()
