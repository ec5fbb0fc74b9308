"""``freepik-kling compare IMAGE --models a,b,c``: the same image and prompt through several models, and a
contact sheet (``index.html``) with the videos side by side, each model's parameters, time and outcome.

Every model's request is checked before the first is sent. Three run at a time, the API's limit of tasks in
progress per key; a model that fails does not stop the others, and its error is on the sheet.
"""

from __future__ import annotations

import argparse
import html
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import attrs

from freepik_kling._catalog import ModelSpec, models
from freepik_kling._cli import checks
from freepik_kling._cli.commands import open_client
from freepik_kling._cli.console import Console
from freepik_kling._cli.fields import main_image_field
from freepik_kling._cli.outcome import EXIT_API, EXIT_FAILED, EXIT_OK, EXIT_TIMEOUT, Job
from freepik_kling._client import Freepik
from freepik_kling._inputs import build_request
from freepik_kling._policy import DEFAULT_WAIT_TIMEOUT, Clock
from freepik_kling.errors import FreepikError, InvalidInputError, TaskFailedError, WaitTimeoutError

AT_ONCE = 3  # tasks in progress per key
PAGE = "index.html"


@attrs.define
class Result:
    model: str
    title: str
    params: dict[str, Any]
    outcome: str = "not started"  # COMPLETED, FAILED, timed out, error
    seconds: float | None = None
    task_id: str | None = None
    video: str | None = None  # the file name, beside the page
    error: str | None = None

    def json(self) -> dict[str, Any]:
        return attrs.asdict(self)


def cmd_compare(args: argparse.Namespace, console: Console, job: Job) -> int:
    folder = Path(args.output)
    results = [_plan(slug, args) for slug in _slugs(args.models)]  # InvalidInputError before anything is sent
    checks.check_output(str(folder) + "/", PAGE, overwrite=args.overwrite, option="-o")
    for result in results:
        checks.check_output(str(folder) + "/", f"{result.model}.mp4", overwrite=args.overwrite, option="-o")
    timeout = DEFAULT_WAIT_TIMEOUT if args.timeout is None else float(args.timeout)
    with open_client(args, console, job) as (client, clock):
        folder.mkdir(parents=True, exist_ok=True)
        lock = threading.Lock()

        def run(result: Result) -> None:
            _run(client, clock, result, folder, timeout)
            with lock:
                console.note(f"{result.model}: {result.outcome}" + (f" ({result.error})" if result.error else ""))

        with ThreadPoolExecutor(AT_ONCE) as pool:
            list(pool.map(run, results))
    page = folder / PAGE
    page.write_text(contact_sheet(args.image, args.prompt, results), encoding="utf-8")
    lines = [str(page), *(_summary(result) for result in results)]
    console.result("\n".join(lines), {"page": str(page), "results": [result.json() for result in results]})
    outcomes = {result.outcome for result in results}
    if outcomes == {"COMPLETED"}:
        return EXIT_OK
    return EXIT_TIMEOUT if "timed out" in outcomes else EXIT_FAILED if "FAILED" in outcomes else EXIT_API


def _slugs(text: str) -> list[str]:
    slugs = [slug.strip() for slug in text.split(",") if slug.strip()]
    if not slugs:
        raise InvalidInputError("--models", "give one or more model slugs, separated by commas")
    unknown = [slug for slug in slugs if slug not in models()]
    if unknown:
        raise InvalidInputError("--models", f"unknown model {unknown[0]!r}; models: {', '.join(models())}")
    if len(set(slugs)) != len(slugs):
        raise InvalidInputError("--models", "a model is named twice")
    return slugs


def _plan(slug: str, args: argparse.Namespace) -> Result:
    """The model's request (checked, local image included), as shown on the sheet."""
    spec = models()[slug]
    field = main_image_field(spec)
    if field is None:
        raise InvalidInputError("--models", f"{slug} takes no image (text to video): it cannot be compared on one")
    params: dict[str, Any] = {field: [args.image] if spec.fields[field].get("type") == "array" else args.image}
    if args.prompt is not None:
        if "prompt" not in spec.fields:
            raise InvalidInputError("--prompt", f"{slug} takes no prompt")
        params["prompt"] = args.prompt
    if "duration" in spec.fields and args.duration is not None:
        params["duration"] = _duration(spec, args.duration)
    try:
        build_request(spec, params)
    except InvalidInputError as error:
        raise InvalidInputError(f"{slug}: {error.field}", error.rule) from None
    return Result(model=slug, title=spec.title, params=params)


def _duration(spec: ModelSpec, seconds: int) -> int | str:
    return seconds if spec.fields["duration"].get("type") == "integer" else str(seconds)


def _run(client: Freepik, clock: Clock, result: Result, folder: Path, timeout: float) -> None:
    model = client.model(result.model)
    started = clock.monotonic()
    try:
        task = model.create(**result.params)
        result.task_id = task.id
        done = model.wait(task, timeout=timeout)
        result.seconds = clock.monotonic() - started
        client.download(done, folder / f"{result.model}.mp4", overwrite=True)
        result.outcome, result.video = "COMPLETED", f"{result.model}.mp4"
    except TaskFailedError as error:
        result.outcome, result.error = "FAILED", str(error)
    except WaitTimeoutError as error:
        result.outcome, result.error = "timed out", str(error)
    except (FreepikError, OSError) as error:
        result.outcome, result.error = "error", str(error)
    if result.seconds is None:
        result.seconds = clock.monotonic() - started
    if result.task_id is not None and result.outcome != "COMPLETED":
        finish = f"freepik-kling wait {result.task_id} --model {result.model} -o {folder / result.model}.mp4"
        result.error = f"{result.error}; to finish it: {finish}"


def _summary(result: Result) -> str:
    seconds = f"{result.seconds:.0f} s" if result.seconds is not None else ""
    return f"  {result.model:<40} {result.outcome:<10} {seconds:>7}  {result.video or result.error or ''}"


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def contact_sheet(image: str, prompt: str | None, results: list[Result]) -> str:
    """The page: one card per model, side by side, each with its video, parameters, time and outcome."""
    cards = []
    for result in results:
        rows = "".join(
            f"<tr><th>{html.escape(name)}</th><td>{html.escape(_shown(value))}</td></tr>"
            for name, value in result.params.items()
        )
        seconds = f"{result.seconds:.1f} s" if result.seconds is not None else "-"
        media = (
            f'<video src="{html.escape(result.video)}" controls muted loop autoplay playsinline></video>'
            if result.video
            else f'<div class="missing">{html.escape(result.error or result.outcome)}</div>'
        )
        cards.append(
            f'<section class="card {"ok" if result.video else "bad"}" data-model="{html.escape(result.model)}">'
            f'<h2>{html.escape(result.model)}</h2><p class="title">{html.escape(result.title)}</p>{media}'
            f"<table>{rows}<tr><th>time</th><td>{seconds}</td></tr>"
            f'<tr><th>outcome</th><td class="outcome">{html.escape(result.outcome)}</td></tr>'
            f"<tr><th>task</th><td>{html.escape(result.task_id or '-')}</td></tr></table></section>"
        )
    subtitle = html.escape(image) + (f" &middot; &ldquo;{html.escape(prompt)}&rdquo;" if prompt else "")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>freepik-kling compare</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 24px; background: #f6f6f6; color: #222; }}
h1 {{ margin: 0 0 4px; font-size: 22px; }} .subtitle {{ color: #666; margin: 0 0 20px; }}
.sheet {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 16px; }}
.card {{ background: #fff; border-radius: 8px; padding: 12px; box-shadow: 0 1px 3px #0002; }}
.card h2 {{ font-size: 16px; margin: 0; font-family: ui-monospace, monospace; }}
.title {{ color: #666; margin: 2px 0 8px; }}
video, .missing {{ width: 100%; aspect-ratio: 4 / 3; background: #111; border-radius: 4px; display: block; }}
.missing {{ color: #f88; display: flex; align-items: center; justify-content: center; padding: 12px; }}
.missing {{ box-sizing: border-box; }}
table {{ width: 100%; border-collapse: collapse; margin-top: 8px; font-size: 13px; }}
th {{ text-align: left; color: #666; font-weight: normal; width: 30%; vertical-align: top; }}
td {{ word-break: break-all; }} .ok .outcome {{ color: #080; }} .bad .outcome {{ color: #c00; }}
</style></head>
<body><h1>Comparing {len(results)} models</h1><p class="subtitle">{subtitle}</p>
<div class="sheet">{"".join(cards)}</div></body></html>
"""
