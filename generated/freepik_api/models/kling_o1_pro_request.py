from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kling_o1_pro_request_aspect_ratio import KlingO1ProRequestAspectRatio
from ..models.kling_o1_pro_request_duration import KlingO1ProRequestDuration
from ..types import UNSET, Unset

T = TypeVar("T", bound="KlingO1ProRequest")


@_attrs_define
class KlingO1ProRequest:
    """Generate video using Kling O1 with first frame to last frame interpolation. **Best for:** - Creating smooth
    transitions between two images - Animating static images with controlled start/end points - Creating cinematic video
    sequences **Tips:** - Provide at least one frame (first_frame or last_frame) - For best results, provide both frames
    with similar compositions - Add a descriptive prompt to guide the motion

        Attributes:
            webhook_url (str | Unset): Optional callback URL that will receive asynchronous notifications whenever the task
                changes status. The payload sent to this URL is the same as the corresponding GET endpoint response, but without
                the data field. Example: https://www.example.com/webhook.
            prompt (str | Unset): Text prompt describing the desired motion in the video. **Examples:** - "Camera slowly
                pans across the landscape" - "Person walks toward the camera with soft wind blowing" - "Gentle zoom into the
                subject with bokeh effect"
            first_frame (str | Unset): First frame image (starting point of the video). **Supported formats:** - URL (must
                be publicly accessible) - Base64 encoded image **Requirements:** - Minimum resolution: 300x300px - Maximum file
                size: 10MB Example: https://example.com/start-image.jpg.
            last_frame (str | Unset): Last frame image (ending point of the video). **Supported formats:** - URL (must be
                publicly accessible) - Base64 encoded image Example: https://example.com/end-image.jpg.
            aspect_ratio (KlingO1ProRequestAspectRatio | Unset): Video aspect ratio: - `16:9`: Widescreen - `9:16`: Vertical
                - `1:1`: Square Default: KlingO1ProRequestAspectRatio.VALUE_0.
            duration (KlingO1ProRequestDuration | Unset): Video duration in seconds. - `5`: 5-second video - `10`: 10-second
                video Default: KlingO1ProRequestDuration.VALUE_5.
    """

    webhook_url: str | Unset = UNSET
    prompt: str | Unset = UNSET
    first_frame: str | Unset = UNSET
    last_frame: str | Unset = UNSET
    aspect_ratio: KlingO1ProRequestAspectRatio | Unset = KlingO1ProRequestAspectRatio.VALUE_0
    duration: KlingO1ProRequestDuration | Unset = KlingO1ProRequestDuration.VALUE_5
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        webhook_url = self.webhook_url

        prompt = self.prompt

        first_frame = self.first_frame

        last_frame = self.last_frame

        aspect_ratio: str | Unset = UNSET
        if not isinstance(self.aspect_ratio, Unset):
            aspect_ratio = self.aspect_ratio.value

        duration: int | Unset = UNSET
        if not isinstance(self.duration, Unset):
            duration = self.duration.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if first_frame is not UNSET:
            field_dict["first_frame"] = first_frame
        if last_frame is not UNSET:
            field_dict["last_frame"] = last_frame
        if aspect_ratio is not UNSET:
            field_dict["aspect_ratio"] = aspect_ratio
        if duration is not UNSET:
            field_dict["duration"] = duration

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        webhook_url = d.pop("webhook_url", UNSET)

        prompt = d.pop("prompt", UNSET)

        first_frame = d.pop("first_frame", UNSET)

        last_frame = d.pop("last_frame", UNSET)

        _aspect_ratio = d.pop("aspect_ratio", UNSET)
        aspect_ratio: KlingO1ProRequestAspectRatio | Unset
        if isinstance(_aspect_ratio, Unset):
            aspect_ratio = UNSET
        else:
            aspect_ratio = KlingO1ProRequestAspectRatio(_aspect_ratio)

        _duration = d.pop("duration", UNSET)
        duration: KlingO1ProRequestDuration | Unset
        if isinstance(_duration, Unset):
            duration = UNSET
        else:
            duration = KlingO1ProRequestDuration(_duration)

        kling_o1_pro_request = cls(
            webhook_url=webhook_url,
            prompt=prompt,
            first_frame=first_frame,
            last_frame=last_frame,
            aspect_ratio=aspect_ratio,
            duration=duration,
        )

        kling_o1_pro_request.additional_properties = d
        return kling_o1_pro_request

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
