"""``make bench``, section 3: construction and first request."""

from __future__ import annotations

import time
from typing import Any

from scripts.bench._measure import TASK_ID, Figure, alternate, per_call, ratios, worker


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
        Figure("construction", "Freepik() / httpx.Client()", ratios(facade, raw), "x"),
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
