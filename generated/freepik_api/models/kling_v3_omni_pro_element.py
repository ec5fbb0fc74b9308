from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="KlingV3OmniProElement")


@_attrs_define
class KlingV3OmniProElement:
    """Element definition for Kling V3 Omni with reference images.

    Attributes:
        reference_image_urls (list[str] | Unset): Array of reference image URLs for this element. Multiple angles
            improve consistency.
        frontal_image_url (str | Unset): URL of a frontal/primary reference image for this element. Best results with
            clear face/front view.
    """

    reference_image_urls: list[str] | Unset = UNSET
    frontal_image_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        reference_image_urls: list[str] | Unset = UNSET
        if not isinstance(self.reference_image_urls, Unset):
            reference_image_urls = self.reference_image_urls

        frontal_image_url = self.frontal_image_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if reference_image_urls is not UNSET:
            field_dict["reference_image_urls"] = reference_image_urls
        if frontal_image_url is not UNSET:
            field_dict["frontal_image_url"] = frontal_image_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        reference_image_urls = cast(list[str], d.pop("reference_image_urls", UNSET))

        frontal_image_url = d.pop("frontal_image_url", UNSET)

        kling_v3_omni_pro_element = cls(
            reference_image_urls=reference_image_urls,
            frontal_image_url=frontal_image_url,
        )

        kling_v3_omni_pro_element.additional_properties = d
        return kling_v3_omni_pro_element

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
