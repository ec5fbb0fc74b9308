from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.video_duration import VideoDuration
from ..types import UNSET, Unset

T = TypeVar("T", bound="KlingV25ProRequest")


@_attrs_define
class KlingV25ProRequest:
    """
    Attributes:
        duration (VideoDuration): Duration of the generated video in seconds
        webhook_url (str | Unset): Optional callback URL that will receive asynchronous notifications whenever the task
            changes status. The payload sent to this URL is the same as the corresponding GET endpoint response, but without
            the data field. Example: https://www.example.com/webhook.
        image (str | Unset): Reference Image. Supports Base64 encoding or URL (ensure accessibility). For URL, must be
            publicly accessible. The image file size cannot exceed 10MB, and the resolution should not be less than
            300x300px. Aspect ratio should be between 1:2.5 ~ 2.5:1.
        prompt (str | Unset): Text prompt describing the desired motion, cannot exceed 2500 characters
        negative_prompt (str | Unset): Text prompt describing what to avoid in the generated video, cannot exceed 2500
            characters
        cfg_scale (float | Unset): Flexibility in video generation; The higher the value, the lower the model's degree
            of flexibility, and the stronger the relevance to the user's prompt. Default: 0.5.
    """

    duration: VideoDuration
    webhook_url: str | Unset = UNSET
    image: str | Unset = UNSET
    prompt: str | Unset = UNSET
    negative_prompt: str | Unset = UNSET
    cfg_scale: float | Unset = 0.5
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        duration = self.duration.value

        webhook_url = self.webhook_url

        image = self.image

        prompt = self.prompt

        negative_prompt = self.negative_prompt

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
        if image is not UNSET:
            field_dict["image"] = image
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if negative_prompt is not UNSET:
            field_dict["negative_prompt"] = negative_prompt
        if cfg_scale is not UNSET:
            field_dict["cfg_scale"] = cfg_scale

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        duration = VideoDuration(d.pop("duration"))

        webhook_url = d.pop("webhook_url", UNSET)

        image = d.pop("image", UNSET)

        prompt = d.pop("prompt", UNSET)

        negative_prompt = d.pop("negative_prompt", UNSET)

        cfg_scale = d.pop("cfg_scale", UNSET)

        kling_v25_pro_request = cls(
            duration=duration,
            webhook_url=webhook_url,
            image=image,
            prompt=prompt,
            negative_prompt=negative_prompt,
            cfg_scale=cfg_scale,
        )

        kling_v25_pro_request.additional_properties = d
        return kling_v25_pro_request

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
