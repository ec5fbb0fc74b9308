"""Construction, configuration, the key's whereabouts, models by slug, and the import cost."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from freepik_kling import AsyncFreepik, Freepik, errors
from tests.facade.conftest import API_KEY, ScriptedAPI, detail
from tests.helpers import ROOT


def test_no_key_anywhere_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FREEPIK_API_KEY", raising=False)
    for make in (Freepik, AsyncFreepik):
        with pytest.raises(errors.MissingAPIKeyError, match="FREEPIK_API_KEY"):
            make()
    monkeypatch.setenv("FREEPIK_API_KEY", "   ")
    with pytest.raises(errors.MissingAPIKeyError):
        Freepik()


def test_key_and_base_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return detail()

    monkeypatch.setenv("FREEPIK_API_KEY", "from-env")
    monkeypatch.setenv("FREEPIK_BASE_URL", "http://127.0.0.1:9/")
    client = Freepik(http_client=httpx.Client(transport=httpx.MockTransport(handler)))
    assert client.base_url == "http://127.0.0.1:9"
    client.kling_v2.get("t1")
    assert seen[0].headers["x-freepik-api-key"] == "from-env"
    assert str(seen[0].url) == "http://127.0.0.1:9/v1/ai/image-to-video/kling-v2/t1"
    monkeypatch.delenv("FREEPIK_BASE_URL")
    assert Freepik(api_key="k").base_url == "https://api.freepik.com"


def test_defaults_timeout_is_finite_and_configurable() -> None:
    client = Freepik(api_key="k")
    assert client._http.timeout.read is not None
    assert client._http.timeout.connect is not None
    assert Freepik(api_key="k", timeout=5)._http.timeout == httpx.Timeout(5)
    client.close()


def test_the_key_is_never_shown(caplog: pytest.LogCaptureFixture, api: ScriptedAPI) -> None:
    caplog.set_level(logging.DEBUG)
    api.default = lambda request: detail()
    client = Freepik(api_key=API_KEY, http_client=httpx.Client(transport=httpx.MockTransport(api.handle)))
    client.kling_v2.get("t1")
    assert API_KEY not in repr(client)
    assert API_KEY not in str(vars(client))  # held only by the auth object, whose repr hides it
    assert API_KEY not in caplog.text


def test_the_key_goes_to_the_api_origin_only(api: ScriptedAPI) -> None:
    api.default = lambda request: detail()
    http = httpx.Client(transport=httpx.MockTransport(api.handle))
    client = Freepik(api_key=API_KEY, base_url="https://api.freepik.com", http_client=http)
    client.kling_v2.get("t1")
    http.get("https://cdn.freepik.com/x.mp4")
    http.get("http://api.freepik.com/elsewhere")  # another scheme is another origin
    http.get("https://api.freepik.com:8443/elsewhere")  # and another port
    assert [r.headers.get("x-freepik-api-key") for r in api.requests] == [API_KEY, None, None, None]
    assert all("authorization" not in r.headers for r in api.requests)


def test_models_by_slug_and_attribute(client: Freepik) -> None:
    assert set(client.models) >= {"kling-v2", "kling-elements-std"}
    assert client.models["kling-v2"] is client.kling_v2
    assert client.models["kling-elements-std"] is client.kling_elements_std
    assert client.kling_v2.slug == "kling-v2"
    with pytest.raises(AttributeError, match="kling_v9"):
        _ = client.kling_v9


def test_context_managers_close_their_http_client() -> None:
    with Freepik(api_key="k") as client:
        http = client._http
    assert http.is_closed
    mine = httpx.Client()
    with Freepik(api_key="k", http_client=mine):
        pass
    assert not mine.is_closed  # a client the caller passed stays theirs to close
    mine.close()


@pytest.mark.anyio
async def test_async_context_manager_closes() -> None:
    async with AsyncFreepik(api_key="k") as client:
        http = client._http
    assert http.is_closed


def test_import_is_cheap() -> None:
    code = (
        "import sys, freepik_kling; "
        "heavy = ('httpx', 'attrs', 'freepik_api', 'imagesize', 'freepik_kling._client'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout.replace("'", '"')) == []
    code = (
        "import sys; from freepik_kling import Freepik; Freepik(api_key='k'); "
        "print(sorted(m for m in sys.modules if m.startswith(('freepik_api.models', 'freepik_api.api.'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout.replace("'", '"')) == []  # operation modules load on first use


def test_a_model_added_by_a_page_works_with_no_facade_code(repo_with_third_model: Path) -> None:
    """The kling-v2-5-pro fixture page, generated in a temporary copy, used through the facade."""
    script = """
import json, httpx
from freepik_kling import Freepik
seen = []
def handler(request):
    seen.append([request.method, request.url.path, json.loads(request.content) if request.content else None])
    if request.method == "POST":
        return httpx.Response(200, json={"data": {"task_id": "t25", "status": "CREATED"}})
    return httpx.Response(200, json={"data": {"task_id": "t25", "status": "COMPLETED", "generated": ["https://cdn/v.mp4"]}})
client = Freepik(api_key="k", http_client=httpx.Client(transport=httpx.MockTransport(handler)))
model = client.models["kling-v2-5-pro"]
assert model is client.kling_v2_5_pro
task = model.create(duration=10, prompt="a wave")
print(json.dumps({"task": [task.id, str(task.status), task.model], "got": model.get(task).videos, "seen": seen}))
try:
    model.create(prompt="no duration")
except ValueError as error:
    print(json.dumps({"error": str(error)}))
"""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(repo_with_third_model / "generated"), str(ROOT / "facade")]),
    }
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env)
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first == {
        "task": ["t25", "CREATED", "kling-v2-5-pro"],
        "got": ["https://cdn/v.mp4"],
        "seen": [
            ["POST", "/v1/ai/image-to-video/kling-v2-5-pro", {"duration": "10", "prompt": "a wave"}],
            ["GET", "/v1/ai/image-to-video/kling-v2-5-pro/t25", None],
        ],
    }
    assert second == {"error": "duration: required by kling-v2-5-pro"}
