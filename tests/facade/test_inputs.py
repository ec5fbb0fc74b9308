"""Every rule of the spec and of the pages' image limits is checked before anything is sent."""

from __future__ import annotations

import base64
import io
import os
from pathlib import Path
from typing import Any

import pytest

from freepik_kling import Freepik, errors
from tests.facade.conftest import ScriptedAPI, task
from tests.helpers import image_bytes

URL = "https://x/cat.jpg"


@pytest.fixture
def png(tmp_path: Path) -> Path:
    path = tmp_path / "cat.png"
    path.write_bytes(image_bytes(400, 300))
    return path


def rejects(client: Freepik, api: ScriptedAPI, field: str, rule: str, model: str = "kling_v2", **params: Any) -> None:
    with pytest.raises(errors.InvalidInputError) as caught:
        getattr(client, model).create(**params)
    assert caught.value.field == field
    assert rule in caught.value.rule
    assert isinstance(caught.value, ValueError)
    assert str(caught.value).startswith(f"{field}: ")
    assert api.requests == []  # nothing was sent


@pytest.mark.parametrize(
    ("field", "rule", "params"),
    [
        ("image", "required by kling-v2", {"duration": 5}),
        ("duration", "required by kling-v2", {"image": URL}),
        ("duration", "must be one of 5, 10", {"image": URL, "duration": 7}),
        ("duration", "must be one of 5, 10", {"image": URL, "duration": "15"}),
        ("duration", "must be one of 5, 10; got 5.0", {"image": URL, "duration": 5.0}),
        ("duration", "must be one of 5, 10; got True", {"image": URL, "duration": True}),
        ("prompt", "at most 2500 characters, got 2501", {"image": URL, "duration": 5, "prompt": "x" * 2501}),
        ("negative_prompt", "at most 2500", {"image": URL, "duration": 5, "negative_prompt": "x" * 3000}),
        ("prompt", "must be a string", {"image": URL, "duration": 5, "prompt": 42}),
        ("cfg_scale", "between 0 and 1", {"image": URL, "duration": 5, "cfg_scale": 1.5}),
        ("cfg_scale", "between 0 and 1", {"image": URL, "duration": 5, "cfg_scale": -0.1}),
        ("cfg_scale", "must be a finite number", {"image": URL, "duration": 5, "cfg_scale": float("nan")}),
        ("cfg_scale", "must be a number", {"image": URL, "duration": 5, "cfg_scale": True}),
        ("cfg_scale", "must be a number", {"image": URL, "duration": 5, "cfg_scale": "0.5"}),
        ("webhook_url", "http(s) URL", {"image": URL, "duration": 5, "webhook_url": "ftp://host/hook"}),
        ("webhook_url", "http(s) URL", {"image": URL, "duration": 5, "webhook_url": "example.com/hook"}),
        ("image", "no such file", {"image": "does/not/exist.png", "duration": 5}),
        ("image", "must be a URL, a path, bytes", {"image": 12, "duration": 5}),
        ("aspect_ratio", "not a field of kling-v2", {"image": URL, "duration": 5, "aspect_ratio": "square_1_1"}),
    ],
)
def test_kling_v2_rules(client: Freepik, api: ScriptedAPI, field: str, rule: str, params: dict[str, Any]) -> None:
    rejects(client, api, field, rule, **params)


@pytest.mark.parametrize(
    ("field", "rule", "params"),
    [
        ("images", "required by kling-elements-std", {"prompt": "x"}),
        ("images", "at most 4 items, got 5", {"images": [URL] * 5}),
        ("images", "must not be empty", {"images": []}),
        ("images", "must be a list", {"images": URL}),
        ("images[1]", "http(s) URL", {"images": [URL, "http://"]}),
        (
            "aspect_ratio",
            "must be one of widescreen_16_9, social_story_9_16, square_1_1",
            {"images": [URL], "aspect_ratio": "4:3"},
        ),
        ("prompt", "at most 2500", {"images": [URL], "prompt": "y" * 2501}),
    ],
)
def test_kling_elements_rules(client: Freepik, api: ScriptedAPI, field: str, rule: str, params: dict[str, Any]) -> None:
    rejects(client, api, field, rule, model="kling_elements_std", **params)


def test_elements_take_urls_only(client: Freepik, api: ScriptedAPI, png: Path) -> None:
    rejects(client, api, "images[0]", "public image URLs only", model="kling_elements_std", images=[png])


@pytest.mark.parametrize(
    ("size", "kind", "rule"),
    [
        ((200, 400), "PNG", "image is 200x400 px; at least 300x300 px required"),
        ((1000, 300), "JPEG", "aspect ratio 1000:300 is outside 1:2.5 to 2.5:1"),
        ((300, 800), "PNG", "aspect ratio 300:800 is outside"),
        ((400, 400), "GIF", "image must be JPEG or PNG"),
        ((400, 400), "BMP", "image must be JPEG or PNG"),
    ],
)
def test_local_image_limits(
    client: Freepik, api: ScriptedAPI, tmp_path: Path, size: tuple[int, int], kind: str, rule: str
) -> None:
    path = tmp_path / f"image.{kind.lower()}"
    path.write_bytes(image_bytes(*size, kind=kind))
    rejects(client, api, "image", rule, image=path, duration=5)


def test_image_over_10_mb_is_refused_before_reading(client: Freepik, api: ScriptedAPI, tmp_path: Path) -> None:
    big = tmp_path / "big.png"
    with big.open("wb") as handle:
        handle.write(image_bytes(400, 400))
        handle.truncate(10 * 1024 * 1024 + 1)
    rejects(client, api, "image", "the limit is 10 MB", image=big, duration=5)
    rejects(client, api, "image", "over 10 MB", image=big.read_bytes(), duration=5)


def test_a_corrupt_png_is_refused(client: Freepik, api: ScriptedAPI) -> None:
    rejects(client, api, "image", "image", image=b"\x89PNG\r\n\x1a\n" + b"\0" * 10, duration=5)


def test_local_image_sent_as_base64_from_every_kind_of_input(client: Freepik, api: ScriptedAPI, png: Path) -> None:
    data = png.read_bytes()
    api.default = lambda request: task()
    inputs: list[Any] = [png, str(png), data, bytearray(data), io.BytesIO(data), png.open("rb")]
    for value in inputs:
        client.kling_v2.create(image=value, duration=5)
    for body in api.bodies():
        assert base64.b64decode(body["image"]) == data
    inputs[-1].close()


def test_text_mode_file_is_refused(client: Freepik, api: ScriptedAPI, png: Path) -> None:
    with png.open("r", encoding="latin-1") as handle:
        rejects(client, api, "image", "binary mode", image=handle, duration=5)


def test_only_given_fields_are_sent_and_durations_become_strings(client: Freepik, api: ScriptedAPI) -> None:
    api.default = lambda request: task()
    client.kling_v2.create(image=URL, duration=10)
    client.kling_v2.create(image=URL, duration="5", prompt="waves", cfg_scale=1, negative_prompt=None)
    client.kling_elements_std.create(images=(URL, URL))
    assert api.bodies() == [
        {"image": URL, "duration": "10"},  # no cfg_scale: the API applies its own default
        {"image": URL, "duration": "5", "prompt": "waves", "cfg_scale": 1},
        {"images": [URL, URL]},  # no aspect_ratio either
    ]


def test_path_like_objects_are_accepted(client: Freepik, api: ScriptedAPI, png: Path) -> None:
    class Custom(os.PathLike[str]):
        def __fspath__(self) -> str:
            return str(png)

    api.default = lambda request: task()
    client.kling_v2.create(image=Custom(), duration=5)
    assert base64.b64decode(api.bodies()[0]["image"]) == png.read_bytes()


def test_a_nested_image_field_names_its_path_and_what_it_got(client: Freepik, api: ScriptedAPI) -> None:
    elements = [{"frontal_image_url": 5, "reference_image_urls": ["https://x/a.png"]}]
    rejects(client, api, "elements[0].frontal_image_url", "URLs only", "kling_v3_omni_pro", elements=elements)
    rejects(client, api, "elements[0].frontal_image_url", "got int", "kling_v3_omni_pro", elements=elements)


def test_a_mask_list_is_not_an_image_but_its_masks_are(client: Freepik, api: ScriptedAPI, png: Path) -> None:
    masks = [{"mask": str(png), "trajectories": [{"x": 1, "y": 2}, {"x": 3, "y": "q"}]}]
    rejects(
        client,
        api,
        "dynamic_masks[0].trajectories[1].y",
        "must be a whole number, got 'q'",
        "kling_pro",
        duration=5,
        dynamic_masks=masks,
    )
    tiny = [{"mask": image_bytes(100, 100), "trajectories": [{"x": 1, "y": 2}]}]
    rejects(client, api, "dynamic_masks[0].mask", "at least 300x300 px", "kling_pro", duration=5, dynamic_masks=tiny)


def test_a_text_mode_file_and_a_lone_surrogate_are_refused_by_name(
    client: Freepik, api: ScriptedAPI, png: Path
) -> None:
    with png.open("r", encoding="latin-1") as text:
        rejects(client, api, "image", "opened in binary mode ('rb')", image=text, duration=5)
    rejects(client, api, "prompt", "lone surrogate", image=URL, duration=5, prompt="\ud800")
    rejects(client, api, "webhook_url", "http(s) URL", image=URL, duration=5, webhook_url="https://a b/hook")


def test_a_utf8_text_file_is_refused_before_it_is_read(client: Freepik, api: ScriptedAPI, png: Path) -> None:
    # The default text mode decodes as UTF-8: an image's bytes would raise UnicodeDecodeError from read().
    with png.open("r", encoding="utf-8") as text:
        rejects(client, api, "image", "opened in binary mode ('rb')", image=text, duration=5)


def test_a_folder_or_fifo_is_named_as_such_not_as_missing(client: Freepik, api: ScriptedAPI, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    rejects(client, api, "image", f"not a regular file: '{tmp_path}'", image=str(tmp_path), duration=5)
    rejects(client, api, "image", "not a regular file", image=tmp_path / "fifo", duration=5)
    rejects(client, api, "image", "no such file", image=tmp_path / "absent.jpg", duration=5)
