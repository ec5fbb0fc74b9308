"""``make bench``, section 6: large input."""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from scripts.bench._measure import MB, TASK_ID, Figure, peak_rss, reset_peak, worker


def make_large_jpeg(path: Path, target: int = int(9.5 * MB)) -> int:
    """A real JPEG of about ``target`` bytes (noise does not compress) within the API's 10 MB limit."""
    from PIL import Image

    width, height = 3400, 2550
    noise = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    quality = 96
    while True:
        noise.save(path, format="JPEG", quality=quality)
        size = path.stat().st_size
        if size <= target:
            return size
        quality -= 1


def bench_large_input(rounds: int) -> list[Figure]:
    """A 9.5 MB path upload, sync and async side by side (alternating, each in a fresh process)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.jpg"
        size = make_large_jpeg(path)
        runs: dict[str, list[dict[str, Any]]] = {"sync": [], "async": []}
        for _ in range(rounds):
            for mode, results in runs.items():
                results.append(worker("large-input", str(path), mode))
    figures = [Figure("large input", "file size", [size / MB], "MB")]
    for mode, results in runs.items():
        multiples = [run["added"] / size for run in results]
        ratio = [run["create"] / run["base64"] for run in results]
        figures += [
            Figure(
                "large input",
                f"{mode} create(image=path): peak RSS above baseline / file size",
                multiples,
                "x",
                "<= 0.5",
                statistics.median(multiples) <= 0.5,
            ),
            Figure("large input", f"{mode} create(image=path) time", [run["create"] * 1000 for run in results], "ms"),
            Figure("large input", f"{mode} read + base64 alone", [run["base64"] * 1000 for run in results], "ms"),
            Figure(
                "large input",
                f"{mode} create / read + base64 alone",
                ratio,
                "x",
                "<= 1.5",
                statistics.median(ratio) <= 1.5,
                note="checks, JSON, one HTTP request",
            ),
        ]
    return figures


def worker_large_input(path: str, mode: str) -> dict[str, Any]:
    import asyncio
    import base64

    import httpx

    from freepik_kling import AsyncFreepik, DefaultAsyncHttpxClient, DefaultHttpxClient, Freepik

    created = json.dumps({"data": {"task_id": TASK_ID, "status": "CREATED"}}).encode()

    class Socketlike(httpx.BaseTransport, httpx.AsyncBaseTransport):
        """Consumes the body chunk by chunk, as a socket does (MockTransport would join it first)."""

        received = 0

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            for chunk in request.stream:  # type: ignore[union-attr]
                self.received += len(chunk)
            return httpx.Response(200, content=created)

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            async for chunk in request.stream:  # type: ignore[union-attr]
                self.received += len(chunk)
            return httpx.Response(200, content=created)

    transport = Socketlike()
    small = Path(path).with_name(f"small-{mode}.jpg")
    from PIL import Image

    Image.new("RGB", (400, 400)).save(small)
    if mode == "sync":
        client = Freepik(api_key="k", http_client=DefaultHttpxClient(transport=transport))
        client.kling_v2.create(image=small, duration=5)  # warm every code path first
        baseline = reset_peak()
        started = time.perf_counter()
        client.kling_v2.create(image=path, duration=5)
        create = time.perf_counter() - started
    else:
        aclient = AsyncFreepik(api_key="k", http_client=DefaultAsyncHttpxClient(transport=transport))

        async def timed(image: str | Path) -> float:
            started = time.perf_counter()
            await aclient.kling_v2.create(image=image, duration=5)
            return time.perf_counter() - started

        loop = asyncio.new_event_loop()
        loop.run_until_complete(timed(small))
        baseline = reset_peak()
        create = loop.run_until_complete(timed(path))
    added = peak_rss() - baseline
    started = time.perf_counter()
    base64.b64encode(Path(path).read_bytes())
    encode = time.perf_counter() - started
    assert transport.received > Path(path).stat().st_size  # the whole body was produced
    return {"added": added, "create": create, "base64": encode}
