"""Intake: complaints in from every channel, the customer known across channels."""
