"""Small, anchored changes to openapi-python-client's own templates.

Each patch replaces one exact snippet of the pinned generator's template; if the snippet is not found
exactly once (a generator upgrade moved it) the build fails instead of silently generating the old
behaviour. Patched copies are written to a temporary ``--custom-template-path``.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from scripts.spec.errors import PipelineError


@dataclass(frozen=True)
class Patch:
    template: str
    old: str
    new: str
    why: str


_TOLERANT_PARSE = '''def _parse_tolerantly(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> {{ return_string | as_unembedded_code }} | None:
    """The documented body, or None when the body is not as documented (an HTML error page from a proxy, a
    truncated JSON document): the status code and raw content still reach the caller."""
    try:
        return _parse_response(client=client, response=response)
    except (ValueError, KeyError, TypeError):
        return None


def _build_response('''

_PUBLIC_PARTS = '''request_kwargs = _get_kwargs
"""The keyword arguments of ``httpx.Client.build_request`` for this operation: method, relative url, body."""

build_response = _build_response
"""The typed ``Response`` for an ``httpx.Response`` to that request."""

'''

_STATUS_CODE_OF = '''def status_code_of(code: int) -> HTTPStatus | int:
    """The HTTPStatus of a registered code; the plain int for others (Cloudflare's 520, nginx's 499)."""
    try:
        return HTTPStatus(code)
    except ValueError:
        return code


__all__ = ["UNSET", "File", "FileTypes", "RequestFiles", "Response", "Unset", "status_code_of"]'''


_LAZY_MODELS = """import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
{% for import in imports | sort %}
    {{ import }}
{% endfor %}

_HOMES = {
{% for import in imports | sort %}
{% set words = import.split() %}
    "{{ words[3] }}": "{{ words[1] }}",
{% endfor %}
}


def __getattr__(name: str) -> Any:
    \"\"\"Each model's module loads when the model is first used, not with the package.\"\"\"
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name], __name__), name)
    globals()[name] = value
    return value
"""


_LAZY_CLIENT = """import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .client import AuthenticatedClient, Client


def __getattr__(name: str) -> Any:
    \"\"\"The client classes load with httpx on first use: reading ``catalog`` needs neither.\"\"\"
    if name not in ("AuthenticatedClient", "Client"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(".client", __name__), name)
"""


def patches(api_key_header: str) -> list[Patch]:
    return [
        Patch(
            "package_init.py.jinja",
            "from .client import AuthenticatedClient, Client\n",
            _LAZY_CLIENT,
            "the package imported httpx before anything asked for a client: the CLI's help paid for it",
        ),
        Patch(
            "models_init.py.jinja",
            "{% for import in imports | sort %}\n{{ import }}\n{% endfor %}\n",
            _LAZY_MODELS,
            "models/__init__ imported every model of every operation: a client of one model paid for all",
        ),
        Patch(
            "endpoint_module.py.jinja",
            "status_code=HTTPStatus(response.status_code),",
            "status_code=status_code_of(response.status_code),",
            "HTTPStatus() raises ValueError on unregistered codes such as 520 (upstream issue #1442)",
        ),
        Patch(
            "endpoint_module.py.jinja",
            "from ...types import Response, UNSET",
            "from ...types import Response, UNSET, status_code_of",
            "import for the status patch",
        ),
        Patch(
            "endpoint_module.py.jinja",
            "parsed=_parse_response(client=client, response=response),",
            "parsed=_parse_tolerantly(client=client, response=response),",
            "a documented status with an undocumented body raised JSONDecodeError or KeyError",
        ),
        Patch("endpoint_module.py.jinja", "def _build_response(", _TOLERANT_PARSE, "defines _parse_tolerantly"),
        Patch(
            "endpoint_module.py.jinja",
            "\ndef sync_detailed(",
            _PUBLIC_PARTS + "\ndef sync_detailed(",
            "the facade builds each request itself (its own URL and key per request) and parses the answer here",
        ),
        Patch("types.py.jinja", "status_code: HTTPStatus\n", "status_code: HTTPStatus | int\n", "see above"),
        Patch(
            "types.py.jinja",
            '__all__ = ["UNSET", "File", "FileTypes", "RequestFiles", "Response", "Unset"]',
            _STATUS_CODE_OF,
            "defines status_code_of",
        ),
        Patch(
            "client.py.jinja",
            """default='"Bearer"'""",
            """default='""'""",
            "the API key is sent bare, without a Bearer prefix",
        ),
        Patch(
            "client.py.jinja",
            """default='"Authorization"'""",
            f"""default='"{api_key_header}"'""",
            "the API reads its key from the header its securityScheme names, not Authorization",
        ),
        Patch(
            "client.py.jinja",
            '_timeout: httpx.Timeout | None = field(default=None, kw_only=True, alias="timeout")',
            '_timeout: httpx.Timeout | None = field(factory=lambda: DEFAULT_TIMEOUT, kw_only=True, alias="timeout")',
            "the generator's default, None, means no timeout at all in httpx",
        ),
        Patch(
            "client.py.jinja",
            "\n@define\nclass Client:",
            "\nDEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)\n"
            '"""Finite by default: a create uploads up to 10 MB of base64, a status call is small."""\n\n\n'
            "@define\nclass Client:",
            "defines DEFAULT_TIMEOUT",
        ),
    ]


def write_patched_templates(target: Path, api_key_header: str) -> None:
    """Write the patched templates into ``target`` (used as ``--custom-template-path``)."""
    upstream = resources.files("openapi_python_client") / "templates"
    texts: dict[str, str] = {}
    for patch in patches(api_key_header):
        text = texts.get(patch.template) or (upstream / patch.template).read_text(encoding="utf-8")
        count = text.count(patch.old)
        if count != 1:
            raise PipelineError(
                f"openapi_python_client/templates/{patch.template}",
                f"expected the snippet {patch.old!r} once, found it {count} times ({patch.why})",
            )
        texts[patch.template] = text.replace(patch.old, patch.new)
    target.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (target / name).write_text(text, encoding="utf-8")
