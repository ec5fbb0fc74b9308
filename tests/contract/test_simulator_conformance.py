"""schemathesis checks the simulator against the document: status codes, content types, response bodies,
and that invalid requests are rejected, on every operation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from freepik_kling.testing import FreepikServer, load_contract

pytestmark = pytest.mark.slow

schema = schemathesis.openapi.from_dict(load_contract().document)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def server() -> Iterator[FreepikServer]:
    # The per-key limit lifted: generated creates would otherwise mostly answer 429 (documented, but dull).
    with FreepikServer(max_in_progress=None) as running:
        yield running


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_positive_cases_conform(case: schemathesis.Case, server: FreepikServer) -> None:
    case.call_and_validate(base_url=server.base_url, headers={"x-freepik-api-key": server.api_key}, checks=CHECKS)


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_negative_cases_are_rejected(case: schemathesis.Case, server: FreepikServer) -> None:
    case.call_and_validate(
        base_url=server.base_url,
        headers={"x-freepik-api-key": server.api_key},
        checks=[*CHECKS, negative_data_rejection],
    )


def test_created_tasks_can_be_followed(server: FreepikServer) -> None:
    """The conformance runs above created tasks; they are listed and their status conforms too."""
    client = server.client()
    created = client.kling_v2.create(image="https://example.com/cat.jpg", duration=5)
    assert created.id in {task.id for task in client.kling_v2.list()}
