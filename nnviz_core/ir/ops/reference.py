"""The op reference of ``docs/language.md``, generated from the catalogue declarations.

Run ``python -m nnviz_core.ir.ops`` to print it; a test keeps the committed page in step.
"""

from __future__ import annotations

from nnviz_core.ir.graph import CATEGORIES
from nnviz_core.ir.ops.base import Arg, Op
from nnviz_core.ir.ops.registry import ALIASES, OPS
from nnviz_core.ir.ops.values import ACTIVATIONS, expected

BEGIN = "<!-- BEGIN GENERATED OP REFERENCE: python -m nnviz_core.ir.ops -->"
END = "<!-- END GENERATED OP REFERENCE -->"


def _default(arg: Arg) -> str:
    if arg.required:
        return "required"
    if arg.checks_channels:
        return "checked only"
    value = arg.default
    if value is None:
        return "—"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    return f"`{value}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _shape_rule(op: Op) -> str:
    """The shape rule's own docstring (``Shape: ...``), so the code documents itself."""
    doc = " ".join((op.infer.__doc__ or "").split())
    assert doc.startswith("Shape: "), f"shape rule of {op.name} needs a 'Shape:' docstring"
    return _cell(doc)


def _op_section(op: Op) -> list[str]:
    aliases = sorted(alias for alias, name in ALIASES.items() if name == op.name)
    lines = [f"#### `{op.name}`", "", _cell(op.description), ""]
    facts = [f"Category `{op.category}`"]
    if op.main:
        facts.append(f"shorthand `{op.name}: value` sets `{op.main}`")
    low, high = op.arity
    if high != 1:
        facts.append("inputs: none" if high == 0 else f"inputs: {low} to {high or 'any'}")
    if aliases:
        facts.append("also spelt " + ", ".join(f"`{alias}`" for alias in aliases))
    lines += ["; ".join(facts) + ".", "", _shape_rule(op), ""]
    if op.args:
        lines += ["| argument | accepts | default | description |", "|---|---|---|---|"]
        for arg in op.args:
            names = f"`{arg.name}`" + "".join(f", `{alias}`" for alias in arg.aliases)
            row = [names, _cell(expected(op, arg)), _default(arg), _cell(arg.description)]
            lines.append("| " + " | ".join(row) + " |")
        lines.append("")
    return lines


def markdown() -> str:
    """The reference section: ops grouped by category, then the activation names."""
    lines = [
        BEGIN,
        "",
        "## Op reference",
        "",
        "Every op, by category, with its arguments, the "
        "other spellings it accepts, and its defaults.",
        "",
    ]
    for category in CATEGORIES:
        ops = [op for op in OPS.values() if op.category == category]
        if not ops:
            continue
        lines += [f"### {category.capitalize()}", ""]
        for op in ops:
            lines += _op_section(op)
    names = ", ".join(f"`{name}`" for name in ACTIVATIONS)
    lines += ["### Activation names", "", f"`activation:` accepts {names}.", "", END]
    return "\n".join(lines) + "\n"
