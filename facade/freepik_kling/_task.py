"""The value types users hold: :class:`Task` and :class:`TaskStatus`."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any

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
        member._name_ = value
        member._value_ = value
        return member

    @property
    def is_finished(self) -> bool:
        """COMPLETED or FAILED. Unknown statuses count as not finished, so waiting goes on."""
        return self in (TaskStatus.COMPLETED, TaskStatus.FAILED)


def _strings(values: Iterable[Any]) -> list[str]:
    return [str(value) for value in values]


@attrs.frozen
class Task:
    """A video generation task.

    ``videos`` holds the URLs of the generated videos once the task is COMPLETED (they are short-lived:
    download them soon). ``model`` is the slug of the model that runs it (``kling-v2``), or ``""`` when
    the source did not say (a webhook delivery).
    """

    id: str
    status: TaskStatus = attrs.field(converter=TaskStatus)
    model: str = ""
    videos: list[str] = attrs.field(factory=list, converter=_strings)

    @classmethod
    def from_api(cls, data: Any, model: str) -> Task:
        """From a generated ``Task`` or ``TaskDetail``."""
        generated: Iterable[str] = getattr(data, "generated", None) or []
        return cls(id=str(data.task_id), status=str(data.status), model=model, videos=list(generated))
