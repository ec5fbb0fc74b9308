"""The whole pipeline in a temporary copy of the repository: a new page, idempotence, hand edits."""

from __future__ import annotations

import importlib
import shutil
import sys
from pathlib import Path

import pytest

from scripts.spec.generate import GOLDEN
from tests.conftest import run_generate
from tests.helpers import ROOT, copy_openapi
from tests.pipeline import documents

pytestmark = pytest.mark.slow  # each test runs the generator


def copy_golden(target: Path) -> None:
    (target / GOLDEN).parent.mkdir(parents=True)
    shutil.copy(ROOT / GOLDEN, target / GOLDEN)


@pytest.fixture
def with_third_page(repo_with_third_model: Path) -> Path:
    return repo_with_third_model


@pytest.fixture
def own_copy(repo_with_third_model: Path, tmp_path: Path) -> Path:
    """A copy of the generated repository that this test may change (the shared one is read by others)."""
    shutil.copytree(repo_with_third_model, tmp_path / "repo", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path / "repo"


def test_new_page_yields_operations_and_a_named_request_model(with_third_page: Path) -> None:
    package = with_third_page / "generated" / "freepik_api"
    api = package / "api" / "image_to_video"
    for module in ("create_kling_v2_5_pro.py", "get_kling_v2_5_pro_task.py", "list_kling_v2_5_pro_tasks.py"):
        assert (api / module).is_file(), module
    request = (package / "models" / "kling_v25_pro_request.py").read_text()
    assert "class KlingV25ProRequest:" in request
    assert "duration: VideoDuration" in request
    assert "image: str | Unset = UNSET" in request  # only duration is required on this page
    spec = (with_third_page / "openapi" / "freepik-kling.yaml").read_text()
    assert "/v1/ai/image-to-video/kling-v2-5-pro/{task-id}:" in spec


def test_new_page_is_in_the_catalog_with_what_the_generator_wrote(
    with_third_page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(with_third_page / "generated"))
    for name in [name for name in sys.modules if name.startswith("freepik_api")]:
        monkeypatch.delitem(sys.modules, name)
    catalog = importlib.import_module("freepik_api.catalog")
    model = catalog.MODELS["kling-v2-5-pro"]
    assert model["source"] == "page"
    assert model["status"]["path"] == "/v1/ai/image-to-video/kling-v2-5-pro/{task-id}"
    (shape,) = importlib.import_module(model["details"]).DETAILS["shapes"]
    assert shape["required"] == ["duration"]
    # Read back from the generated files, never predicted from the schema name.
    assert shape["request_class"] == "freepik_api.models.kling_v25_pro_request.KlingV25ProRequest"
    module, _, name = shape["request_class"].rpartition(".")
    assert hasattr(importlib.import_module(module), name)
    importlib.import_module(model["create"]["module"])  # the module the catalog names exists
    validate = importlib.import_module(shape["validator"]).validate
    validate({"duration": "5"})
    with pytest.raises(ValueError, match="duration must be one of"):
        validate({"duration": "7"})


def test_generate_twice_changes_nothing(own_copy: Path) -> None:
    check = run_generate(own_copy, "--check")
    assert check.returncode == 0, check.stderr
    again = run_generate(own_copy)
    assert again.returncode == 0, again.stderr
    assert run_generate(own_copy, "--check").returncode == 0


def test_check_fails_on_a_hand_edit(own_copy: Path) -> None:
    # A clean copy passes --check: test_generate_twice_changes_nothing.
    edited = own_copy / "generated" / "freepik_api" / "models" / "task.py"
    edited.write_text(edited.read_text() + "\n# a hand edit\n", encoding="utf-8")
    result = run_generate(own_copy, "--check")
    assert result.returncode == 1
    assert "generated/freepik_api/models/task.py" in result.stderr
    assert "make generate" in result.stderr


def test_check_fails_on_a_source_changed_without_generating(tmp_path: Path) -> None:
    copy_openapi(tmp_path)
    shutil.copytree(ROOT / "generated", tmp_path / "generated", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    copy_golden(tmp_path)
    document = documents.official()
    document["paths"][documents.plain_model(document)]["post"]["description"] = "Changed."
    (tmp_path / documents.OFFICIAL.relative_to(ROOT)).write_bytes(documents.dump(document))
    result = run_generate(tmp_path, "--check")
    assert result.returncode == 1
    assert "freepik-kling.yaml differs" in result.stderr
    assert "docs/models.md differs" in result.stderr


def test_bad_page_fails_the_build_with_the_file_name(tmp_path: Path) -> None:
    copy_openapi(tmp_path)
    (tmp_path / "openapi" / "pages" / "broken.md").write_text("# no fence here\n", encoding="utf-8")
    result = run_generate(tmp_path)
    assert result.returncode == 1
    assert "broken.md: no fenced block" in result.stderr
    assert not (tmp_path / "generated").exists()  # nothing half-written
    assert not (tmp_path / "docs").exists()


def test_no_litter_in_generated() -> None:
    assert not list((ROOT / "generated").rglob(".ruff_cache"))
    assert not [path for path in (ROOT / "generated").iterdir() if path.name != "freepik_api"]
