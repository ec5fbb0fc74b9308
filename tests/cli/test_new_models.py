"""Models added by pages work from the command line with no CLI code: a text-to-video model run from a
prompt alone, an image model whose image is optional, each with its own options and help from the spec.
The pages are generated in a temporary copy of the repository; the simulator is run by hand
(``python -m freepik_kling.testing``), whose printed request lines show what each command sent."""

from __future__ import annotations

import copy
import os
import queue
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import assert_clean, one_json_object
from tests.helpers import FIXTURES, ROOT, copy_openapi, image_bytes, mp4_boxes, seed_document, write_page
from tests.pipeline import documents

# A digit then a letter: the generator writes KlingT2VDemoRequest, which the catalog reads back.
T2V = "kling-t2v-demo"
T2V_PATH = f"/v1/ai/text-to-video/{T2V}"


def text_to_video_page(directory: Path) -> None:
    """The kling-v2-5-pro fixture page turned into a text-to-video model with a boolean and a bounded
    whole number: shapes the seed models do not have."""
    document = copy.deepcopy(seed_document("kling-v2-5-pro.md", FIXTURES / "pages"))
    operation = document["paths"]
    operation["path"] = T2V_PATH
    body = operation["request"]["body"]["application/json"]
    schema = body["schemaArray"][0]
    del schema["properties"]["image"]
    schema["properties"]["generate_audio"] = {"allOf": [{"type": "boolean", "description": "Add a soundtrack."}]}
    schema["properties"]["seed"] = {
        "allOf": [{"type": "integer", "minimum": 0, "maximum": 99, "description": "Same seed, 50% same video."}]
    }
    schema["requiredProperties"] = ["prompt", "duration"]
    schema["refIdentifier"] = "#/components/schemas/ttv-demo-request-content"
    body["examples"] = {"minimal": {"summary": "A prompt", "value": {"prompt": "a wave", "duration": "5"}}}
    write_page(directory, f"{T2V}.md", document)


@pytest.fixture(scope="session")
def repo_with_new_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli-repo")
    openapi = copy_openapi(root)
    documents.set_include(openapi, [])  # the models of the pages alone
    pages = openapi / "pages"
    shutil.copy(FIXTURES / "pages" / "kling-v2-5-pro.md", pages)
    text_to_video_page(pages)
    result = subprocess.run(
        [sys.executable, "-m", "scripts.spec.generate", "--root", str(root)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return root


class HandRunSimulator:
    """``python -m freepik_kling.testing`` in a subprocess; its request lines are read as they come."""

    def __init__(self, env: dict[str, str]) -> None:
        command = [sys.executable, "-m", "freepik_kling.testing", "--port", "0", "--queued", "0.05"]
        self.process = subprocess.Popen(
            [*command, "--processing", "0.2", "--webhook-secret", "whsec-test"],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.header = [self.lines.get(timeout=20) for _ in range(4)]
        settings = dict(line.split("=", 1) for line in self.header[:2])
        self.base_url, self.api_key = settings["FREEPIK_BASE_URL"], settings["FREEPIK_API_KEY"]

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def requests(self) -> list[str]:
        """``METHOD path status`` for each request answered since the last call."""
        seen = []
        while not self.lines.empty():
            _, method, path, status = self.lines.get().split(maxsplit=3)
            seen.append(f"{method} {path} {status}")
        return seen

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


@pytest.fixture(scope="module")
def new_models_env(repo_with_new_models: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The generated client of the temporary repository first on the path; a task history of its own."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("FREEPIK_")},
        "PYTHONPATH": os.pathsep.join([str(repo_with_new_models / "generated"), str(ROOT / "facade")]),
        "FREEPIK_KLING_CACHE_DIR": str(tmp_path_factory.mktemp("cache")),
    }


@pytest.fixture(scope="module")
def simulator(new_models_env: dict[str, str]) -> Iterator[HandRunSimulator]:
    server = HandRunSimulator(new_models_env)
    yield server
    server.stop()


@pytest.fixture
def run(new_models_env: dict[str, str], simulator: HandRunSimulator, tmp_path: Path) -> Any:
    simulator.requests()  # forget what earlier tests sent
    env = {**new_models_env, "FREEPIK_BASE_URL": simulator.base_url, "FREEPIK_API_KEY": simulator.api_key}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "freepik_kling", *args]
        return subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False)

    return cli


def test_the_hand_run_simulator_prints_its_settings_and_each_request(simulator: HandRunSimulator, run: Any) -> None:
    assert simulator.header[2] == "webhook deliveries are signed with the secret: whsec-test"
    assert "running in real time" in simulator.header[3]
    assert run("status", "no-such-task", "--model", T2V).returncode == 3
    assert simulator.requests() == [f"GET {T2V_PATH}/no-such-task 404"]


def test_a_text_to_video_model_runs_from_a_prompt_alone(run: Any, simulator: HandRunSimulator, tmp_path: Path) -> None:
    result = run("animate", "--model", T2V, "--prompt", "a wave", "--generate-audio", "--seed", "7", "-o", "t2v.mp4")
    assert result.returncode == 0, result.stderr
    assert mp4_boxes((tmp_path / "t2v.mp4").read_bytes())[0] == "ftyp"
    sent = simulator.requests()
    assert sent[0] == f"POST {T2V_PATH} 200"
    assert all(line.endswith(" 200") for line in sent)
    task_id = one_json_object(run("list", "--json"))["tasks"][0]["task_id"]
    assert one_json_object(run("status", task_id, "--json"))["model"] == T2V  # found in the history


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["cat.jpg", "--prompt", "x"], f"IMAGE: {T2V} takes no image: it makes a video from --prompt alone"),
        (["--seed", "100", "--prompt", "x"], "--seed: must be between 0 and 99, got 100"),
        (["--seed", "seven", "--prompt", "x"], "--seed: must be a whole number, got 'seven'"),
        ([], f"--prompt: required by {T2V}"),
        (["--prompt", "x", "--cfg-scale", "2"], "--cfg-scale: must be between 0 and 1"),
        (["--prompt", "x", "--image", "cat.jpg"], f"--image: not an option of {T2V}"),
    ],
)
def test_bad_options_of_a_new_model_send_nothing(
    run: Any, simulator: HandRunSimulator, tmp_path: Path, args: list[str], message: str
) -> None:
    (tmp_path / "cat.jpg").write_bytes(image_bytes(640, 480, kind="JPEG"))
    result = run("animate", "--model", T2V, *args)
    assert result.returncode == 2
    assert f"error: {message}" in result.stderr
    assert_clean(result)
    assert run("models").returncode == 0  # a command in between: anything sent before it is printed by now
    assert simulator.requests() == []


def test_the_help_of_a_new_model_is_its_spec(run: Any) -> None:
    text = " ".join(run("animate", "--model", T2V, "--help").stdout.split())
    assert f"{T2V} options:" in text
    assert "--generate-audio, --no-generate-audio Add a soundtrack. [true or false]" in text
    assert "--seed N Same seed, 50% same video. [whole number 0 to 99]" in text
    assert "--duration {5,10} Duration of the generated video in seconds [one of 5, 10; required; default here: 5]" in (
        text
    )
    assert "--image" not in text


def test_an_image_model_with_an_optional_image_runs_without_one(run: Any, simulator: HandRunSimulator) -> None:
    result = run("animate", "--model", "kling-v2-5-pro", "--prompt", "a wave", "--duration", "10", "--json")
    assert result.returncode == 0, result.stderr
    assert one_json_object(result)["model"] == "kling-v2-5-pro"
    assert simulator.requests()[0] == "POST /v1/ai/image-to-video/kling-v2-5-pro 200"


def test_models_lists_the_new_models_with_their_routes(run: Any) -> None:
    catalog = {model["slug"]: model for model in one_json_object(run("models", "--json"))["models"]}
    pages = {"kling-v2", "kling-elements-std", "kling-elements-pro", "kling-pro", "kling-std", "kling-v2-1-master"}
    pages |= {"kling-v2-1-pro", "kling-v2-1-std"}
    assert set(catalog) == pages | {"kling-v2-5-pro", T2V}
    assert catalog[T2V]["routes"] == {"create": T2V_PATH, "status": T2V_PATH + "/{task-id}", "list": T2V_PATH}
    assert catalog[T2V]["image_fields"] == []
    assert catalog[T2V]["fields"]["seed"]["maximum"] == 99
    text = run("models", T2V).stdout
    assert "--seed" in text
    assert "whole number 0 to 99" in text
