"""The seed models' editor types match the spec, and a type checker uses them."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
from mypy import api as mypy_api

from freepik_kling import _typed_models
from freepik_kling._catalog import models
from tests.helpers import ROOT

TYPED = {"kling-v2": _typed_models.KlingV2Params, "kling-elements-std": _typed_models.KlingElementsStdParams}


@pytest.mark.parametrize("slug", sorted(TYPED))
def test_params_match_the_spec(slug: str) -> None:
    spec = models()[slug]
    params = TYPED[slug]
    assert set(params.__annotations__) == set(spec.fields)
    assert params.__required_keys__ == set(spec.required)
    hints = typing.get_type_hints(params)
    for name, field in spec.fields.items():
        if "enum" in field and name != "duration":
            assert set(typing.get_args(hints[name])) == set(field["enum"])
    if "duration" in spec.fields:
        allowed = {str(value) for value in typing.get_args(_typed_models.Duration)}
        assert allowed == set(models()[slug].fields["duration"].get("enum", ["5", "10"]))


def test_a_type_checker_catches_mistakes(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from freepik_kling import AsyncFreepik, Freepik\n"
        "client = Freepik(api_key='k')\n"
        "ok = client.kling_v2.create(image='cat.jpg', duration=5, cfg_scale=0.5)\n"
        "reveal_type(ok)\n"
        "client.kling_v2.create(image='cat.jpg', duration=7)\n"
        "client.kling_v2.create(duration=5)\n"
        "client.kling_elements_std.run(images=['https://x/a.png'], aspect_ratio='4:3')\n"
        "client.kling_v2.create(image='cat.jpg', duration=5, colour='red')\n"
        "async def main(a: AsyncFreepik) -> None:\n"
        "    reveal_type(await a.kling_elements_std.create(images=['https://x/a.png']))\n"
        "client.kling_v9.create(duration=5)\n"
        "client.kling_v2.wait('t1', timeout='soon')\n"
        "client.download(ok, 'out.mp4', overwrite=True, index=0, on_progress=lambda done, total: None)\n"
        "client.download(ok, 'out.mp4', overwrite_ok=True)\n"
        "raw = client.kling_v2.with_raw_response.get(ok)\n"
        "reveal_type(raw.parse())\n",
        encoding="utf-8",
    )
    out, _, status = mypy_api.run(
        [str(sample), "--strict", "--no-incremental", "--config-file", str(ROOT / "pyproject.toml")]
    )
    lines = out.splitlines()
    assert status == 1
    assert any(':4: note: Revealed type is "freepik_kling._task.Task"' in line for line in lines)
    assert any(":10: note: Revealed type is" in line and "Task" in line for line in lines)
    for line_number in (5, 6, 7, 8, 11, 12, 14):
        assert any(f":{line_number}: error:" in line for line in lines), (line_number, out)
    for line_number in (3, 13, 15):
        assert not any(f":{line_number}: error:" in line for line in lines), out
    assert any(':16: note: Revealed type is "freepik_kling._task.Task"' in line for line in lines), out
