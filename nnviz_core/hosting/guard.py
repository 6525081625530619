"""Host messages on one line, quoting at most ~80 characters of any value.

A docs build publishes its warnings (CI logs) and MkDocs shows errors in the page itself. Messages
quote values through :func:`nnviz_core.errors.excerpt` already; :func:`guard_message` applies the
same limit to a whole message as a last line of defence.
"""

from __future__ import annotations

import re

from nnviz_core.errors import EXCERPT_LENGTH as LIMIT

__all__ = ["LIMIT", "guard_message"]

#: The longest message a host shows (a list of known option names fits; a file's content does not).
MESSAGE_LIMIT = 1000


#: A quoted value in a message: ``'…'`` or ``"…"`` as ``repr`` writes them.
_QUOTED = re.compile(r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"")


def _shortened(match: re.Match[str]) -> str:
    quoted = match.group(0)
    if len(quoted) <= LIMIT + 2:
        return quoted
    return quoted[: LIMIT + 1] + "…" + quoted[-1]


def guard_message(message: str) -> str:
    """``message`` on one line, each quoted value cut to :data:`LIMIT` characters, the whole to
    :data:`MESSAGE_LIMIT`.

    Core messages quote values in excerpts already; this keeps a message that does not (a
    plug-in's, an older core's) from publishing a file through a host's log or page.
    """
    first, newline, _ = message.partition("\n")
    first = _QUOTED.sub(_shortened, first) + (" …" if newline else "")
    if len(first) > MESSAGE_LIMIT:
        return first[: MESSAGE_LIMIT - 1] + "…"
    return first
