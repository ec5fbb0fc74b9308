from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kling_v3_omni_pro_request_aspect_ratio import (
    KlingV3OmniProRequestAspectRatio,
)
from ..models.kling_v3_omni_pro_request_duration import KlingV3OmniProRequestDuration
from ..models.kling_v3_omni_pro_request_shot_type import KlingV3OmniProRequestShotType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.kling_v3_omni_pro_element import KlingV3OmniProElement


T = TypeVar("T", bound="KlingV3OmniProRequest")


@_attrs_define
class KlingV3OmniProRequest:
    """
    Attributes:
        webhook_url (str | Unset): Optional callback URL that receives asynchronous notifications when the task changes
            status. The payload includes the task status and result URL when completed.
        prompt (str | Unset): Text prompt describing the desired video content. Maximum 2500 characters. **Usage by
            mode:** - **Text-to-video:** Required unless multi_prompt is provided - **Image-to-video:** Either prompt or
            multi_prompt must be provided, but not both
        multi_prompt (list[str] | Unset): List of prompts for multi-shot video generation. Each item is a string prompt
            for that shot. Use with shot_type to control multi-shot behavior. Only effective when shot_type is set. When
            multi_prompt is provided without an explicit shot_type, it defaults to "customize".
        shot_type (KlingV3OmniProRequestShotType | Unset): Controls how multi-shot video generation is segmented for
            Kling 3 Omni. - `customize`: User provides explicit per-shot prompts via the multi_prompt array. Currently only
            "customize" is supported for Omni endpoints. Default: KlingV3OmniProRequestShotType.CUSTOMIZE.
        image_url (str | Unset): URL of the start frame image for image-to-video generation. Required for image-to-video
            mode. **Image requirements:** - Minimum: 300x300 pixels - Maximum: 10MB file size - Formats: JPG, JPEG, PNG
        start_image_url (str | Unset): Image to use as the first frame of the video. Use together with end_image_url to
            control both start and end frames in image-to-video mode.
        end_image_url (str | Unset): Image to use as the last frame of the video. Optional for image-to-video mode to
            guide the final frame.
        image_urls (list[str] | Unset): Reference images for style/appearance guidance. Reference in your prompt as
            @Image1, @Image2, etc. Maximum 4 total (elements + reference images).
        elements (list[KlingV3OmniProElement] | Unset): Elements (characters/objects) to include for consistent identity
            across the video. Reference in your prompt as @Element1, @Element2, etc.
        generate_audio (bool | Unset): Whether to generate native audio for the video.
        aspect_ratio (KlingV3OmniProRequestAspectRatio | Unset): Aspect ratio for Kling V3 Omni video generation: -
            `auto`: Automatically match the input image aspect ratio (image-to-video only) - `16:9`: Landscape (widescreen)
            - `9:16`: Portrait (vertical) - `1:1`: Square Default: KlingV3OmniProRequestAspectRatio.VALUE_1.
        duration (KlingV3OmniProRequestDuration | Unset): Duration of the generated video in seconds. **Range:** 3-15
            seconds **Note:** When using multi-shot mode, total duration across all shots cannot exceed 15 seconds. Default:
            KlingV3OmniProRequestDuration.VALUE_2.
    """

    webhook_url: str | Unset = UNSET
    prompt: str | Unset = UNSET
    multi_prompt: list[str] | Unset = UNSET
    shot_type: KlingV3OmniProRequestShotType | Unset = KlingV3OmniProRequestShotType.CUSTOMIZE
    image_url: str | Unset = UNSET
    start_image_url: str | Unset = UNSET
    end_image_url: str | Unset = UNSET
    image_urls: list[str] | Unset = UNSET
    elements: list[KlingV3OmniProElement] | Unset = UNSET
    generate_audio: bool | Unset = UNSET
    aspect_ratio: KlingV3OmniProRequestAspectRatio | Unset = KlingV3OmniProRequestAspectRatio.VALUE_1
    duration: KlingV3OmniProRequestDuration | Unset = KlingV3OmniProRequestDuration.VALUE_2
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        webhook_url = self.webhook_url

        prompt = self.prompt

        multi_prompt: list[str] | Unset = UNSET
        if not isinstance(self.multi_prompt, Unset):
            multi_prompt = self.multi_prompt

        shot_type: str | Unset = UNSET
        if not isinstance(self.shot_type, Unset):
            shot_type = self.shot_type.value

        image_url = self.image_url

        start_image_url = self.start_image_url

        end_image_url = self.end_image_url

        image_urls: list[str] | Unset = UNSET
        if not isinstance(self.image_urls, Unset):
            image_urls = self.image_urls

        elements: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.elements, Unset):
            elements = []
            for elements_item_data in self.elements:
                elements_item = elements_item_data.to_dict()
                elements.append(elements_item)

        generate_audio = self.generate_audio

        aspect_ratio: str | Unset = UNSET
        if not isinstance(self.aspect_ratio, Unset):
            aspect_ratio = self.aspect_ratio.value

        duration: str | Unset = UNSET
        if not isinstance(self.duration, Unset):
            duration = self.duration.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if multi_prompt is not UNSET:
            field_dict["multi_prompt"] = multi_prompt
        if shot_type is not UNSET:
            field_dict["shot_type"] = shot_type
        if image_url is not UNSET:
            field_dict["image_url"] = image_url
        if start_image_url is not UNSET:
            field_dict["start_image_url"] = start_image_url
        if end_image_url is not UNSET:
            field_dict["end_image_url"] = end_image_url
        if image_urls is not UNSET:
            field_dict["image_urls"] = image_urls
        if elements is not UNSET:
            field_dict["elements"] = elements
        if generate_audio is not UNSET:
            field_dict["generate_audio"] = generate_audio
        if aspect_ratio is not UNSET:
            field_dict["aspect_ratio"] = aspect_ratio
        if duration is not UNSET:
            field_dict["duration"] = duration

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.kling_v3_omni_pro_element import KlingV3OmniProElement

        d = dict(src_dict)
        webhook_url = d.pop("webhook_url", UNSET)

        prompt = d.pop("prompt", UNSET)

        multi_prompt = cast(list[str], d.pop("multi_prompt", UNSET))

        _shot_type = d.pop("shot_type", UNSET)
        shot_type: KlingV3OmniProRequestShotType | Unset
        if isinstance(_shot_type, Unset):
            shot_type = UNSET
        else:
            shot_type = KlingV3OmniProRequestShotType(_shot_type)

        image_url = d.pop("image_url", UNSET)

        start_image_url = d.pop("start_image_url", UNSET)

        end_image_url = d.pop("end_image_url", UNSET)

        image_urls = cast(list[str], d.pop("image_urls", UNSET))

        _elements = d.pop("elements", UNSET)
        elements: list[KlingV3OmniProElement] | Unset = UNSET
        if _elements is not UNSET:
            elements = []
            for elements_item_data in _elements:
                elements_item = KlingV3OmniProElement.from_dict(elements_item_data)

                elements.append(elements_item)

        generate_audio = d.pop("generate_audio", UNSET)

        _aspect_ratio = d.pop("aspect_ratio", UNSET)
        aspect_ratio: KlingV3OmniProRequestAspectRatio | Unset
        if isinstance(_aspect_ratio, Unset):
            aspect_ratio = UNSET
        else:
            aspect_ratio = KlingV3OmniProRequestAspectRatio(_aspect_ratio)

        _duration = d.pop("duration", UNSET)
        duration: KlingV3OmniProRequestDuration | Unset
        if isinstance(_duration, Unset):
            duration = UNSET
        else:
            duration = KlingV3OmniProRequestDuration(_duration)

        kling_v3_omni_pro_request = cls(
            webhook_url=webhook_url,
            prompt=prompt,
            multi_prompt=multi_prompt,
            shot_type=shot_type,
            image_url=image_url,
            start_image_url=start_image_url,
            end_image_url=end_image_url,
            image_urls=image_urls,
            elements=elements,
            generate_audio=generate_audio,
            aspect_ratio=aspect_ratio,
            duration=duration,
        )

        kling_v3_omni_pro_request.additional_properties = d
        return kling_v3_omni_pro_request

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
