"""The generated low-level client over httpx.MockTransport: routes, auth header, timeout, tolerance."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest

from freepik_api import AuthenticatedClient
from freepik_api.api.image_to_video import (
    create_kling_elements_std,
    create_kling_v2,
    get_kling_elements_task,
    get_kling_v2_task,
    list_kling_elements_std_tasks,
    list_kling_v2_tasks,
)
from freepik_api.models import (
    ErrorMessage,
    KlingElementsStdRequest,
    KlingV2Request,
    TaskDetailResponse,
    TaskListResponse,
    TaskResponse,
    TaskStatus,
    VideoDuration,
)

TASK_ID = "046b6c7f-0b8a-43b9-b35d-6489e6daee91"
Handler = Callable[[httpx.Request], httpx.Response]


def client_for(handler: Handler) -> tuple[AuthenticatedClient, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return handler(request)

    client = AuthenticatedClient(
        base_url="https://api.freepik.com",
        token="test-key",
        httpx_args={"transport": httpx.MockTransport(record)},
    )
    return client, seen


def task_body(status: str = "IN_PROGRESS", task_id: str = TASK_ID, generated: bool = False) -> dict[str, object]:
    task: dict[str, object] = {"task_id": task_id, "status": status}
    if generated:
        task["generated"] = ["https://cdn.example/v.mp4"] if status == "COMPLETED" else []
    return {"data": task}


def test_create_status_and_list_on_both_models() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            return httpx.Response(200, json=task_body("CREATED"))
        if request.url.path.endswith(TASK_ID):
            return httpx.Response(200, json=task_body("COMPLETED", generated=True))
        return httpx.Response(200, json={"data": [task_body()["data"]]})

    client, seen = client_for(handler)
    created = create_kling_v2.sync(client=client, body=KlingV2Request(image="https://x/cat.jpg", duration=VideoDuration.SECONDS_5))
    assert isinstance(created, TaskResponse)
    assert created.data.status is TaskStatus.CREATED
    elements = create_kling_elements_std.sync(client=client, body=KlingElementsStdRequest(images=["https://x/a.png"]))
    assert isinstance(elements, TaskResponse)
    for get in (get_kling_v2_task, get_kling_elements_task):
        detail = get.sync(TASK_ID, client=client)
        assert isinstance(detail, TaskDetailResponse)
        assert detail.data.generated == ["https://cdn.example/v.mp4"]
    for listing in (list_kling_v2_tasks, list_kling_elements_std_tasks):
        tasks = listing.sync(client=client)
        assert isinstance(tasks, TaskListResponse)
        assert [task.task_id for task in tasks.data] == [TASK_ID]

    assert [(request.method, request.url.path) for request in seen] == [
        ("POST", "/v1/ai/image-to-video/kling-v2"),
        ("POST", "/v1/ai/image-to-video/kling-elements-std"),
        ("GET", f"/v1/ai/image-to-video/kling-v2/{TASK_ID}"),
        ("GET", f"/v1/ai/image-to-video/kling-elements/{TASK_ID}"),
        ("GET", "/v1/ai/image-to-video/kling-v2"),
        ("GET", "/v1/ai/image-to-video/kling-elements-std"),
    ]
    for request in seen:
        assert request.headers["x-freepik-api-key"] == "test-key"
        assert "authorization" not in request.headers
    # The generated model sends spec defaults the caller never set (cfg_scale); the facade passes UNSET.
    assert json.loads(seen[0].content) == {"image": "https://x/cat.jpg", "duration": "5", "cfg_scale": 0.5}


def test_default_timeout_is_finite() -> None:
    client, _ = client_for(lambda request: httpx.Response(200, json=task_body()))
    timeout = client.get_httpx_client().timeout
    assert timeout.connect is not None and timeout.read is not None
    assert 0 < timeout.connect <= timeout.read < 600


def test_unknown_status_and_non_uuid_id_parse() -> None:
    client, _ = client_for(lambda request: httpx.Response(200, json=task_body("CANCELLED", "task-42", True)))
    detail = get_kling_v2_task.sync("task-42", client=client)
    assert isinstance(detail, TaskDetailResponse)
    assert (detail.data.task_id, detail.data.status) == ("task-42", "CANCELLED")


def test_unregistered_status_code_does_not_crash() -> None:
    client, _ = client_for(lambda request: httpx.Response(520, text="origin error"))
    response = get_kling_v2_task.sync_detailed(TASK_ID, client=client)
    assert response.status_code == 520
    assert response.parsed is None


def test_html_error_body_does_not_crash() -> None:
    html = "<html><body>502 Bad Gateway</body></html>"
    client, _ = client_for(lambda request: httpx.Response(500, text=html, headers={"content-type": "text/html"}))
    response = create_kling_v2.sync_detailed(
        client=client, body=KlingV2Request(image="https://x/cat.jpg", duration=VideoDuration.SECONDS_10)
    )
    assert response.status_code == 500
    assert response.parsed is None
    assert response.content == html.encode()


def test_documented_error_parses_and_problem_json_keeps_invalid_params() -> None:
    problem = {"message": "bad", "invalid_params": [{"name": "duration", "reason": "must be 5 or 10"}]}
    client, _ = client_for(
        lambda request: httpx.Response(
            400, content=json.dumps(problem), headers={"content-type": "application/problem+json"}
        )
    )
    response = create_kling_v2.sync_detailed(
        client=client, body=KlingV2Request(image="https://x/cat.jpg", duration=VideoDuration.SECONDS_5)
    )
    assert isinstance(response.parsed, ErrorMessage)
    assert [(p.name, p.reason) for p in response.parsed.invalid_params] == [("duration", "must be 5 or 10")]


@pytest.mark.parametrize("body", ["", "{", "[]", '{"data": {}}'])
def test_malformed_success_body_gives_none(body: str) -> None:
    client, _ = client_for(lambda request: httpx.Response(200, text=body))
    assert get_kling_v2_task.sync_detailed(TASK_ID, client=client).parsed is None
