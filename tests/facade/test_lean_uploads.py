"""Local images are encoded as the body is streamed, byte for byte what httpx's json= would send."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import httpx
import pytest

from freepik_kling import AsyncFreepik, DefaultAsyncHttpxClient, DefaultHttpxClient, Freepik, errors
from freepik_kling._http import lean_json
from freepik_kling._inputs import LocalImage
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
    assert path.stat().st_size > 3 * 2**20  # several slices
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


def test_bodies_without_local_images_are_left_to_httpx_and_images_stream_at_any_depth() -> None:
    assert lean_json({"image": "https://x/cat.jpg", "duration": "5"}) is None
    assert lean_json({"prompt": "é" * 2**20}) is None
    assert lean_json(["not", "a", "dict"]) is None
    with pytest.raises(TypeError, match="object is not JSON"):
        lean_json({"a": object()})
    data = bytes(range(256)) * 5000
    encoded = base64.b64encode(data).decode()
    document = {"a": 1, "image": LocalImage(memoryview(data), len(data)), "b": "ü", "masks": [{"mask": None}]}
    document["masks"][0]["mask"] = LocalImage(memoryview(data[:1000]), 1000)  # type: ignore[index]
    parts, length = lean_json(document)  # type: ignore[misc]
    expected = {**document, "image": encoded, "masks": [{"mask": base64.b64encode(data[:1000]).decode()}]}
    body = b"".join(part if isinstance(part, bytes) else b"".join(part.chunks()) for part in parts)
    assert body == httpx_encoding(expected)
    assert length == len(body)


def test_default_clients_are_lean() -> None:
    assert isinstance(Freepik(api_key="k")._http, DefaultHttpxClient)
    assert isinstance(AsyncFreepik(api_key="k")._http, DefaultAsyncHttpxClient)


def test_a_small_image_and_bytes_are_sent_the_same_way(tmp_path: Path) -> None:
    path = tmp_path / "small.png"
    path.write_bytes(image_bytes(400, 300))
    transport = Recorder()
    client = Freepik(api_key="k", http_client=DefaultHttpxClient(transport=transport))
    client.kling_v2.create(image=path, duration=5)
    client.kling_v2.create(image=path.read_bytes(), duration=5)
    with path.open("rb") as file:
        client.kling_v2.create(image=file, duration=5)
    assert transport.bodies[0] == transport.bodies[1] == transport.bodies[2]
    assert base64.b64decode(json.loads(transport.bodies[0])["image"]) == path.read_bytes()


@pytest.mark.anyio
async def test_several_image_fields_in_one_body_sync_and_async(big_png: Path, tmp_path: Path) -> None:
    last = tmp_path / "last.png"
    last.write_bytes(image_bytes(640, 480))
    sync_transport, async_transport = Recorder(), Recorder()
    arguments = {"first_frame": big_png, "last_frame": last.read_bytes(), "prompt": "a morph", "duration": "5"}
    Freepik(api_key="k", http_client=DefaultHttpxClient(transport=sync_transport)).kling_o1_pro.create(**arguments)
    async with AsyncFreepik(api_key="k", http_client=DefaultAsyncHttpxClient(transport=async_transport)) as client:
        await client.kling_o1_pro.create(**arguments)
    assert sync_transport.bodies == async_transport.bodies
    document = json.loads(sync_transport.bodies[0])
    assert base64.b64decode(document["first_frame"]) == big_png.read_bytes()
    assert base64.b64decode(document["last_frame"]) == last.read_bytes()
    assert sync_transport.bodies[0] == httpx_encoding(document)
    assert sync_transport.chunks[0] > 5


def test_the_rest_of_the_body_is_checked_before_anything_is_sent(big_png: Path) -> None:
    transport = Recorder()
    client = Freepik(api_key="k", http_client=DefaultHttpxClient(transport=transport))
    with pytest.raises(errors.InvalidInputError, match="duration"):
        client.kling_v2.create(image=big_png, duration=7)
    with pytest.raises(errors.InvalidInputError, match="cfg_scale"):
        client.kling_v2.create(image=big_png, duration=5, cfg_scale=3)
    assert transport.bodies == []


def test_a_file_that_shrinks_after_its_check_is_not_sent_short(big_png: Path) -> None:
    class Shrinking(Recorder):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            big_png.write_bytes(big_png.read_bytes()[:100_000])  # between the check and the upload
            return super().handle_request(request)

    client = Freepik(api_key="k", http_client=DefaultHttpxClient(transport=Shrinking()))
    with pytest.raises(errors.APIConnectionError, match="got shorter after it was checked") as caught:
        client.kling_v2.create(image=big_png, duration=5)
    assert caught.value.outcome_unknown is False
