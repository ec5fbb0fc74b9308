"""What the facade sends over httpx: our default clients, which key header a host takes, and lean JSON bodies.

A create with a local image carries up to 13.4 MB of base64 in one JSON string. Here the rest of the
document is serialized as httpx would, and each image is encoded from its file (or bytes) slice by slice
as the body is written, with an exact Content-Length: neither the file, nor its base64, nor the body is
ever whole in memory, whatever httpx client sends it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any, Protocol, cast

import httpx

from freepik_api.catalog import API_KEY_HEADER, API_KEY_HEADERS
from freepik_api.client import DEFAULT_TIMEOUT
from freepik_kling import __version__
from freepik_kling.errors import InvalidInputError, MissingAPIKeyError

USER_AGENT = f"freepik-kling/{__version__} python-httpx/{httpx.__version__}"


def _with_defaults(options: dict[str, Any]) -> dict[str, Any]:
    headers = httpx.Headers({"User-Agent": USER_AGENT})
    headers.update(options.get("headers") or {})
    return {"timeout": DEFAULT_TIMEOUT, **options, "headers": headers}


class DefaultHttpxClient(httpx.Client):
    """An ``httpx.Client`` with the facade's defaults: a finite timeout and a User-Agent naming this library.

    Pass one as ``http_client`` to change other settings (proxies, limits, transports) and keep those.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**_with_defaults(options))


class DefaultAsyncHttpxClient(httpx.AsyncClient):
    """The async twin of ``DefaultHttpxClient``."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**_with_defaults(options))


class APIKey:
    """The key (``api_key``, else ``$FREEPIK_API_KEY``, then ``$MAGNIFIC_API_KEY``), in the header its host
    reads it from: each documented server's own, else the default one.

    A malformed key is refused without being echoed, which logs would keep; the repr hides the key."""

    def __init__(self, value: object, base_url: str) -> None:
        if value is None:
            value = os.environ.get("FREEPIK_API_KEY") or os.environ.get("MAGNIFIC_API_KEY") or ""
        if not isinstance(value, str):
            raise InvalidInputError("api_key", f"must be a string, got {type(value).__name__}")
        if not value.strip():
            raise MissingAPIKeyError()
        if not re.fullmatch(r"[!-~]+", value.strip()):  # printable ASCII
            raise InvalidInputError("api_key", "has a space, line break or other character no key has")
        self._key = value.strip()
        known = {httpx.URL(server).join("/"): header for server, header in API_KEY_HEADERS.items()}  # by origin
        self.header = known.get(httpx.URL(base_url).join("/"), API_KEY_HEADER)

    def headers(self) -> dict[str, str]:
        return {self.header: self._key}

    def __repr__(self) -> str:
        return f"APIKey(header={self.header!r}, key=<hidden>)"


_AS_HTTPX: dict[str, Any] = {"ensure_ascii": False, "separators": (",", ":"), "allow_nan": False}
"""How httpx encodes ``json=``: a streamed body is byte for byte what httpx would have sent."""


class Streamed(Protocol):
    """A JSON string sent as it is encoded (a local image): ``len()`` bytes of ASCII that need no escaping."""

    def __len__(self) -> int: ...

    def chunks(self) -> Iterator[bytes]: ...


def lean_json(document: Any) -> tuple[list[bytes | Streamed], int] | None:
    """The parts of ``document`` as JSON (bytes, and the strings to encode as they are sent) and its byte
    length; None when it holds nothing to stream."""
    streamed: list[Streamed] = []

    def stand_in(value: Any) -> str:  # json calls it for what it cannot encode, at any depth
        if not callable(getattr(value, "chunks", None)):
            raise TypeError(f"{type(value).__name__} is not JSON")
        streamed.append(value)
        return f"\x00freepik-kling-streamed-{len(streamed) - 1}\x00"

    text = json.dumps(document, default=stand_in, **_AS_HTTPX)
    if not streamed:
        return None
    parts: list[bytes | Streamed] = []
    for index, value in enumerate(streamed):
        before, text = text.split(json.dumps(f"\x00freepik-kling-streamed-{index}\x00", **_AS_HTTPX), 1)
        parts += [before.encode() + b'"', value, b'"']
    parts.append(text.encode())
    return parts, sum(len(part) for part in parts)  # streamed strings are ASCII: one byte a character


def slices(parts: list[bytes | Streamed]) -> Iterator[bytes]:
    for part in parts:
        if isinstance(part, bytes):
            yield part
        else:
            yield from part.chunks()


async def aslices(parts: list[bytes | Streamed]) -> AsyncIterator[bytes]:
    for chunk in slices(parts):
        yield chunk


class _Bounded(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body that must have arrived by ``until`` on ``clock``: a server dripping bytes resets the
    read timeout with each one, so the whole body is bounded too."""

    def __init__(self, response: httpx.Response, clock: Any, until: float) -> None:
        self._response, self._stream, self._clock, self._until = response, response.stream, clock, until

    def _check(self) -> None:
        if self._clock.monotonic() > self._until:
            raise httpx.ReadTimeout("the deadline passed while the answer arrived", request=self._response.request)

    def __iter__(self) -> Iterator[bytes]:
        for chunk in cast(httpx.SyncByteStream, self._stream):
            self._check()
            yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in cast(httpx.AsyncByteStream, self._stream):
            self._check()
            yield chunk

    def close(self) -> None:
        cast(httpx.SyncByteStream, self._stream).close()

    async def aclose(self) -> None:
        await cast(httpx.AsyncByteStream, self._stream).aclose()


def bound(response: httpx.Response, clock: Any, until: float | None) -> None:
    """Makes reading ``response``'s body fail with ReadTimeout once ``until`` has passed."""
    if until is not None:
        response.stream = _Bounded(response, clock, until)
