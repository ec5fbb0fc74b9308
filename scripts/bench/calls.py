"""``make bench``, section 2: per-call overhead."""

from __future__ import annotations

import json
import statistics

from scripts.bench._measure import TASK_ID, Figure, alternate, per_call, ratios, simulator


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
        Figure("per call, MockTransport", "get(): facade / raw", ratios(get_f, get_r), "x"),
        Figure("per call, MockTransport", "create(URL): facade", post_f, "µs"),
        Figure("per call, MockTransport", "create(URL): raw httpx post + json()", post_r, "µs"),
        Figure("per call, MockTransport", "create(URL): facade / raw", ratios(post_f, post_r), "x"),
    ]

    with simulator("--max-in-progress", "0") as (base_url, key):
        # Thousands of creates whose tasks never end: no limit on the client either, as on that simulator.
        facade = Freepik(api_key=key, base_url=base_url, max_in_progress=None)
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
    get_ratio, post_ratio = ratios(get_f, get_r), ratios(post_f, post_r)
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
