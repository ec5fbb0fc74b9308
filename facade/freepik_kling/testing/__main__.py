"""``python -m freepik_kling.testing [--port 8080]``: run the simulator by hand, in real time.

It prints what to export, the secret webhook deliveries are signed with, and then one line per request
(time, method, path, status), so you can see what your code sends.
"""

from __future__ import annotations

import argparse
import contextlib
import threading
import time
from collections.abc import MutableMapping
from typing import Any

from freepik_kling.testing._server import FreepikServer
from freepik_kling.testing._simulator import Receive, Scope, Send, SimulatorClock, Timings


class _PrintingServer(FreepikServer):
    """The simulator, printing each request it answers (never its headers: they carry the key)."""

    async def app(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().app(scope, receive, send)
            return
        status = 0

        async def send_watched(message: MutableMapping[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await super().app(scope, receive, send_watched)
        finally:
            answer = str(status) if status else "no answer"
            print(f"{time.strftime('%H:%M:%S')}  {scope['method']:<6} {scope['path']}  {answer}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m freepik_kling.testing", description=__doc__)
    parser.add_argument("--port", type=int, default=8080, help="port on 127.0.0.1 (0: any free port)")
    parser.add_argument("--api-key", default=None, help="the key clients must send (default: a random one)")
    parser.add_argument("--queued", type=float, default=2.0, help="seconds a task stays CREATED")
    parser.add_argument("--processing", type=float, default=8.0, help="seconds a task stays IN_PROGRESS")
    parser.add_argument("--max-in-progress", type=int, default=3, help="tasks per key at once (0: no limit)")
    parser.add_argument("--video-size", type=int, default=0, help="bytes of each video (default: the 12 KB sample)")
    parser.add_argument("--webhook-secret", default="sim-webhook-secret", help="secret that signs deliveries")
    parser.add_argument("--export", action="store_true", help="print the settings as shell `export` lines")
    args = parser.parse_args(argv)
    server = _PrintingServer(
        port=args.port,
        api_key=args.api_key,
        clock=SimulatorClock(manual=False),
        timings=Timings(queued=args.queued, processing=args.processing),
        max_in_progress=args.max_in_progress or None,
        webhook_secret=args.webhook_secret,
    )
    if args.video_size:
        server.video_size = args.video_size
    with server:
        export = "export " if args.export else ""
        print(f"{export}FREEPIK_BASE_URL={server.base_url}", flush=True)
        print(f"{export}FREEPIK_API_KEY={server.api_key}", flush=True)
        print(f"webhook deliveries are signed with the secret: {server.webhook_secret}", flush=True)
        limit = f"at most {args.max_in_progress} tasks in progress per key" if args.max_in_progress else "no task limit"
        print(
            f"Simulated Freepik API running in real time (tasks: {args.queued:g} s CREATED, "
            f"{args.processing:g} s IN_PROGRESS; {limit}). Each request is printed below; Ctrl-C to stop.",
            flush=True,
        )
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
