from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kling_advanced_custom_elements_tag_list_tag_id import (
    KlingAdvancedCustomElementsTagListTagId,
)

T = TypeVar("T", bound="KlingAdvancedCustomElementsTagList")


@_attrs_define
class KlingAdvancedCustomElementsTagList:
    """
    Attributes:
        tag_id (KlingAdvancedCustomElementsTagListTagId): Tag category for the element: - `o_101`: Hottest - `o_102`:
            Character - `o_103`: Animal - `o_104`: Item - `o_105`: Costume - `o_106`: Scene - `o_107`: Effect - `o_108`:
            Others
    """

    tag_id: KlingAdvancedCustomElementsTagListTagId
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tag_id = self.tag_id.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tag_id": tag_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        tag_id = KlingAdvancedCustomElementsTagListTagId(d.pop("tag_id"))

        kling_advanced_custom_elements_tag_list = cls(
            tag_id=tag_id,
        )

        kling_advanced_custom_elements_tag_list.additional_properties = d
        return kling_advanced_custom_elements_tag_list

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
