from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.video_duration import VideoDuration
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.kling_4ki2v_dynamic_mask import Kling4KI2VDynamicMask


T = TypeVar("T", bound="KlingV21ProRequest")


@_attrs_define
class KlingV21ProRequest:
    """
    Attributes:
        duration (VideoDuration): Duration of the generated video in seconds
        webhook_url (str | Unset): Optional callback URL that will receive asynchronous notifications whenever the task
            changes status. The payload sent to this URL is the same as the corresponding GET endpoint response, but without
            the data field. Example: https://www.example.com/webhook.
        image (str | Unset): Reference Image. Supports Base64 encoding or URL (ensure accessibility). For URL, must be
            publicly accessible. The image file size cannot exceed 10MB, and the resolution should not be less than
            300x300px. Aspect ratio should be between 1:2.5 ~ 2.5:1.
        image_tail (str | Unset): Reference Image - End frame control. Supports Base64 encoding or URL. For URL, must be
            publicly accessible. Must follow the same format requirements as the 'image' field. (Optional) Not compatible
            with standard mode. ● Supported image formats include .jpg / .jpeg / .png ● The image file size cannot exceed
            10MB, and the image resolution should not be less than 300*300px ● At least one parameter should be filled in
            between parameter image and parameter image_tail; cannot both be empty at the same time
        prompt (str | Unset): (`Required when image is not provided`) Text prompt describing the desired motion, cannot
            exceed 2500 characters
        negative_prompt (str | Unset): Text prompt describing what to avoid in the generated video, cannot exceed 2500
            characters
        cfg_scale (float | Unset): Flexibility in video generation; The higher the value, the lower the model's degree
            of flexibility, and the stronger the relevance to the user's prompt. Default: 0.5.
        static_mask (str | Unset): Static mask image for defining motion brush application areas. ● Supports both Base64
            encoding and image URLs (ensure URLs are publicly accessible and follow the same format requirements as the
            `image` field). ● Supported image formats include .jpg / .jpeg / .png. ● The aspect ratio of the mask image MUST
            match the input image (`image` field); otherwise, the task will fail. ● The resolutions of the `static_mask`
            image and the `dynamic_masks.mask` images must be identical; otherwise, the task will fail. ● The static brush
            feature allows you to define areas where motion will be applied in the generated video.
        dynamic_masks (list[Kling4KI2VDynamicMask] | Unset):
    """

    duration: VideoDuration
    webhook_url: str | Unset = UNSET
    image: str | Unset = UNSET
    image_tail: str | Unset = UNSET
    prompt: str | Unset = UNSET
    negative_prompt: str | Unset = UNSET
    cfg_scale: float | Unset = 0.5
    static_mask: str | Unset = UNSET
    dynamic_masks: list[Kling4KI2VDynamicMask] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        duration = self.duration.value

        webhook_url = self.webhook_url

        image = self.image

        image_tail = self.image_tail

        prompt = self.prompt

        negative_prompt = self.negative_prompt

        cfg_scale = self.cfg_scale

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
                "duration": duration,
            }
        )
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url
        if image is not UNSET:
            field_dict["image"] = image
        if image_tail is not UNSET:
            field_dict["image_tail"] = image_tail
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if negative_prompt is not UNSET:
            field_dict["negative_prompt"] = negative_prompt
        if cfg_scale is not UNSET:
            field_dict["cfg_scale"] = cfg_scale
        if static_mask is not UNSET:
            field_dict["static_mask"] = static_mask
        if dynamic_masks is not UNSET:
            field_dict["dynamic_masks"] = dynamic_masks

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.kling_4ki2v_dynamic_mask import Kling4KI2VDynamicMask

        d = dict(src_dict)
        duration = VideoDuration(d.pop("duration"))

        webhook_url = d.pop("webhook_url", UNSET)

        image = d.pop("image", UNSET)

        image_tail = d.pop("image_tail", UNSET)

        prompt = d.pop("prompt", UNSET)

        negative_prompt = d.pop("negative_prompt", UNSET)

        cfg_scale = d.pop("cfg_scale", UNSET)

        static_mask = d.pop("static_mask", UNSET)

        _dynamic_masks = d.pop("dynamic_masks", UNSET)
        dynamic_masks: list[Kling4KI2VDynamicMask] | Unset = UNSET
        if _dynamic_masks is not UNSET:
            dynamic_masks = []
            for dynamic_masks_item_data in _dynamic_masks:
                dynamic_masks_item = Kling4KI2VDynamicMask.from_dict(dynamic_masks_item_data)

                dynamic_masks.append(dynamic_masks_item)

        kling_v21_pro_request = cls(
            duration=duration,
            webhook_url=webhook_url,
            image=image,
            image_tail=image_tail,
            prompt=prompt,
            negative_prompt=negative_prompt,
            cfg_scale=cfg_scale,
            static_mask=static_mask,
            dynamic_masks=dynamic_masks,
        )

        kling_v21_pro_request.additional_properties = d
        return kling_v21_pro_request

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
