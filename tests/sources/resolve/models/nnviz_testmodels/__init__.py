"""Tiny models for the model-source tests, imported by path as users' code would be."""
