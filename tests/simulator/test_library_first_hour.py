"""A newcomer's first hour with the library, on the bundled simulator: the sandbox, help() in a REPL, and the
errors of the usual first mistakes, each with the same objects a user holds."""

from __future__ import annotations

import asyncio
import inspect
import pydoc
import subprocess
import sys
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, Literal

import httpx
import pytest

from freepik_kling import AsyncFreepik, Freepik, Task, errors
from freepik_kling._inputs import ImageInput
from tests.helpers import golden, mp4_boxes

CAT = "https://example.com/cat.jpg"


def _simulator_threads() -> int:
    return sum(thread.name == "freepik-simulator" for thread in threading.enumerate())


def test_the_sandbox_runs_a_task_and_stops_with_the_client(tmp_path: Path) -> None:
    before = _simulator_threads()
    with Freepik.sandbox() as client:
        assert isinstance(client, Freepik)
        task = client.kling_v2.run(image=CAT, prompt="A cat moving his head", duration=5)
        path = client.download(task, tmp_path / "cat.mp4")
        assert mp4_boxes(path.read_bytes())[0] == "ftyp"
        assert client.server.requests[0].path == "/v1/ai/image-to-video/kling-v2"
        base_url = client.base_url
        assert _simulator_threads() == before + 1
    assert _simulator_threads() == before
    with pytest.raises(httpx.ConnectError):
        httpx.get(base_url, timeout=2)


def test_the_async_sandbox_stops_when_the_client_closes(tmp_path: Path) -> None:
    async def main() -> tuple[Task, str]:
        async with AsyncFreepik.sandbox(max_retries=0) as client:
            assert isinstance(client, AsyncFreepik)
            task = await client.kling_v3_pro.run(prompt="A lighthouse in a storm", duration="5")
            await client.download(task, tmp_path)
            return task, client.base_url

    task, base_url = asyncio.run(main())
    assert (tmp_path / f"{task.id}.mp4").stat().st_size > 0
    with pytest.raises(httpx.ConnectError):
        httpx.get(base_url, timeout=2)


def test_a_bad_option_stops_the_sandbox_it_started() -> None:
    before = _simulator_threads()
    with pytest.raises(errors.InvalidInputError, match="max_retries"):
        Freepik.sandbox(max_retries=-1)
    assert _simulator_threads() == before


def test_the_sandbox_without_the_testing_extra_says_what_to_install() -> None:
    code = (
        "import sys\n"
        "class Missing:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('uvicorn', 'openapi_core'):\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, Missing())\n"
        "from freepik_kling import Freepik\n"
        "try:\n"
        "    Freepik.sandbox()\n"
        "except ModuleNotFoundError as error:\n"
        "    print(error)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert 'pip install "freepik-kling[testing]"' in result.stdout


def test_help_and_signature_list_the_models_fields() -> None:
    client = Freepik(api_key="k")
    signature = inspect.signature(client.kling_v2.create)
    fields = list(golden()["models"]["kling-v2"]["fields"])
    assert list(signature.parameters) == [*fields, "timeout"]  # and how long create() may wait for a free slot
    assert signature.parameters["duration"].annotation == Literal["5", "10", 5, 10]
    assert signature.parameters["duration"].default is inspect.Parameter.empty  # required
    assert signature.parameters["image"].annotation == ImageInput
    assert signature.parameters["cfg_scale"].annotation == float | None  # None leaves it out of the body
    assert signature.parameters["prompt"].default is None
    assert signature.return_annotation is Task
    awaited = inspect.signature(AsyncFreepik(api_key="k").kling_v2.create)
    assert awaited.parameters == signature.parameters
    assert awaited.return_annotation == Coroutine[Any, Any, Task]  # what calling it returns, to be awaited
    run = inspect.signature(client.kling_v2.run).parameters
    assert {"image", "duration", "timeout", "on_status", "poll_interval"} <= set(run)
    text = pydoc.render_doc(client.kling_v2.create, renderer=pydoc.plaintext)
    assert "kling-v2 (Kling 2.0)" in text
    assert "duration: Literal['5', '10', 5, 10]" in text
    assert "cfg_scale (optional, minimum 0, maximum 1, default 0.5): Flexibility" in text
    other = inspect.signature(client.kling_v3_pro.create).parameters
    assert "generate_audio" in other
    assert "generate_audio" not in signature.parameters


def test_the_attribute_and_its_errors_name_no_private_class() -> None:
    client = Freepik(api_key="k")
    assert "_Resource" not in repr(type(client.kling_v2))
    assert "_Resource" not in pydoc.render_doc(client.kling_v2, renderer=pydoc.plaintext)
    with pytest.raises(TypeError) as caught:
        client.kling_v2.get("t1", limit=1)  # type: ignore[call-arg]
    assert str(caught.value) == "ModelResource.get() got an unexpected keyword argument 'limit'"


def test_a_misspelt_field_gets_a_did_you_mean(freepik_server) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(errors.InvalidInputError, match=r"promt: not a field of kling-v2; did you mean 'prompt'\?"):
        freepik_server.client().kling_v2.create(image=CAT, promt="A cat", duration=5)  # type: ignore[call-arg]
    assert freepik_server.requests == []


def test_an_int_duration_is_quoted_as_the_int_given(freepik_server) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(errors.InvalidInputError) as caught:
        freepik_server.client().kling_v2.create(image=CAT, duration=7)  # type: ignore[arg-type]
    assert str(caught.value) == "duration: must be one of 5, 10; got 7"
    with pytest.raises(errors.InvalidInputError, match="got '7'"):
        freepik_server.client().kling_v2.create(image=CAT, duration="7")  # type: ignore[arg-type]
    assert freepik_server.requests == []


def test_download_of_an_unfinished_task_is_not_an_input_error(freepik_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    client = freepik_server.client()
    task = client.kling_v2.create(image=CAT, duration=5)
    with pytest.raises(errors.TaskNotReadyError) as caught:
        client.download(client.kling_v2.get(task), tmp_path)
    assert not isinstance(caught.value, errors.InvalidInputError)
    assert caught.value.task.id == task.id
    assert str(caught.value) == f"task {task.id} is CREATED: no video to download yet; wait() for it first"


def test_a_failed_task_says_why_there_is_no_reason(freepik_server) -> None:  # type: ignore[no-untyped-def]
    freepik_server.faults.fail_tasks = 1
    with pytest.raises(errors.TaskFailedError) as caught:
        freepik_server.client().kling_v2.run(image=CAT, duration=5)
    assert f"task {caught.value.task.id} (kling-v2) FAILED; the API reports no reason" in str(caught.value)


def test_download_onto_an_existing_file_says_to_pass_overwrite(freepik_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    client = freepik_server.client()
    task = client.kling_v2.run(image=CAT, duration=5)
    (tmp_path / "cat.mp4").write_bytes(b"mine")
    with pytest.raises(FileExistsError, match=r"cat\.mp4 exists; pass overwrite=True to replace it"):
        client.download(task, tmp_path / "cat.mp4")
    assert (tmp_path / "cat.mp4").read_bytes() == b"mine"
    client.download(task, tmp_path / "cat.mp4", overwrite=True)
    assert mp4_boxes((tmp_path / "cat.mp4").read_bytes())[0] == "ftyp"


README = Path(__file__).parents[2] / "README.md"


def test_the_readmes_first_screen_shows_the_library_sandbox_and_it_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = README.read_text(encoding="utf-8")
    first_screen = text.split("\n## ", 1)[0]
    assert "make demo" in first_screen
    snippet = first_screen.split("```python\n", 1)[1].split("```", 1)[0]
    assert "Freepik.sandbox()" in snippet
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "sun.jpg").write_bytes((README.parent / "examples" / "sun.jpg").read_bytes())
    monkeypatch.chdir(tmp_path)
    exec(compile(snippet, "README.md", "exec"), {})  # noqa: S102 - the README's own code, as a reader runs it
    assert mp4_boxes((tmp_path / "out" / "sun.mp4").read_bytes())[0] == "ftyp"
    assert "pip install" in first_screen  # how to get it into one's own project, the package being on no registry


def test_the_readme_says_how_to_replace_a_file_and_where_faults_live() -> None:
    text = README.read_text(encoding="utf-8")
    use = text.split("\n## Use\n", 1)[1].split("\n## ", 1)[0]
    assert 'client.download(task, "out/cat.mp4", overwrite=True)' in use
    testing = text.split("\n## Testing your own code", 1)[1].split("\n## ", 1)[0]
    assert "Faults, all on `freepik_server.faults`" in testing
    assert "`freepik_server.webhook_secret`" in testing
