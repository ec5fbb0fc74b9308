from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kling_v3_turbo_720p_text_to_video_request_aspect_ratio import (
    KlingV3Turbo720PTextToVideoRequestAspectRatio,
)
from ..models.kling_v3_turbo_720p_text_to_video_request_duration import (
    KlingV3Turbo720PTextToVideoRequestDuration,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="KlingV3Turbo720PTextToVideoRequest")


@_attrs_define
class KlingV3Turbo720PTextToVideoRequest:
    """
    Attributes:
        prompt (str): Text prompt describing the video you want to generate. Maximum 3072 characters; 2500 or fewer is
            recommended. **Tips for better results:** - Be specific about the scene, subjects, motion, and camera movement -
            Describe the lighting, atmosphere, and visual style - Add negative descriptions inline (for example, "no text,
            no blur") to steer the model away from unwanted elements Example: A beautiful sunset over the ocean, gentle
            waves, cinematic lighting.
        webhook_url (str | Unset): Optional callback URL that will receive asynchronous notifications whenever the task
            changes status. The payload sent to this URL is the same as the corresponding GET endpoint response, but without
            the data field. Example: https://www.example.com/webhook.
        aspect_ratio (KlingV3Turbo720PTextToVideoRequestAspectRatio | Unset): Aspect ratio of the generated video: -
            `16:9`: Landscape (widescreen) - ideal for YouTube, presentations - `9:16`: Portrait (vertical) - ideal for
            TikTok, Instagram Stories, Reels - `1:1`: Square - ideal for Instagram posts, social media Default:
            KlingV3Turbo720PTextToVideoRequestAspectRatio.VALUE_0.
        duration (KlingV3Turbo720PTextToVideoRequestDuration | Unset): Duration of the generated video in seconds.
            **Range:** 3-15 seconds Default: KlingV3Turbo720PTextToVideoRequestDuration.VALUE_2.
    """

    prompt: str
    webhook_url: str | Unset = UNSET
    aspect_ratio: KlingV3Turbo720PTextToVideoRequestAspectRatio | Unset = (
        KlingV3Turbo720PTextToVideoRequestAspectRatio.VALUE_0
    )
    duration: KlingV3Turbo720PTextToVideoRequestDuration | Unset = KlingV3Turbo720PTextToVideoRequestDuration.VALUE_2
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        webhook_url = self.webhook_url

        aspect_ratio: str | Unset = UNSET
        if not isinstance(self.aspect_ratio, Unset):
            aspect_ratio = self.aspect_ratio.value

        duration: str | Unset = UNSET
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

        _aspect_ratio = d.pop("aspect_ratio", UNSET)
        aspect_ratio: KlingV3Turbo720PTextToVideoRequestAspectRatio | Unset
        if isinstance(_aspect_ratio, Unset):
            aspect_ratio = UNSET
        else:
            aspect_ratio = KlingV3Turbo720PTextToVideoRequestAspectRatio(_aspect_ratio)

        _duration = d.pop("duration", UNSET)
        duration: KlingV3Turbo720PTextToVideoRequestDuration | Unset
        if isinstance(_duration, Unset):
            duration = UNSET
        else:
            duration = KlingV3Turbo720PTextToVideoRequestDuration(_duration)

        kling_v3_turbo_720p_text_to_video_request = cls(
            prompt=prompt,
            webhook_url=webhook_url,
            aspect_ratio=aspect_ratio,
            duration=duration,
        )

        kling_v3_turbo_720p_text_to_video_request.additional_properties = d
        return kling_v3_turbo_720p_text_to_video_request

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
