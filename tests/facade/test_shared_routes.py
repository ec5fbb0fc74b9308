"""Tasks read from a route several models share are labelled truthfully: with the model that created them
when this client knows it, else with the family the route serves, never a guess."""

from __future__ import annotations

from pathlib import Path

from freepik_kling.testing import FreepikServer
from tests.helpers import golden_family

O1 = golden_family("kling-o1-pro")  # what the document says shares the route, not a list kept here
FRAME = "https://example.com/first.png"


def test_a_task_is_labelled_with_its_creator_or_its_family(freepik_server: FreepikServer, tmp_path: Path) -> None:
    with freepik_server.client() as creator:
        std = creator.kling_o1_std.create(first_frame=FRAME, prompt="a morph")
        pro = creator.kling_o1_pro.create(first_frame=FRAME, prompt="a morph")
        assert (std.model, pro.model) == ("kling-o1-std", "kling-o1-pro")
        assert creator.kling_o1_pro.get(std.id).model == "kling-o1-std"  # this client made it: it knows
        listed = {task.id: task.model for task in creator.kling_o1_pro.list()}
        assert listed == {std.id: "kling-o1-std", pro.id: "kling-o1-pro"}
    with freepik_server.client() as stranger:  # another client: the shared route does not say which
        assert stranger.kling_o1_pro.get(std.id).model == O1
        assert {task.model for task in stranger.kling_o1_std.list()} == {O1}
        assert stranger.kling_o1_pro.wait(std.id, timeout=600).model == O1
        freepik_server.clock.advance(600)
        listed_task = stranger.kling_o1_pro.list()[0]  # no video URLs: download() fetches them, on the family's route
        assert stranger.download(listed_task, tmp_path).stat().st_size > 0


def test_a_model_alone_on_its_routes_is_named(freepik_server: FreepikServer) -> None:
    with freepik_server.client() as creator:
        made = creator.kling_v2.create(image="https://example.com/cat.jpg", duration=5)
    with freepik_server.client() as stranger:
        assert stranger.kling_v2.get(made.id).model == "kling-v2"
        assert [task.model for task in stranger.kling_v2.list()] == ["kling-v2"]
