"""End to end over real loopback HTTP: create, wait, download a playable MP4, verify the webhooks.

Sync and async, both seed models, and a model added from a fixture page (in a subprocess that imports
the client generated from that page).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from freepik_kling import webhooks
from freepik_kling.testing import FreepikServer
from tests.helpers import ROOT, image_bytes, mp4_boxes


@pytest.fixture
def cat_png(tmp_path: Path) -> Path:
    path = tmp_path / "cat.png"
    path.write_bytes(image_bytes(640, 480))
    return path


def inputs(slug: str, cat_png: Path) -> dict[str, object]:
    if slug == "kling-v2":
        return {"image": cat_png, "prompt": "A cat moving his head", "duration": 5}
    return {"images": ["https://example.com/a.png", "https://example.com/b.png"], "aspect_ratio": "square_1_1"}


def check_webhooks(server: FreepikServer, task_id: str) -> None:
    server.wait_for_deliveries(2)
    delivered = [webhooks.verify(d.body, d.headers, server.webhook_secret) for d in server.deliveries]
    assert [(task.id, task.status) for task in delivered] == [(task_id, "IN_PROGRESS"), (task_id, "COMPLETED")]


@pytest.mark.parametrize("slug", ["kling-v2", "kling-elements-std"])
def test_sync(freepik_server: FreepikServer, slug: str, cat_png: Path, tmp_path: Path) -> None:
    seen: list[str] = []
    with freepik_server.client() as client:
        model = client.models[slug]
        task = model.create(**inputs(slug, cat_png), webhook_url=freepik_server.webhook_sink_url)
        done = model.wait(task, on_status=lambda t: seen.append(t.status))
        path = client.download(done, tmp_path)
    assert seen == ["IN_PROGRESS", "COMPLETED"]
    assert {"ftyp", "moov", "mdat"} <= set(mp4_boxes(path.read_bytes()))
    check_webhooks(freepik_server, task.id)
    sent = freepik_server.requests[0].json
    if slug == "kling-v2":
        assert sent["image"] != str(cat_png)  # the local file went as base64
    assert freepik_server.clock.monotonic() >= freepik_server.timings.queued + freepik_server.timings.processing


@pytest.mark.anyio
@pytest.mark.parametrize("slug", ["kling-v2", "kling-elements-std"])
async def test_async(freepik_server: FreepikServer, slug: str, cat_png: Path, tmp_path: Path) -> None:
    async with freepik_server.async_client() as client:
        model = client.models[slug]
        done = await model.run(**inputs(slug, cat_png), webhook_url=freepik_server.webhook_sink_url)
        path = await client.download(done, tmp_path / "out.mp4")
    assert mp4_boxes(path.read_bytes())[0] == "ftyp"
    check_webhooks(freepik_server, done.id)


def test_a_model_from_a_new_page(repo_with_third_model: Path, tmp_path: Path) -> None:
    script = """
import asyncio, json, sys
from freepik_kling import webhooks
from freepik_kling.testing import FreepikServer
out = sys.argv[1]
with FreepikServer() as server:
    client = server.client()
    task = client.models["kling-v2-5-pro"].create(duration="10", prompt="a wave", webhook_url=server.webhook_sink_url)
    done = client.models["kling-v2-5-pro"].wait(task)
    path = client.download(done, out + "/sync.mp4")
    async def run_async():
        async with server.async_client() as aclient:
            finished = await aclient.model("kling-v2-5-pro").run(duration=5)
            return await aclient.download(finished, out + "/async.mp4")
    apath = asyncio.run(run_async())
    server.wait_for_deliveries(2)
    verified = [str(webhooks.verify(d.body, d.headers, server.webhook_secret).status) for d in server.deliveries]
    print(json.dumps({
        "paths": [r.path for r in server.requests if r.method == "POST"],
        "sizes": [path.stat().st_size, apath.stat().st_size],
        "webhooks": verified,
        "contract_errors": [r.contract_errors for r in server.requests if r.contract_errors],
    }))
"""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(repo_with_third_model / "generated"), str(ROOT / "facade")]),
    }
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["paths"] == ["/v1/ai/image-to-video/kling-v2-5-pro"] * 2
    assert summary["webhooks"] == ["IN_PROGRESS", "COMPLETED"]
    assert summary["contract_errors"] == []
    for name in ("sync.mp4", "async.mp4"):
        assert mp4_boxes((tmp_path / name).read_bytes())[0] == "ftyp"
