"""Every example in the spec, and bodies generated from its schemas, go through the facade into a Task or a
typed error: never a crash."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from freepik_kling import Freepik, Task, errors
from freepik_kling._catalog import models
from tests.contract.conftest import DOCUMENT, json_schema, operations
from tests.helpers import valid_arguments

pytestmark = pytest.mark.slow

EXPECTED = {
    400: errors.BadRequestError,
    401: errors.AuthenticationError,
    404: errors.NotFoundError,
    429: errors.RateLimitError,
    500: errors.InternalServerError,
    503: errors.ServiceUnavailableError,
}


def caller(method: str, path: str, respond: Callable[[httpx.Request], httpx.Response]) -> Callable[[], Any]:
    """A function that makes the facade call for this operation, answered by ``respond``."""
    client = Freepik(api_key="k", http_client=httpx.Client(transport=httpx.MockTransport(respond)), max_retries=0)
    operation_id = DOCUMENT["paths"][path][method.lower()]["operationId"]
    for slug, model in DOCUMENT["x-freepik-models"].items():
        resource = client.models[slug]
        if model["create"] == operation_id:
            return lambda: resource.create(**valid_arguments(resource.spec))
        if model["status"] == operation_id:
            return lambda: resource.get("046b6c7f-0b8a-43b9-b35d-6489e6daee91")
        if model["list"] == operation_id:
            return resource.list
    raise AssertionError(f"no model uses {operation_id}")


def examples() -> list[Any]:
    cases = []
    for method, path, operation in operations():
        for status, response in operation["responses"].items():
            for media_type, media in response.get("content", {}).items():
                for name, example in media.get("examples", {}).items():
                    case = (method, path, int(status), media_type, example["value"])
                    cases.append(pytest.param(*case, id=f"{method} {path} {status} {media_type} {name}"))
    return cases


@pytest.mark.parametrize(("method", "path", "status", "media_type", "body"), examples())
def test_every_example_parses(method: str, path: str, status: int, media_type: str, body: Any) -> None:
    call = caller(method, path, lambda request: httpx.Response(status, json=body, headers={"content-type": media_type}))
    if status == 200:
        result = call()
        tasks = result if isinstance(result, list) else [result]
        assert tasks
        assert all(isinstance(task, Task) for task in tasks)
        data = body["data"] if isinstance(body["data"], list) else [body["data"]]
        assert [task.id for task in tasks] == [item["task_id"] for item in data]
        return
    with pytest.raises(EXPECTED[status]) as caught:
        call()
    assert caught.value.message == body["message"]
    assert len(caught.value.invalid_params) == len(body.get("invalid_params", []))


def success_strategy(path: str, method: str) -> Any:
    schema = DOCUMENT["paths"][path][method.lower()]["responses"]["200"]["content"]["application/json"]["schema"]
    return from_schema(json_schema(schema))


ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
OPERATIONS = [(method, path) for method, path, _ in operations()]


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_bodies_give_tasks_or_typed_errors(method: str, path: str, data: st.DataObject) -> None:
    status = data.draw(st.sampled_from([200, 200, 200, 400, 401, 404, 429, 500, 502, 503, 520]))
    if status == 200:
        body = data.draw(
            st.one_of(success_strategy(path, method), ANY_JSON)
            if data.draw(st.booleans())
            else success_strategy(path, method)
        )
    else:
        body = data.draw(st.one_of(from_schema(json_schema({"$ref": "#/components/schemas/ErrorMessage"})), ANY_JSON))
    raw = (
        data.draw(st.sampled_from([json.dumps(body).encode(), b"<html>oops</html>", b""]))
        if status != 200
        else json.dumps(body).encode()
    )
    call = caller(method, path, lambda request: httpx.Response(status, content=raw))
    try:
        result = call()
    except errors.FreepikError:
        return
    assert status == 200
    assert all(isinstance(task, Task) for task in (result if isinstance(result, list) else [result]))


def test_every_model_is_covered() -> None:
    covered = {operation_id for _, path, operation in operations() for operation_id in [operation["operationId"]]}
    assert {model.create.module.rsplit(".", 1)[1] for model in models().values()} <= covered
