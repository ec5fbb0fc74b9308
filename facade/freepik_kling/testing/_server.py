"""Serve a ``Simulator`` over real HTTP on loopback, from a background thread."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from typing import Any, TypeVar, cast

import httpx
import uvicorn

from freepik_kling._client import AsyncFreepik, Freepik, _BaseClient
from freepik_kling.testing._simulator import Delivery, Simulator

_TICK = 0.01  # seconds between checks for status changes to deliver as webhooks
C = TypeVar("C", bound=_BaseClient[Any])


class FreepikServer(Simulator):
    """The simulator listening on ``127.0.0.1`` at a free port: ``base_url``, ``api_key``, ``faults``,
    ``requests``, ``deliveries``, ``clock``. ``client()`` gives a ``Freepik`` pointed at it."""

    host: str
    port: int

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0, **settings: Any) -> None:
        super().__init__(**settings)
        self.host = host
        self.port = port
        self._thread: threading.Thread | None = None
        self._server: uvicorn.Server | None = None

    @property
    def webhook_sink_url(self) -> str:
        """A URL on this server that accepts webhook deliveries (they show up in ``deliveries``)."""
        return self.base_url + "/_sim/webhook-sink"

    def start(self) -> FreepikServer:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Answers are written as headers, then body: with Nagle's algorithm on, the body waits for the
        # client's delayed ACK, 40 ms per request on Linux. Accepted sockets inherit this option.
        listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        listener.bind((self.host, self.port))
        self.port = listener.getsockname()[1]
        self.base_url = f"http://{self.host}:{self.port}"
        config = uvicorn.Config(self.app, interface="asgi3", lifespan="off", log_level="critical", access_log=False)
        self._server = uvicorn.Server(config)
        ready = threading.Event()
        self._thread = threading.Thread(
            target=asyncio.run, args=(self._main(listener, ready),), name="freepik-simulator", daemon=True
        )
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the simulator did not start within 10 s")
        return self

    async def _main(self, listener: socket.socket, ready: threading.Event) -> None:
        assert self._server is not None
        ticker = asyncio.create_task(self._tick_forever())
        serving = asyncio.create_task(self._server.serve(sockets=[listener]))
        while not self._server.started and not serving.done():
            await asyncio.sleep(0.005)
        ready.set()
        await serving
        ticker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await ticker

    async def _tick_forever(self) -> None:
        async with httpx.AsyncClient(timeout=5.0) as http:
            while True:
                self.tick()
                await self.deliver(http)
                await asyncio.sleep(_TICK)

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(10)
        self._thread = self._server = None

    def __enter__(self) -> FreepikServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def client(self, **options: Any) -> Freepik:
        """A client for this server that shares its clock (so waits take no real time on a manual clock).

        Args:
            **options: ``Freepik``'s options, over the server's key, address and clock.

        Returns:
            The ``Freepik``.
        """
        return Freepik(**{"api_key": self.api_key, "base_url": self.base_url, "clock": self.clock, **options})

    def async_client(self, **options: Any) -> AsyncFreepik:
        """``client``, for ``AsyncFreepik``.

        Args:
            **options: ``AsyncFreepik``'s options, over the server's key, address and clock.

        Returns:
            The ``AsyncFreepik``.
        """
        return AsyncFreepik(**{"api_key": self.api_key, "base_url": self.base_url, "clock": self.clock, **options})

    def wait_for_deliveries(self, count: int, timeout: float = 5.0) -> list[Delivery]:
        """Block until ``count`` new webhook deliveries were made, and return them (they are sent from the
        server's thread).

        Args:
            count: New deliveries to wait for: new since those an earlier call returned (or since the start
                or ``reset()``).
            timeout: Seconds to wait at most.

        Returns:
            The ``count`` new deliveries, oldest first.

        Raises:
            TimeoutError: Fewer new deliveries were made in time.
        """
        deadline = threading.Event()
        for _ in range(int(timeout / _TICK)):
            if len(self.deliveries) - self._awaited >= count:
                new = self.deliveries[self._awaited : self._awaited + count]
                self._awaited += count
                return new
            deadline.wait(_TICK)
        made = len(self.deliveries) - self._awaited
        raise TimeoutError(f"{made} of {count} new webhook deliveries after {timeout} s")


def sandbox(cls: type[C], options: dict[str, Any]) -> C:
    """``Freepik.sandbox()``: a client of ``cls`` on a simulator started for it, stopped when the client closes."""
    server = FreepikServer().start()
    try:
        client = _stopping(cls)(
            **{"api_key": server.api_key, "base_url": server.base_url, "clock": server.clock, **options}
        )
    except BaseException:  # a bad option: the server must not outlive the error
        server.stop()
        raise
    client.server = server  # type: ignore[attr-defined]
    return client


def _stopping(cls: type[C]) -> type[C]:
    """``cls`` whose ``close()`` also stops its simulator (awaited for an async client, as its close is)."""
    if issubclass(cls, AsyncFreepik):

        async def aclose(self: Any) -> None:
            await cls.close(self)
            self.server.stop()

        return cast(type[C], type(cls.__name__, (cls,), {"close": aclose, "__qualname__": cls.__qualname__}))

    def close(self: Any) -> None:
        cls.close(self)  # type: ignore[attr-defined]  # both clients have one; _BaseClient does not
        self.server.stop()

    return cast(type[C], type(cls.__name__, (cls,), {"close": close, "__qualname__": cls.__qualname__}))
