"""Print the host style sheet, so ``nnviz.css`` can be regenerated after a palette change."""

from nnviz_core.themes import host_css

print(host_css(), end="")
