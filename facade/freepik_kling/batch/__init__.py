"""Batches: a video for each of many jobs, resumable after any crash, paid for once.

```python
from freepik_kling import Batch

result = Batch(journal="videos.sqlite", out="videos").run("jobs.jsonl")
```

How it keeps that promise:

- Every job is checked before anything is sent (JSON, model, fields against the schema, local images read
  and checked, ids unique and plain file names); a bad one stops the run before it pays for anything.
- A SQLite journal records each job's step, committed before the next begins. A job is ``sending`` only
  right before its create leaves, after every wait; creates go one at a time. A run killed then leaves one
  ``unknown`` job at most, and the next run asks the API: if the model's task list holds no task the
  journal does not know, that create never arrived and the job is sent again; otherwise it stays unknown
  and the orphan task is named, for the user to decide.
- One run per journal at a time (a lock the system drops when the process dies).
- Videos are downloaded into the run's own folder and linked into place whole; a file that is not the
  batch's is never replaced, and nothing is written outside the output folder.
- Tasks are polled per model with one ``list()``, on a schedule that learns how long the model's tasks
  take; ``get()`` is called only for finished ones, for their video URLs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from freepik_kling.batch._options import register

if TYPE_CHECKING:
    from freepik_kling.batch._api import Batch, BatchResult
    from freepik_kling.batch._jobs import InvalidJobsError, Problem
    from freepik_kling.batch._journal import JobRow, Orphan

__all__ = ["Batch", "BatchResult", "InvalidJobsError", "JobRow", "Orphan", "Problem", "register"]

# The command line imports this package for register() alone: the rest (the runner, asyncio, the HTTP
# client) loads on first use.
_HOMES = {
    "Batch": "_api",
    "BatchResult": "_api",
    "InvalidJobsError": "_jobs",
    "Problem": "_jobs",
    "JobRow": "_journal",
    "Orphan": "_journal",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'freepik_kling.batch' has no attribute {name!r}")
    value = globals()[name] = getattr(importlib.import_module(f"freepik_kling.batch.{_HOMES[name]}"), name)
    return value
