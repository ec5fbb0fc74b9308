"""Contains all the data models used in inputs/outputs"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .error_message import ErrorMessage
    from .invalid_param import InvalidParam
    from .kling_4ki2v_dynamic_mask import Kling4KI2VDynamicMask
    from .kling_4ki2v_dynamic_mask_trajectory import Kling4KI2VDynamicMaskTrajectory
    from .kling_4ki2v_request import Kling4KI2VRequest
    from .kling_4ki2v_request_duration import Kling4KI2VRequestDuration
    from .kling_4kt2v_request import Kling4KT2VRequest
    from .kling_4kt2v_request_aspect_ratio import Kling4KT2VRequestAspectRatio
    from .kling_4kt2v_request_duration import Kling4KT2VRequestDuration
    from .kling_advanced_custom_elements_element_image_list import (
        KlingAdvancedCustomElementsElementImageList,
    )
    from .kling_advanced_custom_elements_element_image_list_refer_image import (
        KlingAdvancedCustomElementsElementImageListReferImage,
    )
    from .kling_advanced_custom_elements_element_video_list import (
        KlingAdvancedCustomElementsElementVideoList,
    )
    from .kling_advanced_custom_elements_element_video_list_refer_video import (
        KlingAdvancedCustomElementsElementVideoListReferVideo,
    )
    from .kling_advanced_custom_elements_request import (
        KlingAdvancedCustomElementsRequest,
    )
    from .kling_advanced_custom_elements_request_reference_type import (
        KlingAdvancedCustomElementsRequestReferenceType,
    )
    from .kling_advanced_custom_elements_tag_list import (
        KlingAdvancedCustomElementsTagList,
    )
    from .kling_advanced_custom_elements_tag_list_tag_id import (
        KlingAdvancedCustomElementsTagListTagId,
    )
    from .kling_elements_pro_request import KlingElementsProRequest
    from .kling_elements_pro_request_aspect_ratio import (
        KlingElementsProRequestAspectRatio,
    )
    from .kling_elements_std_request import KlingElementsStdRequest
    from .kling_elements_std_request_aspect_ratio import (
        KlingElementsStdRequestAspectRatio,
    )
    from .kling_o1_pro_request import KlingO1ProRequest
    from .kling_o1_pro_request_aspect_ratio import KlingO1ProRequestAspectRatio
    from .kling_o1_pro_request_duration import KlingO1ProRequestDuration
    from .kling_o1_pro_video_reference_request import KlingO1ProVideoReferenceRequest
    from .kling_o1_pro_video_reference_request_aspect_ratio import (
        KlingO1ProVideoReferenceRequestAspectRatio,
    )
    from .kling_o1_pro_video_reference_request_duration import (
        KlingO1ProVideoReferenceRequestDuration,
    )
    from .kling_o1_std_request import KlingO1StdRequest
    from .kling_o1_std_request_aspect_ratio import KlingO1StdRequestAspectRatio
    from .kling_o1_std_request_duration import KlingO1StdRequestDuration
    from .kling_o1_std_video_reference_request import KlingO1StdVideoReferenceRequest
    from .kling_o1_std_video_reference_request_aspect_ratio import (
        KlingO1StdVideoReferenceRequestAspectRatio,
    )
    from .kling_o1_std_video_reference_request_duration import (
        KlingO1StdVideoReferenceRequestDuration,
    )
    from .kling_pro_request import KlingProRequest
    from .kling_std_request import KlingStdRequest
    from .kling_v2_request import KlingV2Request
    from .kling_v3_motion_control_pro_request import KlingV3MotionControlProRequest
    from .kling_v3_motion_control_pro_request_character_orientation import (
        KlingV3MotionControlProRequestCharacterOrientation,
    )
    from .kling_v3_motion_control_std_request import KlingV3MotionControlStdRequest
    from .kling_v3_motion_control_std_request_character_orientation import (
        KlingV3MotionControlStdRequestCharacterOrientation,
    )
    from .kling_v3_omni_pro_element import KlingV3OmniProElement
    from .kling_v3_omni_pro_reference_to_video_request import (
        KlingV3OmniProReferenceToVideoRequest,
    )
    from .kling_v3_omni_pro_reference_to_video_request_aspect_ratio import (
        KlingV3OmniProReferenceToVideoRequestAspectRatio,
    )
    from .kling_v3_omni_pro_reference_to_video_request_duration import (
        KlingV3OmniProReferenceToVideoRequestDuration,
    )
    from .kling_v3_omni_pro_request import KlingV3OmniProRequest
    from .kling_v3_omni_pro_request_aspect_ratio import KlingV3OmniProRequestAspectRatio
    from .kling_v3_omni_pro_request_duration import KlingV3OmniProRequestDuration
    from .kling_v3_omni_pro_request_shot_type import KlingV3OmniProRequestShotType
    from .kling_v3_omni_std_reference_to_video_request import (
        KlingV3OmniStdReferenceToVideoRequest,
    )
    from .kling_v3_omni_std_reference_to_video_request_aspect_ratio import (
        KlingV3OmniStdReferenceToVideoRequestAspectRatio,
    )
    from .kling_v3_omni_std_reference_to_video_request_duration import (
        KlingV3OmniStdReferenceToVideoRequestDuration,
    )
    from .kling_v3_omni_std_request import KlingV3OmniStdRequest
    from .kling_v3_omni_std_request_aspect_ratio import KlingV3OmniStdRequestAspectRatio
    from .kling_v3_omni_std_request_duration import KlingV3OmniStdRequestDuration
    from .kling_v3_omni_std_request_shot_type import KlingV3OmniStdRequestShotType
    from .kling_v3_pro_multi_prompt import KlingV3ProMultiPrompt
    from .kling_v3_pro_multi_prompt_duration import KlingV3ProMultiPromptDuration
    from .kling_v3_pro_request import KlingV3ProRequest
    from .kling_v3_pro_request_aspect_ratio import KlingV3ProRequestAspectRatio
    from .kling_v3_pro_request_duration import KlingV3ProRequestDuration
    from .kling_v3_pro_request_shot_type import KlingV3ProRequestShotType
    from .kling_v3_std_request import KlingV3StdRequest
    from .kling_v3_std_request_aspect_ratio import KlingV3StdRequestAspectRatio
    from .kling_v3_std_request_duration import KlingV3StdRequestDuration
    from .kling_v3_std_request_shot_type import KlingV3StdRequestShotType
    from .kling_v3_turbo_720p_request import KlingV3Turbo720PRequest
    from .kling_v3_turbo_720p_request_duration import KlingV3Turbo720PRequestDuration
    from .kling_v3_turbo_720p_text_to_video_request import (
        KlingV3Turbo720PTextToVideoRequest,
    )
    from .kling_v3_turbo_720p_text_to_video_request_aspect_ratio import (
        KlingV3Turbo720PTextToVideoRequestAspectRatio,
    )
    from .kling_v3_turbo_720p_text_to_video_request_duration import (
        KlingV3Turbo720PTextToVideoRequestDuration,
    )
    from .kling_v3_turbo_1080p_request import KlingV3Turbo1080PRequest
    from .kling_v3_turbo_1080p_request_duration import KlingV3Turbo1080PRequestDuration
    from .kling_v3_turbo_1080p_text_to_video_request import (
        KlingV3Turbo1080PTextToVideoRequest,
    )
    from .kling_v3_turbo_1080p_text_to_video_request_aspect_ratio import (
        KlingV3Turbo1080PTextToVideoRequestAspectRatio,
    )
    from .kling_v3_turbo_1080p_text_to_video_request_duration import (
        KlingV3Turbo1080PTextToVideoRequestDuration,
    )
    from .kling_v21_master_image_to_video_request import (
        KlingV21MasterImageToVideoRequest,
    )
    from .kling_v21_master_text_to_video_request import KlingV21MasterTextToVideoRequest
    from .kling_v21_master_text_to_video_request_aspect_ratio import (
        KlingV21MasterTextToVideoRequestAspectRatio,
    )
    from .kling_v21_pro_request import KlingV21ProRequest
    from .kling_v21_std_request import KlingV21StdRequest
    from .kling_v25_pro_request import KlingV25ProRequest
    from .kling_v26_pro_image_to_video_request import KlingV26ProImageToVideoRequest
    from .kling_v26_pro_image_to_video_request_aspect_ratio import (
        KlingV26ProImageToVideoRequestAspectRatio,
    )
    from .kling_v26_pro_text_to_video_request import KlingV26ProTextToVideoRequest
    from .kling_v26_pro_text_to_video_request_aspect_ratio import (
        KlingV26ProTextToVideoRequestAspectRatio,
    )
    from .task import Task
    from .task_detail import TaskDetail
    from .task_detail_response import TaskDetailResponse
    from .task_list_response import TaskListResponse
    from .task_response import TaskResponse
    from .task_status import TaskStatus
    from .video_duration import VideoDuration

_HOMES = {
    "ErrorMessage": ".error_message",
    "InvalidParam": ".invalid_param",
    "Kling4KI2VDynamicMask": ".kling_4ki2v_dynamic_mask",
    "Kling4KI2VDynamicMaskTrajectory": ".kling_4ki2v_dynamic_mask_trajectory",
    "Kling4KI2VRequest": ".kling_4ki2v_request",
    "Kling4KI2VRequestDuration": ".kling_4ki2v_request_duration",
    "Kling4KT2VRequest": ".kling_4kt2v_request",
    "Kling4KT2VRequestAspectRatio": ".kling_4kt2v_request_aspect_ratio",
    "Kling4KT2VRequestDuration": ".kling_4kt2v_request_duration",
    "KlingAdvancedCustomElementsElementImageList": ".kling_advanced_custom_elements_element_image_list",
    "KlingAdvancedCustomElementsElementImageListReferImage": ".kling_advanced_custom_elements_element_image_list_refer_image",
    "KlingAdvancedCustomElementsElementVideoList": ".kling_advanced_custom_elements_element_video_list",
    "KlingAdvancedCustomElementsElementVideoListReferVideo": ".kling_advanced_custom_elements_element_video_list_refer_video",
    "KlingAdvancedCustomElementsRequest": ".kling_advanced_custom_elements_request",
    "KlingAdvancedCustomElementsRequestReferenceType": ".kling_advanced_custom_elements_request_reference_type",
    "KlingAdvancedCustomElementsTagList": ".kling_advanced_custom_elements_tag_list",
    "KlingAdvancedCustomElementsTagListTagId": ".kling_advanced_custom_elements_tag_list_tag_id",
    "KlingElementsProRequest": ".kling_elements_pro_request",
    "KlingElementsProRequestAspectRatio": ".kling_elements_pro_request_aspect_ratio",
    "KlingElementsStdRequest": ".kling_elements_std_request",
    "KlingElementsStdRequestAspectRatio": ".kling_elements_std_request_aspect_ratio",
    "KlingO1ProRequest": ".kling_o1_pro_request",
    "KlingO1ProRequestAspectRatio": ".kling_o1_pro_request_aspect_ratio",
    "KlingO1ProRequestDuration": ".kling_o1_pro_request_duration",
    "KlingO1ProVideoReferenceRequest": ".kling_o1_pro_video_reference_request",
    "KlingO1ProVideoReferenceRequestAspectRatio": ".kling_o1_pro_video_reference_request_aspect_ratio",
    "KlingO1ProVideoReferenceRequestDuration": ".kling_o1_pro_video_reference_request_duration",
    "KlingO1StdRequest": ".kling_o1_std_request",
    "KlingO1StdRequestAspectRatio": ".kling_o1_std_request_aspect_ratio",
    "KlingO1StdRequestDuration": ".kling_o1_std_request_duration",
    "KlingO1StdVideoReferenceRequest": ".kling_o1_std_video_reference_request",
    "KlingO1StdVideoReferenceRequestAspectRatio": ".kling_o1_std_video_reference_request_aspect_ratio",
    "KlingO1StdVideoReferenceRequestDuration": ".kling_o1_std_video_reference_request_duration",
    "KlingProRequest": ".kling_pro_request",
    "KlingStdRequest": ".kling_std_request",
    "KlingV21MasterImageToVideoRequest": ".kling_v21_master_image_to_video_request",
    "KlingV21MasterTextToVideoRequest": ".kling_v21_master_text_to_video_request",
    "KlingV21MasterTextToVideoRequestAspectRatio": ".kling_v21_master_text_to_video_request_aspect_ratio",
    "KlingV21ProRequest": ".kling_v21_pro_request",
    "KlingV21StdRequest": ".kling_v21_std_request",
    "KlingV25ProRequest": ".kling_v25_pro_request",
    "KlingV26ProImageToVideoRequest": ".kling_v26_pro_image_to_video_request",
    "KlingV26ProImageToVideoRequestAspectRatio": ".kling_v26_pro_image_to_video_request_aspect_ratio",
    "KlingV26ProTextToVideoRequest": ".kling_v26_pro_text_to_video_request",
    "KlingV26ProTextToVideoRequestAspectRatio": ".kling_v26_pro_text_to_video_request_aspect_ratio",
    "KlingV2Request": ".kling_v2_request",
    "KlingV3MotionControlProRequest": ".kling_v3_motion_control_pro_request",
    "KlingV3MotionControlProRequestCharacterOrientation": ".kling_v3_motion_control_pro_request_character_orientation",
    "KlingV3MotionControlStdRequest": ".kling_v3_motion_control_std_request",
    "KlingV3MotionControlStdRequestCharacterOrientation": ".kling_v3_motion_control_std_request_character_orientation",
    "KlingV3OmniProElement": ".kling_v3_omni_pro_element",
    "KlingV3OmniProReferenceToVideoRequest": ".kling_v3_omni_pro_reference_to_video_request",
    "KlingV3OmniProReferenceToVideoRequestAspectRatio": ".kling_v3_omni_pro_reference_to_video_request_aspect_ratio",
    "KlingV3OmniProReferenceToVideoRequestDuration": ".kling_v3_omni_pro_reference_to_video_request_duration",
    "KlingV3OmniProRequest": ".kling_v3_omni_pro_request",
    "KlingV3OmniProRequestAspectRatio": ".kling_v3_omni_pro_request_aspect_ratio",
    "KlingV3OmniProRequestDuration": ".kling_v3_omni_pro_request_duration",
    "KlingV3OmniProRequestShotType": ".kling_v3_omni_pro_request_shot_type",
    "KlingV3OmniStdReferenceToVideoRequest": ".kling_v3_omni_std_reference_to_video_request",
    "KlingV3OmniStdReferenceToVideoRequestAspectRatio": ".kling_v3_omni_std_reference_to_video_request_aspect_ratio",
    "KlingV3OmniStdReferenceToVideoRequestDuration": ".kling_v3_omni_std_reference_to_video_request_duration",
    "KlingV3OmniStdRequest": ".kling_v3_omni_std_request",
    "KlingV3OmniStdRequestAspectRatio": ".kling_v3_omni_std_request_aspect_ratio",
    "KlingV3OmniStdRequestDuration": ".kling_v3_omni_std_request_duration",
    "KlingV3OmniStdRequestShotType": ".kling_v3_omni_std_request_shot_type",
    "KlingV3ProMultiPrompt": ".kling_v3_pro_multi_prompt",
    "KlingV3ProMultiPromptDuration": ".kling_v3_pro_multi_prompt_duration",
    "KlingV3ProRequest": ".kling_v3_pro_request",
    "KlingV3ProRequestAspectRatio": ".kling_v3_pro_request_aspect_ratio",
    "KlingV3ProRequestDuration": ".kling_v3_pro_request_duration",
    "KlingV3ProRequestShotType": ".kling_v3_pro_request_shot_type",
    "KlingV3StdRequest": ".kling_v3_std_request",
    "KlingV3StdRequestAspectRatio": ".kling_v3_std_request_aspect_ratio",
    "KlingV3StdRequestDuration": ".kling_v3_std_request_duration",
    "KlingV3StdRequestShotType": ".kling_v3_std_request_shot_type",
    "KlingV3Turbo1080PRequest": ".kling_v3_turbo_1080p_request",
    "KlingV3Turbo1080PRequestDuration": ".kling_v3_turbo_1080p_request_duration",
    "KlingV3Turbo1080PTextToVideoRequest": ".kling_v3_turbo_1080p_text_to_video_request",
    "KlingV3Turbo1080PTextToVideoRequestAspectRatio": ".kling_v3_turbo_1080p_text_to_video_request_aspect_ratio",
    "KlingV3Turbo1080PTextToVideoRequestDuration": ".kling_v3_turbo_1080p_text_to_video_request_duration",
    "KlingV3Turbo720PRequest": ".kling_v3_turbo_720p_request",
    "KlingV3Turbo720PRequestDuration": ".kling_v3_turbo_720p_request_duration",
    "KlingV3Turbo720PTextToVideoRequest": ".kling_v3_turbo_720p_text_to_video_request",
    "KlingV3Turbo720PTextToVideoRequestAspectRatio": ".kling_v3_turbo_720p_text_to_video_request_aspect_ratio",
    "KlingV3Turbo720PTextToVideoRequestDuration": ".kling_v3_turbo_720p_text_to_video_request_duration",
    "Task": ".task",
    "TaskDetail": ".task_detail",
    "TaskDetailResponse": ".task_detail_response",
    "TaskListResponse": ".task_list_response",
    "TaskResponse": ".task_response",
    "TaskStatus": ".task_status",
    "VideoDuration": ".video_duration",
}


def __getattr__(name: str) -> Any:
    """Each model's module loads when the model is first used, not with the package."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name], __name__), name)
    globals()[name] = value
    return value


__all__ = (
    "ErrorMessage",
    "InvalidParam",
    "Kling4KI2VDynamicMask",
    "Kling4KI2VDynamicMaskTrajectory",
    "Kling4KI2VRequest",
    "Kling4KI2VRequestDuration",
    "Kling4KT2VRequest",
    "Kling4KT2VRequestAspectRatio",
    "Kling4KT2VRequestDuration",
    "KlingAdvancedCustomElementsElementImageList",
    "KlingAdvancedCustomElementsElementImageListReferImage",
    "KlingAdvancedCustomElementsElementVideoList",
    "KlingAdvancedCustomElementsElementVideoListReferVideo",
    "KlingAdvancedCustomElementsRequest",
    "KlingAdvancedCustomElementsRequestReferenceType",
    "KlingAdvancedCustomElementsTagList",
    "KlingAdvancedCustomElementsTagListTagId",
    "KlingElementsProRequest",
    "KlingElementsProRequestAspectRatio",
    "KlingElementsStdRequest",
    "KlingElementsStdRequestAspectRatio",
    "KlingO1ProRequest",
    "KlingO1ProRequestAspectRatio",
    "KlingO1ProRequestDuration",
    "KlingO1ProVideoReferenceRequest",
    "KlingO1ProVideoReferenceRequestAspectRatio",
    "KlingO1ProVideoReferenceRequestDuration",
    "KlingO1StdRequest",
    "KlingO1StdRequestAspectRatio",
    "KlingO1StdRequestDuration",
    "KlingO1StdVideoReferenceRequest",
    "KlingO1StdVideoReferenceRequestAspectRatio",
    "KlingO1StdVideoReferenceRequestDuration",
    "KlingProRequest",
    "KlingStdRequest",
    "KlingV2Request",
    "KlingV3MotionControlProRequest",
    "KlingV3MotionControlProRequestCharacterOrientation",
    "KlingV3MotionControlStdRequest",
    "KlingV3MotionControlStdRequestCharacterOrientation",
    "KlingV3OmniProElement",
    "KlingV3OmniProReferenceToVideoRequest",
    "KlingV3OmniProReferenceToVideoRequestAspectRatio",
    "KlingV3OmniProReferenceToVideoRequestDuration",
    "KlingV3OmniProRequest",
    "KlingV3OmniProRequestAspectRatio",
    "KlingV3OmniProRequestDuration",
    "KlingV3OmniProRequestShotType",
    "KlingV3OmniStdReferenceToVideoRequest",
    "KlingV3OmniStdReferenceToVideoRequestAspectRatio",
    "KlingV3OmniStdReferenceToVideoRequestDuration",
    "KlingV3OmniStdRequest",
    "KlingV3OmniStdRequestAspectRatio",
    "KlingV3OmniStdRequestDuration",
    "KlingV3OmniStdRequestShotType",
    "KlingV3ProMultiPrompt",
    "KlingV3ProMultiPromptDuration",
    "KlingV3ProRequest",
    "KlingV3ProRequestAspectRatio",
    "KlingV3ProRequestDuration",
    "KlingV3ProRequestShotType",
    "KlingV3StdRequest",
    "KlingV3StdRequestAspectRatio",
    "KlingV3StdRequestDuration",
    "KlingV3StdRequestShotType",
    "KlingV3Turbo720PRequest",
    "KlingV3Turbo720PRequestDuration",
    "KlingV3Turbo720PTextToVideoRequest",
    "KlingV3Turbo720PTextToVideoRequestAspectRatio",
    "KlingV3Turbo720PTextToVideoRequestDuration",
    "KlingV3Turbo1080PRequest",
    "KlingV3Turbo1080PRequestDuration",
    "KlingV3Turbo1080PTextToVideoRequest",
    "KlingV3Turbo1080PTextToVideoRequestAspectRatio",
    "KlingV3Turbo1080PTextToVideoRequestDuration",
    "KlingV21MasterImageToVideoRequest",
    "KlingV21MasterTextToVideoRequest",
    "KlingV21MasterTextToVideoRequestAspectRatio",
    "KlingV21ProRequest",
    "KlingV21StdRequest",
    "KlingV25ProRequest",
    "KlingV26ProImageToVideoRequest",
    "KlingV26ProImageToVideoRequestAspectRatio",
    "KlingV26ProTextToVideoRequest",
    "KlingV26ProTextToVideoRequestAspectRatio",
    "Task",
    "TaskDetail",
    "TaskDetailResponse",
    "TaskListResponse",
    "TaskResponse",
    "TaskStatus",
    "VideoDuration",
)
