"""``freepik-kling doctor`` as a subprocess against the simulator, with the faults a user's setup meets."""

from __future__ import annotations

import email.utils
import http.server
import json
import socket
import threading
import time
from pathlib import Path

from freepik_kling.testing import Fault, FreepikServer
from tests.cli.conftest import Run, assert_clean, one_json_object

NAMES = ["key", "host", "api", "clock", "history", "download", "versions"]


def states(result: object) -> dict[str, str]:
    data = one_json_object(result)  # type: ignore[arg-type]
    assert [check["name"] for check in data["checks"]] == NAMES
    return {check["name"]: check["state"] for check in data["checks"]}


def check(result: object, name: str) -> dict[str, str]:
    data = json.loads(result.stdout)  # type: ignore[attr-defined]
    found: dict[str, str] = next(item for item in data["checks"] if item["name"] == name)
    return found


def test_a_good_setup_passes_with_one_free_call(cli: Run, live_server: FreepikServer) -> None:
    result = cli("doctor")
    assert result.returncode == 0, result.stdout + result.stderr
    assert_clean(result)
    lines = result.stdout.splitlines()
    assert [line.split()[:2] for line in lines[:7]] == [["ok", name] for name in NAMES]
    assert lines[-1] == "all checks passed"
    assert live_server.api_key not in result.stdout + result.stderr
    assert [(r.method, r.status) for r in live_server.requests] == [("GET", 200)], "one list call, never a create"


def test_json_reports_every_check(cli: Run, live_server: FreepikServer) -> None:
    result = cli("doctor", "--json")
    assert result.returncode == 0
    assert set(states(result).values()) == {"ok"}
    assert json.loads(result.stdout)["passed"] is True
    assert live_server.api_key not in result.stdout


def test_a_rejected_key_fails_without_showing_it(cli: Run, live_server: FreepikServer) -> None:
    result = cli("doctor", "--json", key="sk-wrong-key-1234")
    assert result.returncode == 3
    assert states(result)["api"] == "fail"
    assert "not accepted" in check(result, "api")["detail"]
    assert "sk-wrong-key-1234" not in result.stdout + result.stderr
    assert [r.status for r in live_server.requests] == [401]


def test_a_host_that_reads_another_header(cli: Run, live_server: FreepikServer) -> None:
    # a proxy or server that never sees x-freepik-api-key answers as the API does without a key
    live_server.faults.add(Fault(status=401, body=b'{"message": "Missing API key"}'))
    result = cli("doctor", "--json")
    assert result.returncode == 3
    api = check(result, "api")
    assert api["state"] == "fail"
    assert "x-freepik-api-key" in api["detail"]
    assert "another header" in api["detail"]
    assert "x-magnific-api-key" in api["fix"]


def test_no_answer_in_time(cli: Run, live_server: FreepikServer) -> None:
    live_server.faults.slow(3)
    started = time.monotonic()
    result = cli("doctor", "--timeout", "0.3")
    assert time.monotonic() - started < 3, "one try, no retries"
    assert result.returncode == 3
    assert "fail  api       no answer from" in result.stdout
    assert "within 0.3 s" in result.stdout


def test_a_refused_connection(cli: Run, tmp_path: Path) -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    result = cli("doctor", "--json", "--base-url", f"http://127.0.0.1:{port}")
    assert result.returncode == 3
    assert states(result) == {**dict.fromkeys(NAMES, "ok"), "api": "fail", "clock": "skip"}
    assert "could not connect" in check(result, "api")["detail"]


def test_a_missing_or_malformed_key_is_found_before_any_call(cli: Run, live_server: FreepikServer) -> None:
    missing = cli("doctor", key="")
    assert missing.returncode == 3
    assert "fail  key       no key" in missing.stdout
    assert "skip  api" in missing.stdout
    malformed = cli("doctor", key="abc def")
    assert "has a space, line break" in malformed.stdout
    assert "abc def" not in malformed.stdout + malformed.stderr
    assert live_server.requests == []


def test_plain_http_to_another_machine_is_refused(cli: Run, live_server: FreepikServer) -> None:
    result = cli("doctor", "--base-url", "http://api.freepik.com")
    assert result.returncode == 3
    assert "fail  host" in result.stdout
    assert "use https" in result.stdout


def test_a_documented_host_names_its_header(cli: Run) -> None:
    result = cli("doctor", "--json", "--base-url", "https://api.magnific.com", key="")  # no key: nothing is sent
    assert "the key goes in x-magnific-api-key" in check(result, "host")["detail"]


class _LateClock(http.server.BaseHTTPRequestHandler):
    """An API host whose clock is an hour behind: its Date header says so."""

    def date_time_string(self, timestamp: float | None = None) -> str:
        return email.utils.formatdate(time.time() - 3600, usegmt=True)

    def do_GET(self) -> None:
        body = b'{"data": []}'
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_a_clock_far_from_the_apis(cli: Run) -> None:
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), _LateClock) as host:
        threading.Thread(target=host.serve_forever, daemon=True).start()
        try:
            result = cli("doctor", "--json", "--base-url", f"http://127.0.0.1:{host.server_address[1]}")
        finally:
            host.shutdown()
    assert result.returncode == 3
    clock = check(result, "clock")
    assert clock["state"] == "fail", clock
    assert "s ahead of the API's" in clock["detail"]
    assert "NTP" in clock["fix"]


def test_an_unwritable_history_folder(cli: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = cli("doctor", "--json", env={"FREEPIK_KLING_CACHE_DIR": str(blocker / "cache")})
    assert result.returncode == 3
    assert states(result)["history"] == "fail"
    assert "is not a folder" in check(result, "history")["detail"]


def test_sandbox_needs_no_key(cli: Run) -> None:
    result = cli("doctor", "--sandbox", key="")
    assert result.returncode == 0, result.stdout
