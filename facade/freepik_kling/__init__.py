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

__version__ = "0.3.0"

if TYPE_CHECKING:  # ``X as X``: these are what the package exports
    from freepik_api.typed import AsyncModelResource as AsyncModelResource
    from freepik_api.typed import ModelResource as ModelResource
    from freepik_kling import errors as errors
    from freepik_kling import webhooks as webhooks
    from freepik_kling._client import APIResponse as APIResponse
    from freepik_kling._client import AsyncFreepik as AsyncFreepik
    from freepik_kling._client import Freepik as Freepik
    from freepik_kling._download import DownloadOptions as DownloadOptions
    from freepik_kling._http import DefaultAsyncHttpxClient as DefaultAsyncHttpxClient
    from freepik_kling._http import DefaultHttpxClient as DefaultHttpxClient
    from freepik_kling._inputs import ImageInput as ImageInput
    from freepik_kling._policy import Clock as Clock
    from freepik_kling._task import Task as Task
    from freepik_kling._task import TaskStatus as TaskStatus
    from freepik_kling.batch import Batch as Batch

_HOMES = {  # module -> the names it gives
    "freepik_api.typed": ("AsyncModelResource", "ModelResource"),  # the types of client.model(slug)
    "freepik_kling._client": ("APIResponse", "AsyncFreepik", "Freepik"),
    "freepik_kling._http": ("DefaultHttpxClient", "DefaultAsyncHttpxClient"),
    "freepik_kling._download": ("DownloadOptions",),
    "freepik_kling._inputs": ("ImageInput",),
    "freepik_kling._policy": ("Clock",),
    "freepik_kling._task": ("Task", "TaskStatus"),
    "freepik_kling.batch": ("Batch",),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}
# A literal, so that tools reading the source (griffe for the API reference) see the exports; a test checks
# that it names exactly what _HOMES gives and the two modules.
__all__ = [
    "APIResponse",
    "AsyncFreepik",
    "AsyncModelResource",
    "Batch",
    "Clock",
    "DefaultAsyncHttpxClient",
    "DefaultHttpxClient",
    "DownloadOptions",
    "Freepik",
    "ImageInput",
    "ModelResource",
    "Task",
    "TaskStatus",
    "__version__",
    "errors",
    "webhooks",
]


def __getattr__(name: str) -> Any:
    if name in ("errors", "webhooks"):
        return importlib.import_module(f"freepik_kling.{name}")
    if name not in _HOME_OF:
        raise AttributeError(f"module 'freepik_kling' has no attribute {name!r}")
    value = globals()[name] = getattr(importlib.import_module(_HOME_OF[name]), name)
    return value


def __dir__() -> list[str]:
    return list(__all__)
