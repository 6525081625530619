"""Odd values every fuzz strategy mixes in: extreme numbers and text with control characters."""

from __future__ import annotations

from hypothesis import strategies as st

#: Integers at the edges: zero, negatives, machine limits, and past what a float can hold.
EXTREME_INTS = st.sampled_from(
    [0, -1, 1, 2, 3, 7, 64, 255, 2**15, 2**31 - 1, 2**31, 2**53 + 1, 2**63, 2**64, 10**20, 10**400]
)
EXTREME_FLOATS = st.sampled_from(
    [
        0.0,
        -0.0,
        0.5,
        1.0,
        -1.0,
        1e-300,
        5e-324,
        1e308,
        -1e308,
        float("inf"),
        float("-inf"),
        float("nan"),
    ]
)
#: Text users paste: control characters, bidi overrides, combining marks, emoji, markup.
ODD_PIECES = [
    "\x00", "\x07", "\x08", "\t", "\n", "\r", "\x0b", "\x1b[31m", "\x7f", "\x85", "\u2028",
    "\u202e", "\u0301", "\ufeff", "\u200b", "😀", "ℝ", "×", "<", ">", "&", "&amp;", '"', "'",
    "]]>", "<script>", "{", "}", "$", "${x}", "%s", "\\", "$filters", "#", ":", "- ", "…",
]  # fmt: skip
ODD_TEXT = st.one_of(
    st.text(max_size=12),
    st.lists(st.sampled_from(ODD_PIECES) | st.text(max_size=3), max_size=5).map("".join),
    st.text(st.characters(codec="utf-8"), min_size=50, max_size=300),
)
PLAIN_NAMES = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)


def small_ints(low: int = 1, high: int = 64) -> st.SearchStrategy[int]:
    return st.integers(min_value=low, max_value=high)


#: Any scalar, plausible or not, for a value that expects something specific.
ANY_SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    small_ints(-2, 9),
    EXTREME_INTS,
    EXTREME_FLOATS,
    st.floats(allow_nan=True, allow_infinity=True),
    ODD_TEXT,
)
