from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_status import TaskStatus

T = TypeVar("T", bound="TaskDetail")


@_attrs_define
class TaskDetail:
    """A task with its results; also the payload of a webhook delivery.

    Example:
        {'task_id': '046b6c7f-0b8a-43b9-b35d-6489e6daee91', 'status': 'COMPLETED', 'generated':
            ['https://cdn.freepik.com/video/046b6c7f.mp4']}

    Attributes:
        task_id (str): Task identifier (a UUID today; clients treat it as an opaque string). Example:
            046b6c7f-0b8a-43b9-b35d-6489e6daee91.
        status (str | TaskStatus): One of TaskStatus, or a status value the API added later.
        generated (list[str]): URLs of the generated videos (empty until the task is COMPLETED).
    """

    task_id: str
    status: str | TaskStatus
    generated: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        task_id = self.task_id

        status: str
        if isinstance(self.status, TaskStatus):
            status = self.status.value
        else:
            status = self.status

        generated = self.generated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "task_id": task_id,
                "status": status,
                "generated": generated,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        task_id = d.pop("task_id")

        def _parse_status(data: object) -> str | TaskStatus:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = TaskStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(str | TaskStatus, data)

        status = _parse_status(d.pop("status"))

        generated = cast(list[str], d.pop("generated"))

        task_detail = cls(
            task_id=task_id,
            status=status,
            generated=generated,
        )

        task_detail.additional_properties = d
        return task_detail

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
