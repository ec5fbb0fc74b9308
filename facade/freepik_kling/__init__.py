"""Freepik Kling image-to-video: a typed client over the generated ``freepik_api``.

```python
from freepik_kling import Freepik

with Freepik() as client:  # the key comes from FREEPIK_API_KEY
    task = client.kling_v2.run(image="cat.jpg", prompt="A cat moving his head", duration=5)
    client.download(task, "cat.mp4")
```

Names load on first use, so ``import freepik_kling`` costs almost nothing until a client is built.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

if TYPE_CHECKING:
    from freepik_kling import errors, webhooks
    from freepik_kling._client import APIResponse, AsyncFreepik, AsyncModelResource, Freepik, ModelResource
    from freepik_kling._download import DownloadOptions
    from freepik_kling._http import AsyncHTTPClient, DefaultAsyncHttpxClient, DefaultHttpxClient, HTTPClient
    from freepik_kling._inputs import ImageInput
    from freepik_kling._policy import Clock
    from freepik_kling._task import Task, TaskStatus
    from freepik_kling.batch import Batch

__all__ = [
    "APIResponse",
    "AsyncFreepik",
    "AsyncHTTPClient",
    "AsyncModelResource",
    "Batch",
    "Clock",
    "DefaultAsyncHttpxClient",
    "DefaultHttpxClient",
    "DownloadOptions",
    "Freepik",
    "HTTPClient",
    "ImageInput",
    "ModelResource",
    "Task",
    "TaskStatus",
    "__version__",
    "errors",
    "webhooks",
]

_HOMES = {  # module -> the names it gives
    "_client": ("APIResponse", "AsyncFreepik", "AsyncModelResource", "Freepik", "ModelResource"),
    "_http": ("DefaultHttpxClient", "DefaultAsyncHttpxClient", "HTTPClient", "AsyncHTTPClient"),
    "_download": ("DownloadOptions",),
    "_inputs": ("ImageInput",),
    "_policy": ("Clock",),
    "_task": ("Task", "TaskStatus"),
    "batch": ("Batch",),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> Any:
    if name in ("errors", "webhooks"):
        return importlib.import_module(f"freepik_kling.{name}")
    if name not in _HOME_OF:
        raise AttributeError(f"module 'freepik_kling' has no attribute {name!r}")
    value = globals()[name] = getattr(importlib.import_module(f"freepik_kling.{_HOME_OF[name]}"), name)
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
