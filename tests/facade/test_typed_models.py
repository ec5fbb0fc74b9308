"""A type checker knows every model's attribute and parameters (generated), and the facade's own options."""

from __future__ import annotations

from pathlib import Path

from mypy import api as mypy_api

from tests.helpers import ROOT, golden

# Each line is a call a user may write; the ones marked `# error` must be mypy errors, the others not.
# Among them: an unknown model, bad enum values, a nested field of the wrong type (a mask's trajectory ``x``),
# an unknown field, a missing required one, and wrong options of wait() and download().
SAMPLE = """
from freepik_kling import AsyncFreepik, Freepik
client = Freepik(api_key='k')
ok = client.kling_v2.create(image='cat.jpg', duration=5, cfg_scale=0.5)
reveal_type(ok)
client.kling_v2_1_pro.create(duration='10', dynamic_masks=[{'mask': 'm', 'trajectories': [{'x': 1, 'y': 2}]}])
client.kling_o1_pro.run(prompt='waves', first_frame='a.png', aspect_ratio='16:9', duration=5, timeout=60)
client.kling_v3_pro.create(prompt='a fox', generate_audio=True, timeout=60)  # a slot wait of 60 s
client.models['kling-v2'].create(anything='goes through the untyped route')
client.kling_v9.create(duration=5)  # error: unknown model
client.kling_v2.create(image='cat.jpg', duration=7)  # error: bad enum value
client.kling_o1_pro.create(aspect_ratio='4:3')  # error: bad enum value
client.kling_v2_1_pro.create(duration=5, dynamic_masks=[{'mask': 'm', 'trajectories': [{'x': '1', 'y': 2}]}])  # error
client.kling_v2.create(image='cat.jpg', duration=5, colour='red')  # error: unknown field
client.kling_v2.create(duration=5)  # error: missing required field
client.kling_v2.wait('t1', timeout='soon')  # error: wrong option type
client.kling_v2.create(image='cat.jpg', duration=5, timeout='soon')  # error: wrong option type
client.download(ok, 'out.mp4', overwrite=True, index=0, on_progress=lambda done, total: None)
client.download(ok, 'out.mp4', overwrite_ok=True)  # error: unknown download option
raw = client.model('kling-v2').with_raw_response.get(ok)
reveal_type(raw.parse())
typed_raw = client.kling_v2_1_master.with_raw_response.create(duration='5', prompt='a wave', aspect_ratio='square_1_1')
reveal_type(typed_raw.status_code)
client.kling_v2.with_raw_response.create(image='cat.jpg', duration=7)  # error: bad enum value
client.kling_v2.slug = 'kling-v9'  # error: read-only
client.with_options(timeout=5).kling_elements_std.list()
async def main(a: AsyncFreepik) -> None:
    reveal_type(await a.kling_elements_std.create(images=['https://x/a.png']))
    await a.kling_o1_pro.create(duration=15)  # error: bad enum value
"""

# list(): a route's documented query parameters are typed keyword arguments, and a route with none takes none.
# The models and parameters come from the golden record (the document of today may have none).
_MODELS = golden()["models"]
_PLAIN = next(slug for slug, model in _MODELS.items() if not model["list_parameters"])
SAMPLE += f"client.{_PLAIN.replace('-', '_')}.list(page=1)  # error: its route documents no parameters\n"
SAMPLE += "client.model('kling-v2').list(page=1)  # any model: not typed\n"
for _slug, _model in _MODELS.items():
    if _model["list_parameters"]:
        _name, _rules = next(iter(_model["list_parameters"].items()))
        _wrong = "1" if _rules["type"] != "string" else 1
        SAMPLE += f"client.{_slug.replace('-', '_')}.list({_name}={_rules.get('default', 1)!r})\n"
        SAMPLE += f"client.{_slug.replace('-', '_')}.list({_name}={_wrong!r})  # error: wrong type\n"
        SAMPLE += f"client.{_slug.replace('-', '_')}.list(limit=2)  # error: not a parameter of its route\n"
        break


def test_a_type_checker_knows_models_parameters_and_options(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(SAMPLE, encoding="utf-8")
    out, _, status = mypy_api.run(
        [str(sample), "--strict", "--no-incremental", "--config-file", str(ROOT / "pyproject.toml")]
    )
    errors = {int(line.split(":")[1]) for line in out.splitlines() if ": error:" in line}
    expected = {number for number, line in enumerate(SAMPLE.splitlines(), start=1) if "# error" in line}
    assert status == 1
    assert errors == expected, out
    revealed = [line.rsplit("Revealed type is ", 1)[1] for line in out.splitlines() if "Revealed type" in line]
    assert revealed == [
        '"freepik_kling._task.Task"',
        '"freepik_kling._task.Task"',
        '"int"',
        '"freepik_kling._task.Task"',
    ]
