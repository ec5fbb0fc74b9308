from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="KlingAdvancedCustomElementsElementImageListReferImage")


@_attrs_define
class KlingAdvancedCustomElementsElementImageListReferImage:
    """
    Attributes:
        image_url (str): Reference image URL or Base64 encoding. Supported formats: .jpg, .jpeg, .png. Max file size:
            10MB. Min dimensions: 300px.
    """

    image_url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        image_url = self.image_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "image_url": image_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        image_url = d.pop("image_url")

        kling_advanced_custom_elements_element_image_list_refer_image = cls(
            image_url=image_url,
        )

        kling_advanced_custom_elements_element_image_list_refer_image.additional_properties = d
        return kling_advanced_custom_elements_element_image_list_refer_image

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
