"""Redress shared library.

Hand-written: `redress.kernel` (what services import), `redress.dev` (local tooling:
broker launcher, platform, CLI, demo, replay) and `redress.text`. Everything else under
redress/<package>/v1/ is generated from protos/ by `make protos`.
"""
