from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kling_o1_std_video_reference_request_aspect_ratio import (
    KlingO1StdVideoReferenceRequestAspectRatio,
)
from ..models.kling_o1_std_video_reference_request_duration import (
    KlingO1StdVideoReferenceRequestDuration,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="KlingO1StdVideoReferenceRequest")


@_attrs_define
class KlingO1StdVideoReferenceRequest:
    """Generate video using Kling O1 with reference images for character/style consistency. **Best for:** - Maintaining
    character consistency across shots - Creating videos with specific visual style - Multi-shot storytelling with
    consistent subjects

        Attributes:
            prompt (str): Text prompt describing the video you want to generate. Be specific about actions, camera
                movements, and mood.
            webhook_url (str | Unset): Optional callback URL that will receive asynchronous notifications whenever the task
                changes status. The payload sent to this URL is the same as the corresponding GET endpoint response, but without
                the data field. Example: https://www.example.com/webhook.
            reference_images (list[str] | Unset): List of reference images for maintaining visual consistency (up to 7).
                Each image can be a URL or Base64 encoded string. Example: ['https://example.com/character-reference.jpg'].
            aspect_ratio (KlingO1StdVideoReferenceRequestAspectRatio | Unset):  Default:
                KlingO1StdVideoReferenceRequestAspectRatio.VALUE_0.
            duration (KlingO1StdVideoReferenceRequestDuration | Unset):  Default:
                KlingO1StdVideoReferenceRequestDuration.VALUE_5.
    """

    prompt: str
    webhook_url: str | Unset = UNSET
    reference_images: list[str] | Unset = UNSET
    aspect_ratio: KlingO1StdVideoReferenceRequestAspectRatio | Unset = (
        KlingO1StdVideoReferenceRequestAspectRatio.VALUE_0
    )
    duration: KlingO1StdVideoReferenceRequestDuration | Unset = KlingO1StdVideoReferenceRequestDuration.VALUE_5
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        webhook_url = self.webhook_url

        reference_images: list[str] | Unset = UNSET
        if not isinstance(self.reference_images, Unset):
            reference_images = self.reference_images

        aspect_ratio: str | Unset = UNSET
        if not isinstance(self.aspect_ratio, Unset):
            aspect_ratio = self.aspect_ratio.value

        duration: int | Unset = UNSET
        if not isinstance(self.duration, Unset):
            duration = self.duration.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "prompt": prompt,
            }
        )
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url
        if reference_images is not UNSET:
            field_dict["reference_images"] = reference_images
        if aspect_ratio is not UNSET:
            field_dict["aspect_ratio"] = aspect_ratio
        if duration is not UNSET:
            field_dict["duration"] = duration

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        prompt = d.pop("prompt")

        webhook_url = d.pop("webhook_url", UNSET)

        reference_images = cast(list[str], d.pop("reference_images", UNSET))

        _aspect_ratio = d.pop("aspect_ratio", UNSET)
        aspect_ratio: KlingO1StdVideoReferenceRequestAspectRatio | Unset
        if isinstance(_aspect_ratio, Unset):
            aspect_ratio = UNSET
        else:
            aspect_ratio = KlingO1StdVideoReferenceRequestAspectRatio(_aspect_ratio)

        _duration = d.pop("duration", UNSET)
        duration: KlingO1StdVideoReferenceRequestDuration | Unset
        if isinstance(_duration, Unset):
            duration = UNSET
        else:
            duration = KlingO1StdVideoReferenceRequestDuration(_duration)

        kling_o1_std_video_reference_request = cls(
            prompt=prompt,
            webhook_url=webhook_url,
            reference_images=reference_images,
            aspect_ratio=aspect_ratio,
            duration=duration,
        )

        kling_o1_std_video_reference_request.additional_properties = d
        return kling_o1_std_video_reference_request

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
