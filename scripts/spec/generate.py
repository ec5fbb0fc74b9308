"""The whole pipeline: pages + fragments -> openapi/freepik-kling.yaml -> generated/freepik_api.

Usage: ``python -m scripts.spec.generate [--root DIR] [--check]``.

Everything is written to a temporary directory first and then swapped in, so a failed run leaves the
committed tree as it was. ``--check`` regenerates and compares instead of writing, and exits 1 on any
difference (a hand edit under generated/, or a page changed without ``make generate``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts.spec import model_pages
from scripts.spec.build import build, dump
from scripts.spec.catalog import build_catalog, golden_record, models_markdown, readme_table, write_catalog
from scripts.spec.errors import PipelineError
from scripts.spec.templates import write_patched_templates
from scripts.spec.typed import attributes_module, typed_module
from scripts.spec.validate import check

PACKAGE = "freepik_api"
SPEC = Path("openapi/freepik-kling.yaml")
MODELS_DOC = Path("docs/models.md")
GOLDEN = Path("tests/fixtures/catalog.json")
README = Path("README.md")
TABLE_BEGIN, TABLE_END = "<!-- models table: written by make generate -->\n", "<!-- end of models table -->\n"


def _run(command: list[str], cwd: Path) -> None:
    # The generator and ruff come from this interpreter's environment, whatever PATH says.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PipelineError(" ".join(command[:3]), f"exit {result.returncode}\n{result.stdout}{result.stderr}")


def generate(root: Path, work: Path) -> tuple[Path, str, str, str, str]:
    """Generate into ``work``; return the package directory, the spec text, docs/models.md, the README's
    table of models and the tests' golden record of the catalog."""
    built = build(root / "openapi")
    for warning in built.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    document = built.document
    check(document, root / SPEC)
    spec_text = dump(document)
    (work / "spec.json").write_text(json.dumps(document), encoding="utf-8")
    header = document["components"]["securitySchemes"]["apiKey"]["name"]
    write_patched_templates(work / "templates", api_key_header=header)
    package = work / PACKAGE
    _run(
        [
            sys.executable, "-m", "openapi_python_client", "generate",
            "--path", str(work / "spec.json"),
            "--config", str(root / "openapi/generator.yaml"),
            "--custom-template-path", str(work / "templates"),
            "--meta", "none", "--output-path", str(package), "--fail-on-warning",
        ],
        cwd=work,
    )  # fmt: skip
    models = build_catalog(document, package)
    write_catalog(document, models, package)
    (package / "typed.py").write_text(typed_module(document), encoding="utf-8")
    (package / "attributes.py").write_text(attributes_module(document), encoding="utf-8")
    (package / "openapi.yaml").write_text(spec_text, encoding="utf-8")
    (package / "py.typed").write_text("", encoding="utf-8")
    ruff = [sys.executable, "-m", "ruff", "--quiet"]
    # Run from outside the package: its types.py would shadow the standard library's for `python -m`.
    _run([*ruff, "check", "--isolated", "--no-cache", "--fix-only", "--extend-select=I", PACKAGE], cwd=work)
    _run([*ruff, "format", "--isolated", "--no-cache", "--line-length", "120", PACKAGE], cwd=work)
    return package, spec_text, models_markdown(document, models), readme_table(models), golden_record(document, models)


def _with_table(readme: Path, table: str) -> str:
    """The README with the text between its table markers replaced (as it is when it has none)."""
    text = readme.read_text(encoding="utf-8")
    if TABLE_BEGIN not in text or TABLE_END not in text:
        return text
    before, rest = text.split(TABLE_BEGIN, 1)
    return before + TABLE_BEGIN + table + TABLE_END + rest.split(TABLE_END, 1)[1]


def _files(directory: Path) -> dict[str, bytes]:
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in directory.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def _differences(fresh: Path, committed: Path) -> list[str]:
    expected, actual = _files(fresh), _files(committed)
    found = [f"{name}: missing (run make generate)" for name in expected.keys() - actual.keys()]
    found += [f"{name}: not generated (hand-added?)" for name in actual.keys() - expected.keys()]
    found += [f"{name}: differs" for name in expected.keys() & actual.keys() if expected[name] != actual[name]]
    return sorted(found)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."), help="repository root (default: .)")
    parser.add_argument("--check", action="store_true", help="compare with the committed output, write nothing")
    args = parser.parse_args(argv)
    root: Path = args.root.resolve()
    target = root / "generated" / PACKAGE
    with tempfile.TemporaryDirectory(prefix="freepik-generate-") as tmp:
        try:
            package, spec_text, models_doc, table, golden = generate(root, Path(tmp))
        except PipelineError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        stale_pages = model_pages.update(root, package, check=args.check)  # docs/models/<slug>.md
        if args.check:
            problems = stale_pages + ([] if target.is_dir() else [f"missing: {target}"])
            problems += (
                [] if not target.is_dir() else [f"generated/{PACKAGE}/{p}" for p in _differences(package, target)]
            )
            readme = root / README
            if readme.is_file() and readme.read_text(encoding="utf-8") != _with_table(readme, table):
                problems.append(f"{README}'s table of models differs from what scripts/ makes")
            for path, text in ((SPEC, spec_text), (MODELS_DOC, models_doc), (GOLDEN, golden)):
                if not (root / path).is_file() or (root / path).read_text(encoding="utf-8") != text:
                    problems.append(f"{path} differs from what scripts/ makes")
            for problem in problems:
                print(f"check-generated: {problem}", file=sys.stderr)
            if problems:
                print(
                    "check-generated: run `make generate` (never edit generated files by hand)",
                    file=sys.stderr,
                )
            return 1 if problems else 0
        (root / SPEC).write_text(spec_text, encoding="utf-8")
        if (root / README).is_file():
            (root / README).write_text(_with_table(root / README, table), encoding="utf-8")
        for path, text in ((MODELS_DOC, models_doc), (GOLDEN, golden)):
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text, encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(package, target, ignore=shutil.ignore_patterns("__pycache__", ".ruff_cache"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
