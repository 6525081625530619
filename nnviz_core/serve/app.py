"""The Starlette application of ``nnviz serve``: the page, its assets and a small JSON API.

Routes (every one behind :class:`~nnviz_core.serve.guard.HostGuard`):

* ``GET /`` the editor (``?file=NAME``), the list of diagrams when serving a directory, or a
  scratch spec from a template (``?template=KEY``) when no PATH was given;
* ``GET /assets/NAME`` the page's script and styles (the editor's and the viewer's);
* ``GET /api/config`` styles, their option declarations and the spec's JSON Schema;
* ``GET|PUT /api/file/NAME`` a spec's text (or a docs page's inline spec), saved atomically;
* ``POST /api/render`` and ``POST /api/export/FORMAT`` the diagram of the editor's text;
* ``POST /api/save-as`` a scratch spec saved as a new file (never over one);
* ``POST /api/to-yaml/NAME`` a read-only model written out as an editable spec;
* ``GET /api/events/NAME`` server-sent events when the file changes on disk.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from nnviz_core.errors import NnvizError
from nnviz_core.serve import page
from nnviz_core.serve.drawing import located, render_text
from nnviz_core.serve.guard import HostGuard
from nnviz_core.serve.sources import Served
from nnviz_core.serve.watch import changes
from nnviz_core.serve.worker import Worker

__all__ = ["EXPORTS", "create_app"]

#: Download formats and their media types.
EXPORTS = {
    "svg": "image/svg+xml",
    "png": "image/png",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def _missing() -> Response:
    return PlainTextResponse("not found\n", status_code=404)


def create_app(served: Served, hosts: frozenset[str]) -> HostGuard:
    """The application serving ``served``, answering only to ``hosts`` (``name:port``)."""
    worker = Worker()

    async def index(request: Request) -> Response:
        name = request.query_params.get("file") or served.start
        if name is None and served.scratch:
            return HTMLResponse(page.scratch(request.query_params.get("template")))
        if name is None:
            return HTMLResponse(await run_in_threadpool(page.listing, served.root))
        opened = served.open(name)
        return HTMLResponse(page.editor(opened)) if opened else _missing()

    async def asset(request: Request) -> Response:
        found = page.asset(request.path_params["name"])
        return Response(found[1], media_type=found[0]) if found else _missing()

    async def config(request: Request) -> Response:
        return JSONResponse(page.config())

    async def file(request: Request) -> Response:
        name = request.path_params["name"]
        if request.method == "PUT":
            if not await run_in_threadpool(served.editable, name):
                return _missing()
            text, base = await _edited(request)
            refused = await run_in_threadpool(served.save, name, text, base)
            if refused:
                return JSONResponse({"error": refused}, status_code=409)
            return JSONResponse({"saved": True})
        opened = await run_in_threadpool(served.open, name)
        if opened is None:
            return _missing()
        return JSONResponse({"name": name, "text": opened.text, "readonly": opened.readonly})

    async def draw(request: Request) -> Response:
        body = await request.json()
        args = (
            str(body["page"]),
            body["edit"],
            body["text"],
            body["name"],
            body["style"],
            body.get("options", {}),
        )
        return JSONResponse(await run_in_threadpool(worker.draw, *args))

    async def export(request: Request) -> Response:
        fmt = request.path_params["fmt"]
        if fmt not in EXPORTS:
            return _missing()
        body = await request.json()
        args = (body["text"], body["name"], body["style"], body.get("options", {}))
        try:
            data = await run_in_threadpool(_exported, fmt, *args)
        except NnvizError as error:
            return JSONResponse({"errors": [located(error)]}, status_code=422)
        return Response(data, media_type=EXPORTS[fmt])

    async def save_as(request: Request) -> Response:
        body = await request.json()
        name, text = str(body["name"]), str(body["text"])
        refused = await run_in_threadpool(served.save_as, name, text)
        if refused:
            return JSONResponse({"error": refused}, status_code=409)
        return JSONResponse({"file": name})

    async def to_yaml(request: Request) -> Response:
        created = await run_in_threadpool(served.to_yaml, request.path_params["name"])
        return JSONResponse({"file": created}) if created else _missing()

    async def events(request: Request) -> Response:
        watched = await run_in_threadpool(served.watched, request.path_params["name"])
        return changes(served.root, watched) if watched else _missing()

    routes = [
        Route("/", index),
        Route("/assets/{name}", asset),
        Route("/api/config", config),
        Route("/api/file/{name:path}", file, methods=["GET", "PUT"]),
        Route("/api/render", draw, methods=["POST"]),
        Route("/api/export/{fmt}", export, methods=["POST"]),
        Route("/api/save-as", save_as, methods=["POST"]),
        Route("/api/to-yaml/{name:path}", to_yaml, methods=["POST"]),
        Route("/api/events/{name:path}", events),
    ]

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        worker.close()

    return HostGuard(Starlette(routes=routes, lifespan=lifespan), hosts)


async def _edited(request: Request) -> tuple[str, str | None]:
    """A save's new text and the text it replaces: JSON ``{"text", "base"}``, or the bare text."""
    if request.headers.get("content-type", "").startswith("application/json"):
        body = await request.json()
        base = body.get("base")
        return str(body["text"]), None if base is None else str(base)
    return (await request.body()).decode("utf-8"), None


def _exported(fmt: str, text: str, name: str, style: str, options: dict[str, Any]) -> bytes:
    return render_text(text, name, style, options).to_bytes(fmt)
