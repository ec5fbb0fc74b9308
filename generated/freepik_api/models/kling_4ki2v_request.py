from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kling_4ki2v_request_duration import Kling4KI2VRequestDuration
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.kling_4ki2v_dynamic_mask import Kling4KI2VDynamicMask


T = TypeVar("T", bound="Kling4KI2VRequest")


@_attrs_define
class Kling4KI2VRequest:
    """
    Attributes:
        image (str): Reference image for video generation. Supports Base64 encoding or URL (ensure accessibility). For
            URL, must be publicly accessible. **Image requirements:** - Minimum: 300x300 pixels - Maximum: 10MB file size -
            Aspect ratio: 1:2.5 to 2.5:1 - Formats: JPG, JPEG, PNG
        webhook_url (str | Unset): Optional callback URL that receives asynchronous notifications when the task changes
            status. The payload includes the task status and result URL when completed.
        image_tail (str | Unset): Optional end frame control image. Supports Base64 encoding or URL. For URL, must be
            publicly accessible. Must follow the same format requirements as the `image` field. **Image requirements:** -
            Same as `image` field
        prompt (str | Unset): Text prompt describing the desired video content. Maximum 2500 characters. **Tips for
            better results:** - Be specific about motion, camera angles, and actions - Describe the scene, characters, and
            atmosphere
        negative_prompt (str | Unset): Undesired elements to avoid in the generated video. Maximum 2500 characters.
            Default: 'blur, distort, and low quality'.
        cfg_scale (float | Unset): Guidance scale controlling prompt adherence versus creative freedom. Range: 0 to 1. -
            **0**: Maximum creative freedom, loosest interpretation of the prompt - **0.5** (default): Balanced between
            prompt adherence and creativity - **1**: Strongest adherence to the prompt, least creative variation Default:
            0.5.
        duration (Kling4KI2VRequestDuration | Unset): Duration of the generated video in seconds. **Range:** 3-15
            seconds Default: Kling4KI2VRequestDuration.VALUE_5.
        static_mask (str | Unset): Static mask image for defining motion brush application areas. ● Supports both Base64
            encoding and image URLs (ensure URLs are publicly accessible and follow the same format requirements as the
            `image` field). ● Supported image formats include .jpg / .jpeg / .png. ● The aspect ratio of the mask image MUST
            match the input image (`image` field); otherwise, the task will fail. ● The resolutions of the `static_mask`
            image and the `dynamic_masks.mask` images must be identical; otherwise, the task will fail. ● The static brush
            feature allows you to define areas where motion will be applied in the generated video.
        dynamic_masks (list[Kling4KI2VDynamicMask] | Unset):
    """

    image: str
    webhook_url: str | Unset = UNSET
    image_tail: str | Unset = UNSET
    prompt: str | Unset = UNSET
    negative_prompt: str | Unset = "blur, distort, and low quality"
    cfg_scale: float | Unset = 0.5
    duration: Kling4KI2VRequestDuration | Unset = Kling4KI2VRequestDuration.VALUE_5
    static_mask: str | Unset = UNSET
    dynamic_masks: list[Kling4KI2VDynamicMask] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        image = self.image

        webhook_url = self.webhook_url

        image_tail = self.image_tail

        prompt = self.prompt

        negative_prompt = self.negative_prompt

        cfg_scale = self.cfg_scale

        duration: int | Unset = UNSET
        if not isinstance(self.duration, Unset):
            duration = self.duration.value

        static_mask = self.static_mask

        dynamic_masks: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.dynamic_masks, Unset):
            dynamic_masks = []
            for dynamic_masks_item_data in self.dynamic_masks:
                dynamic_masks_item = dynamic_masks_item_data.to_dict()
                dynamic_masks.append(dynamic_masks_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "image": image,
            }
        )
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url
        if image_tail is not UNSET:
            field_dict["image_tail"] = image_tail
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if negative_prompt is not UNSET:
            field_dict["negative_prompt"] = negative_prompt
        if cfg_scale is not UNSET:
            field_dict["cfg_scale"] = cfg_scale
        if duration is not UNSET:
            field_dict["duration"] = duration
        if static_mask is not UNSET:
            field_dict["static_mask"] = static_mask
        if dynamic_masks is not UNSET:
            field_dict["dynamic_masks"] = dynamic_masks

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.kling_4ki2v_dynamic_mask import Kling4KI2VDynamicMask

        d = dict(src_dict)
        image = d.pop("image")

        webhook_url = d.pop("webhook_url", UNSET)

        image_tail = d.pop("image_tail", UNSET)

        prompt = d.pop("prompt", UNSET)

        negative_prompt = d.pop("negative_prompt", UNSET)

        cfg_scale = d.pop("cfg_scale", UNSET)

        _duration = d.pop("duration", UNSET)
        duration: Kling4KI2VRequestDuration | Unset
        if isinstance(_duration, Unset):
            duration = UNSET
        else:
            duration = Kling4KI2VRequestDuration(_duration)

        static_mask = d.pop("static_mask", UNSET)

        _dynamic_masks = d.pop("dynamic_masks", UNSET)
        dynamic_masks: list[Kling4KI2VDynamicMask] | Unset = UNSET
        if _dynamic_masks is not UNSET:
            dynamic_masks = []
            for dynamic_masks_item_data in _dynamic_masks:
                dynamic_masks_item = Kling4KI2VDynamicMask.from_dict(dynamic_masks_item_data)

                dynamic_masks.append(dynamic_masks_item)

        kling_4ki2v_request = cls(
            image=image,
            webhook_url=webhook_url,
            image_tail=image_tail,
            prompt=prompt,
            negative_prompt=negative_prompt,
            cfg_scale=cfg_scale,
            duration=duration,
            static_mask=static_mask,
            dynamic_masks=dynamic_masks,
        )

        kling_4ki2v_request.additional_properties = d
        return kling_4ki2v_request

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
