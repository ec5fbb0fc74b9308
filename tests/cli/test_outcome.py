"""The decisions behind the messages: the command that finishes a task, and what a failure leaves to do."""

from __future__ import annotations

from freepik_kling._cli.outcome import EXIT_INTERRUPTED, EXIT_OUTPUT, Job, outcome_of
from freepik_kling._policy import slots_full
from freepik_kling.errors import RateLimitError, ServiceUnavailableError


def slots_429() -> RateLimitError:
    message = "Too many requests: at most 3 tasks in progress"
    return RateLimitError(message, status_code=429, body={}, headers={})


def test_the_finish_command_downloads_a_finished_task_and_waits_for_one_that_is_not() -> None:
    job = Job(task_id="t 1", model="kling-v2", resumable=True, output="my videos/", overwrite=True)
    job.status = "IN_PROGRESS"
    assert job.finish_command() == "freepik-kling wait 't 1' --model kling-v2 -o 'my videos/' --overwrite"
    job.status, job.base_url = "COMPLETED", "https://api.magnific.com"
    assert job.finish_command() == (
        "freepik-kling download 't 1' --model kling-v2 -o 'my videos/' --overwrite --base-url https://api.magnific.com"
    )
    job.output = ""  # the default: ./<task id>.mp4
    assert job.finish_command() is not None
    assert "-o 't 1.mp4'" in (job.finish_command() or "")
    waits_only = Job(task_id="t2", model="kling-elements-std", resumable=True, output=None)
    assert waits_only.finish_command() == "freepik-kling wait t2 --model kling-elements-std"
    assert Job(task_id="t3", model="kling-v2", resumable=True, sandbox=True, created=True).finish_command() is None


def test_ctrl_c_while_queued_for_a_slot_says_nothing_was_created() -> None:
    outcome = outcome_of(KeyboardInterrupt(), Job(stage="queued", model="kling-v2"))
    assert outcome.code == EXIT_INTERRUPTED
    assert outcome.notes == ("nothing was created: the command was waiting for a free slot",)


def test_a_disk_error_while_downloading_is_an_output_error_with_the_way_to_finish() -> None:
    job = Job(stage="downloading", task_id="t1", model="kling-v2", resumable=True, output="a.mp4", status="COMPLETED")
    outcome = outcome_of(OSError(28, "No space left on device", "a.mp4"), job)
    assert outcome.code == EXIT_OUTPUT
    assert outcome.message == "could not save the video: No space left on device: a.mp4"
    assert outcome.notes[-1] == "  freepik-kling download t1 --model kling-v2 -o a.mp4"


def test_only_a_429_about_tasks_in_progress_is_a_queue() -> None:
    assert slots_full(slots_429())
    assert not slots_full(RateLimitError("Too many requests", status_code=429, body={}, headers={}))
    unavailable = ServiceUnavailableError("3 tasks in progress", status_code=503, body={}, headers={})
    assert not slots_full(unavailable)
