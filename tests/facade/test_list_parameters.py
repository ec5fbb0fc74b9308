"""list()'s query parameters over real loopback HTTP, against the simulator: a list route's documented
parameters are checked before anything is sent, then sent as the query string; a route that documents none
takes none. The models and their parameters come from the golden record, not from the document of today."""

from __future__ import annotations

import inspect
import pydoc
from typing import Any
from urllib.parse import parse_qsl

import pytest

from freepik_kling import AsyncFreepik, errors
from freepik_kling._catalog import ModelSpec, Operation
from freepik_kling._inputs import build_query
from freepik_kling.testing import FreepikServer
from tests.helpers import golden

MODELS: dict[str, Any] = golden()["models"]
PAGED = [slug for slug, model in MODELS.items() if model["list_parameters"]]
PLAIN = [slug for slug, model in MODELS.items() if not model["list_parameters"]]
paged = pytest.mark.skipif(not PAGED, reason="no list route of the golden record documents parameters")


def _attribute(slug: str) -> str:
    return slug.replace("-", "_")


def _good(rules: dict[str, Any]) -> Any:
    """A value the rules allow that is not the default (so the test sees it was sent, not assumed)."""
    if rules["type"] in ("integer", "number"):
        low = rules.get("minimum", 1)
        value = low + 1 if rules.get("default") == low else low
        return min(value, rules.get("maximum", value))
    return {"boolean": rules.get("default") is not True, "string": "x"}[rules["type"]]


def _bad(rules: dict[str, Any]) -> list[tuple[Any, str]]:
    """(a value the rules refuse, a word the refusal must hold): the wrong type, and past each bound."""
    wrong = [([1], "must be")] if rules["type"] == "string" else [("not a number", "must be")]
    wrong += [(rules["minimum"] - 1, str(rules["minimum"]))] if "minimum" in rules else []
    return wrong + ([(rules["maximum"] + 1, str(rules["maximum"]))] if "maximum" in rules else [])


@paged
def test_documented_parameters_are_sent_as_the_query_string(freepik_server: FreepikServer) -> None:
    slug = PAGED[0]
    resource = freepik_server.client().model(slug)
    values = {name: _good(rules) for name, rules in MODELS[slug]["list_parameters"].items()}
    one = dict([next(iter(values.items()))])
    assert resource.list(**values) == []
    assert resource.list(**one) == []
    sent, alone = freepik_server.requests
    assert (sent.method, sent.path) == ("GET", MODELS[slug]["routes"]["list"])
    assert dict(parse_qsl(sent.query)) == {name: str(value).lower() for name, value in values.items()}
    # A parameter left out is not sent: the API applies its default.
    assert dict(parse_qsl(alone.query)) == {name: str(value).lower() for name, value in one.items()}
    assert sent.status == alone.status == 200


@paged
def test_a_value_that_breaks_its_rule_is_refused_before_anything_is_sent(freepik_server: FreepikServer) -> None:
    slug = PAGED[0]
    resource = freepik_server.client().model(slug)
    for name, rules in MODELS[slug]["list_parameters"].items():
        for value, word in _bad(rules):
            with pytest.raises(errors.InvalidInputError) as caught:
                resource.list(**{name: value})
            assert caught.value.field == name
            assert word in caught.value.rule, (name, value, caught.value.rule)
        if rules["type"] == "integer":  # what int() refuses or cannot print is this library's error too
            for value, word in (("²", "whole number"), ("1" + "0" * 5000, "whole number"), (10**5000, "64 bits")):
                with pytest.raises(errors.InvalidInputError, match=word) as caught:
                    resource.list(**{name: value})
                assert caught.value.field == name
    assert freepik_server.requests == []


@paged
def test_an_unknown_parameter_is_named_with_those_the_route_takes(freepik_server: FreepikServer) -> None:
    slug = PAGED[0]
    with pytest.raises(errors.InvalidInputError) as caught:
        freepik_server.client().model(slug).list(limit=3)
    assert caught.value.field == "limit"
    assert caught.value.rule == (
        f"not a parameter of {slug}'s list route, which takes {', '.join(MODELS[slug]['list_parameters'])}"
    )
    assert freepik_server.requests == []


def test_a_route_that_documents_no_parameters_takes_none(freepik_server: FreepikServer) -> None:
    slug = PLAIN[0]
    with pytest.raises(
        errors.InvalidInputError, match=rf"^page: not a parameter of {slug}'s list route, which takes none$"
    ):
        freepik_server.client().model(slug).list(page=1)
    assert freepik_server.requests == []
    assert list(inspect.signature(freepik_server.client().model(slug).list).parameters) == ["timeout"]  # the call's own


@paged
@pytest.mark.anyio
async def test_the_async_client_checks_and_sends_the_same(freepik_server: FreepikServer) -> None:
    slug = PAGED[0]
    name, rules = next(iter(MODELS[slug]["list_parameters"].items()))
    async with AsyncFreepik(api_key=freepik_server.api_key, base_url=freepik_server.base_url) as client:
        pending = client.model(slug).list(**{name: _bad(rules)[0][0]})  # checked when awaited, like any coroutine
        with pytest.raises(errors.InvalidInputError, match=f"^{name}: "):
            await pending
        assert freepik_server.requests == []
        assert await client.model(slug).list(**{name: _good(rules)}) == []
    (sent,) = freepik_server.requests
    assert dict(parse_qsl(sent.query)) == {name: str(_good(rules)).lower()}


@paged
def test_the_signature_and_help_show_the_parameters(freepik_server: FreepikServer) -> None:
    slug = PAGED[0]
    listing = freepik_server.client().model(slug).list
    parameters = inspect.signature(listing).parameters
    assert list(parameters) == [*MODELS[slug]["list_parameters"], "timeout"]  # and the call's bound
    kinds = {"integer": int, "number": float, "boolean": bool, "string": str}
    for name, rules in MODELS[slug]["list_parameters"].items():
        assert parameters[name].kind is inspect.Parameter.KEYWORD_ONLY
        required = parameters[name].default is inspect.Parameter.empty  # an optional one's None is not sent
        assert parameters[name].annotation == (kinds[rules["type"]] if required else kinds[rules["type"]] | None)
    text = pydoc.render_doc(listing, renderer=pydoc.plaintext)
    assert "Parameters:\n" in text
    for name, rules in MODELS[slug]["list_parameters"].items():
        line = next(line for line in text.splitlines() if line.strip().startswith(f"{name} ("))
        assert all(f"{key} {rules[key]}" in line for key in ("minimum", "maximum", "default") if key in rules), line


def test_a_required_parameter_left_out_is_named() -> None:
    # No route documents one today: a hand-made spec, as the catalog would write it.
    operation = Operation(module="m", method="GET", path="/v1/ai/x")
    required = {"validator": "", "required": ["cursor"], "fields": {"cursor": {"type": "string"}}}
    spec = ModelSpec(
        slug="kling-test", title="Kling Test", attribute="kling_test", source="page", source_file="kling-test.md",
        create=operation, status=operation, list=operation, details_module="", details={"list_parameters": required},
    )  # fmt: skip
    for params in ({}, {"cursor": None}):  # None is not given, as for create()'s fields
        with pytest.raises(errors.InvalidInputError, match=r"^cursor: required by kling-test's list route$"):
            build_query(spec, params)
