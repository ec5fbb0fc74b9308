"""``make bench``, section 7: download."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from scripts.bench._measure import MB, Figure, alternate, peak_rss, ratios, reset_peak, simulator, worker

VIDEO_BYTES = 200 * 1000 * 1000


def bench_download(rounds: int) -> list[Figure]:
    options = ["--max-in-progress", "0", "--queued", "0", "--processing", "0", "--video-size", str(VIDEO_BYTES)]
    with simulator(*options) as (url, key):
        result = worker("download", url, key, str(rounds))
    ratio = ratios(result["facade"], result["raw"])
    added = result["added"] / MB
    return [
        Figure("download (200 MB)", "facade throughput", result["facade"], "MB/s", note="temp file, atomic rename"),
        Figure("download (200 MB)", "raw httpx stream throughput", result["raw"], "MB/s", note="write only"),
        Figure("download (200 MB)", "facade / raw", ratio, "x", ">= 0.9", statistics.median(ratio) >= 0.9),
        Figure("download (200 MB)", "peak RSS above baseline", [added], "MB", "< 30", added < 30),
        Figure("download (200 MB)", "facade throughput, fsync=True", result["durable"], "MB/s", note="what batch uses"),
    ]


def worker_download(base_url: str, key: str, rounds: str) -> dict[str, Any]:
    import httpx

    from freepik_kling import Freepik

    with tempfile.TemporaryDirectory() as tmp, Freepik(api_key=key, base_url=base_url) as client:
        task = client.kling_v2.run(image="https://example.com/cat.jpg", duration=5, poll_interval=0.05)
        raw = httpx.Client()
        target = Path(tmp) / "video.mp4"

        def facade(fsync: bool = False) -> float:
            target.unlink(missing_ok=True)
            started = time.perf_counter()
            client.download(task, target, fsync=fsync)
            return VIDEO_BYTES / MB / (time.perf_counter() - started)

        def plain() -> float:
            target.unlink(missing_ok=True)
            started = time.perf_counter()
            with raw.stream("GET", task.videos[0]) as response, target.open("wb") as handle:
                for chunk in response.iter_bytes(1024 * 1024):
                    handle.write(chunk)
            return VIDEO_BYTES / MB / (time.perf_counter() - started)

        plain()  # warm the page cache and the connection for both
        baseline = reset_peak()
        facade_rates, raw_rates = alternate(facade, plain, int(rounds))
        durable = [facade(fsync=True) for _ in range(int(rounds))]
        return {"facade": facade_rates, "raw": raw_rates, "durable": durable, "added": peak_rss() - baseline}
