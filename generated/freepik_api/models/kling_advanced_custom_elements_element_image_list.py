from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.kling_advanced_custom_elements_element_image_list_refer_image import (
        KlingAdvancedCustomElementsElementImageListReferImage,
    )


T = TypeVar("T", bound="KlingAdvancedCustomElementsElementImageList")


@_attrs_define
class KlingAdvancedCustomElementsElementImageList:
    """Reference images for defining the element. Required when reference_type is `image_refer`, ignored when
    reference_type is `video_refer`. Provide one frontal reference image and 1 to 3 additional reference images from
    different angles or close-ups.

        Attributes:
            frontal_image (str): Frontal reference image URL or Base64 encoding. At least one frontal reference image is
                required. Supported formats: .jpg, .jpeg, .png. Max file size: 10MB. Min dimensions: 300px. Aspect ratio: 1:2.5
                to 2.5:1.
            refer_images (list[KlingAdvancedCustomElementsElementImageListReferImage]): 1 to 3 additional reference images
                from other angles or close-ups. These should differ from the frontal reference image.
    """

    frontal_image: str
    refer_images: list[KlingAdvancedCustomElementsElementImageListReferImage]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        frontal_image = self.frontal_image

        refer_images = []
        for refer_images_item_data in self.refer_images:
            refer_images_item = refer_images_item_data.to_dict()
            refer_images.append(refer_images_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "frontal_image": frontal_image,
                "refer_images": refer_images,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.kling_advanced_custom_elements_element_image_list_refer_image import (
            KlingAdvancedCustomElementsElementImageListReferImage,
        )

        d = dict(src_dict)
        frontal_image = d.pop("frontal_image")

        refer_images = []
        _refer_images = d.pop("refer_images")
        for refer_images_item_data in _refer_images:
            refer_images_item = KlingAdvancedCustomElementsElementImageListReferImage.from_dict(refer_images_item_data)

            refer_images.append(refer_images_item)

        kling_advanced_custom_elements_element_image_list = cls(
            frontal_image=frontal_image,
            refer_images=refer_images,
        )

        kling_advanced_custom_elements_element_image_list.additional_properties = d
        return kling_advanced_custom_elements_element_image_list

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
