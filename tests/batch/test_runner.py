"""The batch from Python, against the simulator on its manual clock: states, unknown outcomes, polling."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from freepik_kling import Batch
from freepik_kling._catalog import models
from freepik_kling.batch import InvalidJobsError
from freepik_kling.batch._files import RUN_FOLDER_PREFIX
from freepik_kling.batch._jobs import jobs_from_list
from freepik_kling.batch._journal import Journal
from freepik_kling.errors import InvalidInputError
from freepik_kling.testing import FreepikServer
from tests.batch.conftest import ObservedClock, creates, posts, states, url_jobs
from tests.helpers import golden, image_bytes, mp4_boxes, valid_arguments


def test_a_list_of_jobs_is_run_to_the_end(
    make_batch: Any, freepik_server: FreepikServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("cat.png").write_bytes(image_bytes(400, 400))
    jobs = [*url_jobs(4), {"id": "local", "image": "cat.png", "duration": "10"}]  # relative: from the cwd
    result = make_batch().run(jobs)
    assert result.summary == {"done": 5, "skipped": 0, "failed": 0, "unknown": 0, "waiting": 0, "invalid": 0}
    for row in result.jobs:
        assert row.state == "downloaded"
        assert Path(row.output or "") == tmp_path / "videos" / f"{row.id}.mp4"
        assert mp4_boxes(Path(row.output or "").read_bytes())[0] == "ftyp"
    assert sorted(os.listdir(tmp_path / "videos")) == sorted(f"{row.id}.mp4" for row in result.jobs)
    local = next(body for body in creates(freepik_server) if body["duration"] == "10")
    assert not local["image"].startswith("http")  # the file was read and sent as base64
    assert not [r for r in freepik_server.requests if r.status == 429]  # never more than the 3 slots
    again = make_batch().run(jobs)
    assert again.summary["skipped"] == 5
    assert len(creates(freepik_server)) == 5


def test_polls_list_each_model_once_per_interval_and_gets_only_finished_tasks(
    make_batch: Any, freepik_server: FreepikServer
) -> None:
    make_batch().run(url_jobs(9))
    gets = [r for r in freepik_server.requests if r.method == "GET" and not r.path.startswith("/_sim/")]
    singles = [r for r in gets if r.path.rsplit("/", 1)[-1] in freepik_server.tasks]
    lists = [r for r in gets if r not in singles]
    assert sorted(r.path.rsplit("/", 1)[-1] for r in singles) == sorted(freepik_server.tasks)  # one get() each
    # Three rounds of three 35 s tasks: a round's tasks share each poll, so they cost what one task would.
    assert len(lists) <= 3 * 9


def test_a_refused_create_goes_back_to_pending_and_no_job_is_sending_while_the_batch_waits(
    make_batch: Any, freepik_server: FreepikServer, tmp_path: Path
) -> None:
    journal = tmp_path / "journal.sqlite"
    seen: list[dict[str, str]] = []
    clock = ObservedClock(freepik_server.clock, lambda _: seen.append(states(journal) if journal.exists() else {}))
    freepik_server.faults.rate_limit(retry_after=3, times=2, method="POST")
    freepik_server.faults.unavailable(times=1, method="POST")
    result = make_batch(clock=clock, rate=2.0).run(url_jobs(4))
    assert result.summary["done"] == 4
    assert len(seen) > 10  # the pace of 2 requests a second, three backoffs, the polls
    assert not [waiting for waiting in seen if "sending" in waiting.values()]
    assert len(posts(freepik_server)) == 4 + 3
    assert len(creates(freepik_server)) == 4


def test_a_lost_create_answer_that_made_no_task_is_sent_again_without_asking(
    make_batch: Any, freepik_server: FreepikServer
) -> None:
    freepik_server.faults.server_error_html(method="POST")  # 500 before any task is made: outcome unknown
    notes: list[str] = []
    result = make_batch(on_note=notes.append).run(url_jobs(3))
    assert result.summary["done"] == 3
    assert len(creates(freepik_server)) == 3
    assert any("never reached the API" in note for note in notes)


def test_a_lost_create_answer_that_made_a_task_stays_unknown_and_names_the_task(
    make_batch: Any, freepik_server: FreepikServer, tmp_path: Path
) -> None:
    freepik_server.faults.server_error_html(method="POST", after_processing=True)
    result = make_batch().run(url_jobs(3))
    [orphan] = [task for task in freepik_server.tasks.values() if task.body["prompt"] == "prompt 0"]
    assert result.summary == {"done": 2, "skipped": 0, "failed": 0, "unknown": 1, "waiting": 0, "invalid": 0}
    assert [(o.task_id, o.model, o.jobs) for o in result.orphans] == [(orphan.id, "kling-v2", ["job-0"])]
    again = make_batch().run(url_jobs(3))  # nothing new to learn: it stays as it is, and nothing is sent
    assert again.summary["unknown"] == 1
    assert [o.task_id for o in again.orphans] == [orphan.id]
    assert len(freepik_server.tasks) == 3
    resubmitted = make_batch(resubmit_unknown=True).run(url_jobs(3))
    assert resubmitted.summary["done"] == 1
    assert resubmitted.orphans == []
    assert len(freepik_server.tasks) == 4


def interrupted(tmp_path: Path, job: dict[str, Any], *, sent_at: float) -> None:
    """Leave ``job`` as a run killed mid-create leaves it: ``sending``."""
    [parsed], _ = jobs_from_list([job])
    journal = Journal.open(tmp_path / "journal.sqlite")
    try:
        journal.add(parsed)
        journal.update(parsed.id, state="sending", attempts=1, sent_at=sent_at)
    finally:
        journal.close()


def test_an_interrupted_create_is_judged_against_tasks_the_journal_already_knew(
    make_batch: Any, freepik_server: FreepikServer, tmp_path: Path
) -> None:
    """An orphan found by an earlier run belongs to the jobs unknown then: it does not keep a later
    interrupted create, which never arrived, from being sent again."""
    freepik_server.faults.server_error_html(method="POST", after_processing=True)
    jobs = url_jobs(2)
    first = make_batch().run(jobs)
    assert [o.jobs for o in first.orphans] == [["job-0"]]
    late = {"id": "late", "image": "https://example.com/late.jpg", "duration": 5, "prompt": "late"}
    interrupted(tmp_path, late, sent_at=time.time())
    waits: list[float] = []
    second = make_batch(clock=ObservedClock(freepik_server.clock, waits.append), settle=30).run([*jobs, late])
    assert waits[0] == pytest.approx(30, abs=2)  # the interrupted create was given time to land first
    assert states(tmp_path / "journal.sqlite") == {"job-0": "unknown", "job-1": "downloaded", "late": "downloaded"}
    assert [body["prompt"] for body in creates(freepik_server)].count("late") == 1
    assert second.summary["unknown"] == 1


def test_an_interrupted_create_that_arrived_stays_unknown(
    make_batch: Any, freepik_server: FreepikServer, tmp_path: Path
) -> None:
    job = url_jobs(1)[0]
    interrupted(tmp_path, job, sent_at=time.time() - 60)
    with freepik_server.client() as client:
        arrived = client.kling_v2.create(image=job["image"], duration=5, prompt=job["prompt"])
    result = make_batch().run([job])
    assert result.summary["unknown"] == 1
    assert [o.task_id for o in result.orphans] == [arrived.id]
    assert len(freepik_server.tasks) == 1


def test_a_create_cut_off_on_a_paged_route_is_found_past_the_first_page_and_not_sent_again(
    make_batch: Any, freepik_server: FreepikServer
) -> None:
    """More tasks than the route's first page holds, all known to the journal, then a create whose answer is
    cut off after it made its task: the newest task is on a later page, and only a walk of them finds it."""
    slug = next((slug for slug, model in golden()["models"].items() if "page_size" in model["list_parameters"]), None)
    if slug is None:
        pytest.skip("no list route of the golden record pages")
    per_page = golden()["models"][slug]["list_parameters"]["page_size"]["default"]  # what a bare request gets
    arguments = valid_arguments(models()[slug])
    jobs = [{"id": f"job-{n}", "model": slug, **arguments} for n in range(per_page + 1)]
    assert make_batch().run(jobs[:per_page]).summary["done"] == per_page
    freepik_server.faults.drop(method="POST")  # the create lands; its answer is lost
    result = make_batch().run(jobs)
    assert len(freepik_server.tasks) == per_page + 1  # not created again
    assert result.summary["unknown"] == 1
    [cut_off] = [o.task_id for o in result.orphans]
    assert list(freepik_server.tasks).index(cut_off) == per_page  # past the first page


def test_a_rejected_key_stops_the_run_and_loses_nothing(make_batch: Any, freepik_server: FreepikServer) -> None:
    result = make_batch(api_key="wrong-key").run(url_jobs(3))
    assert "401" in (result.stopped or "")
    assert {row.state for row in result.jobs} == {"pending"}
    assert result.summary["waiting"] == 3
    assert len(posts(freepik_server)) == 1
    assert make_batch().run(url_jobs(3)).summary["done"] == 3


def test_changed_lines(make_batch: Any, freepik_server: FreepikServer) -> None:
    freepik_server.faults.fail_if = lambda body: "fail" in body.get("prompt", "")
    jobs = url_jobs(3)
    jobs[1]["prompt"] = "please fail"
    jobs[2]["prompt"] = "please fail too"
    first = make_batch().run(jobs)
    assert first.summary == {"done": 1, "skipped": 0, "failed": 2, "unknown": 0, "waiting": 0, "invalid": 0}

    jobs[0]["prompt"] = "edited after it was downloaded"  # reported, never sent again
    jobs[1]["prompt"] = "fixed"  # a failed job takes the new content and is sent
    notes: list[str] = []
    second = make_batch(on_note=notes.append).run(jobs)
    assert second.summary == {"done": 1, "skipped": 1, "failed": 1, "unknown": 0, "waiting": 0, "invalid": 0}
    assert [body["prompt"] for body in creates(freepik_server)][-1] == "fixed"
    assert any("jobs[0]: changed, but job job-0 was already sent" in note for note in notes)
    assert any("jobs[1]: changed since job job-1 failed" in note for note in notes)
    assert len(creates(freepik_server)) == 4  # job-2 unchanged: not sent again without retry_failed

    freepik_server.faults.fail_if = None
    third = make_batch(retry_failed=True).run(jobs)
    assert third.summary == {"done": 1, "skipped": 2, "failed": 0, "unknown": 0, "waiting": 0, "invalid": 0}
    assert len(creates(freepik_server)) == 5


def test_a_pending_job_takes_the_new_content_and_one_removed_from_the_list_is_not_sent(
    make_batch: Any, freepik_server: FreepikServer
) -> None:
    jobs = url_jobs(2)
    make_batch(api_key="wrong-key").run(jobs)  # both stay pending
    jobs[0]["prompt"] = "new words"
    result = make_batch().run(jobs[:1])
    assert [body["prompt"] for body in creates(freepik_server)] == ["new words"]
    assert [row.id for row in result.jobs] == ["job-0"]
    assert result.summary["waiting"] == 0


def test_nothing_is_sent_when_any_job_is_bad_unless_asked(make_batch: Any, freepik_server: FreepikServer) -> None:
    jobs: list[dict[str, Any]] = [
        *url_jobs(2),
        {"id": "x", "image": "https://example.com/x.jpg", "duration": 7},
        {"id": "y", "image": "no-such-file.png", "duration": 5},
        {"id": "job-1", "image": "https://example.com/again.jpg", "duration": 5},
        {"id": "z", "image": "https://example.com/z.jpg", "duration": 5, "prompt": "\ud800"},
    ]
    with pytest.raises(InvalidJobsError) as caught:
        make_batch().run(jobs)
    assert [str(problem) for problem in caught.value.problems] == [
        "jobs[2]: duration: must be one of 5, 10; got 7",
        f"jobs[3]: image: not an http(s) URL and no such file: {str(Path.cwd() / 'no-such-file.png')!r}",
        "jobs[4]: id: 'job-1' is also the id of jobs[1]",
        "jobs[5]: prompt: not valid Unicode text (it holds a lone surrogate)",
    ]
    assert freepik_server.requests == []
    result = make_batch(skip_invalid=True).run(jobs)
    assert result.summary == {"done": 2, "skipped": 0, "failed": 0, "unknown": 0, "waiting": 0, "invalid": 4}
    assert [problem.source for problem in result.problems] == ["jobs[2]", "jobs[3]", "jobs[4]", "jobs[5]"]


def test_options_are_checked_before_anything(tmp_path: Path) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"concurrency": 4}, "concurrency: at most 3"),
        ({"concurrency": 0}, "concurrency: must be a whole number of at least 1"),
        ({"concurrency": 2.5}, "concurrency: must be a whole number"),
        ({"rate": 0}, "rate: must be a finite number above 0"),
        ({"rate": -1.0}, "rate: must be"),
        ({"rate": float("nan")}, "rate: must be"),
        ({"timeout": float("inf")}, "timeout: must be"),
        ({"poll_interval": 0}, "poll_interval: must be"),
        ({"settle": -1}, "settle: must be a finite number of at least 0"),
    ]
    for options, message in cases:
        with pytest.raises(InvalidInputError, match=message):
            Batch(journal=tmp_path / "j.sqlite", out=tmp_path, api_key="k", **options)
    assert Batch(journal=tmp_path / "j", out=tmp_path, concurrency=8, concurrency_over_limit=True).settings.concurrency
    assert not (tmp_path / "j.sqlite").exists()


def test_one_runner_per_journal(make_batch: Any, freepik_server: FreepikServer, tmp_path: Path) -> None:
    from freepik_kling.batch._journal import JournalLock

    other = JournalLock(tmp_path / "journal.sqlite")
    other.acquire()
    try:
        with pytest.raises(InvalidInputError, match=f"another batch \\(pid {os.getpid()}\\) is running"):
            make_batch().run(url_jobs(1))
    finally:
        other.release()
    assert freepik_server.requests == []
    assert make_batch().run(url_jobs(1)).summary["done"] == 1


def test_a_file_in_the_way_is_found_before_anything_is_sent(
    make_batch: Any, freepik_server: FreepikServer, tmp_path: Path
) -> None:
    (tmp_path / "videos").mkdir()
    (tmp_path / "videos" / "job-1.mp4").write_bytes(b"mine")
    with pytest.raises(InvalidJobsError, match=r"job-1\.mp4 exists already"):
        make_batch().run(url_jobs(2))
    assert freepik_server.requests == []
    assert (tmp_path / "videos" / "job-1.mp4").read_bytes() == b"mine"


def test_dead_runs_folders_go_and_a_video_placed_before_a_kill_is_kept(
    make_batch: Any, freepik_server: FreepikServer, tmp_path: Path
) -> None:
    videos = tmp_path / "videos"
    make_batch().run(url_jobs(2))
    # As a run killed after placing job-0's video, before recording it, and mid-download of job-1 leaves it:
    dead = videos / f"{RUN_FOLDER_PREFIX}999-dead"
    dead.mkdir()
    os.link(videos / "job-0.mp4", dead / "job-0.mp4")
    (dead / ".job-1.mp4.0123.part").write_bytes(b"half")
    (videos / "job-1.mp4").unlink()
    foreign = videos / f"{RUN_FOLDER_PREFIX}4242-other-journal"  # a run on another journal: not ours to touch
    foreign.mkdir()
    journal = Journal.open(tmp_path / "journal.sqlite")
    journal.update("job-0", state="completed")
    journal.update("job-1", state="completed")
    journal.add_run(dead)
    journal.close()
    freepik_server.requests.clear()
    result = make_batch().run(url_jobs(2))
    assert {row.id: row.state for row in result.jobs} == {"job-0": "downloaded", "job-1": "downloaded"}
    fetched = [r.path for r in freepik_server.requests if r.path.startswith("/_sim/videos/")]
    assert len(fetched) == 1  # job-1's only: job-0's video was already in place
    assert sorted(os.listdir(videos)) == sorted(["job-0.mp4", "job-1.mp4", foreign.name])


def test_a_journal_of_the_first_version_resumes(make_batch: Any, freepik_server: FreepikServer, tmp_path: Path) -> None:
    jobs = url_jobs(2)
    with sqlite3.connect(tmp_path / "journal.sqlite") as db:
        db.execute(
            "CREATE TABLE jobs (id TEXT PRIMARY KEY, line INTEGER NOT NULL, model TEXT NOT NULL, params TEXT NOT NULL,"
            " state TEXT NOT NULL, task_id TEXT, video_url TEXT, attempts INTEGER NOT NULL DEFAULT 0, error TEXT,"
            " output TEXT, updated_at REAL NOT NULL)"
        )
        for number, state in enumerate(["submitting", "failed"]):
            params = {key: value for key, value in jobs[number].items() if key != "id"}
            db.execute(
                "INSERT INTO jobs (id, line, model, params, state, attempts, updated_at) VALUES (?, ?, ?, ?, ?, 1, 0)",
                [f"job-{number}", number + 1, "kling-v2", json.dumps(params), state],
            )
    result = make_batch().run(jobs)
    assert {row.id: row.state for row in result.jobs} == {"job-0": "downloaded", "job-1": "failed"}
    assert len(creates(freepik_server)) == 1


def test_a_full_disk_stops_new_creates_and_keeps_what_was_paid_for(
    make_batch: Any, freepik_server: FreepikServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from freepik_kling.batch._files import OutFolder

    async def full(self: OutFolder, client: Any, job_id: str, task: Any, timeout: float) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(OutFolder, "save", full)
    result = make_batch().run(url_jobs(5))
    assert "cannot write videos" in (result.stopped or "")
    assert len(creates(freepik_server)) == 3  # the three already running when the first video could not land
    assert {row.id: row.state for row in result.jobs} == {
        **{f"job-{n}": "completed" for n in range(3)},
        **{f"job-{n}": "pending" for n in (3, 4)},
    }
    monkeypatch.undo()
    assert make_batch().run(url_jobs(5)).summary["done"] == 5
    assert len(creates(freepik_server)) == 5


def test_a_journal_that_cannot_record_a_task_id_leaves_the_task_named_not_lost(
    make_batch: Any, freepik_server: FreepikServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    update = Journal.update

    def failing(self: Journal, job_id: str, **fields: Any) -> None:
        if fields.get("state") == "created":
            raise sqlite3.OperationalError("database or disk is full")
        update(self, job_id, **fields)

    monkeypatch.setattr(Journal, "update", failing)
    with pytest.raises(sqlite3.OperationalError):
        make_batch().run(url_jobs(1))
    monkeypatch.undo()
    [task] = freepik_server.tasks.values()
    result = make_batch().run(url_jobs(1))
    assert result.summary["unknown"] == 1
    assert [o.task_id for o in result.orphans] == [task.id]
    assert len(freepik_server.tasks) == 1
