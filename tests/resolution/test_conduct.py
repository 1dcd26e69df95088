"""The conduct rules, in English, Turkish and Greek."""
import pytest

from redress.types.v1 import complaint_pb2 as types
from redress_resolution import policy
from redress_resolution.conduct import flagged

RULES = policy.load().conduct


@pytest.mark.parametrize("text, rule", [
    ("Don't be stupid, read the label.", "en/insult"),
    ("Stop complaining, it is not our problem.", "en/dismissal"),
    ("Sorry, it's company policy.", "en/company-policy"),
    ("Maybe if you watched your weight...", "en/personal-remark"),
    ("This is your own fault.", "en/blaming-the-customer"),
    ("There is no one above me, I won't put you through.", "en/refusing-escalation"),
    ("We apologise for any inconvenience this may have caused.", "en/scripted-non-answer"),
    ("Siz de biraz aptal mısınız?", "tr/insult"),
    ("ŞİRKET POLİTİKASI böyle, yapabileceğim bir şey yok.", "tr/company-policy"),
    ("Müdürle görüşemezsiniz.", "tr/refusing-escalation"),
    ("Είναι πολιτική της εταιρείας.", "el/company-policy"),
    ("ΔΕΝ ΕΊΝΑΙ ΔΙΚΌ ΜΑΣ ΠΡΌΒΛΗΜΑ.", "el/dismissal"),
    ("Φταίτε εσείς.", "el/blaming-the-customer"),
])
def test_bad_conduct_is_flagged_by_rule(text, rule):
    assert rule in [r.name for r in flagged(RULES, text, types.CHANNEL_EMAIL)]


@pytest.mark.parametrize("text", [
    "We are very sorry. We have refunded your meal and spoken to the team.",
    "Yaşadığınız sorun için gerçekten özür dileriz; ücretinizi iade ettik.",
    "Ζητούμε συγγνώμη. Σας επιστρέψαμε τα χρήματα.",
    "Yaşadığınız sorun için çok özür dileriz. İade politikamız gereği ürün bedelinin tamamını kartınıza iade ettik.",
    "It was entirely our fault, not yours, and under our return policy the refund is already on its way.",
])
def test_a_good_message_passes(text):
    assert flagged(RULES, text, types.CHANNEL_PHONE) == []


def test_the_website_rule_is_only_for_phone_customers():
    text = "Please log in to the website to see your order."
    assert [r.name for r in flagged(RULES, text, types.CHANNEL_PHONE)] == ["en/website-for-phone-customer"]
    assert flagged(RULES, text, types.CHANNEL_EMAIL) == []
