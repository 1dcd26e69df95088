"""Category suggestions from the customer's words, in English, Turkish and Greek."""
import pytest

from redress.types.v1 import complaint_pb2 as types
from redress.text import normalise
from redress_intake.categories import suggest_category


@pytest.mark.parametrize("text, category", [
    ("The waiter brought our food late and it was cold.", types.CATEGORY_FOOD_LATE_OR_COLD),
    ("I was on hold for 40 minutes, press 1, press 2...", types.CATEGORY_PHONE_MENU_MAZE),
    ("She said it was company policy and she couldn't help.", types.CATEGORY_CONDUCT_POLICY_EXCUSE),
    ("They told me to log in to the website to fix it.", types.CATEGORY_CONDUCT_SENT_TO_WEBSITE),
    ("Yemek soğuk geldi ve garson ilgilenmedi.", types.CATEGORY_FOOD_LATE_OR_COLD),
    ("İADE istedim, fişim olduğu halde geri almadılar.", types.CATEGORY_RETURN_POLICY_NOT_HONOURED),
    ("Satış görevlisi çok ısrarcı, zorla satmaya çalıştı.", types.CATEGORY_STAFF_PUSHY),
    ("Ζήτησα τον υπεύθυνο αλλά αρνήθηκε να φωνάξει τον υπεύθυνο.", types.CATEGORY_CONDUCT_REFUSED_ESCALATION),
    ("ΜΕ ΚΑΤΗΓΟΡΗΣΕ ότι φταίω εγώ!", types.CATEGORY_CONDUCT_BLAMED_CUSTOMER),
    ("Μιλούσα με ρομπότ, όχι με άνθρωπο.", types.CATEGORY_ROBOT_SERVICE),
    ("Nothing in particular.", types.CATEGORY_OTHER),
    ("both bottles were fine", types.CATEGORY_OTHER),
])
def test_suggestion(text, category):
    assert types.Category.Name(suggest_category(text)) == types.Category.Name(category)


def test_normalise_folds_turkish_and_greek():
    assert normalise("İADE") == normalise("iade")
    assert normalise("ΚΑΤΗΓΌΡΗΣΕ") == normalise("κατηγορησε")
