"""Every non-2xx becomes a typed error, whatever its body; 2xx bodies that are not tasks too."""

from __future__ import annotations

import json

import httpx
import pytest

from freepik_kling import Freepik, errors
from tests.facade.conftest import API_KEY, ScriptedAPI
from tests.helpers import RecordingServer


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, errors.BadRequestError),
        (401, errors.AuthenticationError),
        (403, errors.PermissionDeniedError),
        (404, errors.NotFoundError),
        (409, errors.APIStatusError),
        (429, errors.RateLimitError),
        (500, errors.InternalServerError),
        (502, errors.InternalServerError),
        (503, errors.ServiceUnavailableError),
        (520, errors.InternalServerError),
    ],
)
def test_each_status_has_its_class(client: Freepik, api: ScriptedAPI, status: int, cls: type[Exception]) -> None:
    api.default = httpx.Response(status, json={"message": f"status {status}"}, headers={"x-request": "r1"})
    with pytest.raises(cls) as caught:
        client.kling_v2.get("t1")
    error = caught.value
    assert isinstance(error, errors.APIStatusError)
    assert type(error) is cls
    assert (error.status_code, error.message, error.body) == (
        status,
        f"status {status}",
        {"message": f"status {status}"},
    )
    assert error.headers["x-request"] == "r1"
    assert isinstance(error, errors.FreepikError)


def test_bad_request_invalid_params_from_json_and_problem_json(client: Freepik, api: ScriptedAPI) -> None:
    params = [{"name": "duration", "reason": "must be 5 or 10"}, {"name": "image", "reason": "too small"}]
    top_level = {"message": "Your request parameters didn't validate.", "invalid_params": params}
    wrapped = {"problem": top_level}
    for body, media in (
        (top_level, "application/problem+json"),
        (wrapped, "application/problem+json"),
        (top_level, "application/json"),
    ):
        api.queue(httpx.Response(400, content=json.dumps(body), headers={"content-type": media}))
        with pytest.raises(errors.BadRequestError) as caught:
            client.kling_v2.create(image="https://x/cat.jpg", duration=5)
        assert caught.value.invalid_params == (("duration", "must be 5 or 10"), ("image", "too small"))
        assert caught.value.message == "Your request parameters didn't validate."


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"),
        (b"", "application/json"),
        (b"{not json", "application/json"),
        (b"[1, 2]", "application/json"),
        (b"upstream connect error", "text/plain"),
    ],
)
def test_any_error_body_gives_a_typed_error(client: Freepik, api: ScriptedAPI, body: bytes, content_type: str) -> None:
    api.default = httpx.Response(500, content=body, headers={"content-type": content_type})
    with pytest.raises(errors.InternalServerError) as caught:
        client.kling_v2.list()
    assert caught.value.status_code == 500
    assert caught.value.message  # never empty, never the raw HTML
    assert "<html" not in str(caught.value)


@pytest.mark.parametrize("body", [b"", b"<html>ok</html>", b'{"data": null}', b'{"data": {"status": "CREATED"}}'])
def test_success_status_with_a_wrong_body(client: Freepik, api: ScriptedAPI, body: bytes) -> None:
    api.default = httpx.Response(200, content=body)
    with pytest.raises(errors.APIResponseValidationError) as caught:
        client.kling_v2.get("t1")
    assert caught.value.status_code == 200


def test_a_creates_unreadable_answer_is_treated_as_money(client: Freepik, api: ScriptedAPI) -> None:
    echoed = b'{"data": {"state": "queued"}, "echo": "' + API_KEY.encode() + b'"' + b" " * 2000 + b"}"
    api.default = httpx.Response(200, content=echoed, headers={"x-request-id": "req-42"})
    with pytest.raises(errors.APIResponseValidationError) as caught:
        client.kling_v2.create(image="https://example.com/cat.jpg", duration=5)
    error = caught.value
    assert len(api.requests) == 1  # never sent again
    assert error.outcome_unknown
    assert (error.status_code, error.request_id) == (200, "req-42")
    assert "request id req-42" in str(error)
    assert "may have made a task" in str(error)
    assert "client.model('kling-v2').list()" in str(error)
    assert "freepik-kling list --model kling-v2" in str(error)
    assert len(error.body) == 1000
    assert API_KEY.encode() not in error.body
    assert b"<hidden>" in error.body
    assert API_KEY not in str(error)
    with pytest.raises(errors.APIResponseValidationError) as unrelated:
        client.kling_v2.get("t1")  # a status call makes nothing: no such warning
    assert not unrelated.value.outcome_unknown
    assert "may have made a task" not in str(unrelated.value)


def test_no_error_message_contains_the_key(api: ScriptedAPI) -> None:
    http = httpx.Client(transport=httpx.MockTransport(api.handle))
    client = Freepik(api_key=API_KEY, http_client=http, max_retries=0)
    raised: list[BaseException] = []
    for status in (400, 401, 403, 404, 429, 500, 503, 520):
        api.queue(httpx.Response(status, json={"message": "m"}))
        with pytest.raises(errors.FreepikError) as caught:
            client.kling_v2.get("t1")
        raised.append(caught.value)
    api.queue(httpx.ConnectError("refused"), httpx.ReadTimeout("slow"))
    for _ in range(2):
        with pytest.raises(errors.APIConnectionError) as caught_connection:
            client.kling_v2.get("t1")
        raised.append(caught_connection.value)
    for error in raised:
        text = f"{error!s} {error!r} {vars(error)!r}"
        assert API_KEY not in text
    assert API_KEY not in repr(client)
    assert API_KEY not in repr(client._key)


@pytest.mark.parametrize("status", [400, 500, 302])
def test_a_key_the_server_echoes_back_is_hidden_in_the_error(status: int) -> None:
    """A server (a proxy, a misconfigured gateway) that repeats the key in its error body, a header or a
    redirect: over real loopback HTTP, nothing of the error holds it."""
    echoed = json.dumps({"message": f"key {API_KEY} is bad", "detail": API_KEY}).encode()
    with RecordingServer() as server:
        headers = {"content-type": "application/json", "x-echo": f"key={API_KEY}", "location": f"/x?key={API_KEY}"}
        server.reply = lambda method, path: (status, headers, echoed)
        with (
            Freepik(api_key=API_KEY, base_url=server.url, max_retries=0) as client,
            pytest.raises(errors.APIStatusError) as caught,
        ):
            client.kling_v2.get("t1")
    error = caught.value
    assert API_KEY not in f"{error!s} {error!r} {error.body!r} {error.headers!r} {vars(error)!r}"
    assert "<hidden>" in str(error.body)
    assert error.headers["x-echo"] == "key=<hidden>"
