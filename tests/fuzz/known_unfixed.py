"""KNOWN_UNFIXED: the crash classes of issue 19 that other branches fix, tolerated until merged.

The fuzz strategies keep generating these inputs (nothing is filtered out); a failure that one
of these predicates recognises is counted as "known" instead of failing the suite. Whoever
merges the fixes empties this list — then any such input that still fails is a crash again.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from outcome import Failure


@dataclass(frozen=True)
class Known:
    """One crash class: the issue 19 item that fixes it and how to recognise a failure of it."""

    item: int
    what: str
    matches: Callable[[Failure], bool]


def _error(failure: Failure, kind: type[BaseException], *words: str) -> bool:
    text = str(failure.error)
    return isinstance(failure.error, kind) and all(word in text for word in words)


def _not_finite(value: Any) -> bool:
    try:
        return not math.isfinite(float(value))
    except (TypeError, ValueError, OverflowError):
        return isinstance(value, str) and value.strip().lower() in ("1e400", "-1e400")


def _nan_or_inf_option(failure: Failure) -> bool:
    """Item 3: NaN or an infinity passes a float option's range check, then breaks the layout."""
    odd = any(_not_finite(value) for value in failure.options.values())
    return odd and isinstance(failure.error, ValueError | OverflowError | ZeroDivisionError)


def _huge_number(failure: Failure) -> bool:
    """Item 4: an integer past ~1.8e308 overflows a float in shape inference or layout."""
    return isinstance(failure.error, OverflowError) and (
        "int too large to convert to float" in str(failure.error)
        or "cannot convert float infinity" in str(failure.error)
        or "too large" in str(failure.error)
    )


def _control_character_in_group_label(failure: Failure) -> bool:
    """Item 7: a control character in a group or repeat label reaches Graphviz unescaped."""
    return "not well-formed" in str(failure.error) or "in label of graph" in str(failure.error)


def _history_inf_tick(failure: Failure) -> bool:
    """Item 8: ``inf`` in a training log reaches the tick maker."""
    return _error(failure, ValueError, "tick range must be finite")


def _history_pptx_control_character(failure: Failure) -> bool:
    """Item 8: a control character in a CSV column name breaks the PPTX chart XML."""
    return type(failure.error).__name__ in ("XMLSyntaxError", "ValueError") and (
        "XML compatible" in str(failure.error) or "PCDATA" in str(failure.error)
    )


def _wide_merge_is_slow(failure: Failure) -> bool:
    """Item 2: a merge of hundreds of branches is quadratic in the styles."""
    return failure.kind == "hang" and failure.widest_merge >= 200


KNOWN_UNFIXED: list[Known] = [
    Known(3, "NaN/inf float options", _nan_or_inf_option),
    Known(4, "integers past 1.8e308 (OverflowError)", _huge_number),
    Known(
        7,
        "control characters in group/repeat labels (Graphviz error)",
        _control_character_in_group_label,
    ),
    Known(8, "history: inf ticks", _history_inf_tick),
    Known(
        8,
        "history: control characters in CSV column names in PPTX",
        _history_pptx_control_character,
    ),
    Known(2, "quadratic wide merges", _wide_merge_is_slow),
]


def known(failure: Failure) -> Known | None:
    """The known class this failure belongs to, if any."""
    return next((entry for entry in KNOWN_UNFIXED if entry.matches(failure)), None)
