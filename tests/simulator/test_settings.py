"""The simulator's settings as a newcomer sets them: a misspelt or misplaced one raises instead of doing nothing,
and ``wait_for_deliveries`` waits for new deliveries, not for the count since the start."""

from __future__ import annotations

import pytest

from freepik_kling import errors, webhooks
from freepik_kling.testing import FreepikServer, Timings

CAT = {"image": "https://example.com/cat.jpg", "duration": 5}


def test_a_fault_set_on_the_server_instead_of_its_faults_raises(freepik_server: FreepikServer) -> None:
    with pytest.raises(
        AttributeError, match=r"FreepikServer has no setting 'fail_tasks'; did you mean faults\.fail_tasks\?"
    ):
        freepik_server.fail_tasks = 1  # type: ignore[attr-defined]
    freepik_server.faults.fail_tasks = 1  # where it lives: the next task fails
    with pytest.raises(errors.TaskFailedError):
        freepik_server.client().kling_v2.run(**CAT)


@pytest.mark.parametrize(
    ("target", "name", "message"),
    [
        ("server", "video_sise", "FreepikServer has no setting 'video_sise'; did you mean 'video_size'?"),
        ("server", "timing", "FreepikServer has no setting 'timing'; did you mean 'timings'?"),
        ("faults", "fail_task", "Faults has no setting 'fail_task'; did you mean 'fail_tasks'?"),
        ("faults", "webhook_tampering", "Faults has no setting 'webhook_tampering'; did you mean 'webhook_tamper'?"),
    ],
)
def test_a_misspelt_setting_raises_naming_the_right_one(
    freepik_server: FreepikServer, target: str, name: str, message: str
) -> None:
    obj = freepik_server if target == "server" else freepik_server.faults
    with pytest.raises(AttributeError) as caught:
        setattr(obj, name, 1)
    assert str(caught.value) == message
    assert not hasattr(obj, name)


def test_an_unstarted_server_refuses_unknown_settings_too() -> None:
    server = FreepikServer()
    with pytest.raises(AttributeError, match=r"did you mean faults\.webhook_replay"):
        server.webhook_replay = 1  # type: ignore[attr-defined]
    server.max_in_progress = 1
    server.timings = Timings(queued=0, processing=0)
    server.video_size = 4096
    assert (server.max_in_progress, server.video_size) == (1, 4096)


def test_wait_for_deliveries_counts_new_deliveries(freepik_server: FreepikServer) -> None:
    client = freepik_server.client()
    first = client.kling_v2.run(**CAT, webhook_url=freepik_server.webhook_sink_url)
    delivered = freepik_server.wait_for_deliveries(2)
    assert [webhooks.verify(d.body, d.headers, freepik_server.webhook_secret).id for d in delivered] == [first.id] * 2

    second = client.kling_v2.run(**CAT, webhook_url=freepik_server.webhook_sink_url)
    delivered = freepik_server.wait_for_deliveries(2)  # the second task's two, not the first's again
    verified = [webhooks.verify(d.body, d.headers, freepik_server.webhook_secret) for d in delivered]
    assert [(task.id, task.status) for task in verified] == [(second.id, "IN_PROGRESS"), (second.id, "COMPLETED")]
    with pytest.raises(TimeoutError, match="0 of 1 new webhook deliveries"):
        freepik_server.wait_for_deliveries(1, timeout=0.2)
