"""The shipped catalog: every Kling model of the official document works, on the routes the document gives."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from freepik_kling._catalog import models
from scripts.spec.sources import documented_routes, read_yaml_file
from tests.drive_models import drive
from tests.helpers import ROOT, golden


@pytest.fixture(scope="module")
def official() -> dict[str, Any]:
    document = read_yaml_file(ROOT / "openapi" / "official" / "magnific-api-v1-openapi.yaml")
    assert isinstance(document, dict)
    return document


def test_every_kling_create_operation_with_a_status_route_ships(official: dict[str, Any]) -> None:
    creates = [path for path, item in official["paths"].items() if "kling" in path and "post" in item]
    with_status = [path for path in creates if "status" in documented_routes(official, path)]
    assert sorted(spec.create.path for spec in models().values()) == sorted(with_status)
    # The counts are the golden record's, which make update-spec rewrites with the document.
    record = golden()
    assert len(with_status) == len(record["models"])
    assert sorted(set(creates) - set(with_status)) == sorted(record["unsupported"])


def test_each_model_has_the_status_and_list_routes_of_the_official_document(official: dict[str, Any]) -> None:
    for spec in models().values():
        assert spec.source == "official"
        routes = documented_routes(official, spec.create.path)
        assert (spec.status.path, spec.list.path) == (routes["status"], routes.get("list", spec.create.path))


def test_every_model_runs_create_get_list_and_wait_against_the_simulator() -> None:
    results = drive([])
    assert [result["slug"] for result in results] == list(models())
    for result in results:
        assert (result["created"], result["done"], result["listed"], result["videos"]) == (
            "CREATED",
            "COMPLETED",
            True,
            1,
        )
        assert result["contract_errors"] == [], result


def test_each_list_module_takes_the_parameters_its_route_documents() -> None:
    """The generated module takes exactly the golden record's parameters, sends what it is given, and leaves
    out what is None (its own defaults would otherwise be sent for the caller)."""
    record = golden()["models"]
    for slug, spec in models().items():
        documented = record[slug]["list_parameters"]
        endpoint = spec.list.load()
        assert set(inspect.signature(endpoint.request_kwargs).parameters) == set(documented), slug
        rules = {
            name: {k: v for k, v in field.items() if k in documented[name]}
            for name, field in spec.list_parameters.fields.items()
        }
        assert rules == documented, slug
        assert endpoint.request_kwargs(**dict.fromkeys(documented)).get("params", {}) == {}
        given = {name: rule.get("minimum", 1) for name, rule in documented.items() if rule["type"] == "integer"}
        assert endpoint.request_kwargs(**given).get("params", {}) == given
