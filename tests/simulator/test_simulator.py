"""The simulator over real loopback HTTP: lifecycle, auth, validation, limits, faults, webhooks, videos."""

from __future__ import annotations

import copy
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from freepik_kling import Freepik, Task, errors, webhooks
from freepik_kling.testing import FreepikServer, SimulatorClock, Timings
from freepik_kling.testing._contract import Contract, load_contract
from tests.helpers import mp4_boxes

CAT = {"image": "https://example.com/cat.jpg", "duration": 5}


def test_task_lifecycle_on_the_simulator_clock(freepik_server: FreepikServer) -> None:
    client = freepik_server.client()
    task = client.kling_v2.create(**CAT)
    assert task.status == "CREATED"
    freepik_server.clock.advance(freepik_server.timings.queued)
    assert client.kling_v2.get(task).status == "IN_PROGRESS"
    freepik_server.clock.advance(freepik_server.timings.processing)
    done = client.kling_v2.get(task)
    assert done.status == "COMPLETED"
    assert done.videos == (freepik_server.video_url(task.id),)
    assert httpx.URL(done.videos[0]).host == "localhost"  # another origin than the API's 127.0.0.1


def test_videos_are_real_mp4_files(freepik_server: FreepikServer, tmp_path: Path) -> None:
    client = freepik_server.client()
    done = client.kling_v2.run(**CAT)
    small = client.download(done, tmp_path / "small.mp4").read_bytes()
    assert mp4_boxes(small)[:1] == ["ftyp"]
    assert {"moov", "mdat"} <= set(mp4_boxes(small))
    freepik_server.video_size = 3 * 1024 * 1024
    padded = client.download(done, tmp_path / "padded.mp4").read_bytes()
    assert len(padded) == 3 * 1024 * 1024
    assert mp4_boxes(padded)[-1] == "free"
    assert padded.startswith(small)
    video_requests = [r for r in freepik_server.requests if r.path.startswith("/_sim/videos/")]
    assert len(video_requests) == 2
    assert all("x-freepik-api-key" not in r.headers for r in video_requests)


def test_auth_errors_match_the_spec_examples(freepik_server: FreepikServer) -> None:
    url = freepik_server.base_url + "/v1/ai/image-to-video/kling-v2"
    assert httpx.get(url).json() == {"message": "Missing API key"}
    wrong = httpx.get(url, headers={"x-freepik-api-key": "nope"})
    assert (wrong.status_code, wrong.json()) == (401, {"message": "Invalid API key"})
    with pytest.raises(errors.AuthenticationError, match="Invalid API key"):
        freepik_server.client(api_key="nope").kling_v2.list()


def test_invalid_bodies_get_problem_json(freepik_server: FreepikServer) -> None:
    freepik_server.allow_invalid_requests = True
    response = httpx.post(
        freepik_server.base_url + "/v1/ai/image-to-video/kling-elements-std",
        json={"images": ["a", "b", "c", "d", "e"], "duration": 5, "aspect_ratio": "4:3"},
        headers={"x-freepik-api-key": freepik_server.api_key},
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["message"] == "Your request parameters didn't validate."
    names = {param["name"] for param in body["invalid_params"]}
    assert names == {"images", "duration", "aspect_ratio"}
    broken = httpx.post(
        freepik_server.base_url + "/v1/ai/image-to-video/kling-v2",
        content=b"{not json",
        headers={"x-freepik-api-key": freepik_server.api_key, "content-type": "application/json"},
    )
    assert broken.status_code == 400


def test_lists_are_per_key_and_per_model(freepik_server: FreepikServer) -> None:
    client = freepik_server.client()
    v2 = client.kling_v2.create(**CAT)
    elements = client.kling_elements_std.create(images=["https://example.com/a.png"])
    assert [t.id for t in client.kling_v2.list()] == [v2.id]
    assert [t.id for t in client.kling_elements_std.list()] == [elements.id]
    freepik_server.api_keys.add("second-key")
    second = freepik_server.client(api_key="second-key")
    assert second.kling_v2.list() == []
    with pytest.raises(errors.NotFoundError):
        second.kling_v2.get(v2.id)  # another key's task does not exist for this one
    with pytest.raises(errors.NotFoundError):
        client.kling_v2.get(elements.id)  # an Elements task is not on the kling-v2 status route
    assert client.kling_elements_std.get(elements.id).id == elements.id  # shared kling-elements route


def test_documented_paging_is_honoured_and_other_query_parameters_refused() -> None:
    # kling-v2's list route given page and page_size here, whatever the document of today says of it.
    document = copy.deepcopy(load_contract().document)
    path = Freepik(api_key="k").kling_v2.spec.list.path
    document["paths"][path]["get"]["parameters"] = [
        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
        {"name": "page_size", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 2}},
    ]
    with FreepikServer(contract=Contract(document)) as server:
        ids = [server.client().kling_v2.create(**CAT).id for _ in range(3)]
        key = {"x-freepik-api-key": server.api_key}

        def listed(query: str) -> httpx.Response:
            return httpx.get(f"{server.base_url}{path}?{query}", headers=key)

        assert [t["task_id"] for t in listed("").json()["data"]] == ids[:2]  # the documented defaults
        assert [t["task_id"] for t in listed("page=2&page_size=2").json()["data"]] == ids[2:]
        assert [t["task_id"] for t in listed("page_size=3").json()["data"]] == ids
        assert listed("page=3").json()["data"] == []
        for query, name in (("page=0", "page"), ("page_size=x", "page_size"), ("sort=new", "sort")):
            refused = listed(query)
            assert refused.status_code == 400, query
            assert [param["name"] for param in refused.json()["invalid_params"]] == [name]


def test_at_most_three_tasks_in_progress_per_key(freepik_server: FreepikServer) -> None:
    client = freepik_server.client(max_retries=0, max_in_progress=None)  # the simulator's limit, not the client's
    for _ in range(3):
        client.kling_v2.create(**CAT)
    with pytest.raises(errors.RateLimitError, match="at most 3 tasks in progress"):
        client.kling_v2.create(**CAT)
    freepik_server.clock.advance(freepik_server.timings.queued + freepik_server.timings.processing)
    client.kling_v2.create(**CAT)  # the first three finished


def test_failing_tasks(freepik_server: FreepikServer) -> None:
    freepik_server.faults.fail_tasks = 1
    client = freepik_server.client()
    with pytest.raises(errors.TaskFailedError) as caught:
        client.kling_v2.run(**CAT)
    assert caught.value.task.status == "FAILED"
    freepik_server.faults.fail_if = lambda body: "fail" in body.get("prompt", "")
    assert client.kling_v2.run(**CAT, prompt="fine").status == "COMPLETED"
    with pytest.raises(errors.TaskFailedError):
        client.kling_v2.run(**CAT, prompt="please fail")


def test_scripted_faults_reach_the_client(freepik_server: FreepikServer) -> None:
    client = freepik_server.client(max_retries=0)
    freepik_server.faults.rate_limit(retry_after=3)
    with pytest.raises(errors.RateLimitError) as limited:
        client.kling_v2.list()
    assert limited.value.headers["retry-after"] == "3"
    freepik_server.faults.rate_limit()
    with pytest.raises(errors.RateLimitError) as bare:
        client.kling_v2.list()
    assert "retry-after" not in bare.value.headers
    freepik_server.faults.server_error_html()
    with pytest.raises(errors.InternalServerError) as html:
        client.kling_v2.list()
    assert "<html" in str(html.value.body)
    freepik_server.faults.unavailable()
    with pytest.raises(errors.ServiceUnavailableError):
        client.kling_v2.list()
    task = client.kling_v2.create(**CAT)
    freepik_server.faults.unknown_status("QUEUED_FOR_GPU")
    assert client.kling_v2.get(task).status == "QUEUED_FOR_GPU"


def test_faults_after_processing_create_the_task(freepik_server: FreepikServer) -> None:
    client = freepik_server.client()
    freepik_server.faults.server_error_html(method="POST", after_processing=True)
    with pytest.raises(errors.InternalServerError) as caught:
        client.kling_v2.create(**CAT)
    assert caught.value.outcome_unknown
    freepik_server.faults.drop(method="POST")
    with pytest.raises(errors.APIConnectionError) as dropped:
        client.kling_v2.create(**CAT)
    assert dropped.value.outcome_unknown
    assert len(client.kling_v2.list()) == 2  # both were created, neither was sent twice
    assert sum(r.method == "POST" for r in freepik_server.requests) == 2


def test_slow_responses_time_out(freepik_server: FreepikServer) -> None:
    client = freepik_server.client(timeout=0.2, max_retries=0)
    freepik_server.faults.slow(1.0, method="POST")
    with pytest.raises(errors.APITimeoutError) as caught:
        client.kling_v2.create(**CAT)
    assert caught.value.outcome_unknown
    freepik_server.faults.slow(1.0, method="GET")
    with pytest.raises(errors.APITimeoutError):
        client.kling_v2.list()


def test_retries_against_the_server(freepik_server: FreepikServer) -> None:
    client = freepik_server.client()
    freepik_server.faults.rate_limit(retry_after=2, method="POST")
    freepik_server.faults.unavailable(method="POST")
    assert client.kling_v2.create(**CAT).status == "CREATED"
    assert [r.status for r in freepik_server.requests] == [429, 503, 200]
    assert len(freepik_server.tasks) == 1


def test_webhook_deliveries_are_signed(freepik_server: FreepikServer) -> None:
    client = freepik_server.client()
    client.kling_v2.run(**CAT, webhook_url=freepik_server.webhook_sink_url)
    freepik_server.wait_for_deliveries(2)
    statuses = []
    for delivery in freepik_server.deliveries:
        task = webhooks.verify(delivery.body, delivery.headers, freepik_server.webhook_secret)
        statuses.append(task.status)
        assert delivery.status == 204
    assert statuses == ["IN_PROGRESS", "COMPLETED"]
    assert isinstance(task, Task)
    assert task.videos


def test_tampered_and_replayed_webhooks(freepik_server: FreepikServer) -> None:
    freepik_server.faults.webhook_tamper = 1
    freepik_server.faults.webhook_replay = 1
    client = freepik_server.client()
    client.kling_v2.run(**CAT, webhook_url=freepik_server.webhook_sink_url)
    freepik_server.wait_for_deliveries(3)
    first, replay, second = freepik_server.deliveries[:3]
    with pytest.raises(errors.WebhookVerificationError, match="altered"):
        webhooks.verify(first.body, first.headers, freepik_server.webhook_secret)
    assert replay.headers["webhook-id"] == first.headers["webhook-id"]  # the same delivery, sent twice
    assert webhooks.verify(second.body, second.headers, freepik_server.webhook_secret).status == "COMPLETED"


def test_real_time_clock_progresses_by_itself() -> None:
    clock = SimulatorClock(manual=False)
    with FreepikServer(clock=clock, timings=Timings(queued=0.05, processing=0.1)) as server:
        client = server.client()
        task = client.kling_v2.create(**CAT)
        with pytest.raises(RuntimeError):
            clock.advance(1)
        assert server.clock.monotonic() >= 0
        done = client.kling_v2.wait(task.id)
        assert done.status == "COMPLETED"


def test_runs_by_hand_and_prints_what_to_use() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "freepik_kling.testing", "--port", "0", "--api-key", "hand-key"],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip().removeprefix("FREEPIK_BASE_URL=")
        assert process.stdout.readline().strip() == "FREEPIK_API_KEY=hand-key"
        response = httpx.get(base_url + "/v1/ai/image-to-video/kling-v2", headers={"x-freepik-api-key": "hand-key"})
        assert response.json() == {"data": []}
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(10) == 0


def test_the_pytest_plugin_loads_without_the_testing_extra() -> None:
    """pytest imports every installed plugin: ours must not need uvicorn or openapi-core to be imported."""
    code = (
        "import sys\n"
        "class Missing:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('uvicorn', 'openapi_core', 'yaml'):\n"
        "            raise ModuleNotFoundError(name)\n"
        "sys.meta_path.insert(0, Missing())\n"
        "import freepik_kling.pytest_plugin as plugin\n"
        "print(plugin.freepik_server.__name__)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "freepik_server"


def test_the_plugin_is_registered_through_its_entry_point() -> None:
    from importlib.metadata import entry_points

    (plugin,) = [ep for ep in entry_points(group="pytest11") if ep.name == "freepik_kling"]
    assert plugin.value == "freepik_kling.pytest_plugin"
