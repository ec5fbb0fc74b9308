from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kling_advanced_custom_elements_request_reference_type import (
    KlingAdvancedCustomElementsRequestReferenceType,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.kling_advanced_custom_elements_element_image_list import (
        KlingAdvancedCustomElementsElementImageList,
    )
    from ..models.kling_advanced_custom_elements_element_video_list import (
        KlingAdvancedCustomElementsElementVideoList,
    )
    from ..models.kling_advanced_custom_elements_tag_list import (
        KlingAdvancedCustomElementsTagList,
    )


T = TypeVar("T", bound="KlingAdvancedCustomElementsRequest")


@_attrs_define
class KlingAdvancedCustomElementsRequest:
    """
    Attributes:
        element_name (str): Name of the custom element. Must not exceed 20 characters.
        element_description (str): Description of the custom element. Must not exceed 100 characters.
        reference_type (KlingAdvancedCustomElementsRequestReferenceType): Reference method for defining the element's
            appearance: - `image_refer`: Multi-Image Elements. The element appearance is defined from reference images
            (element_image_list). Supported formats: .jpg, .jpeg, .png. Max 10MB per image. Min 300px dimensions. Aspect
            ratio between 1:2.5 and 2.5:1. - `video_refer`: Video Character Elements. The element appearance is defined from
            a reference video (element_video_list). Only .mp4/.mov formats, 1080P, 3-8 seconds duration, 16:9 or 9:16 aspect
            ratio, max 200MB.
        element_image_list (KlingAdvancedCustomElementsElementImageList | Unset): Reference images for defining the
            element. Required when reference_type is `image_refer`, ignored when reference_type is `video_refer`. Provide
            one frontal reference image and 1 to 3 additional reference images from different angles or close-ups.
        element_video_list (KlingAdvancedCustomElementsElementVideoList | Unset): Reference video for defining the
            element. Required when reference_type is `video_refer`, ignored when reference_type is `image_refer`. Only one
            video can be uploaded. If the video contains human voice, voice tone customization will be initiated.
        element_voice_id (str | Unset): Bind the element to an existing voice from the tone library. When empty, the
            element is not bound to a voice. The voice ID can be obtained through the voice-related API. Only elements
            customized via video reference support voice binding.
        tag_list (list[KlingAdvancedCustomElementsTagList] | Unset): Configure category tags for the element. One
            element can have multiple tags.
        webhook_url (str | Unset): Optional callback URL that will receive asynchronous notifications whenever the task
            changes status. The payload sent to this URL is the same as the corresponding GET endpoint response, but without
            the data field. Example: https://www.example.com/webhook.
    """

    element_name: str
    element_description: str
    reference_type: KlingAdvancedCustomElementsRequestReferenceType
    element_image_list: KlingAdvancedCustomElementsElementImageList | Unset = UNSET
    element_video_list: KlingAdvancedCustomElementsElementVideoList | Unset = UNSET
    element_voice_id: str | Unset = UNSET
    tag_list: list[KlingAdvancedCustomElementsTagList] | Unset = UNSET
    webhook_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        element_name = self.element_name

        element_description = self.element_description

        reference_type = self.reference_type.value

        element_image_list: dict[str, Any] | Unset = UNSET
        if not isinstance(self.element_image_list, Unset):
            element_image_list = self.element_image_list.to_dict()

        element_video_list: dict[str, Any] | Unset = UNSET
        if not isinstance(self.element_video_list, Unset):
            element_video_list = self.element_video_list.to_dict()

        element_voice_id = self.element_voice_id

        tag_list: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tag_list, Unset):
            tag_list = []
            for tag_list_item_data in self.tag_list:
                tag_list_item = tag_list_item_data.to_dict()
                tag_list.append(tag_list_item)

        webhook_url = self.webhook_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "element_name": element_name,
                "element_description": element_description,
                "reference_type": reference_type,
            }
        )
        if element_image_list is not UNSET:
            field_dict["element_image_list"] = element_image_list
        if element_video_list is not UNSET:
            field_dict["element_video_list"] = element_video_list
        if element_voice_id is not UNSET:
            field_dict["element_voice_id"] = element_voice_id
        if tag_list is not UNSET:
            field_dict["tag_list"] = tag_list
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.kling_advanced_custom_elements_element_image_list import (
            KlingAdvancedCustomElementsElementImageList,
        )
        from ..models.kling_advanced_custom_elements_element_video_list import (
            KlingAdvancedCustomElementsElementVideoList,
        )
        from ..models.kling_advanced_custom_elements_tag_list import (
            KlingAdvancedCustomElementsTagList,
        )

        d = dict(src_dict)
        element_name = d.pop("element_name")

        element_description = d.pop("element_description")

        reference_type = KlingAdvancedCustomElementsRequestReferenceType(d.pop("reference_type"))

        _element_image_list = d.pop("element_image_list", UNSET)
        element_image_list: KlingAdvancedCustomElementsElementImageList | Unset
        if isinstance(_element_image_list, Unset):
            element_image_list = UNSET
        else:
            element_image_list = KlingAdvancedCustomElementsElementImageList.from_dict(_element_image_list)

        _element_video_list = d.pop("element_video_list", UNSET)
        element_video_list: KlingAdvancedCustomElementsElementVideoList | Unset
        if isinstance(_element_video_list, Unset):
            element_video_list = UNSET
        else:
            element_video_list = KlingAdvancedCustomElementsElementVideoList.from_dict(_element_video_list)

        element_voice_id = d.pop("element_voice_id", UNSET)

        _tag_list = d.pop("tag_list", UNSET)
        tag_list: list[KlingAdvancedCustomElementsTagList] | Unset = UNSET
        if _tag_list is not UNSET:
            tag_list = []
            for tag_list_item_data in _tag_list:
                tag_list_item = KlingAdvancedCustomElementsTagList.from_dict(tag_list_item_data)

                tag_list.append(tag_list_item)

        webhook_url = d.pop("webhook_url", UNSET)

        kling_advanced_custom_elements_request = cls(
            element_name=element_name,
            element_description=element_description,
            reference_type=reference_type,
            element_image_list=element_image_list,
            element_video_list=element_video_list,
            element_voice_id=element_voice_id,
            tag_list=tag_list,
            webhook_url=webhook_url,
        )

        kling_advanced_custom_elements_request.additional_properties = d
        return kling_advanced_custom_elements_request

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
