"""A text classifier over character n-grams of the folded text (they cope with Turkish and
Greek endings, and with text typed without accents): TF-IDF and a logistic regression,
trained deterministically. It says how sure it is and which words drove its answer."""
from __future__ import annotations

import re
from dataclasses import dataclass

from redress.text.folding import normalise

WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Verdict:
    label: str
    confidence: float  # the model's probability for the label
    evidence: tuple[str, ...]  # the words that pushed most towards it, strongest first


class Classifier:
    def __init__(self, texts: list[str], labels: list[str], c: float = 10.0):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self._vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), preprocessor=normalise,
                                           sublinear_tf=True, min_df=1)
        features = self._vectorizer.fit_transform(texts)
        self._model = LogisticRegression(C=c, max_iter=2000, random_state=0)
        self._model.fit(features, labels)
        self.labels = [str(label) for label in self._model.classes_]

    def judge(self, text: str, evidence: int = 3) -> Verdict:
        probabilities = self._model.predict_proba(self._vectorizer.transform([text]))[0]
        best = int(probabilities.argmax())
        return Verdict(self.labels[best], round(float(probabilities[best]), 3), self._evidence(text, best, evidence))

    def _evidence(self, text: str, index: int, count: int) -> tuple[str, ...]:
        words = list(dict.fromkeys(w for w in WORD.findall(text) if len(w) > 2))
        if not words:
            return ()
        scores = self._vectorizer.transform(words) @ self._class_weights(index)
        ranked = sorted(zip(scores, words), key=lambda sw: -sw[0])
        return tuple(w for s, w in ranked[:count] if s > 0)

    def _class_weights(self, index: int):
        coef = self._model.coef_
        if coef.shape[0] == 1:  # two labels: one row, for the second
            return coef[0] if index == 1 else -coef[0]
        return coef[index]
