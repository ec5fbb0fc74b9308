"""The key's slots: at most ``max_in_progress`` tasks in progress per client, a queue rather than an error, on
the simulator (real loopback HTTP, the key's 3 slots enforced with 429s)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from freepik_kling import AsyncFreepik, Freepik, Task, errors
from freepik_kling._policy import Deadline, GiveUp, Retry, RetryPolicy
from freepik_kling.testing import FreepikServer, SimulatorClock, Timings
from tests.facade.conftest import FakeClock, ScriptedAPI, task

IMAGE = "https://example.com/cat.jpg"
SLOTS_FULL = "Too many requests: at most 3 tasks in progress"


def test_a_gather_of_ten_runs_waits_for_slots_and_never_meets_a_429() -> None:
    # Real time: on a manual clock, coroutines sleeping at once would each move the shared time forward.
    server = FreepikServer(clock=SimulatorClock(manual=False), timings=Timings(queued=0.1, processing=0.3))
    in_progress_at_creates: list[int] = []

    async def before(request: httpx.Request) -> None:
        if request.method == "POST":  # what the key holds as this create leaves
            in_progress_at_creates.append(server.in_progress(server.api_key))

    async def main() -> list[Task]:
        http = httpx.AsyncClient(event_hooks={"request": [before]})
        async with server.async_client(http_client=http) as client:
            runs = [client.kling_v2.run(image=IMAGE, duration=5, poll_interval=0.1, timeout=60) for _ in range(10)]
            done = await asyncio.gather(*runs)
        await http.aclose()
        return done

    with server:
        done = asyncio.run(main())
    assert [task.status for task in done] == ["COMPLETED"] * 10
    assert len({task.id for task in done}) == 10
    creates = [r for r in server.requests if r.method == "POST"]
    assert [r.status for r in creates] == [200] * 10  # no create the limit should have held back
    assert not [r for r in server.requests if r.status == 429]
    assert len(in_progress_at_creates) == 10
    assert max(in_progress_at_creates) <= 2  # so never more than 3 once each create landed
    assert len(server.tasks) == 10


def test_a_gather_of_ten_runs_in_the_sandbox_completes_them_all() -> None:
    # The sandbox's clock stands still until someone sleeps on it: a create waiting for one of this client's
    # slots must not sleep on it, or it runs every deadline out before the waits holding the slots see an answer.
    async def main() -> tuple[list[Task], list[int]]:
        async with AsyncFreepik.sandbox() as client:
            server = client.server  # type: ignore[attr-defined]
            runs = [client.kling_v2.run(image=IMAGE, duration=5) for _ in range(10)]
            done = await asyncio.gather(*runs)
            return done, [r.status for r in server.requests]

    done, statuses = asyncio.run(main())
    assert [task.status for task in done] == ["COMPLETED"] * 10
    assert len({task.id for task in done}) == 10
    assert 429 not in statuses


def test_ten_threads_running_on_one_sandbox_client_complete_them_all() -> None:
    with Freepik.sandbox() as client, ThreadPoolExecutor(10) as pool:
        done = list(pool.map(lambda _: client.kling_v2.run(image=IMAGE, duration=5), range(10)))
        statuses = [r.status for r in client.server.requests]  # type: ignore[attr-defined]
    assert [task.status for task in done] == ["COMPLETED"] * 10
    assert 429 not in statuses


def test_a_bare_create_holds_its_slot_until_the_client_sees_it_end(freepik_server: FreepikServer) -> None:
    with freepik_server.client(max_in_progress=2) as client:
        first = client.kling_v2.create(image=IMAGE, duration=5)
        client.kling_v2.create(image=IMAGE, duration=5)
        sent = len(freepik_server.requests)
        with pytest.raises(errors.RateLimitError, match="this client has its 2 tasks in progress"):
            client.kling_v2.create(image=IMAGE, duration=5)  # no timeout: no waiting
        # It looked whether the two had ended (a status request each), and sent no create.
        assert [r.method for r in freepik_server.requests[sent:]] == ["GET", "GET"]
        done = client.kling_v2.wait(first)  # this client sees it end: its slot frees
        assert done.status == "COMPLETED"
        third = client.kling_v2.create(image=IMAGE, duration=5)
    assert third.id not in (first.id,)
    assert [r.status for r in freepik_server.requests if r.method == "POST"] == [200, 200, 200]


def test_a_create_with_a_timeout_waits_for_a_task_nobody_polls(freepik_server: FreepikServer) -> None:
    with freepik_server.client(max_in_progress=1) as client:
        client.kling_v2.create(image=IMAGE, duration=5)
        started = freepik_server.clock.monotonic()
        second = client.kling_v2.create(image=IMAGE, duration=5, timeout=600)
        waited = freepik_server.clock.monotonic() - started
    assert second.status == "CREATED"
    assert 30 <= waited < 120  # the first task's 35 simulated seconds, found by polling it on the schedule
    assert [r.status for r in freepik_server.requests if r.method == "POST"] == [200, 200]


def test_a_key_full_elsewhere_is_waited_for_within_runs_deadline(freepik_server: FreepikServer) -> None:
    with freepik_server.client(max_in_progress=None) as other:  # another program on the same key
        for _ in range(3):
            other.kling_v2.create(image=IMAGE, duration=5)
    with freepik_server.client() as client:
        done = client.kling_v2.run(image=IMAGE, duration=5, timeout=600)
        assert done.status == "COMPLETED"
        statuses = [r.status for r in freepik_server.requests if r.method == "POST"][3:]
        assert (statuses[0], statuses[-1]) == (429, 200)
        assert len(statuses) > 3  # past max_retries: a queue
        freepik_server.reset()
        for _ in range(3):
            client.with_options(max_retries=0).kling_v2.create(image=IMAGE, duration=5)
        with pytest.raises(errors.RateLimitError):
            client.kling_v2.run(image=IMAGE, duration=5, timeout=5)
        assert len(freepik_server.tasks) == 3  # the deadline passed: nothing more was created


def test_max_in_progress_is_checked(freepik_server: FreepikServer) -> None:
    for bad in (0, -1, 2.5, True, "3"):
        with pytest.raises(errors.InvalidInputError, match="max_in_progress"):
            freepik_server.client(max_in_progress=bad)


def _slots_429(retry_after: str | None = None) -> httpx.Response:
    headers = {"Retry-After": retry_after} if retry_after else {}
    return httpx.Response(429, json={"message": "Too many requests: at most 3 tasks in progress"}, headers=headers)


def test_slot_waits_follow_the_poll_schedule_and_end_at_the_deadline() -> None:
    clock = SimulatorClock()
    deadline = Deadline(clock, 30.0)
    delays: list[float] = []
    while not isinstance(
        decision := RetryPolicy().decide(len(delays), _slots_429(), creates=True, deadline=deadline), GiveUp
    ):
        assert decision.slots_full == "Too many requests: at most 3 tasks in progress"
        delays.append(decision.after)
        clock.advance(decision.after)
        assert len(delays) < 100
    assert isinstance(decision.error, errors.RateLimitError)
    assert delays[:3] == [2.0, 3.0, 4.5]
    assert sum(delays) == pytest.approx(30.0)  # the last wait is cut to the deadline, never past it


def test_slot_waits_take_the_servers_retry_after_cut_to_the_deadline() -> None:
    clock = SimulatorClock()
    deadline = Deadline(clock, 10.0)
    assert RetryPolicy().decide(0, _slots_429("7"), creates=True, deadline=deadline) == Retry(7.0, SLOTS_FULL)
    clock.advance(7.0)
    assert RetryPolicy().decide(1, _slots_429("60"), creates=True, deadline=deadline).after == pytest.approx(3.0)


def test_each_slot_wait_is_logged_for_a_caller_to_show(
    client: Freepik, api: ScriptedAPI, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    api.queue(_slots_429("5"), task())
    caplog.set_level("INFO", logger="freepik_kling")
    client.kling_v2.create(image=IMAGE, duration=5, timeout=60)
    waits = [record.slot_wait for record in caplog.records if hasattr(record, "slot_wait")]
    assert waits == [Retry(5.0, SLOTS_FULL)]  # what the command line's live line reads
    assert clock.sleeps == [5.0]
    assert f"waiting 5.0 s for a free slot ({SLOTS_FULL})" in caplog.text
