"""The facade's httpx clients: the API key for the API's origin only, and lean JSON bodies.

A create with a local image carries up to 13.4 MB of base64 in one JSON string. httpx would serialize
the whole body to a str and then encode it to bytes: two more full copies while the request object still
holds the first. Here such a string is streamed in slices after the rest of the document, with an exact
Content-Length, so the body never exists whole in memory. Sync and async differ only in the stream type.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Generator, Iterator
from typing import Any

import httpx

from freepik_api.catalog import API_KEY_HEADER

LARGE = 1 << 20
"""Strings this long or longer are streamed, when they need no JSON escaping (base64 never does)."""
SLICE = 1 << 20


class APIKeyAuth(httpx.Auth):
    """Adds the API key to requests for the API's origin and to no other host (video CDNs included)."""

    def __init__(self, key: str, base_url: str) -> None:
        self._key = key
        url = httpx.URL(base_url)
        self._origin = (url.scheme, url.host, url.port)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if (request.url.scheme, request.url.host, request.url.port) == self._origin:
            request.headers[API_KEY_HEADER] = self._key
        yield request

    def __repr__(self) -> str:
        return "APIKeyAuth(key=<hidden>)"


def _streamable(value: object) -> bool:
    return (
        isinstance(value, str)
        and len(value) >= LARGE
        and value.isascii()
        and value.isprintable()
        and '"' not in value
        and "\\" not in value
    )


def lean_json(document: Any) -> tuple[list[bytes | str], int] | None:
    """The parts of ``document`` as JSON (bytes, and large strings to encode slice by slice) and its byte
    length; None when nothing in it is large enough to be worth it."""
    if not isinstance(document, dict) or not any(_streamable(value) for value in document.values()):
        return None
    large = {key: value for key, value in document.items() if _streamable(value)}
    markers = {key: f"\x00freepik-kling-large-{index}\x00" for index, key in enumerate(large)}
    # The same encoding httpx uses for json=, with each large string replaced by a marker.
    text = json.dumps(
        {key: markers.get(key, value) for key, value in document.items()},
        ensure_ascii=False,
        separators=(",", ":"),
        allow_nan=False,
    )
    parts: list[bytes | str] = []
    for key, marker in markers.items():
        before, text = text.split(json.dumps(marker), 1)
        parts += [before.encode() + b'"', large[key], b'"']
    parts.append(text.encode())
    length = sum(len(part) for part in parts)  # large strings are ASCII: one byte a character
    return parts, length


def _slices(parts: list[bytes | str]) -> Iterator[bytes]:
    for part in parts:
        if isinstance(part, bytes):
            yield part
        else:
            for start in range(0, len(part), SLICE):
                yield part[start : start + SLICE].encode("ascii")


def _streamed(kwargs: dict[str, Any]) -> list[bytes | str] | None:
    """For a request whose ``json=`` is worth streaming: its parts, with ``kwargs`` rewritten to send them."""
    lean = lean_json(kwargs.get("json"))
    if lean is None:
        return None
    parts, length = lean
    kwargs.pop("json")
    kwargs.pop("content", None)  # httpx passes content=None beside json
    headers = httpx.Headers(kwargs.get("headers"))
    headers["Content-Type"] = "application/json"
    headers["Content-Length"] = str(length)
    kwargs["headers"] = headers
    return parts


async def _aslices(parts: list[bytes | str]) -> AsyncIterator[bytes]:
    for chunk in _slices(parts):
        yield chunk


class Client(httpx.Client):
    def build_request(self, method: str, url: Any, **kwargs: Any) -> httpx.Request:
        parts = _streamed(kwargs)
        if parts is not None:
            kwargs["content"] = _slices(parts)
        return super().build_request(method, url, **kwargs)


class AsyncClient(httpx.AsyncClient):
    def build_request(self, method: str, url: Any, **kwargs: Any) -> httpx.Request:
        parts = _streamed(kwargs)
        if parts is not None:
            kwargs["content"] = _aslices(parts)
        return super().build_request(method, url, **kwargs)
