"""An SVG document made ready to inline in an HTML page, for the Sphinx and MkDocs adapters.

The SVG backend scopes every id by a hash of the content, so two different diagrams never
collide; the same diagram twice on one page would, so a repeat gets ids of its own.
"""

from __future__ import annotations

import re

__all__ = ["first_id", "renumbered", "without_prolog"]

_PROLOG = re.compile(r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)
_ID = re.compile(r'\bid="([^"]+)"')
_ARIA_LIST = re.compile(r'\b(aria-(?:labelledby|describedby))="([^"]*)"')


def without_prolog(svg: str) -> str:
    """The SVG without its XML declaration and doctype, which HTML does not allow inline."""
    return _PROLOG.sub("", svg, count=1)


def first_id(svg: str) -> str:
    """The id of the SVG's root element (a content hash), or an empty string."""
    match = _ID.search(svg)
    return match.group(1) if match else ""


def renumbered(svg: str, occurrence: int) -> str:
    """A second (third, …) copy of one diagram on a page, with ids of its own.

    Ids, ``#id`` references and ARIA id lists get a ``-N`` suffix; class names, which the SVG's
    own style rules target, stay as they are.
    """
    ids = set(_ID.findall(svg))
    if occurrence < 2 or not ids:
        return svg
    names = "|".join(re.escape(name) for name in sorted(ids, key=len, reverse=True))
    suffix = f"-{occurrence}"
    svg = re.sub(rf'(?<=\bid=")(?:{names})(?=")|(?<=#)(?:{names})(?![\w-])', rf"\g<0>{suffix}", svg)

    def relabel(match: re.Match[str]) -> str:
        tokens = [token + suffix if token in ids else token for token in match.group(2).split()]
        return f'{match.group(1)}="{" ".join(tokens)}"'

    return _ARIA_LIST.sub(relabel, svg)
