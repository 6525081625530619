"""The ``nnviz serve [PATH]`` subcommand (wired into :mod:`nnviz_core.cli`)."""

from __future__ import annotations

import argparse
import os
import sys
import threading
import webbrowser
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from nnviz_core.errors import NnvizError
from nnviz_core.serve.files import MODEL_SUFFIXES, SPEC_SUFFIXES

__all__ = ["add_parser", "plan", "run"]

HELP = "a local page: the spec in an editor beside its live diagram"


def add_parser(commands: Any) -> argparse.ArgumentParser:
    """Declare the subcommand on the CLI's subparsers (the CLI adds the model source flags)."""
    serve = commands.add_parser("serve", help=HELP, description=HELP)
    serve.add_argument(
        "path",
        nargs="?",
        help="a .yaml spec, a model (.onnx, .keras, .prototxt, package.module:attribute) "
        "or a docs directory (default: a new spec from a template, saved here when asked)",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port (default: %(default)s)")
    serve.add_argument("--no-browser", action="store_true", help="do not open a browser")
    parser: argparse.ArgumentParser = serve
    return parser


def plan(given: str | None, loading: Mapping[str, Any] | None = None) -> Any:
    """What to serve for the command line's PATH (a :class:`~nnviz_core.serve.sources.Served`);
    ``loading`` are the model source options (``--input-shape``...) for a model."""
    from nnviz_core.serve.sources import Served
    from nnviz_core.sources.resolve import is_import_path

    if given is None:
        return Served(Path.cwd(), None, scratch=True, loading=dict(loading or {}))
    path = Path(given)
    if path.is_dir():
        return Served(path, None, loading=dict(loading or {}))
    if path.is_file() and path.suffix.lower() in (*SPEC_SUFFIXES, *MODEL_SUFFIXES):
        return Served(path.parent, path.name, loading=dict(loading or {}))
    if is_import_path(given) and not path.exists():
        if os.getcwd() not in sys.path:  # like `python -m`: the current directory is importable
            sys.path.insert(0, os.getcwd())
        return Served(Path.cwd(), given, model=given, loading=dict(loading or {}))
    if path.is_file():
        raise NnvizError(
            f"{given}: cannot open this file; give a .yaml spec, a model "
            "(.onnx, .keras, .prototxt or package.module:attribute) or a docs directory"
        )
    raise NnvizError(f"{given}: no such file or directory")


def run(args: argparse.Namespace, out: TextIO, loading: Mapping[str, Any]) -> int:
    """Serve until interrupted; the page's address is printed (and opened unless asked not to).
    ``loading`` are the model source options a model file or import path is loaded with."""
    from nnviz_core.serve import require_server

    require_server()
    import uvicorn

    from nnviz_core.serve.app import create_app
    from nnviz_core.serve.guard import own_hosts

    served = plan(args.path, loading)
    app = create_app(served, own_hosts(args.host, args.port))
    shown = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    url = f"http://{shown}:{args.port}/"
    print(f"nnviz serve: {url} (Ctrl+C to stop)", file=out, flush=True)
    if not args.no_browser:
        threading.Timer(0.5, webbrowser.open, (url,)).start()
    uvicorn.run(
        app, host=args.host, port=args.port, log_level="warning", timeout_graceful_shutdown=1
    )
    return 0
