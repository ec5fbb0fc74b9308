"""Drive models through the facade against the simulator: create, get, list and wait, with arguments from
each model's own valid example or built from its schema. Prints one JSON line per model.

Run as ``python -m tests.drive_models [SLUG ...]`` (every model when none is named), with ``PYTHONPATH``
pointing at a generated package to drive that one instead of the installed one.
"""

from __future__ import annotations

import json
import sys

from freepik_kling._catalog import models
from freepik_kling.testing import FreepikServer
from tests.helpers import valid_arguments


def drive(slugs: list[str]) -> list[dict[str, object]]:
    results = []
    with FreepikServer() as server:
        client = server.client()
        for slug in slugs or list(models()):
            resource = client.model(slug)
            arguments = valid_arguments(resource.spec)
            created = resource.create(**arguments)
            polled = resource.get(created)
            listed = [task.id for task in resource.list()]
            done = resource.wait(created, timeout=3600)
            sent = [r for r in server.requests if r.method == "POST" and r.path == resource.spec.create.path]
            results.append(
                {
                    "slug": slug,
                    "arguments": sorted(arguments),
                    "created": str(created.status),
                    "polled": str(polled.status),
                    "listed": created.id in listed,
                    "done": str(done.status),
                    "videos": len(done.videos),
                    "contract_errors": [e for r in server.requests for e in (r.contract_errors or [])],
                    "creates_sent": len(sent),
                }
            )
    return results


if __name__ == "__main__":
    for result in drive(sys.argv[1:]):
        print(json.dumps(result))
