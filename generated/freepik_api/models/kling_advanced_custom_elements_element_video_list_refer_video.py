from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="KlingAdvancedCustomElementsElementVideoListReferVideo")


@_attrs_define
class KlingAdvancedCustomElementsElementVideoListReferVideo:
    """
    Attributes:
        video_url (str): Reference video URL. Only .mp4/.mov formats supported. Must be 1080P with duration between 3
            and 8 seconds, aspect ratio 16:9 or 9:16. Max file size: 200MB.
    """

    video_url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        video_url = self.video_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "video_url": video_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        video_url = d.pop("video_url")

        kling_advanced_custom_elements_element_video_list_refer_video = cls(
            video_url=video_url,
        )

        kling_advanced_custom_elements_element_video_list_refer_video.additional_properties = d
        return kling_advanced_custom_elements_element_video_list_refer_video

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
