"""A model's generated modules (catalog details, validators, request classes, endpoints) load only when that
model is first used: a client of one model does not pay for 29."""

from __future__ import annotations

import json
import subprocess
import sys

from freepik_kling._catalog import models

SCRIPT = """
import json, sys, httpx
from freepik_kling import Freepik

def answer(request):
    return httpx.Response(200, json={"data": {"task_id": "t1", "status": "CREATED"}})

def loaded():
    return sorted(name for name in sys.modules if name.startswith("freepik_api."))

client = Freepik(api_key="k", http_client=httpx.Client(transport=httpx.MockTransport(answer)))
steps = {"client": loaded()}
resource = client.kling_v2
steps["resource"] = loaded()
resource.create(image="https://example.com/cat.jpg", duration=5)
steps["create"] = loaded()
print(json.dumps(steps))
"""


def test_each_model_loads_its_own_modules_only_when_first_used() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    steps = json.loads(result.stdout)
    others = [spec.attribute for slug, spec in models().items() if slug != "kling-v2"]

    def of_other_models(names: list[str]) -> list[str]:
        # kling_v2 is a prefix of kling_v2_1_pro's names: compare whole name parts
        return [name for name in names if any(f".{other}" in f"{name}." or f".{other}_" in name for other in others)]

    assert of_other_models(steps["create"]) == []
    assert not [name for name in steps["client"] if name.startswith(("freepik_api.api.", "freepik_api.validators."))]
    assert "freepik_api.catalog.kling_v2" not in steps["resource"]  # the details wait for a call that needs them
    created = set(steps["create"]) - set(steps["resource"])
    assert {
        "freepik_api.catalog.kling_v2",
        "freepik_api.validators.kling_v2__request",
        "freepik_api.api.image_to_video.create_kling_v2",
        "freepik_api.models.kling_v2_request",
    } <= created
    model_modules = [name for name in steps["create"] if name.startswith("freepik_api.models.")]
    assert len(model_modules) < 10  # of the 90 the package has


def test_a_sync_client_and_its_first_resource_do_not_load_asyncio() -> None:
    # asyncio costs a sync program more to import than httpx's own client: only AsyncFreepik needs it.
    script = (
        "import sys\nfrom freepik_kling import Freepik\n"
        "Freepik(api_key='k').kling_v2_1_pro\nprint('asyncio' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False"]
