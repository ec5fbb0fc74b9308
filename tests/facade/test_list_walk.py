"""A bare list() on a route that pages by ``page`` and ``page_size`` walks every page, over real loopback HTTP:
against the simulator (which pages as the document says), and against stubs that ignore paging or never end.
The paged models and their page sizes come from the golden record, not from the document of today."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from freepik_kling import AsyncFreepik, Freepik, _client, errors
from freepik_kling.testing import FreepikServer
from freepik_kling.testing._simulator import SimTask
from tests.helpers import RecordingServer, golden

MODELS: dict[str, Any] = golden()["models"]
WALKED = [
    slug
    for slug, model in MODELS.items()
    if all(model["list_parameters"].get(name, {}).get("type") == "integer" for name in ("page", "page_size"))
]
PLAIN = [slug for slug, model in MODELS.items() if not model["list_parameters"]]
pytestmark = pytest.mark.skipif(not WALKED, reason="no list route of the golden record pages by page and page_size")
SLUG = WALKED[0] if WALKED else ""


def _walk_size(slug: str) -> int:
    """The page size a walk asks for: the documented maximum, else the default."""
    rules = MODELS[slug]["list_parameters"]["page_size"]
    return int(rules.get("maximum", rules.get("default")))


def _add_tasks(server: FreepikServer, slug: str, count: int) -> list[str]:
    """``count`` tasks of ``slug`` in the simulator's state, oldest first, without a create each."""
    ids = [str(uuid.uuid4()) for _ in range(count)]
    for ident in ids:
        now = server.clock.monotonic()
        server.tasks[ident] = SimTask(ident, server.api_key, slug, now, body={}, fails=False, webhook_url=None)
    return ids


def _queries(server: FreepikServer) -> list[dict[str, str]]:
    return [dict(parse_qsl(request.query)) for request in server.requests]


def _pages(size: int, count: int) -> list[dict[str, str]]:
    """What a walk over ``count`` tasks sends: pages until one holds none."""
    return [{"page": str(page), "page_size": str(size)} for page in range(1, -(-count // size) + 2)]


@pytest.mark.parametrize("pages", [0.5, 1, 2.5], ids=["part-of-a-page", "exactly-a-page", "several-pages"])
def test_a_bare_list_walks_every_page_and_returns_each_task_once(freepik_server: FreepikServer, pages: float) -> None:
    size = _walk_size(SLUG)
    ids = _add_tasks(freepik_server, SLUG, int(pages * size))
    listed = freepik_server.client().model(SLUG).list()
    assert [task.id for task in listed] == ids  # all, once each, in the API's order
    assert _queries(freepik_server) == _pages(size, len(ids))  # exactly a page: an empty page ends the walk
    assert {request.status for request in freepik_server.requests} == {200}


def test_a_page_or_a_page_size_given_sends_one_request_as_asked(freepik_server: FreepikServer) -> None:
    size = _walk_size(SLUG)
    ids = _add_tasks(freepik_server, SLUG, 2 * size + 1)
    resource = freepik_server.client().model(SLUG)
    asked = [{"page": 2}, {"page_size": 1}, {"page": 3, "page_size": size}]
    lists = [resource.list(**query) for query in asked]
    assert _queries(freepik_server) == [{name: str(value) for name, value in query.items()} for query in asked]
    assert [task.id for task in lists[1]] == ids[:1]
    assert [task.id for task in lists[2]] == ids[2 * size :]


def test_a_server_that_ignores_paging_ends_the_walk_without_looping() -> None:
    size = _walk_size(SLUG)
    same = json.dumps({"data": [{"task_id": str(uuid.uuid4()), "status": "CREATED"} for _ in range(size)]}).encode()
    with RecordingServer() as server:
        server.reply = lambda method, path: (200, {"content-type": "application/json"}, same)
        with Freepik(api_key="fpk-test-key-0123456789", base_url=server.url) as client:
            listed = client.model(SLUG).list()
    assert [task.id for task in listed] == [item["task_id"] for item in json.loads(same)["data"]]
    # The second page adds no task: the walk stops there, though the page was full.
    assert [dict(parse_qsl(urlsplit(path).query))["page"] for _, path, _ in server.requests] == ["1", "2"]


def test_a_server_whose_pages_are_smaller_than_asked_is_read_to_the_end() -> None:
    """A server capping its pages at 30, whatever page_size asks: a short page is not the last."""
    ids = [str(uuid.uuid4()) for _ in range(75)]

    def capped(method: str, path: str) -> tuple[int, dict[str, str], bytes]:
        page = int(dict(parse_qsl(urlsplit(path).query))["page"])
        tasks = [{"task_id": ident, "status": "CREATED"} for ident in ids[(page - 1) * 30 : page * 30]]
        return 200, {"content-type": "application/json"}, json.dumps({"data": tasks}).encode()

    with RecordingServer() as server:
        server.reply = capped
        with Freepik(api_key="fpk-test-key-0123456789", base_url=server.url) as client:
            assert [task.id for task in client.model(SLUG).list()] == ids
    assert len(server.requests) == 4  # 30, 30, 15, then the empty page


def test_a_walk_past_its_timeout_raises_rather_than_return_part_of_the_list() -> None:
    def slow_page(method: str, path: str) -> tuple[int, dict[str, str], bytes]:
        time.sleep(0.3)
        tasks = [{"task_id": str(uuid.uuid4()), "status": "CREATED"}]
        return 200, {"content-type": "application/json"}, json.dumps({"data": tasks}).encode()

    with RecordingServer() as server:
        server.reply = slow_page
        with Freepik(api_key="fpk-test-key-0123456789", base_url=server.url) as client:
            started = time.monotonic()
            with pytest.raises(errors.APITimeoutError, match=rf"^{SLUG}: list\(\) had read \d+ pages at its timeout"):
                client.model(SLUG).list(timeout=1)
            assert time.monotonic() - started < 1 + 1.5  # the deadline, and the allowance of its last page
    assert 2 <= len(server.requests) <= 6


def test_a_walk_that_never_ends_raises_rather_than_return_part_of_the_list(monkeypatch: pytest.MonkeyPatch) -> None:
    size = _walk_size(SLUG)
    monkeypatch.setattr(_client, "MAX_PAGES", 3)

    def fresh_page(method: str, path: str) -> tuple[int, dict[str, str], bytes]:
        tasks = [{"task_id": str(uuid.uuid4()), "status": "CREATED"} for _ in range(size)]
        return 200, {"content-type": "application/json"}, json.dumps({"data": tasks}).encode()

    with RecordingServer() as server:
        server.reply = fresh_page
        with (
            Freepik(api_key="fpk-test-key-0123456789", base_url=server.url) as client,
            pytest.raises(errors.FreepikError, match=rf"^{SLUG}: more tasks still came after 3 pages"),
        ):
            client.model(SLUG).list()
    assert len(server.requests) == 3


def test_the_raw_response_needs_a_page(freepik_server: FreepikServer) -> None:
    _add_tasks(freepik_server, SLUG, 3)
    raw = freepik_server.client().model(SLUG).with_raw_response
    with pytest.raises(errors.InvalidInputError) as caught:
        raw.list()
    assert caught.value.field == "page"
    assert freepik_server.requests == []
    answer = raw.list(page=1)
    assert answer.status_code == 200
    assert len(answer.parse()) == 3
    assert _queries(freepik_server) == [{"page": "1"}]


def test_a_route_that_does_not_page_is_listed_with_one_request(freepik_server: FreepikServer) -> None:
    slug = PLAIN[0]
    ids = _add_tasks(freepik_server, slug, 2 * _walk_size(SLUG) + 1)  # more than a paged route's page: all the same
    assert [task.id for task in freepik_server.client().model(slug).list()] == ids
    (sent,) = freepik_server.requests
    assert sent.query == ""
    assert len(freepik_server.client().model(slug).with_raw_response.list().parse()) == len(ids)  # raw as before


@pytest.mark.anyio
async def test_the_async_client_walks_the_same(freepik_server: FreepikServer) -> None:
    size = _walk_size(SLUG)
    ids = _add_tasks(freepik_server, SLUG, size + size // 2)
    async with AsyncFreepik(api_key=freepik_server.api_key, base_url=freepik_server.base_url) as client:
        assert [task.id for task in await client.model(SLUG).list()] == ids
        second = await client.model(SLUG).list(page=2)  # the route's default page size, as the API applies it
    default = MODELS[SLUG]["list_parameters"]["page_size"]["default"]
    assert [task.id for task in second] == ids[default : 2 * default]
    assert _queries(freepik_server) == [*_pages(size, len(ids)), {"page": "2"}]
