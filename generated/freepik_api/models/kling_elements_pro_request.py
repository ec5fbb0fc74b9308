from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kling_elements_pro_request_aspect_ratio import (
    KlingElementsProRequestAspectRatio,
)
from ..models.video_duration import VideoDuration
from ..types import UNSET, Unset

T = TypeVar("T", bound="KlingElementsProRequest")


@_attrs_define
class KlingElementsProRequest:
    """
    Attributes:
        images (list[str]): Array of up to 4 images to use for video generation. Images must be at least 300x300px,
            aspect ratio between 1:2.5 ~ 2.5:1, and under 10MB
        prompt (str | Unset): Positive text prompt
        negative_prompt (str | Unset): Negative text prompt
        duration (VideoDuration | Unset): Duration of the generated video in seconds
        aspect_ratio (KlingElementsProRequestAspectRatio | Unset): Aspect ratio for the generated video Default:
            KlingElementsProRequestAspectRatio.WIDESCREEN_16_9.
        webhook_url (str | Unset): Optional callback URL that will receive asynchronous notifications whenever the task
            changes status. The payload sent to this URL is the same as the corresponding GET endpoint response, but without
            the data field. Example: https://www.example.com/webhook.
    """

    images: list[str]
    prompt: str | Unset = UNSET
    negative_prompt: str | Unset = UNSET
    duration: VideoDuration | Unset = UNSET
    aspect_ratio: KlingElementsProRequestAspectRatio | Unset = KlingElementsProRequestAspectRatio.WIDESCREEN_16_9
    webhook_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        images = self.images

        prompt = self.prompt

        negative_prompt = self.negative_prompt

        duration: str | Unset = UNSET
        if not isinstance(self.duration, Unset):
            duration = self.duration.value

        aspect_ratio: str | Unset = UNSET
        if not isinstance(self.aspect_ratio, Unset):
            aspect_ratio = self.aspect_ratio.value

        webhook_url = self.webhook_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "images": images,
            }
        )
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if negative_prompt is not UNSET:
            field_dict["negative_prompt"] = negative_prompt
        if duration is not UNSET:
            field_dict["duration"] = duration
        if aspect_ratio is not UNSET:
            field_dict["aspect_ratio"] = aspect_ratio
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        images = cast(list[str], d.pop("images"))

        prompt = d.pop("prompt", UNSET)

        negative_prompt = d.pop("negative_prompt", UNSET)

        _duration = d.pop("duration", UNSET)
        duration: VideoDuration | Unset
        if isinstance(_duration, Unset):
            duration = UNSET
        else:
            duration = VideoDuration(_duration)

        _aspect_ratio = d.pop("aspect_ratio", UNSET)
        aspect_ratio: KlingElementsProRequestAspectRatio | Unset
        if isinstance(_aspect_ratio, Unset):
            aspect_ratio = UNSET
        else:
            aspect_ratio = KlingElementsProRequestAspectRatio(_aspect_ratio)

        webhook_url = d.pop("webhook_url", UNSET)

        kling_elements_pro_request = cls(
            images=images,
            prompt=prompt,
            negative_prompt=negative_prompt,
            duration=duration,
            aspect_ratio=aspect_ratio,
            webhook_url=webhook_url,
        )

        kling_elements_pro_request.additional_properties = d
        return kling_elements_pro_request

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
