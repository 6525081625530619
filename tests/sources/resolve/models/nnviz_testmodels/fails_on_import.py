"""A module whose import raises, like code that needs a service at import time."""

raise RuntimeError("database 'models' is not reachable")
