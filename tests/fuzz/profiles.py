"""Hypothesis settings of the fuzz suite: a bounded, reproducible CI profile and a deep one.

``fuzz-ci`` (every ``make test``): a fixed number of examples per test, chosen so the whole
suite stays under a minute, derandomized so every run of the same command tries the same inputs
(hypothesis also mixes in literals from the modules loaded, so ``pytest tests/fuzz`` and the
whole suite try slightly different, each reproducible, sets). ``fuzz-deep``
(``make fuzz``, or any run with ``NNVIZ_FUZZ_EXAMPLES=N``): N inputs in total, shared out by each
test's weight, fresh random inputs each run, no shrinking (failures are recorded, not raised).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

_COMMON = {
    "deadline": None,  # hangs are measured by outcome.settle, on the input alone
    "database": None,  # no .hypothesis folder in the work tree
    "suppress_health_check": list(HealthCheck),
    "print_blob": False,
}
settings.register_profile("fuzz-ci", derandomize=True, **_COMMON)
settings.register_profile("fuzz-deep", derandomize=False, phases=[Phase.generate], **_COMMON)

TOTAL = int(os.environ.get("NNVIZ_FUZZ_EXAMPLES", "0") or 0)
PROFILE = "fuzz-deep" if TOTAL else "fuzz-ci"
#: Each test's share of a deep run's inputs (they add up to 1).
SHARES = {
    "specs": 0.3,
    "mutated": 0.15,
    "options": 0.15,
    "history": 0.15,
    "prototxt": 0.15,
    "round_trip": 0.1,
}


def fuzz_settings(name: str, ci_examples: int) -> settings:
    """The settings of one fuzz test: ``ci_examples`` on CI, its share of a deep run otherwise."""
    examples = max(1, round(TOTAL * SHARES[name])) if TOTAL else ci_examples
    return settings(settings.get_profile(PROFILE), max_examples=examples)
