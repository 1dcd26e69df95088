"""Resolution: the manager's workflow, the escalation ladder, clocks and the conduct guard."""
