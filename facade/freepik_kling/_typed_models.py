"""Editor types for the seed models' arguments: ``client.kling_v2.create(`` completes and type-checks.

Only types: at run time these models are the same generic resources as any other, and a model added by a
new page works the same way, untyped, through ``client.models[slug]``. tests/facade/test_typed_models.py
fails if these fields drift from the spec. (No ``from __future__ import annotations`` here: TypedDict reads
``Required`` from evaluated annotations.)
"""

import builtins
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Literal, Protocol, Required, TypedDict, Unpack

from freepik_kling._inputs import ImageInput
from freepik_kling._task import Task

if TYPE_CHECKING:
    from freepik_kling._client import AsyncRawModelResource, RawModelResource

Duration = Literal[5, 10, "5", "10"]
AspectRatio = Literal["widescreen_16_9", "social_story_9_16", "square_1_1"]
OnStatus = Callable[[Task], object] | None


class KlingV2Params(TypedDict, total=False):
    image: Required[ImageInput]
    duration: Required[Duration]
    prompt: str
    negative_prompt: str
    cfg_scale: float
    webhook_url: str


class KlingElementsStdParams(TypedDict, total=False):
    images: Required[Sequence[str]]
    prompt: str
    negative_prompt: str
    duration: Duration
    aspect_ratio: AspectRatio
    webhook_url: str


class _Tasks(Protocol):
    @property
    def slug(self) -> str: ...

    @property
    def with_raw_response(self) -> "RawModelResource": ...

    def get(self, task: Task | str) -> Task: ...

    def list(self) -> builtins.list[Task]: ...

    def wait(
        self, task: Task | str, *, timeout: float = ..., on_status: OnStatus = ..., poll_interval: float | None = ...
    ) -> Task: ...


class _AsyncTasks(Protocol):
    @property
    def slug(self) -> str: ...

    @property
    def with_raw_response(self) -> "AsyncRawModelResource": ...

    def get(self, task: Task | str) -> Awaitable[Task]: ...

    def list(self) -> Awaitable[builtins.list[Task]]: ...

    def wait(
        self, task: Task | str, *, timeout: float = ..., on_status: OnStatus = ..., poll_interval: float | None = ...
    ) -> Awaitable[Task]: ...


class KlingV2(_Tasks, Protocol):
    def create(self, **params: Unpack[KlingV2Params]) -> Task: ...

    def run(
        self,
        *,
        timeout: float = ...,
        on_status: OnStatus = ...,
        poll_interval: float | None = ...,
        **params: Unpack[KlingV2Params],
    ) -> Task: ...


class KlingElementsStd(_Tasks, Protocol):
    def create(self, **params: Unpack[KlingElementsStdParams]) -> Task: ...

    def run(
        self,
        *,
        timeout: float = ...,
        on_status: OnStatus = ...,
        poll_interval: float | None = ...,
        **params: Unpack[KlingElementsStdParams],
    ) -> Task: ...


class AsyncKlingV2(_AsyncTasks, Protocol):
    def create(self, **params: Unpack[KlingV2Params]) -> Awaitable[Task]: ...

    def run(
        self,
        *,
        timeout: float = ...,
        on_status: OnStatus = ...,
        poll_interval: float | None = ...,
        **params: Unpack[KlingV2Params],
    ) -> Awaitable[Task]: ...


class AsyncKlingElementsStd(_AsyncTasks, Protocol):
    def create(self, **params: Unpack[KlingElementsStdParams]) -> Awaitable[Task]: ...

    def run(
        self,
        *,
        timeout: float = ...,
        on_status: OnStatus = ...,
        poll_interval: float | None = ...,
        **params: Unpack[KlingElementsStdParams],
    ) -> Awaitable[Task]: ...
