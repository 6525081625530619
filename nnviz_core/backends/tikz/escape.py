"""Text for LaTeX: every character of a label set as itself in pdflatex, lualatex and xelatex.

ASCII characters TeX gives a meaning to (``# $ % & ~ _ ^ \\ { }``, and ``< > |`` that the old
OT1 encoding draws as other glyphs) become text commands; pairs TeX would join into a ligature
(``--``, ``''``, ``!`\\``) are kept apart; symbols a network diagram uses (× → ⊕ ℝ σ ² …) become
math or text commands that every engine and font has; accented letters become accent commands
(``é`` → ``\\'{e}``), which OT1, T1 and Unicode fonts all set. Any other character goes through
``\\nnvizglyph``: itself under a Unicode engine, a visible ``?`` under pdflatex (which cannot set
it at all), so a figure always compiles. Control characters become spaces (a label is one line).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["BB_MACRO", "GLYPH_MACRO", "escape"]

#: The fallback for characters with no command: the character itself where the engine reads
#: Unicode (LuaTeX and XeTeX define ``\Umathcode``), a ``?`` under pdflatex.
GLYPH_MACRO = r"\providecommand\nnvizglyph[2]{\ifdefined\Umathcode#1\else#2\fi}"
#: Blackboard letters (ℝ) with ``amssymb``'s ``\mathbb`` when the document loads it, bold else.
BB_MACRO = (
    r"\providecommand\nnvizbb[1]{\ensuremath{\ifdefined\mathbb\mathbb{#1}\else\mathbf{#1}\fi}}"
)

_ASCII = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    '"': r"\textquotedbl{}",
}
_MATH = {
    "×": r"\times",
    "·": r"\cdot",
    "÷": r"\div",
    "±": r"\pm",
    "−": "-",
    "→": r"\rightarrow",
    "←": r"\leftarrow",
    "↔": r"\leftrightarrow",
    "⇒": r"\Rightarrow",
    "↑": r"\uparrow",
    "↓": r"\downarrow",
    "≤": r"\leq",
    "≥": r"\geq",
    "≠": r"\neq",
    "≈": r"\approx",
    "∼": r"\sim",
    "∞": r"\infty",
    "⊕": r"\oplus",
    "⊗": r"\otimes",
    "⊙": r"\odot",
    "∑": r"\sum",
    "∏": r"\prod",
    "√": r"\surd",
    "∈": r"\in",
    "∘": r"\circ",
    "∗": r"\ast",
    "∂": r"\partial",
    "∇": r"\nabla",
    "′": r"\prime",
    "σ": r"\sigma",
    "ς": r"\varsigma",
    "ε": r"\epsilon",
    "ϵ": r"\epsilon",
}
_GREEK = "alpha beta gamma delta zeta eta theta iota kappa lambda mu nu xi pi rho tau upsilon "
_GREEK += "phi chi psi omega"
_GREEK_UPPER = {"Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Ξ": "Xi", "Π": "Pi"}
_GREEK_UPPER |= {"Σ": "Sigma", "Υ": "Upsilon", "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega"}
_TEXT = {
    "…": r"\dots{}",
    "–": "--",
    "—": "---",
    "‘": "`",
    "’": "'",
    "“": "``",
    "”": "''",
    "•": r"\textbullet{}",
    "°": r"\textdegree{}",
    "\u00a0": "~",
    "ℝ": r"\nnvizbb{R}",
    "ℕ": r"\nnvizbb{N}",
    "ℤ": r"\nnvizbb{Z}",
    "ℚ": r"\nnvizbb{Q}",
    "ℂ": r"\nnvizbb{C}",
}
_SCRIPTS = {"super": "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ", "sub": "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎"}
_PLAIN = {"super": "0123456789+-=()ni", "sub": "0123456789+-=()"}
#: Combining marks (code points) and the accent commands every LaTeX font encoding knows.
_ACCENTS = {
    0x0300: "`",
    0x0301: "'",
    0x0302: "^",
    0x0303: "~",
    0x0304: "=",
    0x0306: "u",
    0x0307: ".",
    0x0308: '"',
    0x030A: "r",
    0x030B: "H",
    0x030C: "v",
    0x0327: "c",
}
#: Pairs that Computer Modern / Latin Modern set as one glyph (–, ”, “, ¡, ¿, „, «, »).
_LIGATURE = {"--", "''", "``", "!`", "?`", ",,", "<<", ">>"}


def _table() -> dict[str, str]:
    table = dict(_ASCII)
    table |= {char: rf"\ensuremath{{{command}}}" for char, command in _MATH.items()}
    for name in _GREEK.split():
        unicode_name = name.upper().replace("LAMBDA", "LAMDA")  # Unicode's spelling
        char = unicodedata.lookup(f"GREEK SMALL LETTER {unicode_name}")
        table[char] = rf"\ensuremath{{\{name}}}"
    table |= {char: rf"\ensuremath{{\{name}}}" for char, name in _GREEK_UPPER.items()}
    table |= _TEXT
    for kind, command in (("super", r"\textsuperscript"), ("sub", r"\textsubscript")):
        for char, plain in zip(_SCRIPTS[kind], _PLAIN[kind], strict=True):
            table[char] = f"{command}{{{_math_sign(plain)}}}"
    return table


def _math_sign(char: str) -> str:
    """Signs inside scripts as math, so ``⁻¹`` prints a minus rather than a hyphen."""
    return {"-": r"\ensuremath{-}", "+": r"\ensuremath{+}", "=": r"\ensuremath{=}"}.get(char, char)


_COMMANDS = _table()


@lru_cache(maxsize=4096)
def _char(char: str) -> str:
    """One character as LaTeX input."""
    found = _COMMANDS.get(char)
    if found is not None:
        return found
    if " " <= char <= "~":
        return char
    if not char.isprintable():
        return " "
    return _accented(char) or rf"\nnvizglyph{{{char}}}{{?}}"


def _accented(char: str) -> str | None:
    """``é`` as ``\\'{e}``: a letter and the accents of its canonical decomposition."""
    parts = unicodedata.normalize("NFD", char)
    base, marks = parts[0], parts[1:]
    if not marks or not (" " < base <= "~") or base in _ASCII:
        return None
    text = base
    for mark in marks:
        accent = _ACCENTS.get(ord(mark))
        if accent is None:
            return None
        text = rf"\{accent}{{{text}}}"
    return text


@lru_cache(maxsize=4096)
def escape(text: str) -> str:
    """``text`` as LaTeX input that sets exactly these characters, on one line."""
    parts: list[str] = []
    previous = ""
    for char in text:
        if previous + char in _LIGATURE:
            parts.append("{}")
        if char == " " and previous == " ":
            parts.append("\\ ")  # TeX would merge a run of spaces into one
        else:
            parts.append(_char(char))
        previous = char
    return "".join(parts)


def uses_glyph(text: str) -> bool:
    """Whether the escaped text needs ``\\nnvizglyph``."""
    return "\\nnvizglyph" in text


def uses_bb(text: str) -> bool:
    """Whether the escaped text needs ``\\nnvizbb``."""
    return "\\nnvizbb" in text
