"""Property-based tests of the JSON API against its own OpenAPI description (schemathesis).

Every operation gets a bounded number of generated requests; each response must not be a
server error and must match the documented status codes, content types and schemas.
(Schemathesis' ``from_fixture`` does not run under pytest 9, so each operation is driven
through Hypothesis here, over an app built on the test's own SQLite file.)

The write operation also gets hostile JSON: schemathesis draws a valid body, then one field
(or a new one) is replaced by raw JSON text no serializer would write (``NaN``, ``1e999999``,
5,000-digit integers, deep nesting, lone surrogates, NUL): the answer must be a 4xx.
"""

from __future__ import annotations

import json

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from schemathesis.checks import positive_data_acceptance
from sqlalchemy import Engine
from webdata import AUTH, MAX_BYTES, ROOMY, TOKEN, fake_analyzer

from counterclaim.store import make_engine
from counterclaim.web import create_app
from counterclaim.web.security import WriteAccess

EXAMPLES = 25  # per operation: the whole file runs in well under a minute
HOSTILE_EXAMPLES = 60
HOSTILE_EXAMPLES_SLOW = 600
HOSTS = ("testserver", "localhost")  # schemathesis' ASGI client sends Host: testserver

# A text can be schema-valid and still refused (not English, a malformed wire header):
# the API answers 422 with the reason, which "positive data acceptance" would call a bug.
# A correction's target may name nothing stored (404) or its value not fit its field (422).
EXCLUDED = {
    ("POST", "/api/documents"): (positive_data_acceptance,),
    ("POST", "/api/review/{kind}"): (positive_data_acceptance,),
}

_SPEC = create_app(make_engine("sqlite://", create=False)).openapi()  # routes only, no data
OPERATIONS = sorted(
    (method.upper(), path) for path, ops in _SPEC["paths"].items() for method in ops
)


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_api_conforms_to_its_schema(engine: Engine, method: str, path: str) -> None:
    app = _app(engine)
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
        headers = AUTH if method == "POST" else {}
        case.call_and_validate(headers=headers, excluded_checks=EXCLUDED.get((method, path), ()))

    check()


def _app(engine: Engine, max_bytes: int = MAX_BYTES):
    return create_app(engine, analyzer=fake_analyzer, max_bytes=max_bytes, limits=ROOMY,
                      write_access=WriteAccess(TOKEN), allowed_hosts=HOSTS)  # fmt: skip


_SCALARS = st.sampled_from(
    ["NaN", "-NaN", "Infinity", "-Infinity", "1e999999", "-1e999999", "9" * 5000, "-" + "9" * 4500,
     '"\\ud800"', '"x\\udfffy"', '"\\ud83d"', '"\\u0000"', '"a\\u0000b"', "1e-999999",
     "true", "null", "{}", "[]", '""', "0.1e", "01", "--1", "\"unterminated"]
)  # fmt: skip
HOSTILE = st.one_of(
    _SCALARS,
    st.integers(min_value=9, max_value=5_000).map(lambda n: "[" * n + "]" * n),
    st.integers(min_value=9, max_value=5_000).map(lambda n: '{"a":' * n + "1" + "}" * n),
    st.text(st.characters(codec=None, categories=None), max_size=40).map(
        lambda t: json.dumps(t, ensure_ascii=True)  # lone surrogates written as \\udxxx
    ),
    st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False)
        | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=3), inner, max_size=3),
        max_leaves=8,
    ).map(json.dumps),
)


def _raw_body(body: dict, field: str, raw: str) -> bytes:
    """``body`` as JSON text with ``field`` set to the raw JSON fragment ``raw``."""
    items = {**body, field: None}
    parts = [f"{json.dumps(k)}: {raw if k == field else json.dumps(v)}" for k, v in items.items()]
    return ("{" + ", ".join(parts) + "}").encode("utf-8", "surrogatepass")


def _hostile_run(engine: Engine, examples: int) -> None:
    app = _app(engine, max_bytes=200_000)
    operation = schemathesis.openapi.from_asgi("/openapi.json", app)["/api/documents"]["POST"]
    fields = st.sampled_from(["text", "publisher", "date", "title", "url", "extra"])
    seen: dict[int, int] = {}

    with TestClient(app, base_url="http://localhost") as client:

        @given(case=operation.as_strategy(), field=fields, raw=HOSTILE)
        @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        def check(case: schemathesis.Case, field: str, raw: str) -> None:
            body = case.body if isinstance(case.body, dict) else {}
            headers = {**AUTH, "content-type": "application/json"}
            response = client.post("/api/documents", content=_raw_body(body, field, raw),
                                   headers=headers)  # fmt: skip
            seen[response.status_code] = seen.get(response.status_code, 0) + 1
            assert response.status_code < 500, (field, raw[:80], response.text[:300])
            if response.status_code >= 400:
                assert response.json()["detail"]

        check()
    assert not any(code >= 500 for code in seen), seen
    assert any(400 <= code < 500 for code in seen), seen  # the hostile values were refused


def test_hostile_json_never_gives_a_server_error(engine: Engine) -> None:
    _hostile_run(engine, HOSTILE_EXAMPLES)


@pytest.mark.slow
def test_hostile_json_never_gives_a_server_error_long_run(engine: Engine) -> None:
    _hostile_run(engine, HOSTILE_EXAMPLES_SLOW)
