"""References a customer quotes: a complaint's (RDR-XXXX-XXXX, as intake gives them) and
their own order numbers."""
from __future__ import annotations

import re

from redress.text.folding import normalise

REFERENCE = re.compile(r"(?<![0-9A-Z])RDR[-\s]?([0-9A-HJKMNP-TV-Z]{4})[-\s]?([0-9A-HJKMNP-TV-Z]{4})(?![0-9A-Z])",
                       re.IGNORECASE)


def complaint_references(text: str) -> list[str]:
    """The complaint references in the text, as intake writes them (RDR-7KQ2-M9XD)."""
    return list(dict.fromkeys(f"RDR-{a.upper()}-{b.upper()}" for a, b in REFERENCE.findall(text)))


def mentions(text: str, order_reference: str) -> bool:
    """Whether the text quotes this order reference (as a whole token, any case)."""
    wanted = normalise(order_reference.strip())
    if len(wanted) < 4:
        return False  # too short to be told from ordinary numbers and words
    return re.search(r"(?<!\w)" + re.escape(wanted) + r"(?!\w)", normalise(text)) is not None
