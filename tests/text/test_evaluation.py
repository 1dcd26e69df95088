"""`make eval-text`'s figures as a test: held-out category accuracy (90% overall, 85% in
English, Turkish and Greek), the conduct guard right on every labelled line, and the
intent to go public found on held-out lines."""
from redress.dev import eval_text


def test_categories_on_examples_the_classifier_did_not_learn_from():
    scores = eval_text.categories()
    assert scores["all"].total >= 100
    assert scores["all"].rate >= 0.90, scores["all"].misses
    for language in ("en", "tr", "el"):
        assert scores[language].total >= 30 and scores[language].rate >= 0.85, (language, scores[language].misses)


def test_the_conduct_guard_refuses_every_bad_line_and_allows_every_good_one():
    scores = eval_text.conduct()
    assert scores["refuse"].total >= 90 and scores["allow"].total >= 90
    assert scores["refuse"].rate == 1.0, scores["refuse"].misses
    assert scores["allow"].rate == 1.0, scores["allow"].misses


def test_an_intent_to_go_public_on_lines_the_classifier_did_not_learn_from():
    scores = eval_text.intents()
    assert scores["whether"].total >= 30 and scores["whether"].rate >= 0.85, scores["whether"].misses
    assert scores["where"].rate >= 0.8, scores["where"].misses


def test_the_sentiment_of_public_posts_on_lines_the_classifier_did_not_learn_from():
    scores = eval_text.sentiments()
    assert scores["all"].total >= 150 and scores["all"].rate >= 0.7, scores["all"].misses
