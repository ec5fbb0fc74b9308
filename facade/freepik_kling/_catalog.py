"""The models the generated client knows, as read from ``freepik_api.catalog``.

Nothing here is per model: a source added under openapi/ plus ``make generate`` appears in ``models``
with its routes, request shapes and fields. A model's generated modules (its catalog details, request
classes, validators, endpoint modules) load when that model is first used.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any, cast

import attrs

DEFAULT_MODEL = "kling-v2"  # what the command line and a batch line use when no model is named


@attrs.frozen
class Operation:
    module: str
    method: str
    path: str

    def load(self) -> ModuleType:
        return importlib.import_module(self.module)


@attrs.frozen
class Shape:
    """One documented request body: a model with alternatives (text-to-video, image-to-video) has several."""

    name: str
    request_class: str
    validator: str
    required: tuple[str, ...] = attrs.field(converter=tuple)
    fields: Mapping[str, Mapping[str, Any]]
    images: Mapping[str, Mapping[str, Any]]
    """Dotted paths of the fields that take an image (``images[]``, ``dynamic_masks[].mask``), with limits."""

    def request_type(self) -> Any:
        module, _, name = self.request_class.rpartition(".")
        return getattr(importlib.import_module(module), name)

    def validate(self) -> Callable[[dict[str, Any]], object]:
        return cast("Callable[[dict[str, Any]], object]", importlib.import_module(self.validator).validate)


@attrs.define(frozen=True, slots=False)
class ModelSpec:
    """One model: its routes, and (loaded on first use) its request shapes and fields.

    ``fields`` are the request's top-level properties over every shape (JSON Schema summaries with
    ``description``); ``required`` the ones every shape requires; ``image_fields`` the top-level fields
    that take an image (a string) or a list of images (``type: array``); ``source`` where the model's
    definition came from (``official`` or ``page``).
    """

    slug: str
    title: str
    attribute: str
    source: str
    source_file: str
    create: Operation
    status: Operation
    list: Operation
    details_module: str
    details: Mapping[str, Any] | None = attrs.field(default=None, repr=False)
    """The shapes and fields themselves; None until first use, when ``details_module`` is imported."""

    @functools.cached_property
    def _details(self) -> Mapping[str, Any]:
        return self.details if self.details is not None else importlib.import_module(self.details_module).DETAILS

    @property
    def description(self) -> str:
        return str(self._details["description"])

    @functools.cached_property
    def shapes(self) -> tuple[Shape, ...]:
        return tuple(Shape(**shape) for shape in self._details["shapes"])

    @property
    def fields(self) -> Mapping[str, Mapping[str, Any]]:
        return cast("Mapping[str, Mapping[str, Any]]", self._details["fields"])

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(self._details["required"])

    @property
    def image_fields(self) -> tuple[str, ...]:
        return tuple(self._details["image_fields"])

    @functools.cached_property
    def list_parameters(self) -> Shape:
        """The query parameters the list route documents (none on most), as a shape: ``fields``, ``required``."""
        return Shape(name="list", request_class="", images={}, **self._details["list_parameters"])

    def family(self, route: str) -> str:
        """The models whose ``route`` ("status" or "list") is this model's, as ``a|b``; alone, its slug. A task
        read from a shared route may be any of them."""
        return _family(route, getattr(self, route).path)

    @property
    def routes(self) -> dict[str, str]:
        """The paths as the spec writes them: ``{"create": ..., "status": ..., "list": ...}``."""
        return {"create": self.create.path, "status": self.status.path, "list": self.list.path}


@functools.cache
def models() -> dict[str, ModelSpec]:
    """Every model, by slug."""
    from freepik_api.catalog import MODELS

    specs = {}
    for slug, entry in MODELS.items():  # an entry names its values as ModelSpec does; routes become Operations
        arguments: dict[str, Any] = {key: entry[key] for key in ("title", "attribute", "source", "source_file")}
        arguments |= {kind: Operation(**entry[kind]) for kind in ("create", "status", "list")}
        specs[slug] = ModelSpec(slug=slug, details_module=entry["details"], **arguments)
    return specs


@functools.cache
def _family(route: str, path: str) -> str:
    return "|".join(slug for slug, spec in models().items() if getattr(spec, route).path == path)
