"""``make bench``, section 5: concurrency."""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from contextlib import suppress
from typing import Any

from scripts.bench._measure import MB, Figure, peak_rss, simulator, worker

TASKS = 1000
CONCURRENCY = 100
QUEUED, PROCESSING = 0.2, 0.8


def bench_concurrency(rounds: int) -> list[Figure]:
    runs = []
    for _ in range(rounds):  # a fresh simulator each time: its record of requests grows with every run
        with simulator("--max-in-progress", "0", "--queued", str(QUEUED), "--processing", str(PROCESSING)) as server:
            runs.append(worker("concurrency", *server))
    minimum = -(-TASKS // CONCURRENCY) * (QUEUED + PROCESSING)
    ratio = [run["wall"] / minimum for run in runs]
    rss = [run["rss"] / MB for run in runs]
    sockets = [run["sockets"] for run in runs]
    requests = statistics.median(run["requests"] for run in runs)
    sequential = worker("sequential")
    return [
        Figure(
            "concurrency",
            f"{TASKS} tasks, AsyncFreepik, {CONCURRENCY} at once: wall",
            [run["wall"] for run in runs],
            "s",
            note=f"simulator's minimum {minimum:.1f} s; {requests:.0f} requests",
        ),
        Figure("concurrency", "wall / simulator's minimum", ratio, "x", "<= 1.2", statistics.median(ratio) <= 1.2),
        Figure("concurrency", "peak RSS of the client process", rss, "MB", "<= 43", statistics.median(rss) <= 43),
        Figure("concurrency", "peak open HTTP connections", sockets, "", "<= 100 (pool limit)", max(sockets) <= 100),
        Figure(
            "concurrency",
            f"{TASKS} sequential get(), sync client: TCP connections",
            [sequential["connections"]],
            "",
            "1",
            sequential["connections"] == 1,
            note=f"{sequential['us']:.0f} µs per call",
        ),
    ]


def _open_sockets() -> int:
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        with suppress(OSError):
            count += os.readlink(f"/proc/self/fd/{fd}").startswith("socket:")
    return count


def worker_concurrency(base_url: str, key: str) -> dict[str, Any]:
    import httpx

    from freepik_kling import AsyncFreepik

    requests = 0

    async def count(request: httpx.Request) -> None:
        nonlocal requests
        requests += 1

    async def main() -> dict[str, Any]:
        peak = 0
        done = asyncio.Event()

        async def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _open_sockets())
                await asyncio.sleep(0.02)

        http = httpx.AsyncClient(event_hooks={"request": [count]})
        # The simulator lifts the per-key limit, so the client lifts its own: 100 tasks at once.
        async with AsyncFreepik(api_key=key, base_url=base_url, http_client=http, max_in_progress=None) as client:
            gate = asyncio.Semaphore(CONCURRENCY)

            async def one(number: int) -> None:
                async with gate:
                    await client.kling_v2.run(image=f"https://example.com/{number}.jpg", duration=5, poll_interval=0.1)

            before = _open_sockets()  # asyncio's own self-pipe is a socket pair
            sampler = asyncio.create_task(sample())
            started = time.perf_counter()
            await asyncio.gather(*(one(number) for number in range(TASKS)))
            wall = time.perf_counter() - started
            done.set()
            await sampler
        await http.aclose()
        return {"wall": wall, "sockets": peak - before, "requests": requests}

    result = asyncio.run(main())
    return {**result, "rss": peak_rss()}


def worker_sequential() -> dict[str, Any]:
    from freepik_kling.testing import FreepikServer

    with FreepikServer(max_in_progress=None) as server, server.client() as client:
        task = client.kling_v2.create(image="https://example.com/cat.jpg", duration=5)
        server.requests.clear()
        started = time.perf_counter()
        for _ in range(TASKS):
            client.kling_v2.get(task)
        elapsed = time.perf_counter() - started
        return {"connections": len({r.peer for r in server.requests}), "us": elapsed / TASKS * 1e6}
