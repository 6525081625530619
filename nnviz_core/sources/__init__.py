"""Sources turn what users have (a YAML spec, a model, a file) into a :class:`Graph`."""
