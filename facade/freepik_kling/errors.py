"""Every error this library raises, under one base class ``FreepikError``.

```
FreepikError
├── MissingAPIKeyError
├── InvalidInputError (also a ValueError)    bad input, caught before anything is sent
├── APIConnectionError                       no usable HTTP response
│   └── APITimeoutError
├── APIStatusError                           the API answered with a non-2xx status
│   ├── BadRequestError (400)  AuthenticationError (401)  PermissionDeniedError (403)
│   ├── NotFoundError (404)    RateLimitError (429)
│   ├── InternalServerError (5xx but 503)    ServiceUnavailableError (503)
├── APIResponseValidationError               a 2xx whose body is not what the API documents
├── TaskFailedError, WaitTimeoutError        from wait()/run(); both carry .task
├── TaskNotReadyError                        download() of a task not yet COMPLETED; carries .task
└── WebhookVerificationError
```
Messages never contain the API key or the webhook secret: neither is ever passed to an exception.
Both request errors carry ``outcome_unknown`` (a create may have made a task although it raised) and
``retryable`` (the same request may succeed later and cannot make a second task).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx

    from freepik_kling._task import Task

_UNKNOWN_OUTCOME = (
    " The request may have created a task, so it was not retried (a duplicate task is paid twice)."
    " Check the model's list() for the task before creating it again."
)


class FreepikError(Exception):
    """Base class of every error raised by freepik_kling."""


class MissingAPIKeyError(FreepikError):
    def __init__(self) -> None:
        super().__init__(
            "No API key: pass api_key=... or set the FREEPIK_API_KEY environment variable (MAGNIFIC_API_KEY is "
            "read when it is unset; get a key at https://www.freepik.com/developers/dashboard/api-key)."
        )


class InvalidInputError(FreepikError, ValueError):
    """An argument breaks a rule of the API; nothing was sent."""

    def __init__(self, field: str, rule: str) -> None:
        super().__init__(f"{field}: {rule}")
        self.field, self.rule = field, rule


class _RequestFailed(FreepikError):
    """What a request's failure says besides its message: ``outcome_unknown``, a create may have made a task
    although this was raised; ``retryable``, the same request may succeed later and cannot make a second
    task. The retry decision sets both."""

    def __init__(self, message: str, *, outcome_unknown: bool = False, retryable: bool = False) -> None:
        super().__init__(message)
        self.outcome_unknown, self.retryable = outcome_unknown, retryable

    def __str__(self) -> str:
        return super().__str__() + (_UNKNOWN_OUTCOME if self.outcome_unknown else "")


class APIConnectionError(_RequestFailed):
    """The request got no usable response (connection refused or dropped, DNS, TLS, timeout)."""


class APITimeoutError(APIConnectionError):
    """The request timed out: with a create, the task may exist (``outcome_unknown``)."""


class APIResponseValidationError(FreepikError):
    """A 2xx response whose body is not what the API documents. After a create (``created_by`` names the
    model) the request reached the API, so a paid task may exist: ``outcome_unknown`` is True.

    ``status_code``, ``request_id`` (the server's, when it sent one) and ``body`` (its first 1000 bytes,
    any API key in it hidden)."""

    def __init__(self, response: httpx.Response, *, created_by: str | None = None) -> None:
        where = f"{response.status_code} to {response.request.url.path}"
        self.request_id = next((response.headers[h] for h in _REQUEST_IDS if h in response.headers), None)
        message = f"the API answered {where}{f' (request id {self.request_id})' if self.request_id else ''}"
        message += " with a body that is not what it documents"
        if created_by is not None:
            message += (
                f". The create reached the API and may have made a task, which is paid for: find it with"
                f" client.model({created_by!r}).list() or `freepik-kling list --model {created_by}` before"
                " creating it again"
            )
        super().__init__(message)
        body = response.content
        for key in _keys(response):  # hidden before the cut, which could halve it
            body = body.replace(key.encode(), b"<hidden>")
        self.status_code, self.body, self.outcome_unknown = response.status_code, body[:1000], created_by is not None


class APIStatusError(_RequestFailed):
    """The API answered with a non-2xx status."""

    def __init__(
        self, message: str, *, status_code: int, body: object, headers: Mapping[str, str], **flags: bool
    ) -> None:
        super().__init__(f"{status_code}: {message}", **flags)
        self.message, self.status_code, self.body, self.headers = message, status_code, body, dict(headers)
        self.invalid_params = _pairs(_fields(body).get("invalid_params"))


class BadRequestError(APIStatusError):
    """400. ``invalid_params`` holds (name, reason) pairs when the API gave them."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing or invalid."""


class PermissionDeniedError(APIStatusError):
    """403."""


class NotFoundError(APIStatusError):
    """404: no such task for this API key."""


class RateLimitError(APIStatusError):
    """429: too many requests (per key per day, per IP per second, or concurrent tasks)."""


class InternalServerError(APIStatusError):
    """A 5xx other than 503, including unregistered codes such as 520."""


class ServiceUnavailableError(APIStatusError):
    """503: the API asks to retry later."""


class TaskFailedError(FreepikError):
    def __init__(self, task: Task) -> None:
        # The API documents no reason for a failed task: say so, rather than leave the reader to look for one.
        super().__init__(f"task {task.id} ({task.model or 'unknown model'}) FAILED; the API reports no reason")
        self.task = task


class TaskNotReadyError(FreepikError):
    def __init__(self, task: Task) -> None:
        super().__init__(f"task {task.id} is {task.status}: no video to download yet; wait() for it first")
        self.task = task


class WaitTimeoutError(FreepikError):
    def __init__(self, task: Task, timeout: float) -> None:
        super().__init__(f"task {task.id} still {task.status} after {timeout:g} s; it may still finish: wait() again")
        self.task, self.timeout = task, timeout


class WebhookVerificationError(FreepikError):
    """A webhook delivery failed verification: do not trust its body."""


_REQUEST_IDS = ("x-request-id", "request-id", "x-amzn-requestid", "cf-ray")
_BY_STATUS: dict[int, type[APIStatusError]] = {400: BadRequestError, 401: AuthenticationError, 404: NotFoundError}
_BY_STATUS |= {403: PermissionDeniedError, 429: RateLimitError, 503: ServiceUnavailableError}


def _keys(response: httpx.Response) -> list[str]:
    """The API keys the request carried: a server that echoes one back must not put it in an error."""
    try:
        headers = response.request.headers
    except RuntimeError:  # a response built by hand (a test's) has no request: it carried no key
        return []
    # A key of a few characters (a test's "k") would mangle the words it occurs in, and hides nothing.
    return [value for name, value in headers.items() if name.lower().endswith("api-key") and len(value) >= 8]


def _hide(text: str, keys: list[str]) -> str:
    for key in keys:
        text = text.replace(key, "<hidden>")
    return text


def _fields(body: object) -> Mapping[str, Any]:
    """An error body's fields, also from the wrapped problem+json form some pages document."""
    fields: Mapping[str, Any] = body if isinstance(body, Mapping) else {}
    return fields["problem"] if isinstance(fields.get("problem"), Mapping) else fields


def _pairs(params: object) -> tuple[tuple[str, str], ...]:
    items = params if isinstance(params, list) else []
    return tuple((str(p.get("name", "")), str(p.get("reason", ""))) for p in items if isinstance(p, Mapping))


def error_from(failure: httpx.Response | httpx.RequestError) -> APIStatusError | APIConnectionError:
    """The typed error for a non-2xx response (any body: JSON, problem+json, HTML, empty), or for a request
    that got no usable response.

    Args:
        failure: The response, or the httpx error of the request.

    Returns:
        The ``APIStatusError`` subclass for the status, or the ``APIConnectionError`` for the failure.
    """
    import httpx  # loaded already by whoever sent the request; webhook receivers need not load it

    if isinstance(failure, httpx.RequestError):
        timed_out = isinstance(failure, httpx.TimeoutException)
        cls = APITimeoutError if timed_out else APIConnectionError
        return cls(f"{'request timed out' if timed_out else 'connection failed'} ({type(failure).__name__}: {failure})")
    keys = _keys(failure)
    text = _hide(failure.content.decode("utf-8", errors="replace"), keys)
    try:
        body: object = json.loads(text)
    except ValueError:
        body = text
    message = _fields(body).get("message")
    if failure.is_redirect:  # never followed: the key would go along
        message = f"redirected to {_hide(failure.headers['location'], keys)[:200]}; API calls do not follow redirects"
    elif not isinstance(message, str) or not message:
        text = body.strip() if isinstance(body, str) else ""
        message = " ".join(text.split())[:200] if text and not text.startswith("<") else "no error message"
    status = failure.status_code
    kind = _BY_STATUS.get(status) or (InternalServerError if status >= 500 else APIStatusError)
    headers = {name: _hide(value, keys) for name, value in failure.headers.items()}
    return kind(message, status_code=status, body=body, headers=headers)
