"""``python -m nnviz_core`` runs the ``nnviz`` command."""

import sys

from nnviz_core.cli import main

sys.exit(main())
