from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kling_v3_omni_pro_reference_to_video_request_aspect_ratio import (
    KlingV3OmniProReferenceToVideoRequestAspectRatio,
)
from ..models.kling_v3_omni_pro_reference_to_video_request_duration import (
    KlingV3OmniProReferenceToVideoRequestDuration,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="KlingV3OmniProReferenceToVideoRequest")


@_attrs_define
class KlingV3OmniProReferenceToVideoRequest:
    """Generate video using Kling 3 Omni with a reference video for motion/style guidance. **Required:** The `video_url`
    parameter is required for this endpoint. Reference the video in your prompt using `@Video1`. **Best for:** -
    Transferring motion patterns from reference videos - Maintaining visual consistency with reference material -
    Creating videos that follow a specific style or movement pattern

        Attributes:
            video_url (str): **Required.** URL of the reference video to use as a creative guide for video-to-video
                generation. Reference in your prompt as `@Video1`. **Video constraints:** - Duration: 3-10 seconds - Resolution:
                720-2160px (minimum 720px width or height) - Max file size: 200MB - Frame rate: 24-60 FPS - Formats: `.mp4` or
                `.mov` only
            webhook_url (str | Unset): Optional callback URL that receives asynchronous notifications when the task changes
                status. The payload includes the task status and result URL when completed.
            prompt (str | Unset): Text prompt describing the desired video content. Maximum 2500 characters. Reference the
                video in your prompt as @Video1. **Tips for better results:** - Be specific about actions, camera movements, and
                mood - Reference @Video1 to indicate how the reference video should influence generation
            image_url (str | Unset): URL of the start frame image for image-to-video generation with video reference.
                **Image requirements:** - Minimum: 300x300 pixels - Maximum: 10MB file size - Formats: JPG, JPEG, PNG
            duration (KlingV3OmniProReferenceToVideoRequestDuration | Unset): Duration of the generated video in seconds.
                **Range:** 3-15 seconds **Note:** When using multi-shot mode, total duration across all shots cannot exceed 15
                seconds. Default: KlingV3OmniProReferenceToVideoRequestDuration.VALUE_2.
            aspect_ratio (KlingV3OmniProReferenceToVideoRequestAspectRatio | Unset): Aspect ratio for Kling V3 Omni video
                generation: - `auto`: Automatically match the input image aspect ratio (image-to-video only) - `16:9`: Landscape
                (widescreen) - `9:16`: Portrait (vertical) - `1:1`: Square Default:
                KlingV3OmniProReferenceToVideoRequestAspectRatio.VALUE_1.
            cfg_scale (float | Unset): Guidance scale controlling prompt adherence versus creative freedom. Range: 0 to 1.
                Values above 1 are not supported for Kling 3 (only Kling 1.x models support cfg_scale up to 2). - **0**: Maximum
                creative freedom, loosest interpretation of the prompt - **0.5** (default): Balanced between prompt adherence
                and creativity - **1**: Strongest adherence to the prompt, least creative variation Default: 0.5.
            negative_prompt (str | Unset): Undesired elements to avoid in the generated video. Maximum 2500 characters.
                Default: 'blur, distort, and low quality'.
    """

    video_url: str
    webhook_url: str | Unset = UNSET
    prompt: str | Unset = UNSET
    image_url: str | Unset = UNSET
    duration: KlingV3OmniProReferenceToVideoRequestDuration | Unset = (
        KlingV3OmniProReferenceToVideoRequestDuration.VALUE_2
    )
    aspect_ratio: KlingV3OmniProReferenceToVideoRequestAspectRatio | Unset = (
        KlingV3OmniProReferenceToVideoRequestAspectRatio.VALUE_1
    )
    cfg_scale: float | Unset = 0.5
    negative_prompt: str | Unset = "blur, distort, and low quality"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        video_url = self.video_url

        webhook_url = self.webhook_url

        prompt = self.prompt

        image_url = self.image_url

        duration: str | Unset = UNSET
        if not isinstance(self.duration, Unset):
            duration = self.duration.value

        aspect_ratio: str | Unset = UNSET
        if not isinstance(self.aspect_ratio, Unset):
            aspect_ratio = self.aspect_ratio.value

        cfg_scale = self.cfg_scale

        negative_prompt = self.negative_prompt

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "video_url": video_url,
            }
        )
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if image_url is not UNSET:
            field_dict["image_url"] = image_url
        if duration is not UNSET:
            field_dict["duration"] = duration
        if aspect_ratio is not UNSET:
            field_dict["aspect_ratio"] = aspect_ratio
        if cfg_scale is not UNSET:
            field_dict["cfg_scale"] = cfg_scale
        if negative_prompt is not UNSET:
            field_dict["negative_prompt"] = negative_prompt

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        video_url = d.pop("video_url")

        webhook_url = d.pop("webhook_url", UNSET)

        prompt = d.pop("prompt", UNSET)

        image_url = d.pop("image_url", UNSET)

        _duration = d.pop("duration", UNSET)
        duration: KlingV3OmniProReferenceToVideoRequestDuration | Unset
        if isinstance(_duration, Unset):
            duration = UNSET
        else:
            duration = KlingV3OmniProReferenceToVideoRequestDuration(_duration)

        _aspect_ratio = d.pop("aspect_ratio", UNSET)
        aspect_ratio: KlingV3OmniProReferenceToVideoRequestAspectRatio | Unset
        if isinstance(_aspect_ratio, Unset):
            aspect_ratio = UNSET
        else:
            aspect_ratio = KlingV3OmniProReferenceToVideoRequestAspectRatio(_aspect_ratio)

        cfg_scale = d.pop("cfg_scale", UNSET)

        negative_prompt = d.pop("negative_prompt", UNSET)

        kling_v3_omni_pro_reference_to_video_request = cls(
            video_url=video_url,
            webhook_url=webhook_url,
            prompt=prompt,
            image_url=image_url,
            duration=duration,
            aspect_ratio=aspect_ratio,
            cfg_scale=cfg_scale,
            negative_prompt=negative_prompt,
        )

        kling_v3_omni_pro_reference_to_video_request.additional_properties = d
        return kling_v3_omni_pro_reference_to_video_request

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
