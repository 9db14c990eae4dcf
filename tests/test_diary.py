"""Diary numbers: every real form is found and normalised; look-alikes are not."""
import pytest

from generator.diary import DiaryNumber, DiaryScheme

SCHEME = DiaryScheme(["SN", "KS", "KF", "VoN"])

FOUND = [
    ("(SN 2012:195)", "SN 2012:195"),
    ("SN/2012:195", "SN 2012:195"),
    ("Dnr SN/2012:195", "SN 2012:195"),
    ("SN Dnr 2018:90", "SN 2018:90"),
    ("Dnr SN/2017:233/", "SN 2017:233"),
    ("KS//2016:111", "KS 2016:111"),
    ("(SN\n2012:17)", "SN 2012:17"),
    ("(von/2012:87)", "VoN 2012:87"),
    ("… Lex Sarah SN 2018:54", "SN 2018:54"),
    ("diarie nr SN 2011:118.", "SN 2011:118"),
    ("**Diarienummer:** SN 2018:167", "SN 2018:167"),
    ("KS/2011:4729", "KS 2011:4729"),
    ("SN 2012:0195", "SN 2012:195"),
]

NOT_NUMBERS = [
    "alkohollagen (2010:1622)",    # statute number: no prefix
    "kommunallagen (2017:725)",
    "(SOU 2017:101)",               # government inquiry
    "dnr 17/01798",
    "dnr 013742-2017",
    "KS-2016/1015.912",             # Huddinge's form
    "HBS 2018/18",                  # another body's series
    "Org.nr 212000-2882",
    "EU-förordningen (679/2016)",
    "KS § 184",
]

FLAGGED = [("SN 2016:xx", "placeholder"), ("KS/2017:79.007", "foreign"), ("KS/2017:79:042", "foreign"),
           ("(SN 201245)", "malformed")]


@pytest.mark.parametrize("text,canonical", FOUND)
def test_real_forms_are_found_and_normalised(text, canonical):
    mentions = [m for m in SCHEME.find(text) if m.number]
    assert [str(m.number) for m in mentions] == [canonical]


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_look_alikes_are_not_diary_numbers(text):
    assert SCHEME.numbers(text) == []


@pytest.mark.parametrize("text,problem", FLAGGED)
def test_placeholders_and_malformed_numbers_are_flagged_not_linked(text, problem):
    mentions = SCHEME.find(text)
    assert [(m.number, m.problem) for m in mentions] == [(None, problem)]


def test_unknown_prefix_is_not_a_diary_number():
    assert SCHEME.numbers("UN 2012:5") == []
    assert DiaryScheme(["UN"]).numbers("UN 2012:5") == [DiaryNumber("UN", 2012, 5)]


def test_canonical_form_and_stable_slug():
    number = SCHEME.parse("Dnr SN/2012:195/")
    assert (str(number), number.slug) == ("SN 2012:195", "sn-2012-195")
    assert SCHEME.parse("SN 2012:195 och mer") is None


def test_numbers_keeps_order_of_first_mention_without_repeats():
    text = "SN 2012:17 och SN/2012:16, åter SN 2012:17"
    assert [str(n) for n in SCHEME.numbers(text)] == ["SN 2012:17", "SN 2012:16"]
