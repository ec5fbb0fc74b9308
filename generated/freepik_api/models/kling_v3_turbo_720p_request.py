from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kling_v3_turbo_720p_request_duration import (
    KlingV3Turbo720PRequestDuration,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="KlingV3Turbo720PRequest")


@_attrs_define
class KlingV3Turbo720PRequest:
    """
    Attributes:
        image (str): First-frame image used to start the video. Supports Base64 encoding (including a
            `data:image/...;base64,...` data URI) or a publicly accessible image URL. **Image requirements:** - Minimum:
            300x300 pixels - Maximum: 50MB file size - Aspect ratio: 1:2.5 to 2.5:1 - Formats: JPG, JPEG, PNG - Only the
            first frame is supported Example: https://example.com/my-image.jpg.
        webhook_url (str | Unset): Optional callback URL that will receive asynchronous notifications whenever the task
            changes status. The payload sent to this URL is the same as the corresponding GET endpoint response, but without
            the data field. Example: https://www.example.com/webhook.
        prompt (str | Unset): Optional text prompt to guide the motion and animation style. If omitted, motion is
            inferred from the source image. Maximum 2500 characters. **Tips for better results:** - Describe the movement,
            camera behavior, and visual style - Add negative descriptions inline (for example, "no text, no blur") to steer
            the model away from unwanted elements Example: The subject slowly turns their head and smiles.
        duration (KlingV3Turbo720PRequestDuration | Unset): Duration of the generated video in seconds. **Range:** 3-15
            seconds Default: KlingV3Turbo720PRequestDuration.VALUE_2.
    """

    image: str
    webhook_url: str | Unset = UNSET
    prompt: str | Unset = UNSET
    duration: KlingV3Turbo720PRequestDuration | Unset = KlingV3Turbo720PRequestDuration.VALUE_2
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        image = self.image

        webhook_url = self.webhook_url

        prompt = self.prompt

        duration: str | Unset = UNSET
        if not isinstance(self.duration, Unset):
            duration = self.duration.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "image": image,
            }
        )
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if duration is not UNSET:
            field_dict["duration"] = duration

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        image = d.pop("image")

        webhook_url = d.pop("webhook_url", UNSET)

        prompt = d.pop("prompt", UNSET)

        _duration = d.pop("duration", UNSET)
        duration: KlingV3Turbo720PRequestDuration | Unset
        if isinstance(_duration, Unset):
            duration = UNSET
        else:
            duration = KlingV3Turbo720PRequestDuration(_duration)

        kling_v3_turbo_720p_request = cls(
            image=image,
            webhook_url=webhook_url,
            prompt=prompt,
            duration=duration,
        )

        kling_v3_turbo_720p_request.additional_properties = d
        return kling_v3_turbo_720p_request

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
