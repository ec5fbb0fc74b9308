"""Construction, configuration, the key's header, the User-Agent, models by slug, and the import cost."""

from __future__ import annotations

import functools
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

import freepik_kling
from freepik_kling import (
    AsyncFreepik,
    DefaultAsyncHttpxClient,
    DefaultHttpxClient,
    Freepik,
    ModelResource,
    Task,
    errors,
)
from tests.facade.conftest import API_KEY, FakeClock, ScriptedAPI, detail
from tests.helpers import ROOT


def test_no_key_anywhere_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FREEPIK_API_KEY", raising=False)
    monkeypatch.delenv("MAGNIFIC_API_KEY", raising=False)
    for make in (Freepik, AsyncFreepik):
        with pytest.raises(errors.MissingAPIKeyError, match=r"FREEPIK_API_KEY.*MAGNIFIC_API_KEY"):
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


def recorder() -> tuple[httpx.Client, list[httpx.Request]]:
    """An httpx client over a transport that answers every request with a task and keeps it (the Magnific
    header is not in the OpenAPI document, so these requests bypass the ``api`` fixture's contract check)."""
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return detail()

    return httpx.Client(transport=httpx.MockTransport(answer)), seen


def test_magnific_variables_are_read_when_the_freepik_ones_are_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    http, seen = recorder()
    for name in ("FREEPIK_API_KEY", "FREEPIK_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MAGNIFIC_API_KEY", "magnific-key")
    monkeypatch.setenv("MAGNIFIC_BASE_URL", "https://api.magnific.com")
    Freepik(http_client=http).kling_v2.get("t1")
    monkeypatch.setenv("FREEPIK_API_KEY", "freepik-key")  # each FREEPIK_ variable wins over its MAGNIFIC_ twin
    Freepik(http_client=http).kling_v2.get("t1")
    monkeypatch.setenv("FREEPIK_BASE_URL", "https://api.freepik.com")
    Freepik(http_client=http).kling_v2.get("t1")
    sent = [(r.url.host, dict(r.headers)) for r in seen]
    assert [(host, h.get("x-magnific-api-key"), h.get("x-freepik-api-key")) for host, h in sent] == [
        ("api.magnific.com", "magnific-key", None),
        ("api.magnific.com", "freepik-key", None),
        ("api.freepik.com", None, "freepik-key"),
    ]


@pytest.mark.parametrize(
    ("base_url", "header"),
    [
        ("https://api.freepik.com", "x-freepik-api-key"),
        ("https://api.magnific.com/", "x-magnific-api-key"),
        ("HTTPS://API.MAGNIFIC.COM", "x-magnific-api-key"),
        ("https://api.magnific.com:8443", "x-freepik-api-key"),  # another origin: a proxy, say
        ("http://127.0.0.1:8080", "x-freepik-api-key"),  # the local simulator
    ],
)
def test_the_key_header_follows_the_host(base_url: str, header: str) -> None:
    http, seen = recorder()
    Freepik(api_key=API_KEY, base_url=base_url, http_client=http).kling_v2.get("t1")
    keys = {name: value for name, value in seen[0].headers.items() if name.endswith("-api-key")}
    assert keys == {header: API_KEY}


def test_timeouts_are_finite_and_set_per_request(api: ScriptedAPI) -> None:
    own = Freepik(api_key="k")
    assert own._http.timeout.read is not None
    assert own._http.timeout.connect is not None
    own.close()
    api.default = lambda request: detail()
    mine = httpx.Client(transport=httpx.MockTransport(api.handle), timeout=7)
    Freepik(api_key=API_KEY, http_client=mine).kling_v2.get("t1")
    Freepik(api_key=API_KEY, http_client=mine, timeout=5).kling_v2.get("t1")
    Freepik(api_key=API_KEY, http_client=mine, timeout=httpx.Timeout(5, connect=1)).kling_v2.get("t1")
    assert [r.extensions["timeout"] for r in api.requests] == [
        httpx.Timeout(7).as_dict(),  # the caller's client's own
        httpx.Timeout(5).as_dict(),
        httpx.Timeout(5, connect=1).as_dict(),
    ]
    assert mine.timeout == httpx.Timeout(7)


def test_the_key_is_never_shown(caplog: pytest.LogCaptureFixture, api: ScriptedAPI) -> None:
    caplog.set_level(logging.DEBUG)
    api.default = lambda request: detail()
    client = Freepik(api_key=API_KEY, http_client=httpx.Client(transport=httpx.MockTransport(api.handle)))
    client.kling_v2.get("t1")
    assert API_KEY not in repr(client)
    assert API_KEY not in str(vars(client))  # held only by the auth object, whose repr hides it
    assert API_KEY not in caplog.text


def test_models_by_slug_and_attribute(client: Freepik) -> None:
    assert set(client.models) >= {"kling-v2", "kling-elements-std"}
    assert client.models["kling-v2"] is client.kling_v2 is client.model("kling-v2")
    assert client.models["kling-elements-std"] is client.kling_elements_std
    assert client.kling_v2.slug == "kling-v2"
    with pytest.raises(AttributeError, match="kling_v9"):
        _ = client.kling_v9  # type: ignore[attr-defined]
    with pytest.raises(errors.InvalidInputError, match=r"unknown model 'kling-v9'; models: .*kling-v2"):
        client.model("kling-v9")


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
assert model is client.model("kling-v2-5-pro")
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


def test_version_and_user_agent(api: ScriptedAPI) -> None:
    from importlib.metadata import version

    assert freepik_kling.__version__ == version("freepik-kling")
    api.default = lambda request: detail()
    Freepik(api_key=API_KEY, http_client=httpx.Client(transport=httpx.MockTransport(api.handle))).kling_v2.get("t")
    chosen = httpx.Client(transport=httpx.MockTransport(api.handle), headers={"User-Agent": "my-app/1.0"})
    Freepik(api_key=API_KEY, http_client=chosen).kling_v2.get("t")
    ours = f"freepik-kling/{freepik_kling.__version__} python-httpx/{httpx.__version__}"
    assert [r.headers["user-agent"] for r in api.requests] == [ours, "my-app/1.0"]  # a caller's choice stays


def test_default_httpx_clients_carry_our_defaults_and_take_any_option() -> None:
    with DefaultHttpxClient() as plain, DefaultHttpxClient(timeout=3, headers={"x-app": "a"}) as tuned:
        assert plain.timeout.read is not None
        assert plain.headers["user-agent"].startswith("freepik-kling/")
        assert (tuned.timeout, tuned.headers["x-app"]) == (httpx.Timeout(3), "a")
        assert tuned.headers["user-agent"].startswith("freepik-kling/")
    with DefaultHttpxClient(headers={"user-agent": "mine"}) as mine:
        assert mine.headers.get_list("user-agent") == ["mine"]
    assert isinstance(DefaultAsyncHttpxClient(), httpx.AsyncClient)


@pytest.mark.parametrize(
    ("option", "value", "rule"),
    [
        ("api_key", 123, "must be a string, got int"),
        ("api_key", b"fpk-key", "must be a string, got bytes"),
        ("timeout", -1, "must be a positive number of seconds, got -1"),
        ("timeout", 0, "positive number of seconds"),
        ("timeout", "30", "positive number of seconds"),
        ("timeout", float("nan"), "positive number of seconds"),
        ("max_retries", -1, "must be a whole number, 0 or more; got -1"),
        ("max_retries", 2.5, "whole number"),
        ("max_retries", True, "whole number"),
        ("base_url", "api.freepik.com", "must be an http(s) URL"),
        ("base_url", "ftp://api.freepik.com", "must be an http(s) URL"),
        ("base_url", "http://[::1", "must be an http(s) URL"),
        ("base_url", 8080, "must be an http(s) URL"),
    ],
)
def test_bad_options_are_refused_by_name(option: str, value: object, rule: str) -> None:
    options = {"api_key": API_KEY, option: value}
    for make in (Freepik, AsyncFreepik):
        with pytest.raises(errors.InvalidInputError) as caught:
            make(**options)  # type: ignore[arg-type]
        assert (caught.value.field, rule in caught.value.rule) == (option, True), caught.value


def test_an_httpx_client_of_the_other_kind_is_refused() -> None:
    with pytest.raises(errors.InvalidInputError, match=r"http_client: must be an httpx\.Client"):
        Freepik(api_key=API_KEY, http_client=httpx.AsyncClient())  # type: ignore[arg-type]
    with pytest.raises(errors.InvalidInputError, match=r"http_client: must be an httpx\.AsyncClient"):
        AsyncFreepik(api_key=API_KEY, http_client=httpx.Client())  # type: ignore[arg-type]


def test_with_options_applies_to_the_copy_only(api: ScriptedAPI, clock: FakeClock) -> None:
    http = httpx.Client(transport=httpx.MockTransport(api.handle), timeout=7)
    client = Freepik(api_key=API_KEY, http_client=http, clock=clock)
    api.default = httpx.Response(503, json={"message": "down"})
    with pytest.raises(errors.ServiceUnavailableError):
        client.with_options(max_retries=0).kling_v2.get("t1")
    assert len(api.requests) == 1
    with pytest.raises(errors.ServiceUnavailableError):
        client.kling_v2.get("t1")
    assert len(api.requests) == 1 + 3  # the original still retries twice
    api.default = lambda request: detail()
    quick = client.with_options(timeout=1.5)
    quick.kling_v2.get("t1")
    client.kling_v2.get("t1")
    assert [r.extensions["timeout"] for r in api.requests[-2:]] == [
        httpx.Timeout(1.5).as_dict(),
        http.timeout.as_dict(),
    ]
    assert quick.kling_v2 is not client.kling_v2
    assert quick.kling_v2.slug == "kling-v2"
    with pytest.raises(errors.InvalidInputError, match="timeout"):
        client.with_options(timeout=-1)
    quick.close()
    with Freepik(api_key=API_KEY) as own:
        own.with_options(max_retries=5).close()  # a copy never closes the client it shares
        assert not own._http.is_closed
    assert own._http.is_closed
    assert not http.is_closed


def test_raw_responses_give_status_headers_and_the_parsed_value(client: Freepik, api: ScriptedAPI) -> None:
    api.queue(
        httpx.Response(
            200, json={"data": {"task_id": "t1", "status": "CREATED"}}, headers={"x-ratelimit-remaining": "7"}
        ),
        httpx.Response(200, json={"data": {"task_id": "t1", "status": "COMPLETED", "generated": ["https://v/1.mp4"]}}),
        httpx.Response(200, content=b"<html>maintenance</html>"),
    )
    raw = client.kling_v2.with_raw_response
    created = raw.create(image="https://example.com/cat.jpg", duration=5)
    assert (created.status_code, created.headers["x-ratelimit-remaining"]) == (200, "7")
    assert created.parse() == Task(id="t1", status="CREATED", model="kling-v2")
    assert raw.get("t1").parse().videos == ("https://v/1.mp4",)
    listed = raw.list()  # the answer is there even when its body is not a task list
    assert (listed.status_code, listed.http_response.content) == (200, b"<html>maintenance</html>")
    with pytest.raises(errors.APIResponseValidationError):
        listed.parse()
    assert len(api.requests) == 3


def test_with_options_copies_make_their_own_cached_model_attributes(api: ScriptedAPI, clock: FakeClock) -> None:
    class Cached(Freepik):  # as the generated per-model attributes do: functools.cached_property
        @functools.cached_property
        def v2(self) -> ModelResource:
            return self.model("kling-v2")

    client = Cached(api_key=API_KEY, http_client=httpx.Client(transport=httpx.MockTransport(api.handle)), clock=clock)
    assert client.v2 is client.v2
    api.default = httpx.Response(503, json={"message": "down"})
    with pytest.raises(errors.ServiceUnavailableError):
        client.with_options(max_retries=0).v2.list()
    assert len(api.requests) == 1
    assert client.with_options(max_retries=0).v2 is not client.v2
