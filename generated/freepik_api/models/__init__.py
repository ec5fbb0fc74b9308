"""Contains all the data models used in inputs/outputs"""

from .error_message import ErrorMessage
from .invalid_param import InvalidParam
from .kling_elements_std_request import KlingElementsStdRequest
from .kling_elements_std_request_aspect_ratio import KlingElementsStdRequestAspectRatio
from .kling_v2_request import KlingV2Request
from .task import Task
from .task_detail import TaskDetail
from .task_detail_response import TaskDetailResponse
from .task_list_response import TaskListResponse
from .task_response import TaskResponse
from .task_status import TaskStatus
from .video_duration import VideoDuration

__all__ = (
    "ErrorMessage",
    "InvalidParam",
    "KlingElementsStdRequest",
    "KlingElementsStdRequestAspectRatio",
    "KlingV2Request",
    "Task",
    "TaskDetail",
    "TaskDetailResponse",
    "TaskListResponse",
    "TaskResponse",
    "TaskStatus",
    "VideoDuration",
)
