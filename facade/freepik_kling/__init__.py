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
    from freepik_kling._client import AsyncFreepik, AsyncModelResource, Freepik, ModelResource
    from freepik_kling._http import AsyncClient as AsyncHTTPClient
    from freepik_kling._http import Client as HTTPClient
    from freepik_kling._inputs import ImageInput
    from freepik_kling._policy import Clock
    from freepik_kling._task import Task, TaskStatus
    from freepik_kling.batch import Batch

__all__ = [
    "AsyncFreepik",
    "AsyncHTTPClient",
    "AsyncModelResource",
    "Batch",
    "Clock",
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

_ALIASES = {"HTTPClient": ("freepik_kling._http", "Client"), "AsyncHTTPClient": ("freepik_kling._http", "AsyncClient")}
_HOMES = {
    "Freepik": "freepik_kling._client",
    "AsyncFreepik": "freepik_kling._client",
    "ModelResource": "freepik_kling._client",
    "AsyncModelResource": "freepik_kling._client",
    "Task": "freepik_kling._task",
    "TaskStatus": "freepik_kling._task",
    "ImageInput": "freepik_kling._inputs",
    "Clock": "freepik_kling._policy",
    "Batch": "freepik_kling.batch",
}


def __getattr__(name: str) -> Any:
    if name in ("errors", "webhooks"):
        return importlib.import_module(f"freepik_kling.{name}")
    if name in _HOMES or name in _ALIASES:
        module, attribute = _ALIASES.get(name, (_HOMES.get(name, ""), name))
        value = getattr(importlib.import_module(module), attribute)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'freepik_kling' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
