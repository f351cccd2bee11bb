"""Test settings shared by every test module.

Hypothesis runs without its per-example deadline: the properties are about behaviour, not speed (speed
targets live in benchmarks/bench.py), and on a shared CI machine one slow example is load, not a bug.
"""

from hypothesis import settings

settings.register_profile("her2_interpret", deadline=None)
settings.load_profile("her2_interpret")
