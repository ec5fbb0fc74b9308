from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kling_v3_pro_request_aspect_ratio import KlingV3ProRequestAspectRatio
from ..models.kling_v3_pro_request_duration import KlingV3ProRequestDuration
from ..models.kling_v3_pro_request_shot_type import KlingV3ProRequestShotType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.kling_v3_omni_pro_element import KlingV3OmniProElement
    from ..models.kling_v3_pro_multi_prompt import KlingV3ProMultiPrompt


T = TypeVar("T", bound="KlingV3ProRequest")


@_attrs_define
class KlingV3ProRequest:
    """
    Attributes:
        webhook_url (str | Unset): Optional callback URL that receives asynchronous notifications when the task changes
            status. The payload includes the task status and result URL when completed.
        prompt (str | Unset): Text prompt describing the desired video content. Maximum 2500 characters. Required for
            text-to-video mode or when not using multi_prompt. **Tips for better results:** - Be specific about motion,
            camera angles, and actions - Describe the scene, characters, and atmosphere - Reference elements in your prompt
            as @Element1, @Element2 - Reference voices with <<<voice_1>>> and <<<voice_2>>>
        multi_prompt (list[KlingV3ProMultiPrompt] | Unset): Multi-shot prompts with durations for sequential video
            generation. Each item specifies a prompt and duration (in seconds) for that shot. Maximum 6 shots. Total
            duration across all shots cannot exceed 15 seconds. Only effective when shot_type is set. When multi_prompt is
            provided without an explicit shot_type, it defaults to "customize". When shot_type is "intelligent", Kling can
            auto-segment the video even without multi_prompt.
        start_image_url (str | Unset): URL of the image to use as the first frame of the video. Required for image-to-
            video mode. **Image requirements:** - Minimum: 300x300 pixels - Maximum: 10MB file size - Aspect ratio: 1:2.5 to
            2.5:1 - Formats: JPG, JPEG, PNG
        end_image_url (str | Unset): URL of the image to use as the final frame of the video. Optional for image-to-
            video mode. **Image requirements:** - Same as start_image_url
        elements (list[KlingV3OmniProElement] | Unset): Custom characters/objects with reference images for consistent
            identity across the video. Reference in your prompt as @Element1, @Element2, etc. When elements are provided,
            the request is processed in image-to-video mode. For best results, also provide a `start_image_url`.
        generate_audio (bool | Unset): Whether to generate native audio for the video. Default: True.
        multi_shot (bool | Unset): Enable multi-shot mode for multi-scene video generation. When true, use shot_type and
            multi_prompt to define scenes. When false (default), generates a single continuous video. Default: False.
        shot_type (KlingV3ProRequestShotType | Unset): Controls how multi-shot video generation is segmented: -
            `customize`: User provides explicit per-shot prompts and durations via the multi_prompt array. Each shot is
            defined manually. - `intelligent`: Enables automatic scene segmentation by Kling AI. Can be used without
            multi_prompt (Kling auto-segments the video based on the main prompt) or with multi_prompt (user-defined shots
            combined with AI segmentation). Note: This parameter maps to Kling's internal "intelligence" spelling for the
            intelligent option. Defaults to "customize" when multi_prompt is provided. Default:
            KlingV3ProRequestShotType.CUSTOMIZE.
        aspect_ratio (KlingV3ProRequestAspectRatio | Unset): Aspect ratio for the generated video: - `16:9`: Landscape
            (widescreen) - ideal for YouTube, presentations - `9:16`: Portrait (vertical) - ideal for TikTok, Instagram
            Stories, Reels - `1:1`: Square - ideal for Instagram posts, social media Default:
            KlingV3ProRequestAspectRatio.VALUE_0.
        duration (KlingV3ProRequestDuration | Unset): Duration of the generated video in seconds. **Range:** 3-15
            seconds **Note:** When using multi-shot mode, total duration across all shots cannot exceed 15 seconds. Default:
            KlingV3ProRequestDuration.VALUE_2.
        negative_prompt (str | Unset): Undesired elements to avoid in the generated video. Maximum 2500 characters.
            Default: 'blur, distort, and low quality'.
        cfg_scale (float | Unset): Guidance scale controlling prompt adherence versus creative freedom. Range: 0 to 1.
            Values above 1 are not supported for Kling 3 (only Kling 1.x models support cfg_scale up to 2). - **0**: Maximum
            creative freedom, loosest interpretation of the prompt - **0.5** (default): Balanced between prompt adherence
            and creativity - **1**: Strongest adherence to the prompt, least creative variation Default: 0.5.
    """

    webhook_url: str | Unset = UNSET
    prompt: str | Unset = UNSET
    multi_prompt: list[KlingV3ProMultiPrompt] | Unset = UNSET
    start_image_url: str | Unset = UNSET
    end_image_url: str | Unset = UNSET
    elements: list[KlingV3OmniProElement] | Unset = UNSET
    generate_audio: bool | Unset = True
    multi_shot: bool | Unset = False
    shot_type: KlingV3ProRequestShotType | Unset = KlingV3ProRequestShotType.CUSTOMIZE
    aspect_ratio: KlingV3ProRequestAspectRatio | Unset = KlingV3ProRequestAspectRatio.VALUE_0
    duration: KlingV3ProRequestDuration | Unset = KlingV3ProRequestDuration.VALUE_2
    negative_prompt: str | Unset = "blur, distort, and low quality"
    cfg_scale: float | Unset = 0.5
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        webhook_url = self.webhook_url

        prompt = self.prompt

        multi_prompt: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.multi_prompt, Unset):
            multi_prompt = []
            for multi_prompt_item_data in self.multi_prompt:
                multi_prompt_item = multi_prompt_item_data.to_dict()
                multi_prompt.append(multi_prompt_item)

        start_image_url = self.start_image_url

        end_image_url = self.end_image_url

        elements: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.elements, Unset):
            elements = []
            for elements_item_data in self.elements:
                elements_item = elements_item_data.to_dict()
                elements.append(elements_item)

        generate_audio = self.generate_audio

        multi_shot = self.multi_shot

        shot_type: str | Unset = UNSET
        if not isinstance(self.shot_type, Unset):
            shot_type = self.shot_type.value

        aspect_ratio: str | Unset = UNSET
        if not isinstance(self.aspect_ratio, Unset):
            aspect_ratio = self.aspect_ratio.value

        duration: str | Unset = UNSET
        if not isinstance(self.duration, Unset):
            duration = self.duration.value

        negative_prompt = self.negative_prompt

        cfg_scale = self.cfg_scale

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if multi_prompt is not UNSET:
            field_dict["multi_prompt"] = multi_prompt
        if start_image_url is not UNSET:
            field_dict["start_image_url"] = start_image_url
        if end_image_url is not UNSET:
            field_dict["end_image_url"] = end_image_url
        if elements is not UNSET:
            field_dict["elements"] = elements
        if generate_audio is not UNSET:
            field_dict["generate_audio"] = generate_audio
        if multi_shot is not UNSET:
            field_dict["multi_shot"] = multi_shot
        if shot_type is not UNSET:
            field_dict["shot_type"] = shot_type
        if aspect_ratio is not UNSET:
            field_dict["aspect_ratio"] = aspect_ratio
        if duration is not UNSET:
            field_dict["duration"] = duration
        if negative_prompt is not UNSET:
            field_dict["negative_prompt"] = negative_prompt
        if cfg_scale is not UNSET:
            field_dict["cfg_scale"] = cfg_scale

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.kling_v3_omni_pro_element import KlingV3OmniProElement
        from ..models.kling_v3_pro_multi_prompt import KlingV3ProMultiPrompt

        d = dict(src_dict)
        webhook_url = d.pop("webhook_url", UNSET)

        prompt = d.pop("prompt", UNSET)

        _multi_prompt = d.pop("multi_prompt", UNSET)
        multi_prompt: list[KlingV3ProMultiPrompt] | Unset = UNSET
        if _multi_prompt is not UNSET:
            multi_prompt = []
            for multi_prompt_item_data in _multi_prompt:
                multi_prompt_item = KlingV3ProMultiPrompt.from_dict(multi_prompt_item_data)

                multi_prompt.append(multi_prompt_item)

        start_image_url = d.pop("start_image_url", UNSET)

        end_image_url = d.pop("end_image_url", UNSET)

        _elements = d.pop("elements", UNSET)
        elements: list[KlingV3OmniProElement] | Unset = UNSET
        if _elements is not UNSET:
            elements = []
            for elements_item_data in _elements:
                elements_item = KlingV3OmniProElement.from_dict(elements_item_data)

                elements.append(elements_item)

        generate_audio = d.pop("generate_audio", UNSET)

        multi_shot = d.pop("multi_shot", UNSET)

        _shot_type = d.pop("shot_type", UNSET)
        shot_type: KlingV3ProRequestShotType | Unset
        if isinstance(_shot_type, Unset):
            shot_type = UNSET
        else:
            shot_type = KlingV3ProRequestShotType(_shot_type)

        _aspect_ratio = d.pop("aspect_ratio", UNSET)
        aspect_ratio: KlingV3ProRequestAspectRatio | Unset
        if isinstance(_aspect_ratio, Unset):
            aspect_ratio = UNSET
        else:
            aspect_ratio = KlingV3ProRequestAspectRatio(_aspect_ratio)

        _duration = d.pop("duration", UNSET)
        duration: KlingV3ProRequestDuration | Unset
        if isinstance(_duration, Unset):
            duration = UNSET
        else:
            duration = KlingV3ProRequestDuration(_duration)

        negative_prompt = d.pop("negative_prompt", UNSET)

        cfg_scale = d.pop("cfg_scale", UNSET)

        kling_v3_pro_request = cls(
            webhook_url=webhook_url,
            prompt=prompt,
            multi_prompt=multi_prompt,
            start_image_url=start_image_url,
            end_image_url=end_image_url,
            elements=elements,
            generate_audio=generate_audio,
            multi_shot=multi_shot,
            shot_type=shot_type,
            aspect_ratio=aspect_ratio,
            duration=duration,
            negative_prompt=negative_prompt,
            cfg_scale=cfg_scale,
        )

        kling_v3_pro_request.additional_properties = d
        return kling_v3_pro_request

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
