"""wait() and run(): adaptive polling on a driven clock, deadlines, failures, unknown statuses."""

from __future__ import annotations

import httpx
import pytest

from freepik_kling import Freepik, Task, TaskStatus, errors
from freepik_kling._policy import PollSchedule
from tests.facade.conftest import TASK_ID, FakeClock, ScriptedAPI, detail, task

VIDEO = "https://cdn.example/v.mp4"


def test_run_creates_then_polls_until_completed(client: Freepik, api: ScriptedAPI, clock: FakeClock) -> None:
    api.queue(task("CREATED"), detail("IN_PROGRESS"), detail("IN_PROGRESS"), detail("COMPLETED", videos=[VIDEO]))
    seen: list[TaskStatus] = []
    done = client.kling_v2.run(image="https://x/cat.jpg", duration=5, on_status=lambda t: seen.append(t.status))
    assert done == Task(id=TASK_ID, status="COMPLETED", model="kling-v2", videos=[VIDEO])
    assert seen == ["IN_PROGRESS", "COMPLETED"]  # on every change, not on every poll
    assert [r.method for r in api.requests] == ["POST", "GET", "GET", "GET"]
    assert clock.sleeps == [2.0, 3.0, 4.5]


def test_wait_accepts_a_task_id_and_polls_at_once(client: Freepik, api: ScriptedAPI, clock: FakeClock) -> None:
    api.queue(detail("COMPLETED", videos=[VIDEO]))
    assert client.kling_v2.wait(TASK_ID).videos == (VIDEO,)
    assert clock.sleeps == [0.0]


def test_a_finished_task_needs_no_request(client: Freepik, api: ScriptedAPI) -> None:
    finished = Task(id="t", status="COMPLETED", model="kling-v2", videos=[VIDEO])
    assert client.kling_v2.wait(finished) is finished
    with pytest.raises(errors.TaskFailedError):
        client.kling_v2.wait(Task(id="t", status="FAILED", model="kling-v2"))
    assert api.requests == []


def test_failed_task_raises_with_the_task(client: Freepik, api: ScriptedAPI) -> None:
    api.queue(detail("IN_PROGRESS"), detail("FAILED"))
    with pytest.raises(errors.TaskFailedError) as caught:
        client.kling_v2.wait(TASK_ID)
    assert caught.value.task.status == TaskStatus.FAILED
    assert caught.value.task.id == TASK_ID


def test_deadline_raises_wait_timeout_with_the_last_task(client: Freepik, api: ScriptedAPI, clock: FakeClock) -> None:
    api.default = lambda request: detail("IN_PROGRESS")
    started = clock.now
    with pytest.raises(errors.WaitTimeoutError) as caught:
        client.kling_v2.wait(Task(id=TASK_ID, status="CREATED", model="kling-v2"), timeout=60)
    assert caught.value.task.status == "IN_PROGRESS"
    assert clock.now - started == pytest.approx(60)  # the last sleep is cut to the deadline, then one last poll
    assert "wait() again" in str(caught.value)


def test_unknown_status_is_kept_and_waited_through(client: Freepik, api: ScriptedAPI) -> None:
    api.queue(detail("QUEUED_FOR_GPU"), detail("COMPLETED", videos=[VIDEO]))
    seen: list[str] = []
    done = client.kling_v2.wait(TASK_ID, on_status=lambda t: seen.append(str(t.status)))
    assert seen == ["QUEUED_FOR_GPU", "COMPLETED"]
    assert done.status is TaskStatus.COMPLETED
    unknown = TaskStatus("QUEUED_FOR_GPU")
    assert (unknown.value, unknown.is_finished) == ("QUEUED_FOR_GPU", False)


def test_transient_poll_failures_do_not_end_the_wait(api: ScriptedAPI, clock: FakeClock) -> None:
    client = Freepik(
        api_key="k", http_client=httpx.Client(transport=httpx.MockTransport(api.handle)), max_retries=0, clock=clock
    )
    api.queue(
        httpx.ConnectError("refused"),
        httpx.Response(500, text="<html>oops</html>"),
        httpx.Response(429, json={"message": "slow"}, headers={"retry-after": "9"}),
        httpx.ReadTimeout("slow"),
        detail("COMPLETED", videos=[VIDEO]),
    )
    assert client.kling_v2.wait(TASK_ID).status == "COMPLETED"
    assert len(api.requests) == 5
    assert 9.0 in clock.sleeps  # the server's hint wins over the schedule


def test_permanent_poll_failure_ends_the_wait(client: Freepik, api: ScriptedAPI) -> None:
    api.queue(httpx.Response(401, json={"message": "Invalid API key"}))
    with pytest.raises(errors.AuthenticationError):
        client.kling_v2.wait(TASK_ID)
    api.queue(httpx.Response(404, json={"message": "Not found"}))
    with pytest.raises(errors.NotFoundError):
        client.kling_v2.wait(TASK_ID)


@pytest.mark.parametrize("timeout", [0, -1, float("nan"), float("inf"), "60", True])
def test_timeout_must_be_positive_seconds(client: Freepik, api: ScriptedAPI, timeout: object) -> None:
    with pytest.raises(errors.InvalidInputError, match="timeout: must be a positive number of seconds"):
        client.kling_v2.wait(TASK_ID, timeout=timeout)  # type: ignore[arg-type]
    assert api.requests == []


def polls_until(duration: float, schedule: PollSchedule) -> tuple[int, float]:
    """(status requests, detection delay) for a task that completes ``duration`` s after creation."""
    elapsed, interval, polls = 0.0, None, 0
    while True:
        interval = schedule.next(interval, elapsed)
        elapsed += interval
        polls += 1
        if elapsed >= duration:
            return polls, elapsed - duration


@pytest.mark.parametrize(("duration", "most"), [(30, 7), (120, 13), (600, 40)])
def test_poll_economy(duration: float, most: int) -> None:
    polls, delay = polls_until(duration, PollSchedule())
    assert polls <= most
    assert delay < 15


def test_poll_interval_never_exceeds_its_caps() -> None:
    schedule, interval = PollSchedule(), None
    for elapsed in range(0, 3600, 7):
        interval = schedule.next(interval, float(elapsed))
        assert interval <= (15.0 if elapsed < 120 else 20.0)


def test_a_fixed_poll_interval(client: Freepik, api: ScriptedAPI, clock: FakeClock) -> None:
    api.queue(detail(), detail(), detail("COMPLETED", videos=[VIDEO]))
    client.kling_v2.wait(Task(id=TASK_ID, status="CREATED", model="kling-v2"), poll_interval=0.25)
    assert clock.sleeps == [0.25, 0.25, 0.25]
    with pytest.raises(errors.InvalidInputError, match="poll_interval: must be a positive number"):
        client.kling_v2.wait(TASK_ID, poll_interval=0)


def test_an_unknown_wait_option_is_refused_before_any_request(client: Freepik, api: ScriptedAPI) -> None:
    with pytest.raises(errors.InvalidInputError) as caught:
        client.kling_v2.wait(TASK_ID, timout=60)  # type: ignore[call-arg]
    assert caught.value.field == "timout"
    assert "not an option of wait()" in caught.value.rule
    assert api.requests == []


def test_run_passes_its_wait_options_on_and_sends_only_the_fields(
    client: Freepik, api: ScriptedAPI, clock: FakeClock
) -> None:
    api.queue(task("CREATED"), detail("COMPLETED", videos=[VIDEO]))
    done = client.kling_v2.run(image="https://x/cat.jpg", duration=5, poll_interval=7, timeout=30)
    assert done.videos == (VIDEO,)
    assert clock.sleeps == [7.0]
    assert api.bodies()[0] == {"image": "https://x/cat.jpg", "duration": "5"}


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"timeout": 0}, "timeout"),
        ({"timeout": "60"}, "timeout"),
        ({"poll_interval": -1}, "poll_interval"),
        ({"on_status": 5}, "on_status"),
    ],
)
def test_run_checks_its_wait_options_before_the_paid_create(
    client: Freepik, api: ScriptedAPI, options: dict[str, object], field: str
) -> None:
    with pytest.raises(errors.InvalidInputError) as caught:
        client.kling_v2.run(image="https://x/cat.jpg", duration=5, **options)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert api.requests == []  # nothing created, nothing paid
    with pytest.raises(errors.InvalidInputError):
        client.kling_v2.wait(TASK_ID, **options)  # type: ignore[arg-type]
    assert api.requests == []


def test_a_run_that_fails_after_its_create_names_the_task(client: Freepik, api: ScriptedAPI) -> None:
    api.queue(task("CREATED"), httpx.Response(401, json={"message": "Invalid API key"}))
    with pytest.raises(errors.AuthenticationError) as caught:
        client.kling_v2.run(image="https://x/cat.jpg", duration=5)
    assert any(TASK_ID in note and "wait()" in note for note in caught.value.__notes__)
    assert [r.method for r in api.requests] == ["POST", "GET"]  # created once, never again
