"""``make bench``: what the client adds on top of the network and the API, side by side with raw httpx.

Usage: ``python -m scripts.bench [--out docs/benchmarks.md]``. Every figure is the median of repeated runs
(with min and max); every ratio compares A and B measured in the same run, alternating. Budgets are
checked here, never in unit tests; the exit code is 1 if any budget fails. Figures that depend on peak
memory run in fresh worker processes (``--worker NAME``), so one measurement cannot inflate another.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TASK_ID = "046b6c7f-0b8a-43b9-b35d-6489e6daee91"
MB = 1024 * 1024


@dataclass
class Figure:
    section: str
    name: str
    values: list[float]
    unit: str
    budget: str = ""
    ok: bool | None = None
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def cells(self) -> list[str]:
        low, high = min(self.values), max(self.values)
        spread = f"{_fmt(low)} .. {_fmt(high)}" if len(self.values) > 1 else ""
        verdict = "" if self.ok is None else ("PASS" if self.ok else "FAIL")
        return [self.section, self.name, f"{_fmt(self.median)} {self.unit}", spread, self.budget, verdict, self.note]


def _fmt(value: float) -> str:
    if value == 0 or abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"


def worker(name: str, *args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``--worker NAME`` in a fresh interpreter; it prints one JSON object."""
    result = subprocess.run(
        [sys.executable, "-m", "scripts.bench", "--worker", name, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )
    if result.returncode != 0:
        raise RuntimeError(f"worker {name} failed:\n{result.stderr}")
    data: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


@contextmanager
def simulator(*args: str) -> Iterator[tuple[str, str]]:
    """The simulator in its own process (real time), so its work and memory are not the client's."""
    process = subprocess.Popen(
        [sys.executable, "-m", "freepik_kling.testing", "--port", "0", "--api-key", "bench-key", *args],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip().split("=", 1)[1]
        process.stdout.readline()
        # It prints a line per request: drain them, or a full pipe stops it mid-benchmark.
        threading.Thread(target=process.stdout.read, daemon=True).start()
        yield base_url, "bench-key"
    finally:
        process.terminate()
        process.wait(10)


def peak_rss() -> int:
    """Peak resident memory of this process since start or the last :func:`reset_peak`, in bytes."""
    status = Path("/proc/self/status")
    if status.exists():
        return int(re.findall(r"VmHWM:\s+(\d+) kB", status.read_text())[0]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB


def reset_peak() -> int:
    """Start a new peak-memory window (Linux: clear_refs 5); returns the resident memory now."""
    import gc

    gc.collect()
    with suppress(OSError, IndexError, ValueError):
        Path("/proc/self/clear_refs").write_text("5")
    return int(re.findall(r"VmRSS:\s+(\d+) kB", Path("/proc/self/status").read_text())[0]) * 1024


# -- 1. import ----------------------------------------------------------------------------------------


def import_cost(statement: str) -> float:
    """Microseconds ``statement`` spends importing, from ``python -X importtime`` in a fresh process."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement], capture_output=True, text=True, check=True, cwd=ROOT
    )
    total = 0
    for line in result.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit() and not parts[2].startswith("  "):
            total += int(parts[1])  # cumulative time of each top-level import
    return float(total)


def startup_cost(code: str) -> float:
    """Milliseconds ``code`` takes in a fresh interpreter, timed from inside it (imports included)."""
    timed = f"import time\n_start = time.perf_counter()\n{code}\nprint(time.perf_counter() - _start)"
    result = subprocess.run([sys.executable, "-c", timed], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(result.stdout.strip().splitlines()[-1]) * 1000


def process_cost(*args: str) -> float:
    """Milliseconds of wall time for a whole fresh process, interpreter start-up included."""
    started = time.perf_counter()
    subprocess.run([sys.executable, *args], capture_output=True, check=True, cwd=ROOT)
    return (time.perf_counter() - started) * 1000


def bench_startup(rounds: int) -> list[Figure]:
    """With every model shipped: a client and its first resource, and the command line's help."""
    client = "from freepik_kling import Freepik\nclient = Freepik(api_key='k')\nclient.kling_v2_1_pro"
    raw = "import httpx\nhttpx.Client()"
    ours, theirs = alternate(lambda: startup_cost(client), lambda: startup_cost(raw), rounds)
    helps, imports = alternate(
        lambda: process_cost("-m", "freepik_kling", "--help"), lambda: process_cost("-c", "import httpx"), rounds
    )
    ratio, help_ratio = _ratios(ours, theirs), _ratios(helps, imports)
    return [
        Figure("start-up", "Freepik() and its first resource, fresh process", ours, "ms"),
        Figure("start-up", "import httpx; httpx.Client(), fresh process", theirs, "ms"),
        Figure(
            "start-up",
            "client and first resource / httpx + Client()",
            ratio,
            "x",
            "<= 1.3",
            statistics.median(ratio) <= 1.3,
        ),
        Figure("start-up", "freepik-kling --help, whole process", helps, "ms"),
        Figure("start-up", "python -c 'import httpx', whole process", imports, "ms"),
        Figure(
            "start-up",
            "freepik-kling --help / import httpx",
            help_ratio,
            "x",
            "<= 1.3",
            statistics.median(help_ratio) <= 1.3,
        ),
    ]


def bench_import(rounds: int) -> list[Figure]:
    statements = {
        "httpx": "import httpx",
        "freepik_kling": "import freepik_kling",
        "Freepik": "from freepik_kling import Freepik",
    }
    times: dict[str, list[float]] = {name: [] for name in statements}
    for _ in range(rounds):
        for name, statement in statements.items():
            times[name].append(import_cost(statement) / 1000)
    ratios = [a / b for a, b in zip(times["Freepik"], times["httpx"], strict=True)]
    bare = [a / b for a, b in zip(times["freepik_kling"], times["httpx"], strict=True)]
    return [
        Figure("import", "import httpx", times["httpx"], "ms"),
        Figure("import", "import freepik_kling", times["freepik_kling"], "ms"),
        Figure("import", "import freepik_kling / import httpx", bare, "x", "<= 1.3", statistics.median(bare) <= 1.3),
        Figure("import", "from freepik_kling import Freepik", times["Freepik"], "ms", note="httpx + attrs + facade"),
        Figure(
            "import",
            "from freepik_kling import Freepik / import httpx",
            ratios,
            "x",
            "<= 1.3",
            statistics.median(ratios) <= 1.3,
        ),
    ]


# -- 2. per-call overhead -----------------------------------------------------------------------------


def alternate(first: Callable[[], float], second: Callable[[], float], rounds: int) -> tuple[list[float], list[float]]:
    a, b = [], []
    for _ in range(rounds):
        a.append(first())
        b.append(second())
    return a, b


def per_call(fn: Callable[[], object], calls: int) -> float:
    """Microseconds per call."""
    started = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - started) / calls * 1e6


def bench_per_call(rounds: int) -> list[Figure]:
    import httpx

    from freepik_kling import Freepik

    status = json.dumps(
        {"data": {"task_id": TASK_ID, "status": "COMPLETED", "generated": ["https://cdn/x.mp4"]}}
    ).encode()
    created = json.dumps({"data": {"task_id": TASK_ID, "status": "CREATED"}}).encode()

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=created if request.method == "POST" else status)

    base = "https://api.freepik.com"
    raw = httpx.Client(transport=httpx.MockTransport(handler), base_url=base)
    facade = Freepik(api_key="k", http_client=httpx.Client(transport=httpx.MockTransport(handler)))
    url = f"/v1/ai/image-to-video/kling-v2/{TASK_ID}"
    body = {"image": "https://example.com/cat.jpg", "duration": "5"}
    facade.kling_v2.get(TASK_ID)  # load the operation modules first: that is the first-call figure
    calls = 2000
    get_f, get_r = alternate(
        lambda: per_call(lambda: facade.kling_v2.get(TASK_ID), calls),
        lambda: per_call(lambda: raw.get(url, headers={"x-freepik-api-key": "k"}).json(), calls),
        rounds,
    )
    post_f, post_r = alternate(
        lambda: per_call(lambda: facade.kling_v2.create(image=body["image"], duration=5), calls),
        lambda: per_call(
            lambda: raw.post("/v1/ai/image-to-video/kling-v2", json=body, headers={"x-freepik-api-key": "k"}).json(),
            calls,
        ),
        rounds,
    )
    figures = [
        Figure("per call, MockTransport", "get(): facade", get_f, "µs"),
        Figure("per call, MockTransport", "get(): raw httpx get + json()", get_r, "µs"),
        Figure(
            "per call, MockTransport",
            "get(): overhead",
            [f - r for f, r in zip(get_f, get_r, strict=True)],
            "µs",
            note="what the facade adds per call",
        ),
        Figure("per call, MockTransport", "get(): facade / raw", _ratios(get_f, get_r), "x"),
        Figure("per call, MockTransport", "create(URL): facade", post_f, "µs"),
        Figure("per call, MockTransport", "create(URL): raw httpx post + json()", post_r, "µs"),
        Figure("per call, MockTransport", "create(URL): facade / raw", _ratios(post_f, post_r), "x"),
    ]

    with simulator("--max-in-progress", "0") as (base_url, key):
        facade = Freepik(api_key=key, base_url=base_url)
        raw = httpx.Client(base_url=base_url, headers={"x-freepik-api-key": key})
        task_id = facade.kling_v2.create(image=body["image"], duration=5).id
        path = f"/v1/ai/image-to-video/kling-v2/{task_id}"
        loop_calls = 200
        get_f, get_r = alternate(
            lambda: per_call(lambda: facade.kling_v2.get(task_id), loop_calls),
            lambda: per_call(lambda: raw.get(path).json(), loop_calls),
            rounds,
        )
        post_f, post_r = alternate(
            lambda: per_call(lambda: facade.kling_v2.create(image=body["image"], duration=5), loop_calls),
            lambda: per_call(lambda: raw.post("/v1/ai/image-to-video/kling-v2", json=body).json(), loop_calls),
            rounds,
        )
        facade.close()
        raw.close()
    get_ratio, post_ratio = _ratios(get_f, get_r), _ratios(post_f, post_r)
    return [
        *figures,
        Figure("per call, loopback", "get(): facade", get_f, "µs"),
        Figure("per call, loopback", "get(): raw httpx", get_r, "µs"),
        Figure(
            "per call, loopback", "get(): facade / raw", get_ratio, "x", "<= 1.15", statistics.median(get_ratio) <= 1.15
        ),
        Figure("per call, loopback", "create(URL): facade", post_f, "µs"),
        Figure("per call, loopback", "create(URL): raw httpx", post_r, "µs"),
        Figure(
            "per call, loopback",
            "create(URL): facade / raw",
            post_ratio,
            "x",
            "<= 1.15",
            statistics.median(post_ratio) <= 1.15,
        ),
    ]


def _ratios(a: list[float], b: list[float]) -> list[float]:
    return [x / y for x, y in zip(a, b, strict=True)]


# -- 3. construction and first request ----------------------------------------------------------------


def bench_construction(rounds: int) -> list[Figure]:
    import httpx

    from freepik_kling import Freepik

    def build_facade() -> float:
        return per_call(lambda: Freepik(api_key="k").close(), 50)

    def build_raw() -> float:
        return per_call(lambda: httpx.Client().close(), 50)

    facade, raw = alternate(build_facade, build_raw, rounds)
    first_f, first_r = alternate(
        lambda: worker("first-request", "facade")["us"], lambda: worker("first-request", "raw")["us"], rounds
    )
    return [
        Figure("construction", "Freepik() + close()", facade, "µs"),
        Figure("construction", "httpx.Client() + close()", raw, "µs"),
        Figure("construction", "Freepik() / httpx.Client()", _ratios(facade, raw), "x"),
        Figure(
            "construction", "first get(), fresh process: facade", first_f, "µs", note="client + lazy imports + call"
        ),
        Figure("construction", "first get(), fresh process: raw httpx", first_r, "µs"),
    ]


def worker_first_request(kind: str) -> dict[str, Any]:
    import httpx

    payload = {"data": {"task_id": TASK_ID, "status": "IN_PROGRESS", "generated": []}}
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=payload))
    started = time.perf_counter()
    if kind == "facade":
        from freepik_kling import Freepik

        Freepik(api_key="k", http_client=httpx.Client(transport=transport)).kling_v2.get(TASK_ID)
    else:
        client = httpx.Client(transport=transport, base_url="https://api.freepik.com")
        client.get(f"/v1/ai/image-to-video/kling-v2/{TASK_ID}", headers={"x-freepik-api-key": "k"}).json()
    return {"us": (time.perf_counter() - started) * 1e6}


# -- 4. poll economy ----------------------------------------------------------------------------------


def bench_polls() -> list[Figure]:
    from freepik_kling.testing import FreepikServer, Timings

    figures = []
    with FreepikServer(timings=Timings(queued=0.0, processing=1.0), max_in_progress=None) as server:
        client = server.client()
        for seconds, label, most in ((30, "30 s", None), (120, "2 min", None), (600, "10 min", 40)):
            results = {}
            for mode, interval in (("adaptive (default)", None), ("fixed 1 s", 1.0)):
                server.reset()
                server.timings.processing = seconds
                started = server.clock.monotonic()
                task = client.kling_v2.create(image="https://example.com/cat.jpg", duration=5)
                client.kling_v2.wait(task, poll_interval=interval)
                polls = sum(1 for r in server.requests if r.method == "GET")
                delay = server.clock.monotonic() - started - seconds
                results[mode] = (polls, delay)
            polls, delay = results["adaptive (default)"]
            ok = None if most is None else polls <= most and delay < 15
            figures.append(
                Figure(
                    "poll economy",
                    f"{label} task: status requests, default wait",
                    [polls],
                    "",
                    f"<= {most}" if most else "",
                    ok,
                    note=f"fixed 1 s poll: {results['fixed 1 s'][0]}; webhook flow: 0",
                )
            )
            figures.append(
                Figure(
                    "poll economy",
                    f"{label} task: detection delay, default wait",
                    [delay],
                    "s",
                    "< 15" if most else "",
                    None if most is None else delay < 15,
                    note=f"fixed 1 s poll: {results['fixed 1 s'][1]:.1f} s; webhook: at the change",
                )
            )
    return figures


# -- 5. concurrency -----------------------------------------------------------------------------------

TASKS = 1000
CONCURRENCY = 100
QUEUED, PROCESSING = 0.2, 0.8


def bench_concurrency() -> list[Figure]:
    with simulator("--max-in-progress", "0", "--queued", str(QUEUED), "--processing", str(PROCESSING)) as (url, key):
        result = worker("concurrency", url, key)
    minimum = -(-TASKS // CONCURRENCY) * (QUEUED + PROCESSING)
    sequential = worker("sequential")
    return [
        Figure(
            "concurrency",
            f"{TASKS} tasks, AsyncFreepik, {CONCURRENCY} at once: wall",
            [result["wall"]],
            "s",
            note=f"simulator's minimum {minimum:.1f} s; {result['requests']} requests",
        ),
        Figure("concurrency", "wall / simulator's minimum", [result["wall"] / minimum], "x"),
        Figure("concurrency", "peak RSS of the client process", [result["rss"] / MB], "MB"),
        Figure(
            "concurrency",
            "peak open HTTP connections",
            [result["sockets"]],
            "",
            "<= 100 (pool limit)",
            result["sockets"] <= 100,
        ),
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
        async with AsyncFreepik(api_key=key, base_url=base_url, http_client=http) as client:
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


# -- 6. large input -----------------------------------------------------------------------------------


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
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.jpg"
        size = make_large_jpeg(path)
        runs = [worker("large-input", str(path)) for _ in range(rounds)]
    multiples = [run["added"] / size for run in runs]
    ratio = [run["create"] / run["base64"] for run in runs]
    return [
        Figure("large input", "file size", [size / MB], "MB"),
        Figure(
            "large input",
            "create(image=path): peak RSS above baseline / file size",
            multiples,
            "x",
            "<= 3",
            statistics.median(multiples) <= 3,
        ),
        Figure("large input", "create(image=path) time", [run["create"] * 1000 for run in runs], "ms"),
        Figure("large input", "read + base64 alone", [run["base64"] * 1000 for run in runs], "ms"),
        Figure("large input", "create / base64 alone", ratio, "x", note="checks, JSON, one HTTP request"),
    ]


def worker_large_input(path: str) -> dict[str, Any]:
    import base64

    import httpx

    from freepik_kling import DefaultHttpxClient, Freepik

    created = json.dumps({"data": {"task_id": TASK_ID, "status": "CREATED"}}).encode()

    class Socketlike(httpx.BaseTransport):
        """Consumes the body chunk by chunk, as a socket does (MockTransport would join it first)."""

        received = 0

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            for chunk in request.stream:  # type: ignore[union-attr]
                self.received += len(chunk)
            return httpx.Response(200, content=created)

    transport = Socketlike()
    client = Freepik(api_key="k", http_client=DefaultHttpxClient(transport=transport))
    small = Path(path).with_name("small.jpg")
    from PIL import Image

    Image.new("RGB", (400, 400)).save(small)
    client.kling_v2.create(image=small, duration=5)  # warm every code path first
    baseline = reset_peak()
    started = time.perf_counter()
    client.kling_v2.create(image=path, duration=5)
    create = time.perf_counter() - started
    added = peak_rss() - baseline
    started = time.perf_counter()
    base64.b64encode(Path(path).read_bytes())
    encode = time.perf_counter() - started
    assert transport.received > Path(path).stat().st_size  # the whole body was produced
    return {"added": added, "create": create, "base64": encode}


# -- 7. download --------------------------------------------------------------------------------------

VIDEO_BYTES = 200 * 1000 * 1000


def bench_download(rounds: int) -> list[Figure]:
    options = ["--max-in-progress", "0", "--queued", "0", "--processing", "0", "--video-size", str(VIDEO_BYTES)]
    with simulator(*options) as (url, key):
        result = worker("download", url, key, str(rounds))
    ratio = _ratios(result["facade"], result["raw"])
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


# -- 8. regeneration ----------------------------------------------------------------------------------


def bench_generate(rounds: int) -> list[Figure]:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROOT / "openapi", Path(tmp) / "openapi")
        for _ in range(rounds):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "scripts.generate", "--root", tmp], cwd=ROOT, check=True)
            times.append(time.perf_counter() - started)
    return [
        Figure(
            "regeneration",
            "make generate (sources -> spec -> client), 29 models",
            times,
            "s",
            "< 15",
            statistics.median(times) < 15,
        )
    ]


# -- 9. batch ----------------------------------------------------------------------------------------

BATCH_JOBS = 30
BATCH_TASK = (5.0, 115.0)  # seconds CREATED, then IN_PROGRESS: a 2-minute task
BATCH_SLOTS = 3  # the simulator's (and the API's) tasks in progress per key


def bench_batch(rounds: int) -> list[Figure]:
    """``Batch`` against the simulator on its manual clock: the makespan is simulated time, so it measures
    the schedule (how soon a finished task is seen, how busy the key's slots stay), not this machine."""
    from freepik_kling import Batch
    from freepik_kling.testing import FreepikServer, Timings

    ideal = -(-BATCH_JOBS // BATCH_SLOTS) * sum(BATCH_TASK)
    jobs = [{"image": f"https://example.com/{n}.jpg", "duration": 5, "prompt": f"{n}"} for n in range(BATCH_JOBS)]
    makespans, per_job, detail = [], [], ""
    for _ in range(rounds):
        server = FreepikServer(timings=Timings(*BATCH_TASK), max_in_progress=BATCH_SLOTS)
        with server, tempfile.TemporaryDirectory() as tmp:
            batch = Batch(
                journal=Path(tmp) / "journal.sqlite",
                out=Path(tmp) / "videos",
                api_key=server.api_key,
                base_url=server.base_url,
                clock=server.clock,
            )
            started = server.clock.monotonic()
            result = batch.run(jobs)
            makespans.append(server.clock.monotonic() - started)
            status = [r for r in server.requests if r.method == "GET" and not r.path.startswith("/_sim/")]
            gets = sum(1 for r in status if r.path.rsplit("/", 1)[-1] in server.tasks)
            refused = sum(1 for r in server.requests if r.status == 429)
        if result.summary["done"] != BATCH_JOBS:
            raise RuntimeError(f"batch bench: {result.summary}")
        per_job.append(len(status) / BATCH_JOBS)
        detail = f"{len(status) - gets} list() + {gets} get(); {refused} creates answered 429"
    ratios = [makespan / ideal for makespan in makespans]
    section = "batch (simulated clock)"
    return [
        Figure(
            section,
            f"{BATCH_JOBS} jobs, 2-min tasks, {BATCH_SLOTS} per key: makespan",
            makespans,
            "s",
            note=f"ideal {ideal:.0f} s ({-(-BATCH_JOBS // BATCH_SLOTS)} rounds of 2 min)",
        ),
        Figure(section, "makespan / ideal", ratios, "x", "<= 1.10", statistics.median(ratios) <= 1.10),
        Figure(section, "status requests per job", per_job, "", "<= 6", statistics.median(per_job) <= 6, detail),
    ]


# -- report -------------------------------------------------------------------------------------------


def machine() -> str:
    cpu = "unknown CPU"
    with suppress(OSError, IndexError, ValueError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with suppress(OSError, IndexError, ValueError):
        kib = int(re.findall(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[0])
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}"
    )


def table(figures: list[Figure]) -> str:
    header = ["section", "figure", "median", "min .. max", "budget", "", "note"]
    rows = [header, ["---"] * len(header)] + [figure.cells() for figure in figures]
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def write_report(path: Path, figures: list[Figure], seconds: float) -> None:
    failed = [figure for figure in figures if figure.ok is False]
    path.write_text(
        "# Benchmarks\n\n"
        "Written by `make bench` (`scripts/bench.py`); do not edit by hand. Each figure is the median of\n"
        "repeated runs, with min and max; each ratio compares A and B measured in the same run, alternating.\n"
        "Peak-memory figures run in fresh processes. The simulator runs in its own process wherever the\n"
        "client's time or memory is measured against it.\n\n"
        f"Machine: {machine()}. Run took {seconds:.0f} s. "
        f"Budgets: {'all pass' if not failed else f'{len(failed)} FAIL'}.\n\n"
        f"{table(figures)}\n\n" + Path(ROOT / "docs" / "benchmarks-notes.md").read_text(encoding="utf-8"),
        encoding="utf-8",
    )


WORKERS: dict[str, Callable[..., dict[str, Any]]] = {
    "first-request": worker_first_request,
    "concurrency": worker_concurrency,
    "sequential": worker_sequential,
    "large-input": worker_large_input,
    "download": worker_download,
}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--rounds", type=int, default=7, help="repeats of each alternating A/B measurement")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args(argv)
    if args.worker:
        print(json.dumps(WORKERS[args.worker](*rest)))
        return 0
    started = time.perf_counter()
    figures: list[Figure] = []
    steps: list[Callable[[], list[Figure]]] = [
        lambda: bench_import(max(args.rounds, 11)),
        lambda: bench_startup(max(args.rounds, 11)),
        lambda: bench_per_call(args.rounds),
        lambda: bench_construction(args.rounds),
        bench_polls,
        bench_concurrency,
        lambda: bench_large_input(3),
        lambda: bench_download(5),
        lambda: bench_generate(3),
        lambda: bench_batch(3),
    ]
    for step in steps:
        new = step()
        for figure in new:
            print(" | ".join(cell for cell in figure.cells() if cell), flush=True)
        figures += new
    seconds = time.perf_counter() - started
    write_report(args.out, figures, seconds)
    failed = [figure for figure in figures if figure.ok is False]
    print(f"\n{len(figures)} figures in {seconds:.0f} s; {len(failed)} budget(s) failed; table in {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
