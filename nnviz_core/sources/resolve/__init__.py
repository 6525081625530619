"""Model sources: import paths, model files and live models resolved into a :class:`Graph`.

>>> from nnviz_core.sources.resolve import load_model, model_inputs
>>> graph = load_model("mypkg.models:build", model_inputs({"model_args": '{"n": 10}'}))
... # doctest: +SKIP
"""

from nnviz_core.sources.resolve.frameworks import framework_of
from nnviz_core.sources.resolve.imports import import_object, is_import_path, module_file
from nnviz_core.sources.resolve.load import (
    MODEL_SUFFIXES,
    PICKLE_SUFFIXES,
    fingerprint,
    live_model,
    load_model,
)
from nnviz_core.sources.resolve.options import ModelInputs, SourceOptions, model_inputs

__all__ = [
    "MODEL_SUFFIXES",
    "PICKLE_SUFFIXES",
    "ModelInputs",
    "SourceOptions",
    "fingerprint",
    "framework_of",
    "import_object",
    "is_import_path",
    "live_model",
    "load_model",
    "model_inputs",
    "module_file",
]
