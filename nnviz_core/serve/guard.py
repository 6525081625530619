"""The DNS-rebinding guard: a request must name this server in ``Host`` (and ``Origin``).

A page on another site can point its own host name at 127.0.0.1 and then talk to a local server
as if it were same-origin; checking that ``Host`` is one of the names this server listens as
(and that a browser's ``Origin``, when sent, is this server) stops that.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

__all__ = ["HostGuard", "own_hosts"]

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


def own_hosts(host: str, port: int) -> frozenset[str]:
    """The ``Host`` values this server answers to: its bound name and the loopback names."""
    names = {host, "127.0.0.1", "localhost", "[::1]"}
    return frozenset(f"{name}:{port}" for name in names if name not in ("0.0.0.0", "::"))


class HostGuard:
    """ASGI middleware answering 403 to a request for another host or from another origin."""

    def __init__(self, app: App, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and not self._allowed(scope):
            await send({"type": "http.response.start", "status": 403, "headers": _TEXT})
            await send(
                {"type": "http.response.body", "body": b"forbidden: foreign host or origin\n"}
            )
            return
        await self.app(scope, receive, send)

    def _allowed(self, scope: Scope) -> bool:
        headers = {
            key.decode("latin-1").lower(): value.decode("latin-1")
            for key, value in scope["headers"]
        }
        if headers.get("host", "").lower() not in self.hosts:
            return False
        origin = headers.get("origin")
        return origin is None or origin.lower() in {f"http://{host}" for host in self.hosts}


_TEXT = [(b"content-type", b"text/plain; charset=utf-8")]
