"""Understanding what people write, in any language, once for every service: folding
(case, accents, Turkish i, Greek sigma), language, the complaint's category, the conduct
guard, a stated intent to go public, and references quoted in the text.

    folding.py     normalise, any_phrase
    language.py    which language a text is in (CLD3, whose model ships in its wheel)
    classifier.py  a text classifier over character n-grams, trained from data/ at first use
    category.py    the category of a complaint, with its confidence and evidence
    intent.py      a customer's stated intent to go public, and where
    conduct.py     the conduct guard's rules (data: each service's config) and their checks
    references.py  complaint references (RDR-...) and order references quoted in a text
    corpus.py      the labelled examples in data/, and the fixed train/held-out split
"""
from redress.text.folding import any_phrase, normalise

__all__ = ["any_phrase", "normalise"]
