"""Downloads: streamed to disk, atomic, never overwriting by surprise, never carrying the key."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from freepik_kling import AsyncFreepik, Freepik, Task, errors
from freepik_kling._download import CHUNK_SIZE
from tests.facade.conftest import API_KEY, FakeClock, ScriptedAPI

VIDEO = "https://cdn.freepik.com/video/abc.mp4"
DONE = Task(id="abc-123", status="COMPLETED", model="kling-v2", videos=[VIDEO])
PAYLOAD = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 4096  # ~1 MB, several chunks


def video(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=PAYLOAD, headers={"content-type": "video/mp4"})


def test_downloads_a_completed_task(client: Freepik, api: ScriptedAPI, tmp_path: Path) -> None:
    api.default = video
    path = client.download(DONE, tmp_path / "out" / "cat.mp4")
    assert path == tmp_path / "out" / "cat.mp4"
    assert path.read_bytes() == PAYLOAD
    assert [str(r.url) for r in api.requests] == [VIDEO]
    assert "x-freepik-api-key" not in api.requests[0].headers  # the CDN never sees the key
    assert list(path.parent.iterdir()) == [path]  # no temporary file left


def test_a_directory_destination_names_the_file_after_the_task(
    client: Freepik, api: ScriptedAPI, tmp_path: Path
) -> None:
    api.default = video
    assert client.download(DONE, tmp_path) == tmp_path / "abc-123.mp4"
    assert client.download(VIDEO, tmp_path) == tmp_path / "abc.mp4"


def test_refuses_to_overwrite_unless_asked(client: Freepik, api: ScriptedAPI, tmp_path: Path) -> None:
    api.default = video
    target = tmp_path / "cat.mp4"
    target.write_bytes(b"precious")
    with pytest.raises(FileExistsError, match="overwrite=True"):
        client.download(DONE, target)
    assert target.read_bytes() == b"precious"
    assert api.requests == []
    client.download(DONE, target, overwrite=True)
    assert target.read_bytes() == PAYLOAD


def test_a_failed_download_leaves_nothing(api: ScriptedAPI, clock: FakeClock, tmp_path: Path) -> None:
    def broken(request: httpx.Request) -> httpx.Response:
        def chunks() -> Iterator[bytes]:
            yield PAYLOAD[:1000]
            raise httpx.ReadError("connection reset")

        return httpx.Response(200, content=chunks())

    client = Freepik(
        api_key=API_KEY, http_client=httpx.Client(transport=httpx.MockTransport(api.handle)), max_retries=1, clock=clock
    )
    api.default = broken
    with pytest.raises(errors.APIConnectionError):
        client.download(DONE, tmp_path / "cat.mp4")
    assert list(tmp_path.iterdir()) == []
    assert len(api.requests) == 2  # a GET is retried


def test_a_retry_after_a_broken_body_writes_the_whole_video_once(
    api: ScriptedAPI, clock: FakeClock, tmp_path: Path
) -> None:
    def broken(request: httpx.Request) -> httpx.Response:
        def chunks() -> Iterator[bytes]:
            yield b"x" * CHUNK_SIZE  # a whole chunk: it reaches the file before the connection drops
            raise httpx.ReadError("connection reset")

        return httpx.Response(200, content=chunks())

    api.queue(broken(httpx.Request("GET", DONE.videos[0])))
    api.default = video
    progress: list[tuple[int, int | None]] = []
    client = Freepik(api_key=API_KEY, http_client=httpx.Client(transport=httpx.MockTransport(api.handle)), clock=clock)
    path = client.download(DONE, tmp_path / "cat.mp4", on_progress=lambda done, total: progress.append((done, total)))
    assert path.read_bytes() == PAYLOAD
    assert [entry.name for entry in tmp_path.iterdir()] == ["cat.mp4"]  # no part file left
    assert progress[-1][0] == len(PAYLOAD)  # counted from zero again on the second try
    assert len(api.requests) == 2


def test_transient_errors_are_retried_then_succeed(client: Freepik, api: ScriptedAPI, tmp_path: Path) -> None:
    api.queue(httpx.Response(503, text="busy"), httpx.ConnectError("refused"))
    api.default = video
    assert client.download(DONE, tmp_path / "v.mp4").read_bytes() == PAYLOAD


def test_http_errors_are_typed(client: Freepik, api: ScriptedAPI, tmp_path: Path) -> None:
    api.default = lambda request: httpx.Response(403, text="<Error>AccessDenied: URL expired</Error>")
    with pytest.raises(errors.PermissionDeniedError):
        client.download(DONE, tmp_path / "v.mp4")
    assert list(tmp_path.iterdir()) == []


def test_unfinished_tasks_and_bad_urls_are_refused(client: Freepik, api: ScriptedAPI, tmp_path: Path) -> None:
    with pytest.raises(errors.InvalidInputError, match="no video"):
        client.download(Task(id="t", status="IN_PROGRESS"), tmp_path)
    with pytest.raises(errors.InvalidInputError, match="has 1 video"):
        client.download(DONE, tmp_path, index=3)
    with pytest.raises(errors.InvalidInputError, match="http"):
        client.download("file:///etc/passwd", tmp_path)
    assert api.requests == []


@pytest.mark.parametrize(
    ("options", "field", "rule"),
    [
        ({"index": -1}, "index", "must be a whole number, 0 or more; got -1"),
        ({"index": "0"}, "index", "whole number"),
        ({"index": True}, "index", "whole number"),
        ({"overwrite_ok": True}, "overwrite_ok", "not an option of download(); options: overwrite, index"),
    ],
)
def test_bad_download_options_are_refused_by_name(
    client: Freepik, api: ScriptedAPI, tmp_path: Path, options: dict[str, object], field: str, rule: str
) -> None:
    with pytest.raises(errors.InvalidInputError) as caught:
        client.download(DONE, tmp_path, **options)  # type: ignore[arg-type]
    assert (caught.value.field, rule in caught.value.rule) == (field, True), caught.value
    with pytest.raises(errors.InvalidInputError, match="dest: must be a path"):
        client.download(DONE, 42)  # type: ignore[arg-type]
    with pytest.raises(errors.InvalidInputError, match="task: must be a Task or a video URL"):
        client.download(b"https://x/v.mp4", tmp_path)  # type: ignore[arg-type]
    assert api.requests == []
    assert list(tmp_path.iterdir()) == []


def test_a_failing_progress_callback_leaves_no_file(client: Freepik, api: ScriptedAPI, tmp_path: Path) -> None:
    api.default = video

    def stop(done: int, total: int | None) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        client.download(DONE, tmp_path, on_progress=stop)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.anyio
async def test_async_download(api: ScriptedAPI, async_client: AsyncFreepik, tmp_path: Path) -> None:
    api.default = video
    path = await async_client.download(DONE, tmp_path)
    assert path.read_bytes() == PAYLOAD
    assert "x-freepik-api-key" not in api.requests[0].headers
    with pytest.raises(FileExistsError):
        await async_client.download(DONE, tmp_path)


def test_progress_is_reported_per_chunk(client: Freepik, api: ScriptedAPI, tmp_path: Path) -> None:
    api.default = video
    seen: list[tuple[int, int | None]] = []
    client.download(DONE, tmp_path, on_progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (len(PAYLOAD), len(PAYLOAD))
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert len(seen) >= 1


def test_the_file_gets_the_usual_permissions(client: Freepik, api: ScriptedAPI, tmp_path: Path) -> None:
    api.default = video
    previous = os.umask(0o022)
    try:
        path = client.download(DONE, tmp_path)
    finally:
        os.umask(previous)
    assert path.stat().st_mode & 0o777 == 0o644


def test_a_task_id_never_names_a_file_outside_the_folder(client: Freepik, api: ScriptedAPI, tmp_path: Path) -> None:
    api.default = video
    for odd in ("../../escaped", "/tmp/absolute", "a\\b"):
        with pytest.raises(errors.InvalidInputError, match="task"):
            client.download(
                Task(id=odd, status="COMPLETED", model="kling-v2", videos=[DONE.videos[0]]), tmp_path / "d/"
            )
    assert api.requests == []
    assert list(tmp_path.iterdir()) == []
