"""Retries: GETs on any transient failure; creates only when the task provably was not created."""

from __future__ import annotations

import email.utils
import time

import httpx
import pytest

from freepik_kling import Freepik, errors
from freepik_kling._policy import GiveUp, Retry, RetryPolicy, retry_after
from tests.facade.conftest import API_KEY, FakeClock, ScriptedAPI, detail, task

CAT = {"image": "https://x/cat.jpg", "duration": 5}


@pytest.mark.parametrize(
    "failure",
    [
        httpx.Response(500, json={"message": "Internal Server Error"}),
        httpx.Response(502, text="bad gateway"),
        httpx.Response(520, text="origin error"),
        httpx.ReadTimeout("read timed out"),
        httpx.RemoteProtocolError("server disconnected"),
        httpx.WriteTimeout("write timed out"),
    ],
    ids=["500", "502", "520", "read-timeout", "dropped", "write-timeout"],
)
def test_create_is_not_retried_when_the_task_may_exist(client: Freepik, api: ScriptedAPI, failure: object) -> None:
    api.queue(failure, task())  # a retry would succeed, and create a second, paid task
    with pytest.raises(errors.FreepikError) as caught:
        client.kling_v2.create(**CAT)
    assert len(api.requests) == 1
    assert getattr(caught.value, "outcome_unknown", False) is True
    assert "list()" in str(caught.value)


@pytest.mark.parametrize(
    "failure",
    [
        httpx.Response(429, json={"message": "Too many requests"}),
        httpx.Response(503, json={"message": "Service Unavailable. Please try again later."}),
        httpx.ConnectError("connection refused"),
        httpx.ConnectTimeout("connect timed out"),
    ],
    ids=["429", "503", "refused", "connect-timeout"],
)
def test_create_is_retried_when_it_provably_was_not_processed(
    client: Freepik, api: ScriptedAPI, failure: object
) -> None:
    api.queue(failure, task("CREATED"))
    created = client.kling_v2.create(**CAT)
    assert created.id
    assert len(api.requests) == 2
    assert api.bodies()[0] == api.bodies()[1]


def test_create_client_errors_are_not_unknown(client: Freepik, api: ScriptedAPI) -> None:
    api.queue(httpx.Response(400, json={"message": "bad"}))
    with pytest.raises(errors.BadRequestError) as caught:
        client.kling_v2.create(**CAT)
    assert caught.value.outcome_unknown is False
    assert len(api.requests) == 1


@pytest.mark.parametrize(
    "failure",
    [
        httpx.Response(500, json={"message": "x"}),
        httpx.Response(520, text="x"),
        httpx.Response(429, json={"message": "x"}),
        httpx.Response(503, json={"message": "x"}),
        httpx.ReadTimeout("slow"),
        httpx.ConnectError("refused"),
        httpx.RemoteProtocolError("dropped"),
    ],
)
def test_get_is_retried_on_transient_failures(client: Freepik, api: ScriptedAPI, failure: object) -> None:
    api.queue(failure, detail("IN_PROGRESS"))
    assert client.kling_v2.get("t1").status == "IN_PROGRESS"
    assert len(api.requests) == 2


def test_retries_stop_after_max_retries(api: ScriptedAPI, clock: FakeClock) -> None:
    http = httpx.Client(transport=httpx.MockTransport(api.handle))
    api.default = httpx.Response(503, json={"message": "down"})
    for max_retries in (0, 1, 3):
        api.requests.clear()
        client = Freepik(api_key=API_KEY, http_client=http, max_retries=max_retries, clock=clock)
        with pytest.raises(errors.ServiceUnavailableError):
            client.kling_v2.list()
        assert len(api.requests) == max_retries + 1


def test_backoff_grows_with_jitter(client: Freepik, api: ScriptedAPI, clock: FakeClock) -> None:
    api.queue(httpx.ConnectError("x"), httpx.ConnectError("x"), detail())
    client.kling_v2.get("t1")
    first, second = clock.sleeps
    assert 0.375 <= first <= 0.5
    assert 0.75 <= second <= 1.0


def test_retry_after_seconds_is_honoured(client: Freepik, api: ScriptedAPI, clock: FakeClock) -> None:
    api.queue(httpx.Response(429, json={"message": "slow down"}, headers={"Retry-After": "7"}), task())
    client.kling_v2.create(**CAT)
    assert clock.sleeps == [7.0]


def test_retry_after_http_date_is_honoured() -> None:
    now = 1_700_000_000.0
    header = email.utils.formatdate(now + 12, usegmt=True)
    assert retry_after({"retry-after": header}, now=lambda: now) == pytest.approx(12, abs=1)
    assert retry_after({"retry-after": email.utils.formatdate(now - 50, usegmt=True)}, now=lambda: now) == 0
    assert retry_after({"retry-after": "soon"}) is None
    assert retry_after({}) is None


def test_retry_after_is_capped(client: Freepik, api: ScriptedAPI, clock: FakeClock) -> None:
    api.queue(httpx.Response(503, json={"message": "x"}, headers={"retry-after": "86400"}), detail())
    client.kling_v2.get("t1")
    assert clock.sleeps == [RetryPolicy().max_retry_after]


def test_retries_are_logged_without_the_key(
    client: Freepik, api: ScriptedAPI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG", logger="freepik_kling")
    api.queue(httpx.Response(500, json={"message": "x"}), detail())
    client.kling_v2.get("t1")
    assert any("retrying" in record.getMessage() for record in caplog.records)
    assert API_KEY not in caplog.text


def test_real_time_default_clock_sleeps(api: ScriptedAPI) -> None:
    http = httpx.Client(transport=httpx.MockTransport(api.handle))
    client = Freepik(api_key=API_KEY, http_client=http)
    api.queue(httpx.Response(429, json={"message": "x"}, headers={"retry-after": "0.2"}), detail())
    started = time.monotonic()
    client.kling_v2.get("t1")
    assert time.monotonic() - started >= 0.2


def failure(kind: str) -> httpx.Response | httpx.RequestError:
    """A failed attempt: an HTTP status ("503", "302") or an httpx transport error class name."""
    if kind.isdigit():
        headers = {"location": "https://elsewhere.example/x"} if kind.startswith("3") else {}
        return httpx.Response(int(kind), json={"message": "m"}, headers=headers)
    return getattr(httpx, kind)("failed")  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("kind", "creates", "expected"),
    [
        ("429", True, "retry"),
        ("503", True, "retry"),
        ("408", True, "retry"),
        ("ConnectError", True, "retry"),
        ("ConnectTimeout", True, "retry"),
        ("PoolTimeout", True, "retry"),
        ("500", True, "unknown"),
        ("502", True, "unknown"),
        ("520", True, "unknown"),
        ("302", True, "unknown"),
        ("ReadTimeout", True, "unknown"),
        ("WriteTimeout", True, "unknown"),
        ("ReadError", True, "unknown"),
        ("RemoteProtocolError", True, "unknown"),
        ("400", True, "give up"),
        ("401", True, "give up"),
        ("404", True, "give up"),
        ("LocalProtocolError", True, "give up"),
        ("UnsupportedProtocol", True, "give up"),
        ("500", False, "retry"),
        ("429", False, "retry"),
        ("ReadTimeout", False, "retry"),
        ("RemoteProtocolError", False, "retry"),
        ("302", False, "give up"),
        ("404", False, "give up"),
        ("LocalProtocolError", False, "give up"),
    ],
)
def test_one_rule_decides_every_failure(kind: str, creates: bool, expected: str) -> None:
    policy = RetryPolicy(max_retries=1)
    first = policy.decide(0, failure(kind), creates=creates)
    last = policy.decide(1, failure(kind), creates=creates)  # no retries left
    assert isinstance(last, GiveUp)
    if expected == "retry":
        assert isinstance(first, Retry)
        assert 0 <= first.after <= policy.max_delay
        assert (last.error.retryable, last.error.outcome_unknown) == (True, False)
    else:
        assert isinstance(first, GiveUp)
        assert first.error.retryable is False
        assert first.error.outcome_unknown is (expected == "unknown")
        assert ("list()" in str(first.error)) is (expected == "unknown")
    error_type = errors.APIStatusError if kind.isdigit() else errors.APIConnectionError
    assert isinstance(last.error, error_type)


def test_backoff_stays_finite_however_many_retries() -> None:
    policy = RetryPolicy(max_retries=10_000)
    decision = policy.decide(5_000, httpx.ConnectError("refused"), creates=True)
    assert isinstance(decision, Retry)
    assert decision.after <= policy.max_delay


def test_give_up_errors_tell_the_batch_whether_to_try_later(client: Freepik, api: ScriptedAPI) -> None:
    api.default = httpx.Response(429, json={"message": "Too many requests"})
    with pytest.raises(errors.RateLimitError) as limited:
        client.kling_v2.create(**CAT)
    assert (limited.value.retryable, limited.value.outcome_unknown) == (True, False)
    api.default = httpx.Response(500, json={"message": "x"})
    with pytest.raises(errors.InternalServerError) as broken:
        client.kling_v2.create(**CAT)
    assert (broken.value.retryable, broken.value.outcome_unknown) == (False, True)
    assert len(api.requests) == 3 + 1  # three tries of the 429, one of the 500
