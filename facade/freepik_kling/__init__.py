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
    from freepik_kling._http import DefaultAsyncHttpxClient, DefaultHttpxClient
    from freepik_kling._http import DefaultAsyncHttpxClient as AsyncHTTPClient
    from freepik_kling._http import DefaultHttpxClient as HTTPClient
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

_HOMES = {  # name -> module[:name there]
    "APIResponse": "_client",
    "AsyncFreepik": "_client",
    "AsyncModelResource": "_client",
    "Freepik": "_client",
    "ModelResource": "_client",
    "DefaultHttpxClient": "_http",
    "DefaultAsyncHttpxClient": "_http",
    "HTTPClient": "_http:DefaultHttpxClient",
    "AsyncHTTPClient": "_http:DefaultAsyncHttpxClient",
    "DownloadOptions": "_download",
    "ImageInput": "_inputs",
    "Clock": "_policy",
    "Task": "_task",
    "TaskStatus": "_task",
    "Batch": "batch",
}


def __getattr__(name: str) -> Any:
    if name in ("errors", "webhooks"):
        return importlib.import_module(f"freepik_kling.{name}")
    if name not in _HOMES:
        raise AttributeError(f"module 'freepik_kling' has no attribute {name!r}")
    module, _, attribute = _HOMES[name].partition(":")
    value = globals()[name] = getattr(importlib.import_module(f"freepik_kling.{module}"), attribute or name)
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
