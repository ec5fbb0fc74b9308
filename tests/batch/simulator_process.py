"""The simulator in a process of its own, in real time, writing every create it handles to a log.

``python -m tests.batch.simulator_process --log creates.jsonl``: prints ``FREEPIK_BASE_URL=...`` and
``FREEPIK_API_KEY=...``, then serves until its standard input closes. Each create it handles (whether it
made a task or answered 429) is one JSON line: ``{"prompt", "status", "task_id"}``, flushed at once, so the
kill test can count what reached the API however the batch under test died.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import IO, Any

from freepik_kling.testing import FreepikServer, SimulatorClock, Timings
from freepik_kling.testing._contract import Route


class LoggingServer(FreepikServer):
    log: IO[str]

    def __init__(self, log: IO[str], **settings: Any) -> None:
        super().__init__(**settings)
        self.log = log

    def _create(self, route: Route, key: str, body: dict[str, Any]) -> tuple[int, bytes, str]:
        status, payload, content_type = super()._create(route, key, body)
        task_id = json.loads(payload).get("data", {}).get("task_id")
        self.log.write(json.dumps({"prompt": body.get("prompt"), "status": status, "task_id": task_id}) + "\n")
        self.log.flush()
        return status, payload, content_type


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--log", required=True)
    parser.add_argument("--queued", type=float, default=0.2)
    parser.add_argument("--processing", type=float, default=1.0)
    parser.add_argument("--slow-creates", type=float, default=0.0, help="seconds each create's answer is held back")
    args = parser.parse_args()
    with open(args.log, "a", encoding="utf-8") as log:
        server = LoggingServer(
            log, clock=SimulatorClock(manual=False), timings=Timings(queued=args.queued, processing=args.processing)
        )
        if args.slow_creates:  # the task exists at once; its id comes back late (a kill then leaves it unknown)
            server.faults.slow(args.slow_creates, method="POST", times=10**9)
        with server:
            print(f"FREEPIK_BASE_URL={server.base_url}", flush=True)
            print(f"FREEPIK_API_KEY={server.api_key}", flush=True)
            sys.stdin.read()


if __name__ == "__main__":
    main()
