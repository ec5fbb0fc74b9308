from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.kling_advanced_custom_elements_element_video_list_refer_video import (
        KlingAdvancedCustomElementsElementVideoListReferVideo,
    )


T = TypeVar("T", bound="KlingAdvancedCustomElementsElementVideoList")


@_attrs_define
class KlingAdvancedCustomElementsElementVideoList:
    """Reference video for defining the element. Required when reference_type is `video_refer`, ignored when reference_type
    is `image_refer`. Only one video can be uploaded. If the video contains human voice, voice tone customization will
    be initiated.

        Attributes:
            refer_videos (list[KlingAdvancedCustomElementsElementVideoListReferVideo]): Reference videos. Only 1 video can
                be uploaded.
    """

    refer_videos: list[KlingAdvancedCustomElementsElementVideoListReferVideo]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        refer_videos = []
        for refer_videos_item_data in self.refer_videos:
            refer_videos_item = refer_videos_item_data.to_dict()
            refer_videos.append(refer_videos_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "refer_videos": refer_videos,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.kling_advanced_custom_elements_element_video_list_refer_video import (
            KlingAdvancedCustomElementsElementVideoListReferVideo,
        )

        d = dict(src_dict)
        refer_videos = []
        _refer_videos = d.pop("refer_videos")
        for refer_videos_item_data in _refer_videos:
            refer_videos_item = KlingAdvancedCustomElementsElementVideoListReferVideo.from_dict(refer_videos_item_data)

            refer_videos.append(refer_videos_item)

        kling_advanced_custom_elements_element_video_list = cls(
            refer_videos=refer_videos,
        )

        kling_advanced_custom_elements_element_video_list.additional_properties = d
        return kling_advanced_custom_elements_element_video_list

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
