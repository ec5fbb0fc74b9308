"""``freepik-kling compare``: a contact sheet of several models, made in sandbox mode and against the
simulator, then opened in headless Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

from PIL import Image

from freepik_kling.testing import FreepikServer
from tests.cli.conftest import Run, assert_clean, one_json_object
from tests.docs.browser import dump_dom, screenshot, serve
from tests.helpers import mp4_boxes

THREE = ["kling-v2", "kling-v2-1-std", "kling-v2-5-pro"]


def test_a_contact_sheet_in_sandbox_mode(cli: Run, cat_jpg: Path, tmp_path: Path) -> None:
    models = [*THREE, "kling-pro"]  # four: three at a time, then the fourth
    result = cli("compare", str(cat_jpg), "--sandbox", "--models", ",".join(models), "--prompt", "A cat", "--json")
    data = one_json_object(result)
    assert result.returncode == 0, result.stderr
    assert_clean(result)
    assert [item["model"] for item in data["results"]] == models
    for item in data["results"]:
        assert item["outcome"] == "COMPLETED"
        assert item["params"] == {"duration": "5", "image": str(cat_jpg), "prompt": "A cat"}
        assert item["seconds"] > 0
        assert mp4_boxes((tmp_path / "compare" / item["video"]).read_bytes())[0] == "ftyp"
    page = (tmp_path / "compare" / "index.html").read_text(encoding="utf-8")
    assert data["page"] == "compare/index.html"
    assert page.count('<section class="card ok"') == 4
    assert all(f'<video src="{model}.mp4"' in page for model in models)


def test_the_sheet_in_a_browser(cli: Run, cat_jpg: Path, tmp_path: Path) -> None:
    result = cli("compare", str(cat_jpg), "--sandbox", "--models", ",".join(THREE), "--prompt", "A cat")
    assert result.returncode == 0, result.stderr
    with serve(tmp_path / "compare") as url:
        dom = dump_dom(f"{url}/index.html")
        shot = screenshot(f"{url}/index.html", tmp_path / "sheet.png")
    assert re.findall(r"<h2>([^<]+)</h2>", dom) == THREE
    assert dom.count("<video") == 3
    assert re.findall(r'class="outcome">([^<]+)<', dom) == ["COMPLETED"] * 3
    with Image.open(shot) as image:
        assert image.size == (1400, 900)
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None
    # the test pattern's red bar: only a decoded video frame paints such pixels on the sheet
    red = sum(count for count, (r, g, b) in colours if r > 200 and g < 60 and b < 60)
    assert red > 3 * 5000, "each of the three videos shows its first frame"


def test_a_failed_task_is_on_the_sheet_and_the_others_go_on(
    cli: Run, live_server: FreepikServer, cat_jpg: Path, tmp_path: Path
) -> None:
    live_server.faults.fail_tasks = 1
    result = cli("compare", str(cat_jpg), "--models", ",".join(THREE), "--json", "-o", "sheet")
    assert result.returncode == 4
    data = json.loads(result.stdout)
    outcomes = sorted(item["outcome"] for item in data["results"])
    assert outcomes == ["COMPLETED", "COMPLETED", "FAILED"]
    failed = next(item for item in data["results"] if item["outcome"] == "FAILED")
    assert f"freepik-kling wait {failed['task_id']}" in failed["error"]
    page = (tmp_path / "sheet" / "index.html").read_text(encoding="utf-8")
    assert page.count('<section class="card ok"') == 2
    assert page.count('<section class="card bad"') == 1
    assert len([r for r in live_server.requests if r.method == "POST"]) == 3
    assert live_server.api_key not in result.stdout + result.stderr


def test_bad_input_sends_nothing(cli: Run, live_server: FreepikServer, cat_jpg: Path) -> None:
    for models, said in [
        ("kling-v2,kling-nope", "unknown model 'kling-nope'"),
        ("kling-v2,kling-4k-t2v", "kling-4k-t2v takes no image"),
        ("kling-v2,kling-elements-std", "kling-elements-std: images"),  # URLs only: a local file is refused
        ("kling-v2,kling-v2", "named twice"),
    ]:
        result = cli("compare", str(cat_jpg), "--models", models)
        assert result.returncode == 2, result.stderr
        assert said in result.stderr
        assert_clean(result)
    assert live_server.requests == []


def test_an_output_that_is_a_file_is_named_as_one(cli: Run, live_server: FreepikServer, cat_jpg: Path) -> None:
    (cat_jpg.parent / "notes.txt").write_text("mine")
    result = cli("compare", str(cat_jpg), "--models", "kling-v2", "-o", "notes.txt")
    assert result.returncode == 2, result.stderr
    assert "error: -o: notes.txt is a file, not a folder (nothing was sent)" in result.stderr
    assert live_server.requests == []


def test_an_existing_sheet_is_kept_without_overwrite(cli: Run, cat_jpg: Path, tmp_path: Path) -> None:
    (tmp_path / "compare").mkdir()
    (tmp_path / "compare" / "index.html").write_text("mine")
    result = cli("compare", str(cat_jpg), "--sandbox", "--models", "kling-v2")
    assert result.returncode == 2
    assert "--overwrite" in result.stderr
    assert (tmp_path / "compare" / "index.html").read_text() == "mine"
    assert cli("compare", str(cat_jpg), "--sandbox", "--models", "kling-v2", "--overwrite").returncode == 0
