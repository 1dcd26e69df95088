"""Where the project's files are, for the dev tools (never for a service: an installed
service reads everything from its environment and its own package)."""
from __future__ import annotations

import os
from pathlib import Path


def _project_root() -> Path:
    if os.environ.get("REDRESS_PROJECT_ROOT"):
        return Path(os.environ["REDRESS_PROJECT_ROOT"]).resolve()
    for start in (Path.cwd(), Path(__file__).resolve()):
        for folder in (start, *start.parents):
            if (folder / "deploy" / "kafka" / "pom.xml").exists():
                return folder
    return Path.cwd()


PROJECT_ROOT = _project_root()


def dev_credentials_file() -> Path:
    return PROJECT_ROOT / "deploy" / "dev-credentials.json"
