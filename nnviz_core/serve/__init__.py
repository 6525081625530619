"""``nnviz serve``: a local page with the spec in an editor beside its live diagram.

* :mod:`~nnviz_core.serve.files`: which paths a request may name (only the served directory).
* :mod:`~nnviz_core.serve.drawing`: spec text, style and options drawn into the viewer's HTML, or
  the located errors the editor shows as lint markers.
* :mod:`~nnviz_core.serve.process` and :mod:`~nnviz_core.serve.worker`: renders in a warm child
  process; a newer edit stops an older one's render (its process is killed, a spare takes over).
* :mod:`~nnviz_core.serve.templates`: the examples a spec started with no PATH begins from.
* :mod:`~nnviz_core.serve.watch`: changes on disk, pushed to the page as server-sent events.
* :mod:`~nnviz_core.serve.app`: the Starlette application (routes and the Host/Origin guard).
* :mod:`~nnviz_core.serve.command`: the CLI subcommand that runs it with uvicorn.

The server stack (starlette, uvicorn, watchfiles) is the ``serve`` extra; it is imported only here.
"""

from __future__ import annotations

from nnviz_core.errors import MissingDependencyError

__all__ = ["require_server"]

_MODULES = ("starlette", "uvicorn", "watchfiles")


def require_server() -> None:
    """Fail with the pip fix when the ``serve`` extra is not installed."""
    import importlib.util

    for name in _MODULES:
        if importlib.util.find_spec(name) is None:
            raise MissingDependencyError("nnviz serve", "serve", name)
