"""Browser fixtures: the two sites built once and served from a local server, and a page that
fails its test on any request leaving the server or any console error (the session's one
chromium, ``browser``, is in tests/conftest.py, shared with tests/serve)."""

from __future__ import annotations

import functools
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sites import build_mkdocs, build_sphinx


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _serve(folder: Path, port: int = 0) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def sphinx_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sphinx(tmp_path_factory.mktemp("sphinx-site"))


@pytest.fixture(scope="session")
def mkdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_mkdocs(tmp_path_factory.mktemp("mkdocs-site"))


@pytest.fixture(scope="session")
def instant_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The MkDocs site again, with Material's instant navigation (built for its address)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"http://127.0.0.1:{port}/"
    site = build_mkdocs(tmp_path_factory.mktemp("instant-site"), instant=address)
    yield from _serve(site, port)


@pytest.fixture(scope="session")
def sphinx_url(sphinx_site: Path) -> Iterator[str]:
    yield from _serve(sphinx_site)


@pytest.fixture(scope="session")
def mkdocs_url(mkdocs_site: Path) -> Iterator[str]:
    yield from _serve(mkdocs_site)


@dataclass
class Watched:
    """What a page did that it must not: requests off the server, console errors."""

    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Site:
    """A built site being tested: which host built it and its index page's address."""

    kind: str
    url: str

    @property
    def dark_switch(self) -> str:
        """Script that turns the page dark the way its theme's own switch does."""
        if self.kind == "sphinx":
            return "document.body.dataset.theme = 'dark'"
        return "document.body.setAttribute('data-md-color-scheme', 'slate')"


@pytest.fixture(params=["sphinx", "mkdocs"])
def site(request: pytest.FixtureRequest) -> Site:
    """The index page of each site in turn."""
    return Site(request.param, str(request.getfixturevalue(f"{request.param}_url")) + "index.html")


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """``open_page(url, width=1280, scheme="light")``: a fresh page on ``url``; at the end the
    test fails if the page asked for anything off its server or logged an error."""
    contexts: list[tuple[Any, Watched]] = []

    def open_at(url: str, width: int = 1280, scheme: str = "light", script: bool = True) -> Any:
        context = browser.new_context(
            viewport={"width": width, "height": 800},
            color_scheme=scheme,
            java_script_enabled=script,
        )
        watched = Watched()
        origin = url.split("/", 3)[:3]
        prefix = "/".join(origin) + "/"

        def route(found: Any) -> None:
            if found.request.url.startswith(prefix):
                found.continue_()
            else:
                watched.outside.append(found.request.url)
                found.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on(
            "console",
            lambda message: message.type == "error" and watched.errors.append(message.text),
        )
        page.on("pageerror", lambda error: watched.errors.append(str(error)))
        page.goto(url)
        if script:
            page.wait_for_selector(".nnviz-viewer")
        contexts.append((context, watched))
        return page

    yield open_at
    for context, watched in contexts:
        context.close()
        assert watched.outside == [], f"requests left the page: {watched.outside}"
        assert watched.errors == [], f"console errors: {watched.errors}"
