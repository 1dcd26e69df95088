"""The kernel every Redress service stands on: the log, commands, streams, the gRPC edge."""
