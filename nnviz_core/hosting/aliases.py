"""Directive and fence names that stand for one style (``.. nnviz-history::`` and its fence).

An alias is the ``nnviz`` directive or fence with its style fixed; every host (Sphinx, MkDocs,
``nnviz slides``) reads this one table, so a new alias is one line here.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["ALIASES", "style_of"]

#: Directive/fence name -> the style it draws.
ALIASES: Mapping[str, str] = {"nnviz-history": "history"}


def style_of(name: str) -> str | None:
    """The style a directive or fence name fixes (``None`` for plain ``nnviz``)."""
    return ALIASES.get(name)
