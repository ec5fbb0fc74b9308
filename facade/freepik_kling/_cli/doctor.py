"""``freepik-kling doctor``: is this setup ready to pay for a video? Checked without spending anything.

Each check gives one line, and what to do when it fails: the key (present and well formed, never shown),
the host and the header the key goes in, one free call (a task list: the API is reachable and takes the
key), the clock against the API's (webhook timestamps allow 5 minutes), the history and download folders,
and the versions. The exit code is 0 when every check passed, 3 when any failed.
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import os
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import httpx

from freepik_api.catalog import API_KEY_HEADER, API_KEY_HEADERS, BASE_URL, MODELS
from freepik_kling import __version__
from freepik_kling._cli.console import Console
from freepik_kling._cli.history import cache_dir
from freepik_kling._cli.outcome import EXIT_API, EXIT_OK, Job
from freepik_kling._http import APIKey
from freepik_kling.errors import APIConnectionError, APIStatusError, APITimeoutError, FreepikError
from freepik_kling.webhooks import DEFAULT_TOLERANCE

KEY_PAGE = "https://www.freepik.com/developers/dashboard/api-key"
FREE_CALL_MODEL = "kling-v2"  # its task list is the free call; any model's would do
DEFAULT_TIMEOUT = 10.0  # seconds for the free call


@attrs.frozen
class Check:
    name: str
    state: str  # "ok", "fail" or "skip" (could not run: an earlier check failed)
    detail: str
    fix: str = ""

    def line(self) -> str:
        return f"{self.state:<4}  {self.name:<8}  {self.detail}" + (
            f"\n                -> {self.fix}" if self.fix else ""
        )


@attrs.frozen
class Setup:
    key: str
    key_source: str
    base_url: str
    url_source: str


def cmd_doctor(args: argparse.Namespace, console: Console, job: Job) -> int:
    with _setup(args, console) as setup:
        checks = run_checks(setup, timeout=args.timeout or DEFAULT_TIMEOUT)
    passed = all(check.state == "ok" for check in checks)
    text = "\n".join(check.line() for check in checks)
    text += "\nall checks passed" if passed else "\nsome checks failed: see the lines marked fail"
    console.result(text, {"passed": passed, "checks": [attrs.asdict(check) for check in checks]})
    return EXIT_OK if passed else EXIT_API


@contextlib.contextmanager
def _setup(args: argparse.Namespace, console: Console) -> Iterator[Setup]:
    if args.sandbox:
        from freepik_kling._cli.commands import SANDBOX_NOTE
        from freepik_kling.testing import FreepikServer

        console.note(SANDBOX_NOTE)
        with FreepikServer() as server:
            yield Setup(server.api_key, "--sandbox", server.base_url, "--sandbox")
        return
    # the order the client reads them in
    key_source = next((name for name in ("FREEPIK_API_KEY", "MAGNIFIC_API_KEY") if os.environ.get(name)), "")
    url_source = next((name for name in ("FREEPIK_BASE_URL", "MAGNIFIC_BASE_URL") if os.environ.get(name)), "")
    if args.base_url:
        base_url, url_source = args.base_url, "--base-url"
    else:
        base_url, url_source = (os.environ[url_source], url_source) if url_source else (BASE_URL, "the default")
    yield Setup(os.environ.get(key_source, ""), key_source, base_url, url_source)


def run_checks(setup: Setup, *, timeout: float) -> list[Check]:
    key = check_key(setup)
    host, header = check_host(setup)
    checks = [key, host]
    if key.state == "ok" and host.state == "ok":
        api, clock = check_api(setup, header, timeout)
    else:
        api = Check("api", "skip", "not called: fix the key and host first")
        clock = Check("clock", "skip", "not compared: needs an answer from the API")
    checks += [api, clock, check_history(), check_downloads(), check_versions()]
    return checks


def check_key(setup: Setup) -> Check:
    if not setup.key_source:
        return Check("key", "fail", "no key: FREEPIK_API_KEY is not set", f"get a key at {KEY_PAGE}, then export it")
    key = setup.key.strip()
    where = setup.key_source if setup.key_source == "--sandbox" else f"${setup.key_source}"
    if not re.fullmatch(r"[!-~]+", key):
        return Check(
            "key",
            "fail",
            f"{where} has a space, line break or other character no key has",
            f"copy the key again from {KEY_PAGE}",
        )
    spaces = " (the spaces around it are ignored)" if key != setup.key else ""
    return Check("key", "ok", f"{where} holds a key of {len(key)} characters{spaces}; it is never shown")


def check_host(setup: Setup) -> tuple[Check, str]:
    url = httpx.URL(setup.base_url) if _is_http_url(setup.base_url) else None
    if url is None:
        shown = setup.base_url[:80].encode("ascii", "backslashreplace").decode()
        fix = f"set it to an http(s) URL such as {BASE_URL}, or unset it for the default"
        return Check("host", "fail", f"{setup.url_source} is not an http(s) URL: {shown!r}", fix), API_KEY_HEADER
    header = APIKey("-", str(url)).header  # the header the client sends for this host
    origin = str(url.join("/")).rstrip("/")
    documented = {str(httpx.URL(server).join("/")).rstrip("/"): name for server, name in API_KEY_HEADERS.items()}
    if url.scheme == "http" and url.host not in ("127.0.0.1", "localhost", "::1"):
        fix = "use https: over http the key travels unencrypted"
        return Check("host", "fail", f"{origin} ({setup.url_source}) is plain http on another machine", fix), header
    if origin in documented:
        detail = f"{origin} ({setup.url_source}), a documented server: the key goes in {header}, the header it reads"
    else:
        detail = (
            f"{origin} ({setup.url_source}) is not a documented server ({', '.join(documented)}): the key goes in "
            f"{header}, which it must read"
        )
    return Check("host", "ok", detail), header


def _is_http_url(value: str) -> bool:
    try:
        url = httpx.URL(value)
    except (httpx.InvalidURL, TypeError):
        return False
    return url.scheme in ("http", "https") and bool(url.host) and value.isprintable() and " " not in value


def check_api(setup: Setup, header: str, timeout: float) -> tuple[Check, Check]:
    """The one free call: a model's task list. Never a create."""
    from freepik_kling._client import Freepik

    started = time.monotonic()
    try:
        with Freepik(api_key=setup.key, base_url=setup.base_url, timeout=timeout, max_retries=0) as client:
            answer = client.model(FREE_CALL_MODEL).with_raw_response.list()
            tasks = answer.parse()
    except APITimeoutError:
        return _api_failed(
            f"no answer from {setup.base_url} within {timeout:g} s",
            "check the network, a proxy or firewall, and the address; --timeout waits longer",
        )
    except APIConnectionError as error:
        return _api_failed(
            f"could not connect to {setup.base_url}: {_reason(error)}",
            "check the address (--base-url, FREEPIK_BASE_URL) and the network",
        )
    except APIStatusError as error:
        return _status_failed(error, setup, header), _clock(error.headers)
    except FreepikError as error:  # a 2xx the API does not document, say
        return _api_failed(f"{setup.base_url} answered, but not as the API does: {error}", "check the address")
    seconds = time.monotonic() - started
    ok = Check(
        "api", "ok", f"reachable, the key is accepted ({len(tasks)} {FREE_CALL_MODEL} tasks listed, {seconds:.2f} s)"
    )
    return ok, _clock(answer.headers)


def _reason(error: APIConnectionError) -> str:
    cause = error.__cause__ or error.__context__
    return str(cause or error) or type(cause or error).__name__


def _api_failed(detail: str, fix: str) -> tuple[Check, Check]:
    return Check("api", "fail", detail, fix), Check("clock", "skip", "not compared: no answer from the API")


def _status_failed(error: APIStatusError, setup: Setup, header: str) -> Check:
    if error.status_code == 401 and "missing" in error.message.lower():
        documented = ", ".join(f"{server} reads {name}" for server, name in API_KEY_HEADERS.items())
        return Check(
            "api",
            "fail",
            f"401 from {setup.base_url}: it found no key in {header}, so it reads the key from another header",
            f"point --base-url at the API itself ({documented}), or make the proxy pass {header} on",
        )
    if error.status_code == 401:
        return Check("api", "fail", f"401: the key is not accepted ({error.message})", f"check it at {KEY_PAGE}")
    if error.status_code == 403:
        return Check("api", "fail", f"403: the key may not use this API ({error.message})", f"check it at {KEY_PAGE}")
    return Check("api", "fail", f"{error.status_code} from {setup.base_url}: {error.message}", "try again later")


def _clock(headers: Any) -> Check:
    date = headers.get("date") if headers else None
    try:
        theirs = email.utils.parsedate_to_datetime(date).timestamp() if date else None
    except (TypeError, ValueError):
        theirs = None
    if theirs is None:
        return Check("clock", "skip", "not compared: the API's answer has no Date header")
    skew = time.time() - theirs
    detail = f"this computer's clock is {abs(skew):.0f} s {'ahead of' if skew > 0 else 'behind'} the API's"
    if abs(skew) > DEFAULT_TOLERANCE - 60:  # the Date header is whole seconds; keep a margin
        fix = f"set the clock by NTP: webhook deliveries older or newer than {DEFAULT_TOLERANCE:g} s are rejected"
        return Check("clock", "fail", detail, fix)
    return Check("clock", "ok", detail + f" (webhook timestamps allow {DEFAULT_TOLERANCE:g} s)")


def _writable(name: str, folder: Path, what: str, fix: str) -> Check:
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        return Check(name, "fail", f"{existing} is not a folder, so {folder} cannot be made ({what})", fix)
    if existing != folder:  # made on first use; the nearest folder that exists must let it be made
        ok = os.access(existing, os.W_OK | os.X_OK)
        state, how = ("ok", "can be made") if ok else ("fail", f"cannot be made: {existing} is not writable")
        return Check(name, state, f"{folder} does not exist yet and {how} ({what})", "" if ok else fix)
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".freepik-kling-doctor-"):
            pass
    except OSError as error:
        return Check(name, "fail", f"{folder} is not writable: {error.strerror} ({what})", fix)
    return Check(name, "ok", f"{folder} is writable ({what})")


def check_history() -> Check:
    return _writable(
        "history",
        cache_dir(),
        "the task history, tasks.sqlite3",
        "make the folder writable, or set FREEPIK_KLING_CACHE_DIR to one that is (commands still run without it)",
    )


def check_downloads() -> Check:
    return _writable("download", Path.cwd(), "where videos go without -o", "run from a writable folder, or pass -o")


def check_versions() -> Check:
    from importlib.resources import files

    head = files("freepik_api").joinpath("openapi.yaml").read_text(encoding="utf-8")[:4000]
    found = re.search(r"^  version: *(\S+)", head, re.MULTILINE)
    spec = found[1].strip("'\"") if found else "unknown"
    sources = sorted({str(model["source_file"]) for model in MODELS.values()})
    detail = f"freepik-kling {__version__}; spec {spec} ({len(MODELS)} models, from {', '.join(sources)})"
    return Check("versions", "ok", detail)
