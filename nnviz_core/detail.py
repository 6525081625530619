"""How much of a network the first view draws: ``detail: auto`` keeps it within a card budget.

A real model expands to hundreds of layers (GPT-2: 272, BERT: 287), and a page that draws them
all is unreadable. With ``detail: auto`` (the default) a drawing that would pass
:data:`CARD_BUDGET` cards draws each repeat once (``fold_repeats``), then collapses nested groups
to the deepest level that fits (``depth``); ``detail: full`` draws everything. What the author set
explicitly always wins: a given ``fold_repeats`` or ``depth`` is kept, and only the other one is
chosen. A drawing within the budget is left exactly as it is, so short specs never change.

This runs once, between loading and layout, for every host (:func:`nnviz_core.api.lay_out`); the
Graphviz export (``to_dot``, Keras ``model_to_dot`` parity) does not use it and stays exact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any, Protocol, TypeVar, runtime_checkable

from nnviz_core.budget import drawn_nodes
from nnviz_core.ir import Graph
from nnviz_core.ir.transforms import group_depth
from nnviz_core.narrowing import narrowed
from nnviz_core.options import StyleOptions

__all__ = [
    "CARD_BUDGET",
    "CARD_BUDGETS",
    "CardCounter",
    "Detail",
    "card_budget",
    "choose",
    "coarser",
    "drawn_detail",
    "fit_detail",
    "less_detail",
]

#: Cards (drawn layers) a first view shows at most under ``detail: auto`` on a page: about what
#: a docs column holds with legible text. Larger networks fold repeats and collapse groups.
CARD_BUDGET = 60
#: The budget per canvas: a slide or a printed page holds fewer cards at its text floor than a
#: page that scrolls (``nnviz_core.canvas``).
CARD_BUDGETS = {"page": CARD_BUDGET, "none": CARD_BUDGET, "paper": 36, "slide": 24}


def card_budget(options: object) -> int:
    """The card budget of the canvas ``options`` draw for (a page's for options without one)."""
    return CARD_BUDGETS.get(str(getattr(options, "fit", "page")), CARD_BUDGET)


T = TypeVar("T")


@dataclass(frozen=True)
class Detail:
    """What is drawn of one graph: whether repeats fold, the depth, and the cards that makes."""

    fold: bool
    depth: int | None
    cards: int


#: Cards a drawing shows with these ``fold_repeats`` and ``depth`` values.
Counter = Callable[[bool, "int | None"], int]


@runtime_checkable
class CardCounter(Protocol):
    """A style that counts its own cards (``fcnn``: columns and boxes, not layers)."""

    def cards(self, graph: Graph, options: Any) -> int: ...


def fit_detail(graph: Graph, options: T, budget: int | None = None, style: object = None) -> T:
    """``options`` with ``fold_repeats`` and ``depth`` decided: explicit values kept, the rest
    chosen so the drawing stays within ``budget`` cards (``detail: auto``; by default the budget
    of the options' canvas) or draws all (``full``).

    Cards are the layers drawn, unless ``style`` counts its own (a ``cards`` method).
    Options without these fields (a style with options of its own) come back unchanged.
    """
    if not isinstance(options, StyleOptions):
        return options
    if options.detail == "full":
        return replace(options, fold_repeats=bool(options.fold_repeats))
    fitted = options  # typed as StyleOptions for the counter below

    def count(fold: bool, depth: int | None) -> int:
        trial = replace(fitted, fold_repeats=fold, depth=depth)
        if isinstance(style, CardCounter):
            return style.cards(graph, trial)
        fans = int(getattr(trial, "fold_fans", 0))
        return len(drawn_nodes(graph, depth, fold, fans))

    limit = card_budget(options) if budget is None else budget
    chosen = choose(graph, options.fold_repeats, options.depth, limit, count)
    return replace(options, fold_repeats=chosen.fold, depth=chosen.depth)


def choose(
    graph: Graph, fold: bool | None, depth: int | None, budget: int, count: Counter
) -> Detail:
    """The least folding that keeps ``graph`` within ``budget`` cards, given what is fixed.

    Folding repeats comes first (it hides only copies); collapsing groups comes next, to the
    deepest level that fits, or level 0 (every top-level group one card) when none does.
    """
    cards = count(bool(fold), depth)
    if cards <= budget:
        return Detail(bool(fold), depth, cards)
    if fold is None and any(group.kind == "repeat" for group in graph.groups):
        fold = True
        cards = count(fold, depth)
        if cards <= budget:
            return Detail(fold, depth, cards)
    fold = bool(fold)
    if depth is not None or not graph.groups:
        return Detail(fold, depth, cards)
    deepest = max(group_depth(graph, group) for group in graph.groups)
    chosen = _deepest_fitting(deepest, fold, budget, count)
    return Detail(fold, chosen, count(fold, chosen))


def _deepest_fitting(below: int, fold: bool, budget: int, count: Counter) -> int:
    """The largest depth under ``below`` whose drawing fits ``budget`` (counts grow with depth),
    or 0 when even that does not fit."""
    low, high, found = 0, below - 1, 0
    while low <= high:
        middle = (low + high) // 2
        if count(fold, middle) <= budget:
            found, low = middle, middle + 1
        else:
            high = middle - 1
    return found


def drawn_detail(graph: Graph, options: Any, style: object = None) -> Detail:
    """What a style draws of ``graph`` with ``options`` once :func:`fit_detail` has decided."""
    fitted = fit_detail(graph, options, style=style)
    fold, depth = bool(fitted.fold_repeats), fitted.depth
    if isinstance(style, CardCounter):
        return Detail(fold, depth, style.cards(graph, fitted))
    fans = int(getattr(fitted, "fold_fans", 0))
    return Detail(fold, depth, len(drawn_nodes(graph, depth, fold, fans)))


def less_detail(graph: Graph, asked: Any, fitted: Any) -> Iterator[tuple[Graph, Any]]:
    """What ``detail: auto`` draws when ``fitted`` reads below its canvas's floor, least taken
    away first: each :func:`coarser` view as it is and then with its wide groups closed
    (:mod:`nnviz_core.narrowing`; ``fitted`` too, once its repeats are folded, since folding
    hides only copies). Only under ``detail: auto``; groups close only when the author gave no
    ``depth``."""
    if not isinstance(asked, StyleOptions) or asked.detail == "full":
        return
    repeats = any(group.kind == "repeat" for group in graph.groups)
    for index, options in enumerate((fitted, *coarser(graph, asked, fitted))):
        if index:
            yield graph, options
        unfolded = repeats and not options.fold_repeats and asked.fold_repeats is None
        if asked.depth is None and not unfolded:
            yield from ((narrow, options) for narrow in narrowed(graph, options))


def coarser(graph: Graph, asked: Any, fitted: Any) -> Iterator[Any]:
    """Options drawing less than ``fitted``, least first: what ``detail: auto`` tries when the
    drawing it chose by count still reads below its canvas's floor (a slide holds fewer cards
    than a page). Only what the author left open (``asked``) changes: repeats fold first, then
    nested groups collapse one level at a time down to the top-level groups.
    """
    if not isinstance(asked, StyleOptions) or asked.detail == "full":
        return
    fold = bool(fitted.fold_repeats)
    if asked.fold_repeats is None and not fold and any(g.kind == "repeat" for g in graph.groups):
        fold = True
        yield replace(fitted, fold_repeats=True)
    if asked.depth is not None or not graph.groups:
        return
    deepest = max(group_depth(graph, group) for group in graph.groups)
    start = deepest - 1 if fitted.depth is None else fitted.depth - 1
    for depth in range(start, -1, -1):
        yield replace(fitted, fold_repeats=fold, depth=depth)
