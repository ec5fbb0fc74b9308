"""Large base64 bodies are streamed, byte for byte what httpx's json= would send."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import httpx
import pytest

from freepik_kling import AsyncFreepik, DefaultAsyncHttpxClient, DefaultHttpxClient, Freepik
from freepik_kling._http import LARGE, lean_json
from tests.helpers import image_bytes

CREATED = {"data": {"task_id": "t1", "status": "CREATED"}}


def httpx_encoding(document: dict[str, object]) -> bytes:
    return httpx.Request("POST", "https://x", json=document).read()


class Recorder(httpx.BaseTransport, httpx.AsyncBaseTransport):
    def __init__(self, *statuses: int) -> None:
        self.statuses = list(statuses)
        self.bodies: list[bytes] = []
        self.headers: list[httpx.Headers] = []
        self.chunks: list[int] = []

    def _answer(self, request: httpx.Request, body: bytes, chunks: int) -> httpx.Response:
        self.bodies.append(body)
        self.headers.append(request.headers)
        self.chunks.append(chunks)
        return httpx.Response(self.statuses.pop(0) if self.statuses else 200, json=CREATED)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        parts = list(request.stream)  # type: ignore[arg-type]
        return self._answer(request, b"".join(parts), len(parts))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        parts = [part async for part in request.stream]  # type: ignore[union-attr]
        return self._answer(request, b"".join(parts), len(parts))


@pytest.fixture
def big_png(tmp_path: Path) -> Path:
    path = tmp_path / "big.png"
    import os

    from PIL import Image

    Image.frombytes("RGB", (1200, 1000), os.urandom(1200 * 1000 * 3)).save(path)
    assert path.stat().st_size * 4 / 3 > LARGE
    return path


def test_streamed_body_is_exactly_the_json_body(big_png: Path) -> None:
    transport = Recorder(429)  # and a retry builds it again
    client = Freepik(api_key="k", http_client=DefaultHttpxClient(transport=transport), max_retries=1)
    client.kling_v2.create(image=big_png, duration=5, prompt='ünïcödé "quoted"')
    first, second = transport.bodies
    assert first == second
    document = json.loads(first)
    assert base64.b64decode(document["image"]) == big_png.read_bytes()
    assert first == httpx_encoding(document)
    assert transport.headers[0]["content-length"] == str(len(first))
    assert "transfer-encoding" not in transport.headers[0]
    assert transport.chunks[0] > 3  # it really was streamed in slices


@pytest.mark.anyio
async def test_async_streams_the_same_bytes(big_png: Path) -> None:
    transport = Recorder()
    async with AsyncFreepik(api_key="k", http_client=DefaultAsyncHttpxClient(transport=transport)) as client:
        await client.kling_v2.create(image=big_png, duration=10)
    assert transport.bodies[0] == httpx_encoding(json.loads(transport.bodies[0]))
    assert transport.chunks[0] > 3


def test_small_bodies_and_strings_that_need_escaping_are_left_to_httpx() -> None:
    assert lean_json({"image": "https://x/cat.jpg", "duration": "5"}) is None
    assert lean_json({"prompt": '"' * LARGE}) is None
    assert lean_json({"prompt": "é" * LARGE}) is None
    assert lean_json(["not", "a", "dict"]) is None
    _parts, length = lean_json({"a": 1, "image": "A" * LARGE, "b": "ü"})  # type: ignore[misc]
    assert length == len(httpx_encoding({"a": 1, "image": "A" * LARGE, "b": "ü"}))


def test_default_clients_are_lean() -> None:
    assert isinstance(Freepik(api_key="k")._http, DefaultHttpxClient)
    assert isinstance(AsyncFreepik(api_key="k")._http, DefaultAsyncHttpxClient)


def test_a_small_image_is_unaffected(tmp_path: Path) -> None:
    path = tmp_path / "small.png"
    path.write_bytes(image_bytes(400, 300))
    transport = Recorder()
    Freepik(api_key="k", http_client=DefaultHttpxClient(transport=transport)).kling_v2.create(image=path, duration=5)
    assert transport.chunks == [1]
    assert base64.b64decode(json.loads(transport.bodies[0])["image"]) == path.read_bytes()
