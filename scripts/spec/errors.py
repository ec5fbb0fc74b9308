"""The one error the pipeline raises: it names the file and the problem."""

from __future__ import annotations

from pathlib import Path


class PipelineError(Exception):
    def __init__(self, source: Path | str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = str(source)
        self.problem = problem
