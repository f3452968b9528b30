from hypothesis import given
from hypothesis import strategies as st

from ocop.common.text import clean_text, fold, nfc, vi_sort_key


def test_fold_drops_accents_and_maps_d_bar():
    assert fold("Nước mắm Đông Hải") == "nuoc mam dong hai"
    assert fold("  HTX  Thái   An ") == "htx thai an"
    assert fold("đĐ") == "dd"


def test_fold_treats_composed_and_decomposed_input_the_same():
    composed = nfc("Phước Thuận")
    decomposed = "Phu\u031bo\u031b\u0301c Thua\u0302\u0323n"
    assert composed != decomposed
    assert fold(composed) == fold(decomposed) == "phuoc thuan"


def test_clean_text_normalises_to_nfc_and_collapses_spaces():
    assert clean_text(" Ba\u0300u  Tru\u0301c ") == "Bàu Trúc"
    assert clean_text(None) == ""


def test_vietnamese_alphabetical_order():
    names = ["Đông Hải", "Ân Nghĩa", "Bàu Trúc", "Ăn uống", "Dương", "An Hải", "Ê Đê", "Ơn", "Ô Cấp", "Ưu", "Uyên"]
    expected = ["An Hải", "Ăn uống", "Ân Nghĩa", "Bàu Trúc", "Dương", "Đông Hải", "Ê Đê", "Ô Cấp", "Ơn", "Uyên", "Ưu"]
    assert sorted(names, key=vi_sort_key) == expected


def test_tones_only_break_ties_between_the_same_letters():
    assert sorted(["má", "ma", "mà", "mạ", "mả", "mã", "mb"], key=vi_sort_key) == [
        "ma",
        "mà",
        "mả",
        "mã",
        "má",
        "mạ",
        "mb",
    ]


@given(st.text())
def test_fold_is_idempotent_and_ascii_for_vietnamese(text):
    once = fold(text)
    assert fold(once) == once


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ "))
def test_folded_vietnamese_is_plain_ascii(text):
    assert fold(text).isascii()
