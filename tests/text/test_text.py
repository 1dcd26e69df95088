"""The platform's text module: folding, language, categories, references, intent to go public."""
import pytest

from redress.text import category, intent, language, normalise
from redress.text.references import complaint_references, mentions
from redress.types.v1 import complaint_pb2 as types


@pytest.mark.parametrize("text, category_", [
    ("The waiter brought our food late and it was cold.", types.CATEGORY_FOOD_LATE_OR_COLD),
    ("I was on hold for 40 minutes, press 1, press 2, and never reached a person.", types.CATEGORY_PHONE_MENU_MAZE),
    ("She said it was company policy and she couldn't help.", types.CATEGORY_CONDUCT_POLICY_EXCUSE),
    ("I called them and they told me to log in to the website to fix it myself.", types.CATEGORY_CONDUCT_SENT_TO_WEBSITE),
    ("Yemek soğuk geldi ve garson ilgilenmedi.", types.CATEGORY_FOOD_LATE_OR_COLD),
    ("İADE istedim, fişim olduğu halde geri almadılar.", types.CATEGORY_RETURN_POLICY_NOT_HONOURED),
    ("Satış görevlisi çok ısrarcı, zorla satmaya çalıştı.", types.CATEGORY_STAFF_PUSHY),
    ("Ζήτησα τον υπεύθυνο αλλά αρνήθηκε να φωνάξει τον υπεύθυνο.", types.CATEGORY_CONDUCT_REFUSED_ESCALATION),
    ("ΜΕ ΚΑΤΗΓΟΡΗΣΕ ότι φταίω εγώ για τη βλάβη!", types.CATEGORY_CONDUCT_BLAMED_CUSTOMER),
    ("Μιλούσα με ρομπότ, όχι με άνθρωπο.", types.CATEGORY_ROBOT_SERVICE),
])
def test_a_category_is_suggested_with_its_confidence_and_evidence(text, category_):
    suggestion = category.suggest(text)
    assert types.Category.Name(suggestion.category) == types.Category.Name(category_)
    assert 0 < suggestion.confidence <= 1 and suggestion.evidence and not suggestion.needs_review
    assert all(word in text for word in suggestion.evidence)


def test_an_unsure_suggestion_is_other_and_flagged_for_a_person():
    from redress.text.classifier import Classifier

    names = ["CATEGORY_FOOD_LATE_OR_COLD", "CATEGORY_ROBOT_SERVICE", "CATEGORY_STAFF_PUSHY",
             "CATEGORY_PHONE_MENU_MAZE", "CATEGORY_WEBSITE_NO_VALUE"]
    words = ["soup", "chatbot", "upsell", "keypad", "brochure"]
    small = Classifier([f"the {w} again" for w in words] * 2, names * 2)
    sure = category.suggest("the soup again", small)
    unsure = category.suggest("ΧΨΩ ΦΘ", small)  # nothing it learnt
    assert (sure.category, sure.needs_review) == (types.CATEGORY_FOOD_LATE_OR_COLD, False)
    assert (unsure.category, unsure.needs_review) == (types.CATEGORY_OTHER, True) and unsure.confidence < 0.25


@pytest.mark.parametrize("text, code", [
    ("Yemek soğuk geldi, garson çok kaba davrandı.", "tr"), ("Το φαγητό ήρθε κρύο και ο σερβιτόρος ήταν αγενής.", "el"),
    ("The food came cold and the waiter was rude to us.", "en"), ("Yemek soguk geldi garson da kaba davrandi", "tr"),
    ("Das Essen kam kalt und der Kellner war unhöflich.", "de"), ("ok", "und"),
])
def test_the_language_is_detected(text, code):
    assert language.detect(text).code == code


def test_references_are_found_however_they_are_typed():
    text = "Re: rdr-7kq2-m9xd and RDR 7KQ2 M9XE, again RDR-7KQ2-M9XD; not RDR-7KQ2-M9XDX"
    assert complaint_references(text) == ["RDR-7KQ2-M9XD", "RDR-7KQ2-M9XE"]
    assert mentions("Siparişim SP-20931 hâlâ gelmedi", "sp-20931")
    assert not mentions("Order 209311 arrived", "20931") and not mentions("ab", "ab")


@pytest.mark.parametrize("text, where", [
    ("If this is not fixed by Friday I'll post the whole story on Yelp.", "review_site"),
    ("Bu yaşadıklarımı bloguma yazacağım, herkes okusun.", "blog"),
    ("Αν δεν λυθεί, θα το γράψω στην εφημερίδα της πόλης.", "newspaper"),
    ("I'm going to tweet about this and tag your CEO.", "social"),
])
def test_an_intent_to_go_public_is_found_with_where_and_evidence(text, where):
    found = intent.stated_intent(text)
    assert found is not None and found.where == where and found.evidence


@pytest.mark.parametrize("text", [
    "I read your reviews on Yelp before booking, they were good.",
    "Gazetede ilanınızı gördüm ve siparişi verdim.",
    "The parcel arrived broken and I want a refund.",
])
def test_no_intent_is_found_where_none_is_stated(text):
    assert intent.stated_intent(text) is None


def test_normalise_folds_turkish_and_greek():
    assert normalise("İADE") == normalise("iade")
    assert normalise("ΚΑΤΗΓΌΡΗΣΕ") == normalise("κατηγορησε")


def test_the_conduct_guard_reads_every_language_in_a_mixed_message():
    from redress_resolution import policy as resolution_policy
    from redress.text.conduct import flagged

    rules = resolution_policy.load().conduct
    assert "tr/insult" in [r.name for r in flagged(rules, "Dear Ayşe, you are being aptal about this.", 3)]


def test_a_language_cld3_is_sure_of_is_not_overridden():
    assert language.detect("Waar is mijn bestelling? Ik wacht al twee weken.").code == "nl"


def test_a_damaged_model_file_is_trained_again(tmp_path, monkeypatch):
    from redress.text import models

    monkeypatch.setenv("REDRESS_TEXT_MODELS_DIR", str(tmp_path))
    assert models.cached("probe", lambda: {"trained": 1}) == {"trained": 1}
    stored = next(tmp_path.glob("probe-*.pickle"))
    stored.write_bytes(stored.read_bytes()[:-3] + b"xyz")
    assert models.cached("probe", lambda: {"trained": 2}) == {"trained": 2}
    assert models.cached("probe", lambda: {"trained": 3}) == {"trained": 2}  # stored again, whole


def test_models_trained_into_the_image_are_read_when_the_cache_has_none(tmp_path, monkeypatch):
    from redress.text import models

    monkeypatch.setenv("REDRESS_TEXT_MODELS_DIR", str(tmp_path / "built"))
    models.cached("probe", lambda: {"trained": "at build time"})
    monkeypatch.setenv("REDRESS_TEXT_MODELS_DIR", str(tmp_path / "empty-volume"))
    monkeypatch.setenv("REDRESS_TEXT_MODELS_SEED_DIR", f"{tmp_path / 'missing'}:{tmp_path / 'built'}")
    assert models.cached("probe", lambda: {"trained": "at start"}) == {"trained": "at build time"}
