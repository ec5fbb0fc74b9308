"""pytest plugin (registered through the ``pytest11`` entry point): the ``freepik_server`` fixture.

It lives outside ``freepik_kling.testing`` and imports nothing from it until the fixture is used, so
installing freepik-kling without the ``testing`` extra does not break anyone's pytest.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from freepik_kling.testing import FreepikServer


@pytest.fixture(scope="session")
def _freepik_server_session() -> Iterator[FreepikServer]:
    from freepik_kling.testing import FreepikServer

    with FreepikServer() as server:
        yield server


@pytest.fixture
def freepik_server(_freepik_server_session: FreepikServer) -> Iterator[FreepikServer]:
    """A running simulator with no tasks, faults or recorded requests; its clock is manual.

    Use ``freepik_server.client()`` for a client sharing that clock, or ``base_url`` and ``api_key``
    with your own code. After the test, every request your code sent must have been one the OpenAPI
    document allows; set ``freepik_server.allow_invalid_requests = True`` to send bad ones on purpose.
    """
    server = _freepik_server_session
    server.reset()
    yield server
    if not server.allow_invalid_requests:
        invalid = [f"{r.method} {r.path}: {r.contract_errors}" for r in server.requests if r.contract_errors]
        assert not invalid, "requests the OpenAPI document does not allow:\n" + "\n".join(invalid)
