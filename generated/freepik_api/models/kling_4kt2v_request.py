from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kling_4kt2v_request_aspect_ratio import Kling4KT2VRequestAspectRatio
from ..models.kling_4kt2v_request_duration import Kling4KT2VRequestDuration
from ..types import UNSET, Unset

T = TypeVar("T", bound="Kling4KT2VRequest")


@_attrs_define
class Kling4KT2VRequest:
    """
    Attributes:
        prompt (str): Text prompt describing the desired video content. Maximum 2500 characters. **Tips for better
            results:** - Be specific about motion, camera angles, and actions - Describe the scene, characters, and
            atmosphere
        webhook_url (str | Unset): Optional callback URL that receives asynchronous notifications when the task changes
            status. The payload includes the task status and result URL when completed.
        negative_prompt (str | Unset): Undesired elements to avoid in the generated video. Maximum 2500 characters.
            Default: 'blur, distort, and low quality'.
        cfg_scale (float | Unset): Guidance scale controlling prompt adherence versus creative freedom. Range: 0 to 1. -
            **0**: Maximum creative freedom, loosest interpretation of the prompt - **0.5** (default): Balanced between
            prompt adherence and creativity - **1**: Strongest adherence to the prompt, least creative variation Default:
            0.5.
        aspect_ratio (Kling4KT2VRequestAspectRatio | Unset): Aspect ratio for the generated video: - `16:9`: Landscape
            (widescreen) - ideal for YouTube, presentations - `9:16`: Portrait (vertical) - ideal for TikTok, Instagram
            Stories, Reels - `1:1`: Square - ideal for Instagram posts, social media Default:
            Kling4KT2VRequestAspectRatio.VALUE_0.
        duration (Kling4KT2VRequestDuration | Unset): Duration of the generated video in seconds. **Range:** 3-15
            seconds Default: Kling4KT2VRequestDuration.VALUE_5.
    """

    prompt: str
    webhook_url: str | Unset = UNSET
    negative_prompt: str | Unset = "blur, distort, and low quality"
    cfg_scale: float | Unset = 0.5
    aspect_ratio: Kling4KT2VRequestAspectRatio | Unset = Kling4KT2VRequestAspectRatio.VALUE_0
    duration: Kling4KT2VRequestDuration | Unset = Kling4KT2VRequestDuration.VALUE_5
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        webhook_url = self.webhook_url

        negative_prompt = self.negative_prompt

        cfg_scale = self.cfg_scale

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
        if negative_prompt is not UNSET:
            field_dict["negative_prompt"] = negative_prompt
        if cfg_scale is not UNSET:
            field_dict["cfg_scale"] = cfg_scale
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

        negative_prompt = d.pop("negative_prompt", UNSET)

        cfg_scale = d.pop("cfg_scale", UNSET)

        _aspect_ratio = d.pop("aspect_ratio", UNSET)
        aspect_ratio: Kling4KT2VRequestAspectRatio | Unset
        if isinstance(_aspect_ratio, Unset):
            aspect_ratio = UNSET
        else:
            aspect_ratio = Kling4KT2VRequestAspectRatio(_aspect_ratio)

        _duration = d.pop("duration", UNSET)
        duration: Kling4KT2VRequestDuration | Unset
        if isinstance(_duration, Unset):
            duration = UNSET
        else:
            duration = Kling4KT2VRequestDuration(_duration)

        kling_4kt2v_request = cls(
            prompt=prompt,
            webhook_url=webhook_url,
            negative_prompt=negative_prompt,
            cfg_scale=cfg_scale,
            aspect_ratio=aspect_ratio,
            duration=duration,
        )

        kling_4kt2v_request.additional_properties = d
        return kling_4kt2v_request

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
