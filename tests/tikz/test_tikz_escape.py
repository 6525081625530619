"""Labels reach LaTeX as the characters they are: specials, ligatures, symbols, any Unicode."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from nnviz_core.backends.tikz.escape import escape

GLYPH = re.compile(r"\\nnvizglyph\{(.)\}\{\?\}")


def test_tex_specials_become_commands() -> None:
    assert escape("#$%&~_^\\{}") == (
        r"\#\$\%\&\textasciitilde{}\_\textasciicircum{}\textbackslash{}\{\}"
    )
    assert (
        escape('<a|b> "q"')
        == r"\textless{}a\textbar{}b\textgreater{} \textquotedbl{}q\textquotedbl{}"
    )


def test_an_author_cannot_end_the_picture_or_open_a_group() -> None:
    assert escape(r"\end{tikzpicture} {oops") == r"\textbackslash{}end\{tikzpicture\} \{oops"


def test_ligatures_are_kept_apart() -> None:
    assert escape("a--b") == "a-{}-b"
    assert escape("''x``") == "'{}'x`{}`"
    assert escape("?`!`") == "?{}`!{}`"
    assert escape("a-b") == "a-b"


def test_symbols_of_diagrams_become_maths_or_text_commands() -> None:
    assert escape("3×3 → 8") == r"3\ensuremath{\times}3 \ensuremath{\rightarrow} 8"
    assert escape("ℝ⁸") == r"\nnvizbb{R}\textsuperscript{8}"
    assert (
        escape("x⁻¹ y₂")
        == r"x\textsuperscript{\ensuremath{-}}\textsuperscript{1} y\textsubscript{2}"
    )
    assert escape("σ λ Ω ⊕ ≤ ±") == (
        r"\ensuremath{\sigma} \ensuremath{\lambda} \ensuremath{\Omega} \ensuremath{\oplus} "
        r"\ensuremath{\leq} \ensuremath{\pm}"
    )
    assert escape("a … b – c — d") == r"a \dots{} b -- c --- d"


def test_accented_letters_become_accent_commands() -> None:
    assert escape("é ñ ő ç ǎ") == r"\'{e} \~{n} \H{o} \c{c} \v{a}"


def test_other_characters_print_in_unicode_engines_and_show_as_a_mark_in_pdflatex() -> None:
    assert escape("中😀") == r"\nnvizglyph{中}{?}\nnvizglyph{😀}{?}"


def test_line_breaks_and_controls_become_spaces_and_runs_of_spaces_stay() -> None:
    assert escape("a\nb\tc\x00d") == "a b c d"
    assert escape("a  b") == "a \\ b"


@given(st.text())
def test_any_text_is_ascii_with_balanced_braces(text: str) -> None:
    escaped = GLYPH.sub("", escape(text))
    assert escaped.isascii()
    depth = 0
    for index, char in enumerate(escaped):
        if char in "{}" and index and escaped[index - 1] == "\\":
            continue  # \{ and \} are characters, not groups
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0, escaped
    assert depth == 0, escaped
    assert "%" not in escaped.replace(r"\%", "")
    assert "\n" not in escaped
