"""Trained models kept on disk, so a replica starts without training: a model is stored
under a key made of its name, the labelled data, the classifier's code and scikit-learn's
version, and trained again whenever any of them changes. The directory is
REDRESS_TEXT_MODELS_DIR (default .redress/text-models); losing it costs a training."""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Callable, TypeVar

from redress.text.corpus import DATA

T = TypeVar("T")
SOURCES = [Path(__file__).parent / name for name in ("classifier.py", "category.py", "intent.py", "language.py")]


def cache_dir() -> Path:
    return Path(os.environ.get("REDRESS_TEXT_MODELS_DIR") or Path(".redress") / "text-models")


def _key(name: str) -> str:
    import sklearn

    digest = hashlib.sha256(f"{name}/{sklearn.__version__}".encode())
    for path in sorted(DATA.rglob("*")) + SOURCES:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def cached(name: str, train: Callable[[], T]) -> T:
    path = cache_dir() / f"{name}-{_key(name)}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    model = train()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.partial")
        partial.write_bytes(pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, path)
    except OSError:
        pass  # a read-only disk: train at every start
    return model
