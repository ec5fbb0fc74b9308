"""Webhook verification, against signatures computed here independently of the library."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import pytest

from freepik_kling import TaskStatus, errors, webhooks

RAW_SECRET = "my-dashboard-webhook-secret"
KEY_BYTES = b"\x8a\x01\xfe random key bytes \x00\x10"
WHSEC = "whsec_" + base64.b64encode(KEY_BYTES).decode()
NOW = 1_763_700_000
BODY = json.dumps(
    {"task_id": "046b6c7f", "status": "COMPLETED", "generated": ["https://cdn.freepik.com/v.mp4"]}
).encode()


def signed(body: bytes, key: bytes, msg_id: str = "msg_1", timestamp: int = NOW) -> dict[str, str]:
    digest = hmac.new(key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": "v1," + base64.b64encode(digest).decode(),
    }


def test_raw_dashboard_secret() -> None:
    task = webhooks.verify(BODY, signed(BODY, RAW_SECRET.encode()), RAW_SECRET, now=NOW)
    assert (task.id, task.status, task.videos) == ("046b6c7f", TaskStatus.COMPLETED, ("https://cdn.freepik.com/v.mp4",))


def test_whsec_base64_secret() -> None:
    assert webhooks.verify(BODY, signed(BODY, KEY_BYTES), WHSEC, now=NOW).id == "046b6c7f"


def test_one_of_several_signatures_is_enough_and_header_case_is_ignored() -> None:
    headers = signed(BODY, RAW_SECRET.encode())
    rotated = f"v1,{base64.b64encode(b'x' * 32).decode()} {headers['webhook-signature']}"
    upper = {
        "Webhook-Id": headers["webhook-id"],
        "Webhook-Timestamp": headers["webhook-timestamp"],
        "Webhook-Signature": rotated,
    }
    assert webhooks.verify(BODY, upper, RAW_SECRET, now=NOW).status == "COMPLETED"


def test_sign_matches_the_independent_computation() -> None:
    assert webhooks.sign(BODY, secret=RAW_SECRET, webhook_id="msg_1", timestamp=NOW) == signed(
        BODY, RAW_SECRET.encode()
    )
    assert webhooks.sign(BODY, secret=WHSEC, webhook_id="msg_1", timestamp=NOW) == signed(BODY, KEY_BYTES)


@pytest.mark.parametrize(
    ("body", "headers", "secret", "message"),
    [
        (BODY.replace(b"COMPLETED", b"FAILED"), signed(BODY, RAW_SECRET.encode()), RAW_SECRET, "body was altered"),
        (BODY, signed(BODY, b"another secret"), RAW_SECRET, "wrong secret"),
        (BODY, signed(BODY, RAW_SECRET.encode()), WHSEC, "wrong secret"),
        (BODY, signed(BODY, RAW_SECRET.encode(), timestamp=NOW - 301), RAW_SECRET, "is old"),
        (BODY, signed(BODY, RAW_SECRET.encode(), timestamp=NOW + 400), RAW_SECRET, "far in the future"),
        (BODY, {**signed(BODY, RAW_SECRET.encode()), "webhook-timestamp": "yesterday"}, RAW_SECRET, "Unix time"),
        (BODY, {"webhook-id": "m", "webhook-timestamp": str(NOW)}, RAW_SECRET, "missing header webhook-signature"),
        (
            BODY,
            {**signed(BODY, RAW_SECRET.encode()), "webhook-id": "msg_2"},
            RAW_SECRET,
            "no webhook-signature matches",
        ),
        (b"[]", signed(b"[]", RAW_SECRET.encode()), RAW_SECRET, "not a task status"),
        (BODY, signed(BODY, RAW_SECRET.encode()), "whsec_???", "not valid base64"),
        (BODY, signed(BODY, RAW_SECRET.encode()), "whsec_é", "not valid base64"),
    ],
    ids=[
        "tampered",
        "wrong-secret",
        "raw-vs-whsec",
        "stale",
        "future",
        "bad-timestamp",
        "missing",
        "replayed-id",
        "not-a-task",
        "bad-whsec",
        "non-ascii-whsec",
    ],
)
def test_rejections(body: bytes, headers: dict[str, str], secret: str, message: str) -> None:
    with pytest.raises(errors.WebhookVerificationError, match=message) as caught:
        webhooks.verify(body, headers, secret, now=NOW)
    assert RAW_SECRET not in str(caught.value)
    assert WHSEC not in str(caught.value)


def test_tolerance_is_configurable() -> None:
    headers = signed(BODY, RAW_SECRET.encode(), timestamp=NOW - 1000)
    assert webhooks.verify(BODY, headers, RAW_SECRET, tolerance=1200, now=NOW).id == "046b6c7f"


def test_wrapped_payload_is_tolerated() -> None:
    body = json.dumps({"data": json.loads(BODY)}).encode()
    assert webhooks.verify(body, signed(body, RAW_SECRET.encode()), RAW_SECRET, now=NOW).id == "046b6c7f"


def test_a_str_body_verifies_like_its_bytes() -> None:
    assert webhooks.verify(BODY.decode(), signed(BODY, RAW_SECRET.encode()), RAW_SECRET, now=NOW).id == "046b6c7f"


@pytest.mark.parametrize(
    ("body", "secret", "field", "rule"),
    [
        (json.loads(BODY), RAW_SECRET, "body", "must be the raw request body as bytes (or str), got dict"),
        (None, RAW_SECRET, "body", "got NoneType"),
        (BODY, "", "secret", "non-empty"),
        (BODY, b"", "secret", "non-empty"),
        (BODY, None, "secret", "non-empty"),
    ],
)
def test_wrong_arguments_are_named(body: object, secret: object, field: str, rule: str) -> None:
    headers = {"webhook-id": "m"}  # incomplete too: the argument is named first
    with pytest.raises(errors.InvalidInputError) as caught:
        webhooks.verify(body, headers, secret, now=NOW)  # type: ignore[arg-type]
    assert (caught.value.field, rule in caught.value.rule) == (field, True), caught.value
