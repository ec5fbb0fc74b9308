from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kling_v26_pro_image_to_video_request_aspect_ratio import (
    KlingV26ProImageToVideoRequestAspectRatio,
)
from ..models.video_duration import VideoDuration
from ..types import UNSET, Unset

T = TypeVar("T", bound="KlingV26ProImageToVideoRequest")


@_attrs_define
class KlingV26ProImageToVideoRequest:
    """
    Attributes:
        image (str): Reference Image. Supports Base64 encoding or URL (ensure accessibility). For URL, must be publicly
            accessible. The image file size cannot exceed 10MB, and the resolution should not be less than 300x300px. Aspect
            ratio should be between 1:2.5 ~ 2.5:1.
        duration (VideoDuration): Duration of the generated video in seconds
        webhook_url (str | Unset): Webhook URL to notify the user when the task is completed
        prompt (str | Unset): Text prompt describing the desired motion in the video, cannot exceed 2500 characters
        negative_prompt (str | Unset): Text prompt describing what to avoid in the generated video, cannot exceed 2500
            characters
        cfg_scale (float | Unset): Flexibility in generation; The higher the value, the lower the model's degree of
            flexibility, and the stronger the relevance to the user's prompt. Default: 0.5.
        aspect_ratio (KlingV26ProImageToVideoRequestAspectRatio | Unset): Aspect ratio for the generated video Default:
            KlingV26ProImageToVideoRequestAspectRatio.WIDESCREEN_16_9.
        generate_audio (bool | Unset): Whether to generate audio for the video
    """

    image: str
    duration: VideoDuration
    webhook_url: str | Unset = UNSET
    prompt: str | Unset = UNSET
    negative_prompt: str | Unset = UNSET
    cfg_scale: float | Unset = 0.5
    aspect_ratio: KlingV26ProImageToVideoRequestAspectRatio | Unset = (
        KlingV26ProImageToVideoRequestAspectRatio.WIDESCREEN_16_9
    )
    generate_audio: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        image = self.image

        duration = self.duration.value

        webhook_url = self.webhook_url

        prompt = self.prompt

        negative_prompt = self.negative_prompt

        cfg_scale = self.cfg_scale

        aspect_ratio: str | Unset = UNSET
        if not isinstance(self.aspect_ratio, Unset):
            aspect_ratio = self.aspect_ratio.value

        generate_audio = self.generate_audio

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "image": image,
                "duration": duration,
            }
        )
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if negative_prompt is not UNSET:
            field_dict["negative_prompt"] = negative_prompt
        if cfg_scale is not UNSET:
            field_dict["cfg_scale"] = cfg_scale
        if aspect_ratio is not UNSET:
            field_dict["aspect_ratio"] = aspect_ratio
        if generate_audio is not UNSET:
            field_dict["generate_audio"] = generate_audio

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        image = d.pop("image")

        duration = VideoDuration(d.pop("duration"))

        webhook_url = d.pop("webhook_url", UNSET)

        prompt = d.pop("prompt", UNSET)

        negative_prompt = d.pop("negative_prompt", UNSET)

        cfg_scale = d.pop("cfg_scale", UNSET)

        _aspect_ratio = d.pop("aspect_ratio", UNSET)
        aspect_ratio: KlingV26ProImageToVideoRequestAspectRatio | Unset
        if isinstance(_aspect_ratio, Unset):
            aspect_ratio = UNSET
        else:
            aspect_ratio = KlingV26ProImageToVideoRequestAspectRatio(_aspect_ratio)

        generate_audio = d.pop("generate_audio", UNSET)

        kling_v26_pro_image_to_video_request = cls(
            image=image,
            duration=duration,
            webhook_url=webhook_url,
            prompt=prompt,
            negative_prompt=negative_prompt,
            cfg_scale=cfg_scale,
            aspect_ratio=aspect_ratio,
            generate_audio=generate_audio,
        )

        kling_v26_pro_image_to_video_request.additional_properties = d
        return kling_v26_pro_image_to_video_request

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
