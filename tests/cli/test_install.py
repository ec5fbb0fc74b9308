"""Installing freepik-kling in a project of one's own: the wheel ``make dist`` builds, and a clone, each
``pip install``-ed into a fresh virtual environment whose command line then runs the demo.

The fresh environments are offline: next to the package they get only the installed distributions its
requirements name (``freepik-kling[testing]``, plus the build backend for a clone), linked from this
environment, so what the demo needs beyond them (a dev tool) would be missing there too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tests.helpers import mp4_boxes

ROOT = Path(__file__).parents[2]


def _closure(requirements: list[str]) -> set[str]:
    """The installed distributions ``requirements`` need, transitively (extras included, markers applied)."""
    seen: set[str] = set()
    pending = [Requirement(text) for text in requirements]
    while pending:
        requirement = pending.pop()
        extras = requirement.extras
        name = requirement.name.lower().replace("_", "-")
        if name == "freepik-kling":  # the package under test comes from the wheel or the clone, not from here
            pending += [Requirement(t) for t in metadata.requires("freepik-kling") or [] if _wanted(t, extras)]
            continue
        if name in seen:
            continue
        seen.add(name)
        pending += [Requirement(t) for t in metadata.requires(name) or [] if _wanted(t, extras)]
    return seen


def _wanted(text: str, extras: set[str]) -> bool:
    marker = Requirement(text).marker
    return marker is None or any(marker.evaluate({"extra": extra}) for extra in [*extras, ""])


def fresh_venv(path: Path, requirements: list[str]) -> Path:
    """A new virtual environment without pip, holding links to the distributions ``requirements`` need."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(path)], check=True)
    python = path / "bin" / "python"
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    for name in _closure(requirements):
        distribution = metadata.distribution(name)
        tops = {Path(str(file)).parts[0] for file in distribution.files or [] if not str(file).startswith("..")}
        for top in tops:
            source = Path(str(distribution.locate_file(top)))
            if source.exists() and not (site / top).exists():
                (site / top).symlink_to(source)
    return python


def pip_install(python: Path, target: str | Path, *options: str) -> None:
    """This environment's pip, installing into ``python``'s, offline: what it installs is ``target`` alone."""
    command = [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index"]
    result = subprocess.run(
        [*command, "--disable-pip-version-check", *options, str(target)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def run_demo(python: Path, cwd: Path) -> None:
    """The installed copy (not this source tree) runs the demo, and the library sandbox, with no key."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FREEPIK_", "MAGNIFIC_", "PYTHON"))}
    env["FREEPIK_KLING_CACHE_DIR"] = str(cwd / "cache")
    shutil.copy(ROOT / "examples" / "sun.jpg", cwd / "sun.jpg")
    where = subprocess.run(
        [python, "-c", "import freepik_kling, sys; print(freepik_kling.__file__); print(sys.prefix)"],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=True,
    ).stdout.split()
    assert Path(where[0]).is_relative_to(where[1]), where  # the installed package, in the fresh environment
    assert not Path(where[0]).resolve().is_relative_to(ROOT)
    command = [str(python.parent / "freepik-kling"), "animate", "sun.jpg", "--sandbox", "-o", "out/demo.mp4"]
    demo = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, timeout=120, check=False)
    assert demo.returncode == 0, demo.stderr
    assert mp4_boxes((cwd / "out" / "demo.mp4").read_bytes())[0] == "ftyp"
    library = (
        "from freepik_kling import Freepik\n"
        "with Freepik.sandbox() as client:\n"
        "    task = client.kling_v2.run(image='sun.jpg', duration=5)\n"
        "    print(client.download(task, 'out/library.mp4'))\n"
    )
    result = subprocess.run([python, "-c", library], capture_output=True, text=True, env=env, cwd=cwd, check=False)
    assert result.returncode == 0, result.stderr
    assert (cwd / "out" / "library.mp4").stat().st_size > 0


def test_the_wheel_from_make_dist_installs_and_runs_with_the_runtime_dependencies_only(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    built = subprocess.run(
        # This environment is the one make built; -o keeps make from rebuilding it whatever the file times say.
        [
            "make",
            "--no-print-directory",
            "-o",
            f"{sys.prefix}/.installed-stamp",
            "dist",
            f"DIST={dist}",
            f"VENV={sys.prefix}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = dist.glob("freepik_kling-*-py3-none-any.whl")
    python = fresh_venv(tmp_path / "venv", ["freepik-kling[testing]"])
    no_tools = subprocess.run([python, "-c", "import mypy"], capture_output=True, check=False)
    assert no_tools.returncode != 0  # the dev tools are not there: the demo must not need them
    pip_install(python, wheel)
    run_demo(python, tmp_path)


def test_a_clone_installs_with_pip_and_runs(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    python = fresh_venv(tmp_path / "venv", ["freepik-kling[testing]", "hatchling"])
    pip_install(python, clone, "--no-build-isolation")
    run_demo(python, tmp_path)


def test_make_demo_installs_the_runtime_and_the_simulator_not_the_dev_tools() -> None:
    plan = subprocess.run(
        ["make", "--no-print-directory", "-n", "-B", "demo", "VENV=/nonexistent-venv"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    installs = [line for line in plan.splitlines() if re.search(r"pip install .*-e ", line)]
    assert installs == [
        '/nonexistent-venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[testing]"'
    ]
    assert "[dev]" not in plan


@pytest.mark.parametrize("path", ["LICENSE", "CONTRIBUTING.md"])
def test_the_project_files_a_newcomer_looks_for_exist(path: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")
    if path == "LICENSE":
        assert text.startswith("MIT License")
        assert 'license = "MIT"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    else:
        for command in ("make test", "make generate", "make check-generated", "make lint"):
            assert f"`{command}`" in text, command
