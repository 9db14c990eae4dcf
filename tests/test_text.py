from datetime import date

from generator.text import long_date, slugify, sort_key


def test_slugs_fold_swedish_letters():
    assert (slugify("Återrapportering till Länsstyrelsen – projektår 3")
            == "aterrapportering-till-lansstyrelsen-projektar-3")
    assert slugify("Öppna jämförelser ø") == "oppna-jamforelser-o"


def test_swedish_collation_puts_aao_after_z():
    words = ["Örebro", "Ängelholm", "Zinkgruvan", "Åmål", "arboga", "Eslöv", "Ystad"]
    assert sorted(words, key=sort_key) == ["arboga", "Eslöv", "Ystad", "Zinkgruvan", "Åmål", "Ängelholm", "Örebro"]


def test_long_dates_in_both_languages():
    assert long_date(date(2012, 12, 11), "sv") == "11 december 2012"
    assert long_date(date(2018, 4, 24), "en") == "24 April 2018"
