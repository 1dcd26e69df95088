"""Trained models kept on disk, so a replica starts without training: a model is stored
under a key made of its name, the labelled data, the classifier's code and scikit-learn's
version, and trained again whenever any of them changes. The directory is
REDRESS_TEXT_MODELS_DIR (default .redress/text-models); losing it costs a training."""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

from redress.text.corpus import DATA

T = TypeVar("T")
SOURCES = [Path(__file__).parent / name
           for name in ("classifier.py", "category.py", "intent.py", "language.py", "sentiment.py", "folding.py",
                        "corpus.py")]


def cache_dir() -> Path:
    return Path(os.environ.get("REDRESS_TEXT_MODELS_DIR") or Path(".redress") / "text-models")


def _key(name: str) -> str:
    import numpy
    import scipy
    import sklearn

    digest = hashlib.sha256(f"{name}/{sklearn.__version__}/{numpy.__version__}/{scipy.__version__}".encode())
    for path in sorted(DATA.rglob("*")) + SOURCES:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def seed_dirs() -> list[Path]:
    """Read-only directories of models trained ahead (the image's, REDRESS_TEXT_MODELS_SEED_DIR,
    several joined by ':'), read when the cache has none of the right key."""
    return [Path(p) for p in os.environ.get("REDRESS_TEXT_MODELS_SEED_DIR", "").split(os.pathsep) if p]


def cached(name: str, train: Callable[[], T]) -> T:
    """The model from disk when its file is whole (a SHA-256 of the pickle leads the file),
    else trained now and stored for the next start."""
    path = cache_dir() / f"{name}-{_key(name)}.pickle"
    for candidate in (path, *(seed / path.name for seed in seed_dirs())):
        loaded = _load(candidate)
        if loaded is not None:
            return loaded
    model = train()
    body = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".partial")
        with os.fdopen(handle, "wb") as out:
            out.write(hashlib.sha256(body).digest() + body)
        os.replace(partial, path)
    except OSError:
        pass  # a read-only disk: train at every start
    return model


def _load(path: Path):
    try:
        stored = path.read_bytes()
    except OSError:
        return None
    body = stored[32:]
    if hashlib.sha256(body).digest() != stored[:32]:
        return None  # torn or damaged: train again
    try:
        return pickle.loads(body)
    except Exception:  # from another library version after all: train again
        return None
