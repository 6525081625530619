"""Short excerpts of values for host messages: one line, at most ~80 characters.

A docs build publishes its warnings (CI logs) and MkDocs shows errors in the page itself, so a
host message never quotes more than the start of one line of a value or a file, whatever the
value is (a file's content, a long option value). :func:`guard_message` applies the same limit to
a whole message as a last line of defence.
"""

from __future__ import annotations

import re

__all__ = ["LIMIT", "excerpt", "guard_message"]

#: The longest piece of a value a host message quotes.
LIMIT = 80
#: The longest message a host shows (a list of known option names fits; a file's content does not).
MESSAGE_LIMIT = 1000


def excerpt(value: object, limit: int = LIMIT) -> str:
    """The first line of ``str(value)``, cut at ``limit`` characters with ``…`` when longer."""
    text = str(value)
    line, newline, _ = text.partition("\n")
    line = line.rstrip("\r")
    if len(line) > limit:
        return line[: limit - 1] + "…"
    return line + ("…" if newline else "")


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
