"""Start-up: building the parser (``--help``, ``models``) loads none of what only a running command needs.

A check of the mechanism; the time it saves is measured in ``make bench`` (start-up).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from freepik_kling._cli.commands import STATUS_TIMEOUT
from freepik_kling._cli.main import main
from freepik_kling._policy import DEFAULT_WAIT_TIMEOUT
from freepik_kling.batch._api import API_TASKS_PER_KEY, DEFAULT_SETTLE

# What only a command that runs needs: the client, its HTTP and polling, the batch runner, the history.
RUNTIME = [
    "asyncio",
    "freepik_kling._cli.commands",
    "freepik_kling._cli.history",
    "freepik_kling._cli.slots",
    "freepik_kling._client",
    "freepik_kling._download",
    "freepik_kling._http",
    "freepik_kling._inputs",
    "freepik_kling._policy",
    "freepik_kling._task",
    "freepik_kling.batch._api",
    "freepik_kling.batch._command",
    "freepik_kling.batch._runner",
]
PROBE = """
import json, sys
from freepik_kling._cli.main import main
try:
    code = main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "loaded": sorted(m for m in json.loads(sys.stdin.read()) if m in sys.modules)}))
"""


def loaded_after(argv: list[str], modules: list[str], cwd: Path) -> tuple[int, list[str]]:
    """Run ``main(argv)`` in a fresh interpreter: its exit code, and which of ``modules`` it imported."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        input=json.dumps(modules),
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        check=False,
    )
    report = json.loads(result.stdout.splitlines()[-1])
    return report["code"], report["loaded"]


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["animate", "--help"],
        ["animate", "--model", "kling-elements-std", "--help"],
        ["status", "--help"],
        ["batch", "--help"],
        ["models"],
        ["models", "--json"],
    ],
)
def test_building_the_parser_loads_no_runtime_module(argv: list[str], tmp_path: Path) -> None:
    code, loaded = loaded_after(argv, RUNTIME, tmp_path)
    assert code == 0
    assert loaded == []


def test_the_probe_sees_a_command_load_what_it_runs(tmp_path: Path) -> None:
    """The probe above can fail: a command that talks to the (sandbox) API does load the runtime."""
    argv = ["animate", "--model", "kling-v3-pro", "--prompt", "a lighthouse", "--sandbox", "-o", "out.mp4"]
    code, loaded = loaded_after(argv, RUNTIME, tmp_path)
    assert code == 0
    assert {"freepik_kling._cli.commands", "freepik_kling._client", "freepik_kling._policy"} <= set(loaded)


def test_help_does_not_import_httpx(tmp_path: Path) -> None:
    code, loaded = loaded_after(["--help"], ["httpx"], tmp_path)
    assert code == 0
    assert loaded == []


def test_help_states_the_library_defaults_the_parser_leaves_to_it(capsys: pytest.CaptureFixture[str]) -> None:
    """``--timeout``, ``--concurrency`` and ``--settle`` parse to None unless given (the constants live with
    the HTTP client, the commands and the runner); the numbers their help states are the ones applied."""
    helps = {}
    for command in ("animate", "wait", "download", "status", "batch"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        helps[command] = " ".join(capsys.readouterr().out.split())
    for command in ("animate", "wait", "download"):
        assert f"(default: {DEFAULT_WAIT_TIMEOUT:g})" in helps[command]
    assert f"one deadline for the answer, retries included (default: {STATUS_TIMEOUT:g})" in helps["status"]
    assert (
        f"one deadline for each job: a free slot, its task, its download (default: {DEFAULT_WAIT_TIMEOUT:g})"
        in (helps["batch"])
    )
    assert f"(default and API limit per key: {API_TASKS_PER_KEY})" in helps["batch"]
    assert f"trusted to show it (default: {DEFAULT_SETTLE:g})" in helps["batch"]
