"""Verify webhook deliveries: Freepik signs them the Standard Webhooks way.

Each delivery has the headers ``webhook-id``, ``webhook-timestamp`` (Unix seconds) and
``webhook-signature``: space-separated ``v1,<base64 HMAC-SHA256>`` entries over ``"{id}.{timestamp}.{body}"``
(several during a secret rotation; one match is enough). The body is the task-status body without its
``data`` wrapper.

```python
task = webhooks.verify(request.body, request.headers, secret=os.environ["FREEPIK_WEBHOOK_SECRET"])
```

Pass the raw body exactly as received (bytes, or the str it decodes to): re-serialized JSON does not verify.
``webhook-id`` is unique per delivery; store the ids you processed to ignore a replay inside the tolerance window.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Mapping

from freepik_kling._task import Task
from freepik_kling.errors import InvalidInputError, WebhookVerificationError

DEFAULT_TOLERANCE = 300.0
"""Seconds a delivery's timestamp may differ from now, either way."""


def _key(secret: str | bytes) -> bytes:
    """The HMAC key: the dashboard's secret as given, or the bytes of a ``whsec_`` base64 secret."""
    if not isinstance(secret, str | bytes) or not secret:
        raise InvalidInputError("secret", "must be the webhook secret from the dashboard (a non-empty str or bytes)")
    if isinstance(secret, str) and secret.startswith("whsec_"):
        try:
            return base64.b64decode(secret.removeprefix("whsec_"), validate=True)
        except ValueError:  # binascii.Error, or a character outside ASCII
            raise WebhookVerificationError("the whsec_ secret is not valid base64") from None
    return secret.encode("utf-8") if isinstance(secret, str) else secret


def signature(body: bytes, *, secret: str | bytes, webhook_id: str, timestamp: int) -> str:
    """The ``v1,<base64>`` signature of one delivery.

    Args:
        body: The delivery's raw body.
        secret: The dashboard's webhook secret, raw or ``whsec_``.
        webhook_id: The delivery's ``webhook-id``.
        timestamp: The delivery's ``webhook-timestamp`` (Unix seconds).

    Returns:
        The value of a ``webhook-signature`` header.
    """
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    digest = hmac.new(_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def sign(body: bytes, *, secret: str | bytes, webhook_id: str, timestamp: int | None = None) -> dict[str, str]:
    """The headers of a signed delivery, for tests of your webhook handler (and the local simulator).

    Args:
        body: The delivery's raw body.
        secret: The webhook secret, raw or ``whsec_``.
        webhook_id: The delivery's id.
        timestamp: Unix seconds; default now.

    Returns:
        The ``webhook-id``, ``webhook-timestamp`` and ``webhook-signature`` headers.
    """
    timestamp = int(time.time()) if timestamp is None else timestamp
    signed = signature(body, secret=secret, webhook_id=webhook_id, timestamp=timestamp)
    return {"webhook-id": webhook_id, "webhook-timestamp": str(timestamp), "webhook-signature": signed}


def verify(
    body: bytes | str,
    headers: Mapping[str, str],
    secret: str | bytes,
    tolerance: float = DEFAULT_TOLERANCE,
    *,
    now: float | None = None,
) -> Task:
    """The delivered task, once the signature and timestamp check out.

    Args:
        body: The raw request body, exactly as received (bytes, or the str it decodes to).
        headers: The request's headers (any case).
        secret: The dashboard's webhook secret, raw or ``whsec_``.
        tolerance: Seconds the delivery's timestamp may differ from now, either way.
        now: For tests: the Unix time to check the timestamp against.

    Returns:
        The ``Task`` the delivery reports, with its video URLs once COMPLETED.

    Raises:
        WebhookVerificationError: A missing header, a stale or future timestamp, or no matching signature.
        InvalidInputError: The body is not bytes or str, or the secret is empty.
    """
    if not isinstance(body, bytes | str):
        raise InvalidInputError("body", f"must be the raw request body as bytes (or str), got {type(body).__name__}")
    body = body.encode("utf-8") if isinstance(body, str) else body
    _key(secret)  # a missing secret is a setup mistake: said before anything about the delivery
    lowered = {name.lower(): value for name, value in headers.items()}
    missing = [name for name in ("webhook-id", "webhook-timestamp", "webhook-signature") if not lowered.get(name)]
    if missing:
        raise WebhookVerificationError(f"missing header {missing[0]}")
    try:
        timestamp = int(lowered["webhook-timestamp"])
    except ValueError:
        raise WebhookVerificationError("webhook-timestamp is not a Unix time in seconds") from None
    age = (time.time() if now is None else now) - timestamp
    if abs(age) > tolerance:
        when = "old" if age > 0 else "far in the future"
        raise WebhookVerificationError(f"webhook-timestamp is {when} ({abs(age):.0f} s; tolerance {tolerance:g} s)")
    expected = signature(body, secret=secret, webhook_id=lowered["webhook-id"], timestamp=timestamp).encode()
    if not any(hmac.compare_digest(entry.encode(), expected) for entry in lowered["webhook-signature"].split()):
        raise WebhookVerificationError("no webhook-signature matches: wrong secret, or the body was altered")
    from freepik_api.models import TaskDetail  # only for a delivery that verified

    try:
        payload = json.loads(body)
        if isinstance(payload, dict) and isinstance(payload.get("data"), dict):
            payload = payload["data"]  # tolerate the wrapped form too
        return Task.from_api(TaskDetail.from_dict(payload), model="")
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise WebhookVerificationError(f"signed body is not a task status: {exc}") from None
