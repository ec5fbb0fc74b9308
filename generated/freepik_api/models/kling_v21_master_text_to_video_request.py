from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kling_v21_master_text_to_video_request_aspect_ratio import (
    KlingV21MasterTextToVideoRequestAspectRatio,
)
from ..models.video_duration import VideoDuration
from ..types import UNSET, Unset

T = TypeVar("T", bound="KlingV21MasterTextToVideoRequest")


@_attrs_define
class KlingV21MasterTextToVideoRequest:
    """
    Attributes:
        duration (VideoDuration): Duration of the generated video in seconds
        webhook_url (str | Unset): Optional callback URL that will receive asynchronous notifications whenever the task
            changes status. The payload sent to this URL is the same as the corresponding GET endpoint response, but without
            the data field. Example: https://www.example.com/webhook.
        prompt (str | Unset): Text prompt describing the desired motion, cannot exceed 2500 characters
        negative_prompt (str | Unset): Text prompt describing what to avoid in the generated video, cannot exceed 2500
            characters
        aspect_ratio (KlingV21MasterTextToVideoRequestAspectRatio | Unset): (`Only works when image is not provided`)
            Aspect ratio for the generated video Default: KlingV21MasterTextToVideoRequestAspectRatio.WIDESCREEN_16_9.
        cfg_scale (float | Unset): Flexibility in video generation; The higher the value, the lower the model's degree
            of flexibility, and the stronger the relevance to the user's prompt. Default: 0.5.
    """

    duration: VideoDuration
    webhook_url: str | Unset = UNSET
    prompt: str | Unset = UNSET
    negative_prompt: str | Unset = UNSET
    aspect_ratio: KlingV21MasterTextToVideoRequestAspectRatio | Unset = (
        KlingV21MasterTextToVideoRequestAspectRatio.WIDESCREEN_16_9
    )
    cfg_scale: float | Unset = 0.5
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        duration = self.duration.value

        webhook_url = self.webhook_url

        prompt = self.prompt

        negative_prompt = self.negative_prompt

        aspect_ratio: str | Unset = UNSET
        if not isinstance(self.aspect_ratio, Unset):
            aspect_ratio = self.aspect_ratio.value

        cfg_scale = self.cfg_scale

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "duration": duration,
            }
        )
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if negative_prompt is not UNSET:
            field_dict["negative_prompt"] = negative_prompt
        if aspect_ratio is not UNSET:
            field_dict["aspect_ratio"] = aspect_ratio
        if cfg_scale is not UNSET:
            field_dict["cfg_scale"] = cfg_scale

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        duration = VideoDuration(d.pop("duration"))

        webhook_url = d.pop("webhook_url", UNSET)

        prompt = d.pop("prompt", UNSET)

        negative_prompt = d.pop("negative_prompt", UNSET)

        _aspect_ratio = d.pop("aspect_ratio", UNSET)
        aspect_ratio: KlingV21MasterTextToVideoRequestAspectRatio | Unset
        if isinstance(_aspect_ratio, Unset):
            aspect_ratio = UNSET
        else:
            aspect_ratio = KlingV21MasterTextToVideoRequestAspectRatio(_aspect_ratio)

        cfg_scale = d.pop("cfg_scale", UNSET)

        kling_v21_master_text_to_video_request = cls(
            duration=duration,
            webhook_url=webhook_url,
            prompt=prompt,
            negative_prompt=negative_prompt,
            aspect_ratio=aspect_ratio,
            cfg_scale=cfg_scale,
        )

        kling_v21_master_text_to_video_request.additional_properties = d
        return kling_v21_master_text_to_video_request

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
