"""Print the generated op reference (Markdown) for ``docs/language.md``."""

from nnviz_core.ir.ops.reference import markdown

print(markdown(), end="")
