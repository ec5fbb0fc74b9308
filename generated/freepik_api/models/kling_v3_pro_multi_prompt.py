from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kling_v3_pro_multi_prompt_duration import KlingV3ProMultiPromptDuration
from ..types import UNSET, Unset

T = TypeVar("T", bound="KlingV3ProMultiPrompt")


@_attrs_define
class KlingV3ProMultiPrompt:
    """Multi-shot prompt item with prompt text and duration for Kling V3.

    Attributes:
        prompt (str | Unset): Text prompt for this specific shot segment. Maximum 2500 characters.
        duration (KlingV3ProMultiPromptDuration | Unset): Duration of this segment in seconds (3-15).
    """

    prompt: str | Unset = UNSET
    duration: KlingV3ProMultiPromptDuration | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        duration: str | Unset = UNSET
        if not isinstance(self.duration, Unset):
            duration = self.duration.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if duration is not UNSET:
            field_dict["duration"] = duration

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        prompt = d.pop("prompt", UNSET)

        _duration = d.pop("duration", UNSET)
        duration: KlingV3ProMultiPromptDuration | Unset
        if isinstance(_duration, Unset):
            duration = UNSET
        else:
            duration = KlingV3ProMultiPromptDuration(_duration)

        kling_v3_pro_multi_prompt = cls(
            prompt=prompt,
            duration=duration,
        )

        kling_v3_pro_multi_prompt.additional_properties = d
        return kling_v3_pro_multi_prompt

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
