"""The models the generated client knows, as read from ``freepik_api.catalog``.

Nothing here is per model: a page added to openapi/pages plus ``make generate`` appears in
:func:`models` with its operations and request fields. Generated modules load on first use, so
``import freepik_kling`` does not pay for every model's code.
"""

from __future__ import annotations

import functools
import importlib
from types import ModuleType
from typing import Any

import attrs


@attrs.frozen
class Operation:
    module: str
    method: str
    path: str

    def load(self) -> ModuleType:
        return importlib.import_module(self.module)


@attrs.frozen
class ModelSpec:
    """One model: its routes and its request fields.

    ``fields`` are the request's top-level properties (JSON Schema, with ``description``); ``required``
    the ones every documented request shape requires; ``image_fields`` the fields that take an image (a
    string) or a list of images (``type: array``), decided when the spec is built; ``source`` where the
    model's definition came from (``official`` or ``page``).
    """

    slug: str
    name: str
    attribute: str
    create: Operation
    status: Operation
    list: Operation
    request_class: str
    required: tuple[str, ...]
    fields: dict[str, dict[str, Any]]
    image_fields: tuple[str, ...] = ()
    source: str = "page"

    @property
    def title(self) -> str:
        return self.name

    @property
    def routes(self) -> dict[str, str]:
        """The paths as the spec writes them: ``{"create": ..., "status": ..., "list": ...}``."""
        return {"create": self.create.path, "status": self.status.path, "list": self.list.path}

    def request_type(self) -> Any:
        module, _, name = self.request_class.rpartition(".")
        return getattr(importlib.import_module(module), name)


@functools.cache
def models() -> dict[str, ModelSpec]:
    """Every model, by slug."""
    from freepik_api.catalog import MODELS

    return {
        slug: ModelSpec(
            slug=slug,
            name=entry["name"],
            attribute=entry["attribute"],
            create=Operation(**entry["create"]),
            status=Operation(**entry["status"]),
            list=Operation(**entry["list"]),
            request_class=entry["request_class"],
            required=tuple(entry["required"]),
            fields=entry["fields"],
            image_fields=tuple(entry.get("image_fields", _guessed_image_fields(entry["fields"]))),
            source=entry.get("source", "page"),
        )
        for slug, entry in MODELS.items()
    }


def _guessed_image_fields(fields: dict[str, dict[str, Any]]) -> list[str]:
    # Until the catalog records image fields itself.
    return [name for name in fields if any(word in name for word in ("image", "mask", "frame"))]
