"""The value types users hold: ``Task`` and ``TaskStatus``."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Protocol, TypeGuard

import attrs


class TaskStatus(enum.StrEnum):
    """Status of a task. A value the API adds later is kept as a pseudo-member, never an error."""

    CREATED = "CREATED"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"

    @classmethod
    def _missing_(cls, value: object) -> TaskStatus | None:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = member._value_ = value
        return member

    @property
    def is_finished(self) -> bool:
        """COMPLETED or FAILED. Unknown statuses count as not finished, so waiting goes on."""
        return self in (TaskStatus.COMPLETED, TaskStatus.FAILED)


class ReportedTask(Protocol):
    """A task as any model's generated classes report it (``Task``, ``TaskDetail``, or another page's names)."""

    @property
    def task_id(self) -> str: ...

    @property
    def status(self) -> str: ...


def is_reported(value: object) -> TypeGuard[ReportedTask]:
    return hasattr(value, "task_id") and hasattr(value, "status")


def _urls(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(str(value) for value in values)


@attrs.frozen
class Task:
    """A video generation task; frozen and hashable.

    ``videos`` holds the URLs of the generated videos once the task is COMPLETED (they are short-lived:
    download them soon). Only the status route and webhooks carry them: a task from ``create()`` or
    ``list()`` has none, and ``wait()`` or ``download()`` fetch them. ``model`` is the slug of the model
    that runs it (``kling-v2``), or ``""`` when the source did not say (a webhook delivery). From a route
    several models share, a task this client did not create is labelled with the family, ``a|b``.
    """

    id: str
    status: TaskStatus = attrs.field(converter=TaskStatus)
    model: str = ""
    videos: tuple[str, ...] = attrs.field(default=(), converter=_urls)

    def to_dict(self) -> dict[str, object]:
        """The task as JSON-ready data: ``{"id", "status", "model", "videos"}``."""
        return {"id": self.id, "status": str(self.status), "model": self.model, "videos": list(self.videos)}

    @classmethod
    def from_api(cls, data: ReportedTask, model: str) -> Task:
        """From a generated task: only the status route's and webhooks' carry ``generated`` (the videos).

        Args:
            data: A task as the generated client parsed it.
            model: The slug of the model it belongs to.

        Returns:
            The ``Task``.
        """
        return cls(str(data.task_id), str(data.status), model, getattr(data, "generated", None) or ())
