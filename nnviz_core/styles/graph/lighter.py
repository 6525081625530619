"""Lighter cards for a box the drawing must shrink into: what the graph style tries, in turn,
when its cards as drawn would be read below the canvas's text floor.

Compact cards drop the key column (shapes and arguments read as themselves); terse cards keep
only the shape and activation rows, unless the author asked for ``detail: full``; terse
cards may sit closer, rank to rank, and then hold those rows on one line. Each is laid out
again by the engine, never shrunk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from nnviz_core.styles.graph.cards import Card, compact, one_row, terse
from nnviz_core.styles.graph.compose import Prepared
from nnviz_core.styles.graph.dotgen import dot_graph
from nnviz_core.styles.graph.options import GraphOptions

__all__ = ["compacted", "lighter"]

#: The rank gap terse cards are packed to (the default is 30 px): a one-row card needs less
#: air above and below it than a four-row one to read as separate.
CLOSE_RANKSEP = 18.0


def lighter(prepared: Prepared, options: GraphOptions) -> Iterator[tuple[Prepared, GraphOptions]]:
    """Ever lighter versions of ``prepared``, each with the options it is laid out with."""
    found = compacted(prepared, options)
    if found is not None:
        yield found, options
    if options.detail == "full":
        return
    tersed = _with_cards(prepared, options, terse)
    if tersed is None:
        return
    yield tersed, options
    closer = replace(options, ranksep=min(options.ranksep, CLOSE_RANKSEP))
    if options.ranksep > CLOSE_RANKSEP:
        dot = dot_graph(tersed.graph, tersed.cards, tersed.clusters, closer)
        yield replace(tersed, dot=dot), closer
    single = _with_cards(prepared, closer, one_row)
    if single is not None and single.cards != tersed.cards:
        yield single, closer


def compacted(prepared: Prepared, options: GraphOptions) -> Prepared | None:
    """``prepared`` with compact cards (no key column), or ``None`` if none has keys.

    Ranks of parallel branches (Inception) can make a layout wider than its canvas shows
    legibly; narrower cards are laid out again rather than shrunk below the text floor.
    """
    return _with_cards(prepared, options, compact)


def _with_cards(
    prepared: Prepared, options: GraphOptions, change: Callable[[Card], Card]
) -> Prepared | None:
    """``prepared`` with every card changed, or ``None`` if no card changes."""
    cards = {key: change(card) for key, card in prepared.cards.items()}
    if all(cards[key] is card for key, card in prepared.cards.items()):
        return None
    dot = dot_graph(prepared.graph, cards, prepared.clusters, options)
    return replace(prepared, cards=cards, dot=dot)
