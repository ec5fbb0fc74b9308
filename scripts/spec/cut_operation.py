"""Cut one create operation out of the official OpenAPI document into a page, so a single model can be taken.

Usage: ``python -m scripts.spec.cut_operation PATH [-o PAGE.md] [--document FILE]``, e.g.
``python -m scripts.spec.cut_operation /v1/ai/video/kling-v3-pro -o openapi/pages/kling-v3-pro.md``.

The page is in the docs site's current rendering: a fence ``yaml post PATH`` holding an OpenAPI document
with the create operation, its status and list operations (found by the publisher's rule, see
``scripts.spec.sources.documented_routes``) and every component they reference.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.spec.errors import PipelineError
from scripts.spec.sources import cut, page_text, read_yaml_file

DEFAULT_DOCUMENT = Path("openapi/official/magnific-api-v1-openapi.yaml")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="the create operation's path, e.g. /v1/ai/video/kling-v3-pro")
    parser.add_argument("-o", "--output", type=Path, help="page to write (default: standard output)")
    parser.add_argument("--document", type=Path, default=DEFAULT_DOCUMENT, help=f"default: {DEFAULT_DOCUMENT}")
    args = parser.parse_args(argv)
    try:
        document = read_yaml_file(args.document)
        if not isinstance(document, dict):
            raise PipelineError(args.document, "not an OpenAPI document")
        text = page_text(cut(document, args.path), args.path)
    except PipelineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.output is None:
        sys.stdout.write(text)
    else:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"error: {args.output}: {exc.strerror}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
