"""A client library for accessing Freepik Kling API"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .client import AuthenticatedClient, Client


def __getattr__(name: str) -> Any:
    """The client classes load with httpx on first use: reading ``catalog`` needs neither."""
    if name not in ("AuthenticatedClient", "Client"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(".client", __name__), name)


__all__ = (
    "AuthenticatedClient",
    "Client",
)
