"""An SVG document made ready to inline in an HTML page: no prolog, ids unique on the page.

The SVG backend scopes every id by a hash of the content, so two different diagrams never
collide; the same diagram twice on one page would, so a repeat gets ids of its own. Where the
ids sit is found once per diagram (:func:`id_marks`, when it is drawn); a repeat on a page is
then only a string join (:func:`with_id_suffix`).
"""

from __future__ import annotations

import re

__all__ = ["first_id", "id_marks", "renumbered", "with_id_suffix", "without_prolog"]

_PROLOG = re.compile(r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)
_ID = re.compile(r'\bid="([^"]+)"')
_ARIA_LIST = re.compile(r'\b(aria-(?:labelledby|describedby))="([^"]*)"')
_TOKEN = re.compile(r"\S+")
_OWN_ID = re.compile(r'\sid="([^"]+)"')
_NAMING = re.compile(r'\sid="([^"]+)"|#([\w-]+)|\saria-(?:labelledby|describedby)="([^"]*)"')


def without_prolog(svg: str) -> str:
    """The SVG without its XML declaration and doctype, which HTML does not allow inline."""
    return _PROLOG.sub("", svg, count=1)


def first_id(svg: str) -> str:
    """The id of the SVG's root element (a content hash), or an empty string."""
    match = _ID.search(svg)
    return match.group(1) if match else ""


def id_marks(svg: str) -> tuple[int, ...]:
    """The offsets just after every id: in ``id="…"``, ``#…`` references and ARIA id lists.

    Two passes over the SVG, each led by a literal so they stay fast on large diagrams: the ids,
    then every place that names one. Class names, which the SVG's own style rules target, are
    left alone.
    """
    ids = set(_OWN_ID.findall(svg))
    if not ids:
        return ()
    marks: set[int] = set()
    for found in _NAMING.finditer(svg):
        if found.group(3) is not None:  # an ARIA list of ids
            start = found.start(3)
            for token in _TOKEN.finditer(found.group(3)):
                if token.group(0) in ids:
                    marks.add(start + token.end())
            continue
        group = 1 if found.group(1) is not None else 2
        if found.group(group) in ids:
            marks.add(found.end(group))
    return tuple(sorted(marks))


def with_id_suffix(svg: str, marks: tuple[int, ...], occurrence: int) -> str:
    """The ``occurrence``-th copy of a diagram on a page: ``-N`` after each id (none for 1)."""
    if occurrence < 2 or not marks:
        return svg
    suffix = f"-{occurrence}"
    pieces: list[str] = []
    start = 0
    for mark in marks:
        pieces += [svg[start:mark], suffix]
        start = mark
    pieces.append(svg[start:])
    return "".join(pieces)


def renumbered(svg: str, occurrence: int) -> str:
    """A second (third, …) copy of one diagram on a page, with ids of its own."""
    if occurrence < 2:
        return svg
    return with_id_suffix(svg, id_marks(svg), occurrence)
