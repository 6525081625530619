"""Keras tests run on the torch backend; chosen here, before anything imports keras.

The source itself never sets ``KERAS_BACKEND``: users keep the backend they configured.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"
