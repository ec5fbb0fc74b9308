from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kling_v3_motion_control_pro_request_character_orientation import (
    KlingV3MotionControlProRequestCharacterOrientation,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="KlingV3MotionControlProRequest")


@_attrs_define
class KlingV3MotionControlProRequest:
    """
    Attributes:
        image_url (str): URL of the character/reference image. The motion from the reference video will be transferred
            to this character. **Requirements:** - Must be a publicly accessible URL - Minimum resolution: 300x300 pixels -
            Maximum file size: 10MB - Supported formats: JPG, JPEG, PNG, WEBP
        video_url (str): URL of the reference video containing the motion to transfer. **Requirements:** - Must be a
            publicly accessible URL - Duration: 3-30 seconds - Supported formats: MP4, MOV, WEBM, M4V
        webhook_url (str | Unset): Webhook URL to notify you when the task completes. When provided, the server will
            send a POST request to this URL with the task result.
        prompt (str | Unset): Optional text prompt to guide the motion transfer. Cannot exceed 2500 characters.
        character_orientation (KlingV3MotionControlProRequestCharacterOrientation | Unset): How the model interprets
            spatial information and constrains output duration. - **video**: Orientation matches reference video. Better for
            complex motions. Maximum output duration: 30 seconds. - **image**: Orientation matches reference image. Better
            for following camera movements. Maximum output duration: 10 seconds. Default:
            KlingV3MotionControlProRequestCharacterOrientation.VIDEO.
        cfg_scale (float | Unset): The CFG (Classifier Free Guidance) scale controls how closely the model follows the
            prompt. Higher values mean stronger adherence to the prompt but less flexibility. Default: 0.5.
    """

    image_url: str
    video_url: str
    webhook_url: str | Unset = UNSET
    prompt: str | Unset = UNSET
    character_orientation: KlingV3MotionControlProRequestCharacterOrientation | Unset = (
        KlingV3MotionControlProRequestCharacterOrientation.VIDEO
    )
    cfg_scale: float | Unset = 0.5
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        image_url = self.image_url

        video_url = self.video_url

        webhook_url = self.webhook_url

        prompt = self.prompt

        character_orientation: str | Unset = UNSET
        if not isinstance(self.character_orientation, Unset):
            character_orientation = self.character_orientation.value

        cfg_scale = self.cfg_scale

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "image_url": image_url,
                "video_url": video_url,
            }
        )
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if character_orientation is not UNSET:
            field_dict["character_orientation"] = character_orientation
        if cfg_scale is not UNSET:
            field_dict["cfg_scale"] = cfg_scale

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        image_url = d.pop("image_url")

        video_url = d.pop("video_url")

        webhook_url = d.pop("webhook_url", UNSET)

        prompt = d.pop("prompt", UNSET)

        _character_orientation = d.pop("character_orientation", UNSET)
        character_orientation: KlingV3MotionControlProRequestCharacterOrientation | Unset
        if isinstance(_character_orientation, Unset):
            character_orientation = UNSET
        else:
            character_orientation = KlingV3MotionControlProRequestCharacterOrientation(_character_orientation)

        cfg_scale = d.pop("cfg_scale", UNSET)

        kling_v3_motion_control_pro_request = cls(
            image_url=image_url,
            video_url=video_url,
            webhook_url=webhook_url,
            prompt=prompt,
            character_orientation=character_orientation,
            cfg_scale=cfg_scale,
        )

        kling_v3_motion_control_pro_request.additional_properties = d
        return kling_v3_motion_control_pro_request

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
