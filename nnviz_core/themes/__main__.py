"""Print the host style sheet, so ``nnviz.css`` can be regenerated after a palette change."""

from nnviz_core.themes import _host_text

print(_host_text(), end="")
