"""The batch's decisions, with no I/O: error verdicts, backoff, pacing, and the poll plan that learns."""

from __future__ import annotations

import httpx
import pytest

from freepik_kling.batch._decide import Backoff, PollPlan, RateGate, judge
from freepik_kling.batch._jobs import is_safe_id
from freepik_kling.errors import (
    APIConnectionError,
    APIResponseValidationError,
    FreepikError,
    error_from,
)


def status_error(code: int, *, unknown: bool = False, headers: dict[str, str] | None = None) -> FreepikError:
    error = error_from(httpx.Response(code, headers=headers, content=b"{}"))
    error.outcome_unknown = unknown
    return error


@pytest.mark.parametrize(
    ("error", "kind", "after"),
    [
        (status_error(429, headers={"retry-after": "7"}), "retry", 7.0),
        (status_error(429), "retry", None),
        (status_error(503), "retry", None),
        (status_error(500), "retry", None),  # a status call: nothing was created either way
        (status_error(500, unknown=True), "unknown", None),  # a create: a task may exist
        (APIConnectionError("refused"), "retry", None),
        (APIConnectionError("timed out", outcome_unknown=True), "unknown", None),
        (
            APIResponseValidationError(httpx.Response(200, request=httpx.Request("POST", "https://x/v1"))),
            "unknown",
            None,
        ),
        (status_error(401), "fatal", None),
        (status_error(403), "fatal", None),
        (status_error(400), "rejected", None),
        (status_error(404), "rejected", None),
    ],
)
def test_judge(error: FreepikError, kind: str, after: float | None) -> None:
    verdict = judge(error)
    assert (verdict.kind, verdict.after) == (kind, after)


def test_backoff_doubles_to_its_cap_and_honours_the_server() -> None:
    backoff = Backoff(cap=10)
    assert [backoff.refused(None) for _ in range(6)] == [1, 2, 4, 8, 10, 10]
    assert backoff.refused(3.5) == 3.5
    backoff.succeeded()
    assert backoff.refused(None) == 1


def test_rate_gate_spaces_requests() -> None:
    gate = RateGate(4.0)
    assert [gate.delay(10.0) for _ in range(3)] == [0.0, 0.25, 0.5]
    assert gate.delay(20.0) == 0.0  # an idle gate does not save up a burst


def polls_until_done(plan: PollPlan, duration: float, limit: int = 100) -> list[float]:
    """The ages at which one task of ``duration`` seconds is polled, until a poll sees it done."""
    ages, age = [], 0.0
    for _ in range(limit):
        age += plan.delay([age])
        ages.append(age)
        if age >= duration:
            return ages
    raise AssertionError("never done")


def test_the_plan_polls_young_tasks_often_and_old_ones_less() -> None:
    ages = polls_until_done(PollPlan(), 600)
    gaps = [b - a for a, b in zip([0.0, *ages], ages, strict=False)]
    assert gaps[:3] == [2.0, 2.0, 2.0]
    assert max(gaps) == 15.0
    assert ages[-1] - 600 <= 15.0
    assert PollPlan(fixed=0.7).delay([1.0, 300.0]) == 0.7


def test_the_plan_learns_when_tasks_finish_and_polls_there() -> None:
    plan = PollPlan()
    first = polls_until_done(plan, 125)
    plan.learn(first[-2], first[-1])
    for _ in range(6):
        late = polls_until_done(plan, 125)
        plan.learn(late[-2], late[-1])
    assert first[-1] - 125 > 5
    assert late[-1] - 125 < 1  # found within a second of its end
    assert len(late) < len(first) * 0.8  # with sparse polls until the window where tasks end


def test_a_task_that_breaks_the_pattern_resets_what_the_plan_learned() -> None:
    plan = PollPlan()
    plan.learn(110, 121)
    plan.learn(115, 121)
    assert plan.window == (115, 121)
    plan.learn(290, 300)  # a 10 s video takes longer: the window moves, it does not vanish
    assert plan.window == (290, 300)
    ages = polls_until_done(plan, 40)
    assert ages[-1] - 40 < 40  # a shorter task than the window is still found


@pytest.mark.parametrize(
    ("job_id", "safe"),
    [
        ("cat-1", True),
        ("Cat_1.v2", True),
        ("_x", True),
        ("a" * 100, True),
        ("a" * 101, False),
        ("", False),
        (".", False),
        ("..", False),
        (".hidden", False),
        ("-rf", False),
        ("a/b", False),
        ("a\\b", False),
        ("../x", False),
        ("/abs", False),
        ("ends.", False),
        ("with space", False),
        ("nul", False),
        ("COM1.x", False),
        ("café", False),
        ("a\nb", False),
    ],
)
def test_safe_ids(job_id: str, safe: bool) -> None:
    assert is_safe_id(job_id) is safe
