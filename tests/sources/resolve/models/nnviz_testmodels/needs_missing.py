"""A module that imports a package that is not installed."""

import nnviz_dependency_that_is_not_installed  # noqa: F401
