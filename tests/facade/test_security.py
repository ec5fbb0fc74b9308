"""The key reaches the API's origin only, the caller's httpx client stays as it was, bad keys and ids are refused.

Redirects are tested over real loopback HTTP with httpx clients that follow redirects, against a second
origin that records what reaches it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from freepik_kling import AsyncFreepik, Freepik, Task, errors
from tests.facade.conftest import API_KEY, TASK_ID, ScriptedAPI, detail
from tests.helpers import RecordingServer

CAT = {"image": "https://example.com/cat.jpg", "duration": 5}


def settings(http: httpx.Client | httpx.AsyncClient) -> dict[str, Any]:
    """Everything a facade could be tempted to change on a client it is handed."""
    return {
        "base_url": http.base_url,
        "auth": http.auth,
        "timeout": http.timeout,
        "headers": list(http.headers.multi_items()),
        "follow_redirects": http.follow_redirects,
        "event_hooks": {name: list(hooks) for name, hooks in http.event_hooks.items()},
        "params": list(http.params.multi_items()),
    }


def sent_keys(requests: list[httpx.Request]) -> list[tuple[str, str, str | None]]:
    return [(r.url.host, r.url.path.rsplit("/", 1)[-1], r.headers.get("x-freepik-api-key")) for r in requests]


def test_two_clients_sharing_one_httpx_client_each_send_their_own_key(api: ScriptedAPI) -> None:
    api.default = lambda request: detail()
    shared = httpx.Client(
        transport=httpx.MockTransport(api.handle), base_url="https://mine.example", timeout=7, headers={"x-app": "a"}
    )
    before = settings(shared)
    first = Freepik(api_key="key-first", http_client=shared, timeout=2)
    second = Freepik(api_key="key-second", base_url="https://eu.example", http_client=shared)
    first.kling_v2.get("t1")
    second.kling_v2.get("t2")
    first.with_options(timeout=9, max_retries=0).kling_v2.get("t3")
    shared.get("/mine")  # the caller's own use of their client: their base URL, no key
    assert sent_keys(api.requests) == [
        ("api.freepik.com", "t1", "key-first"),
        ("eu.example", "t2", "key-second"),
        ("api.freepik.com", "t3", "key-first"),
        ("mine.example", "mine", None),
    ]
    assert all(r.headers["x-app"] == "a" for r in api.requests)  # their headers still go with every request
    assert settings(shared) == before
    first.close()
    second.close()
    assert not shared.is_closed


@pytest.mark.anyio
async def test_two_async_clients_sharing_one_httpx_client(api: ScriptedAPI) -> None:
    api.default = lambda request: detail()
    shared = httpx.AsyncClient(transport=httpx.MockTransport(api.handle_async), timeout=7)
    before = settings(shared)
    async with (
        AsyncFreepik(api_key="key-first", http_client=shared, timeout=2) as first,
        AsyncFreepik(api_key="key-second", http_client=shared) as second,
    ):
        await first.kling_v2.get("t1")
        await second.kling_v2.get("t2")
        await first.kling_v2.get("t3")
    assert [key for _, _, key in sent_keys(api.requests)] == ["key-first", "key-second", "key-first"]
    assert settings(shared) == before
    assert not shared.is_closed
    await shared.aclose()


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_to_another_origin_never_carries_the_key(status: int) -> None:
    with RecordingServer() as elsewhere, RecordingServer() as api_server:
        api_server.reply = lambda method, path: (status, {"location": f"{elsewhere.url}/collect"}, b"")
        with httpx.Client(follow_redirects=True) as http:
            client = Freepik(api_key=API_KEY, base_url=api_server.url, http_client=http)
            with pytest.raises(errors.APIStatusError, match=f"redirected to {elsewhere.url}/collect") as caught:
                client.kling_v2.get(TASK_ID)
            assert (caught.value.status_code, caught.value.retryable) == (status, False)
            with pytest.raises(errors.APIStatusError) as created:
                client.kling_v2.create(**CAT)
            assert created.value.outcome_unknown  # a redirected create may have been processed first
            assert http.follow_redirects  # still the caller's setting
    assert elsewhere.requests == []
    assert [headers["x-freepik-api-key"] for _, _, headers in api_server.requests] == [API_KEY, API_KEY]


@pytest.mark.anyio
async def test_an_async_redirect_to_another_origin_never_carries_the_key() -> None:
    with RecordingServer() as elsewhere, RecordingServer() as api_server:
        api_server.reply = lambda method, path: (302, {"location": f"{elsewhere.url}/collect"}, b"")
        async with httpx.AsyncClient(follow_redirects=True) as http:
            client = AsyncFreepik(api_key=API_KEY, base_url=api_server.url, http_client=http)
            with pytest.raises(errors.APIStatusError, match="redirected"):
                await client.kling_v2.list()
    assert elsewhere.requests == []
    assert len(api_server.requests) == 1


def test_a_download_follows_redirects_and_never_carries_the_key(tmp_path: Path) -> None:
    with RecordingServer() as storage, RecordingServer() as api_server:
        storage.reply = lambda method, path: (200, {"content-type": "video/mp4"}, b"video bytes")
        api_server.reply = lambda method, path: (302, {"location": f"{storage.url}/v.mp4"}, b"")
        with Freepik(api_key=API_KEY, base_url=api_server.url) as client:  # even the API's origin gets no key
            path = client.download(f"{api_server.url}/video/abc.mp4", tmp_path)
    assert path.read_bytes() == b"video bytes"
    requests = api_server.requests + storage.requests
    assert len(requests) == 2
    assert not [headers for _, _, headers in requests if "x-freepik-api-key" in headers]


@pytest.mark.parametrize(
    "key",
    [
        "fpk-SECRET\nSECRET",
        "fpk-SECRET\r\nX-Injected: SECRET",
        "fpk-SECRET\x00SECRET",
        "fpk-SECRET SECRET",
        "fpk-SECRET\tSECRET",
        "fpk-SECRET\x7fSECRET",
        "fpk-SECRETé",
    ],
    ids=["newline", "crlf", "nul", "space", "tab", "del", "non-ascii"],
)
def test_a_malformed_key_is_refused_unsent_and_unechoed(
    key: str, api: ScriptedAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    http = httpx.Client(transport=httpx.MockTransport(api.handle))
    if "\x00" not in key:  # the environment cannot hold a NUL
        monkeypatch.setenv("FREEPIK_API_KEY", key)
    for given in (key, None) if "\x00" not in key else (key,):  # as an argument, then from the environment
        with pytest.raises(errors.InvalidInputError) as caught:
            Freepik(api_key=given, http_client=http)
        assert caught.value.field == "api_key"
        assert "SECRET" not in f"{caught.value!s} {caught.value!r} {vars(caught.value)}"
        assert "may have" not in str(caught.value)
    assert api.requests == []


def test_surrounding_whitespace_of_a_pasted_key_is_dropped(api: ScriptedAPI) -> None:
    api.default = lambda request: detail()
    http = httpx.Client(transport=httpx.MockTransport(api.handle))
    Freepik(api_key=f"  {API_KEY}\n", http_client=http).kling_v2.get("t1")
    assert api.requests[0].headers["x-freepik-api-key"] == API_KEY


@pytest.mark.parametrize(
    "bad",
    [
        "",
        ".",
        "..",
        " ",
        " .. ",
        "...",
        "../x",
        "a/b",
        "a\\b",
        None,
        123,
        Task(id="..", status="CREATED", model="kling-v2"),
    ],
)
def test_route_changing_task_ids_are_refused_unsent(client: Freepik, api: ScriptedAPI, bad: Any) -> None:
    model = client.kling_v2
    for call in (model.get, model.wait, model.with_raw_response.get):
        with pytest.raises(errors.InvalidInputError, match=r"^task: must be a Task or a task id"):
            call(bad)
    assert api.requests == []


def test_odd_task_ids_stay_inside_their_route(client: Freepik, api: ScriptedAPI) -> None:
    api.default = lambda request: detail()
    for odd in ("%2e%2e", "..%2F", "a?b#c", "x\ny", "..x"):
        client.kling_v2.get(odd)
    paths = [request.url.raw_path.decode() for request in api.requests]
    assert all(path.startswith("/v1/ai/image-to-video/kling-v2/") and path.count("/") == 5 for path in paths), paths
