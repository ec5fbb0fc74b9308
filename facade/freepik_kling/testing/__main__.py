"""``python -m freepik_kling.testing [--port 8080]``: run the simulator by hand, in real time."""

from __future__ import annotations

import argparse
import contextlib
import threading

from freepik_kling.testing._server import FreepikServer
from freepik_kling.testing._simulator import SimulatorClock, Timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m freepik_kling.testing", description=__doc__)
    parser.add_argument("--port", type=int, default=8080, help="port on 127.0.0.1 (0: any free port)")
    parser.add_argument("--api-key", default=None, help="the key clients must send (default: a random one)")
    parser.add_argument("--queued", type=float, default=2.0, help="seconds a task stays CREATED")
    parser.add_argument("--processing", type=float, default=8.0, help="seconds a task stays IN_PROGRESS")
    parser.add_argument("--max-in-progress", type=int, default=3, help="tasks per key at once (0: no limit)")
    parser.add_argument("--video-size", type=int, default=0, help="bytes of each video (default: the 12 KB sample)")
    parser.add_argument("--webhook-secret", default="sim-webhook-secret", help="secret that signs deliveries")
    args = parser.parse_args(argv)
    server = FreepikServer(
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
        print(f"FREEPIK_BASE_URL={server.base_url}", flush=True)
        print(f"FREEPIK_API_KEY={server.api_key}", flush=True)
        print("Simulated Freepik API running; Ctrl-C to stop.", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
