from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.kling_4ki2v_dynamic_mask_trajectory import (
        Kling4KI2VDynamicMaskTrajectory,
    )


T = TypeVar("T", bound="Kling4KI2VDynamicMask")


@_attrs_define
class Kling4KI2VDynamicMask:
    """
    Attributes:
        mask (str): Dynamic mask image for defining motion brush application areas with trajectories. ● Support
            inputting image Base64 encoding or image URL (ensure the URL is accessible and follows the same format
            requirements as the image field). ● Supported image formats include .jpg / .jpeg / .png ● The aspect ratio of
            the mask image must match the input image (image field); otherwise, the task will fail (failed). ● The
            resolutions of the static_mask image and the dynamic_masks.mask image must be identical; otherwise, the task
            will fail (failed).
        trajectories (list[Kling4KI2VDynamicMaskTrajectory]): Motion Trajectory Coordinate Sequence
    """

    mask: str
    trajectories: list[Kling4KI2VDynamicMaskTrajectory]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        mask = self.mask

        trajectories = []
        for trajectories_item_data in self.trajectories:
            trajectories_item = trajectories_item_data.to_dict()
            trajectories.append(trajectories_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "mask": mask,
                "trajectories": trajectories,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.kling_4ki2v_dynamic_mask_trajectory import (
            Kling4KI2VDynamicMaskTrajectory,
        )

        d = dict(src_dict)
        mask = d.pop("mask")

        trajectories = []
        _trajectories = d.pop("trajectories")
        for trajectories_item_data in _trajectories:
            trajectories_item = Kling4KI2VDynamicMaskTrajectory.from_dict(trajectories_item_data)

            trajectories.append(trajectories_item)

        kling_4ki2v_dynamic_mask = cls(
            mask=mask,
            trajectories=trajectories,
        )

        kling_4ki2v_dynamic_mask.additional_properties = d
        return kling_4ki2v_dynamic_mask

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
