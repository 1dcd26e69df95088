"""A text classifier over the folded text's character n-grams (they cope with Turkish and
Greek endings, and with text typed without accents) and its words: TF-IDF and a linear
model, trained deterministically. It says how sure it is and which words drove it."""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from redress.text.folding import normalise

WORD = re.compile(r"\w+", re.UNICODE)
COMMON_SHARE = 0.05  # a word in more of the training texts than this is no evidence ("this", "about")
SHARPNESS = 8.0  # decision scores to confidences: softmax(score * SHARPNESS), fitted on held-out examples


@dataclass(frozen=True)
class Verdict:
    label: str
    confidence: float  # 0-1: the label's share of a softmax over the labels' scores
    evidence: tuple[str, ...]  # the words that pushed most towards it, strongest first


def _common_words(texts: list[str]) -> frozenset[str]:
    seen: dict[str, int] = {}
    for text in texts:
        for word in {normalise(w) for w in WORD.findall(text)}:
            seen[word] = seen.get(word, 0) + 1
    return frozenset(w for w, n in seen.items() if n > COMMON_SHARE * len(texts))


class Classifier:
    def __init__(self, texts: list[str], labels: list[str], quick: bool = False):
        """`quick`: character n-grams only, for easy tasks (which language); else words too."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import RidgeClassifier
        from sklearn.pipeline import make_union

        chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), preprocessor=normalise, sublinear_tf=True)
        words = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), preprocessor=normalise, sublinear_tf=True,
                                token_pattern=r"(?u)\b\w+\b")
        self._vectorizer = chars if quick else make_union(chars, words)
        self._model = RidgeClassifier(alpha=0.5)
        self._model.fit(self._vectorizer.fit_transform(texts), labels)
        self.labels = [str(label) for label in self._model.classes_]
        self._common = _common_words(texts)

    def _scores(self, features) -> np.ndarray:
        # The model's decision function, with its weights transposed into contiguous memory once:
        # scikit-learn's own copies the whole weight matrix on every call (about 4 ms a text).
        if getattr(self, "_weights", None) is None:
            self._weights = np.ascontiguousarray(np.atleast_2d(self._model.coef_).T)
        scores = np.asarray(features @ self._weights) + self._model.intercept_
        if len(self.labels) == 2:  # one column: the second label's score
            scores = np.hstack([-scores, scores])
        return scores

    def judge(self, text: str, evidence: int = 3) -> Verdict:
        scores = self._scores(self._vectorizer.transform([text]))[0] * SHARPNESS
        shares = np.exp(scores - scores.max())
        shares /= shares.sum()
        best = int(shares.argmax())
        return Verdict(self.labels[best], round(float(shares[best]), 3), self._evidence(text, best, evidence))

    def _evidence(self, text: str, index: int, count: int) -> tuple[str, ...]:
        words = list(dict.fromkeys(w for w in WORD.findall(text) if len(w) > 3 and normalise(w) not in self._common))
        if not words:
            return ()
        scores = self._scores(self._vectorizer.transform(words))[:, index] - self._model_intercept(index)
        ranked = sorted(zip(scores, words), key=lambda sw: -sw[0])
        return tuple(w for s, w in ranked[:count] if s > 0)

    def _model_intercept(self, index: int) -> float:
        intercept = np.atleast_1d(self._model.intercept_)
        if len(self.labels) == 2:
            return float(-intercept[0] if index == 0 else intercept[0])
        return float(intercept[index])
