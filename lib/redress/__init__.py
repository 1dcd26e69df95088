"""Redress shared library: the log, the envelope, gRPC bootstrap, auth, logging, settings.

Generated protobuf code lives beside it under redress/<package>/v1/.
"""
