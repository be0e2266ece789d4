"""The legal-document citation parser: phrasings, refusals, the seed plan, keys."""

from __future__ import annotations

import time
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from hub.text.citations import (
    Citation,
    DocumentType,
    find_citations,
    is_document_number,
    normalise_number,
    number_key,
    type_from_number,
    unique_numbers,
)

T = DocumentType
DATA = Path(__file__).resolve().parent / "data"
# A byte-for-byte copy of ../shared/seed/ke-hoach-thu-nghiem-cong-ttdt-ha-noi.txt.
SEED_COPY = DATA / "ke-hoach-seed.txt"


def only(text: str) -> Citation:
    found = find_citations(text)
    assert len(found) == 1, found
    return found[0]


def assert_spans_match(text: str, found: list[Citation]) -> None:
    for citation in found:
        assert text[citation.start : citation.end] == citation.text


# (text, number, type, date): one citation each.
PHRASINGS: list[tuple[str, str, DocumentType | None, date | None]] = [
    (
        "Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ",
        "42/2022/NĐ-CP",
        T.NGHI_DINH,
        date(2022, 6, 24),
    ),
    ("theo Nghị định 42/2022/NĐ-CP về cung cấp thông tin", "42/2022/NĐ-CP", T.NGHI_DINH, None),
    ("Nghị định số: 42/2022/NĐ-CP", "42/2022/NĐ-CP", T.NGHI_DINH, None),
    ("căn cứ nghị định số 42/2022/NĐ-CP", "42/2022/NĐ-CP", T.NGHI_DINH, None),
    ("Nghị Định Số 42/2022/NĐ-CP Ngày 24/06/2022", "42/2022/NĐ-CP", T.NGHI_DINH, date(2022, 6, 24)),
    ("NGHỊ ĐỊNH SỐ 42/2022/NĐ-CP NGÀY 24/6/2022", "42/2022/NĐ-CP", T.NGHI_DINH, date(2022, 6, 24)),
    (
        "Nghị định số\n42/2022/NĐ-CP ngày\n24/6/2022",
        "42/2022/NĐ-CP",
        T.NGHI_DINH,
        date(2022, 6, 24),
    ),
    (
        "Nghị   định  số    42/2022/NĐ-CP   ngày  24/6/2022",
        "42/2022/NĐ-CP",
        T.NGHI_DINH,
        date(2022, 6, 24),
    ),
    ("Nghị định số 42/2022/NĐ-CP ngày 24-6-2022.", "42/2022/NĐ-CP", T.NGHI_DINH, date(2022, 6, 24)),
    ("Nghị định số 42 / 2022 / NĐ - CP của Chính phủ", "42/2022/NĐ-CP", T.NGHI_DINH, None),
    ("Nghị định số 42/2022/NĐ–CP (dấu gạch ngang dài)", "42/2022/NĐ-CP", T.NGHI_DINH, None),
    (
        "nghi dinh so 42/2022/ND-CP ngay 24 thang 6 nam 2022",
        "42/2022/ND-CP",
        T.NGHI_DINH,
        date(2022, 6, 24),
    ),
    (
        "Thông tư số 22/2023/TT-BTTTT ngày 29/12/2023",
        "22/2023/TT-BTTTT",
        T.THONG_TU,
        date(2023, 12, 29),
    ),
    (
        "Thông tư liên tịch số 12/2015/TTLT-BTC-BNV",
        "12/2015/TTLT-BTC-BNV",
        T.THONG_TU_LIEN_TICH,
        None,
    ),
    ("Quyết định số 1628/QĐ-UBND ngày 5/3/2024", "1628/QĐ-UBND", T.QUYET_DINH, date(2024, 3, 5)),
    (
        "Quyết định số 123/QĐ-TTg ngày 5 tháng 3 năm 2024",
        "123/QĐ-TTg",
        T.QUYET_DINH,
        date(2024, 3, 5),
    ),
    (
        "Quyết định số 6745/QĐ-UBND ngày 31.12.2023",
        "6745/QĐ-UBND",
        T.QUYET_DINH,
        date(2023, 12, 31),
    ),
    ("Kế hoạch số 139/KH-UBND ngày 06/5/2024", "139/KH-UBND", T.KE_HOACH, date(2024, 5, 6)),
    (
        "Nghị quyết số 01/2026/NQ-HĐND ngày 09 tháng 01 năm 2026",
        "01/2026/NQ-HĐND",
        T.NGHI_QUYET,
        date(2026, 1, 9),
    ),
    (
        "Nghị quyết số 202/2025/QH15 ngày 12/6/2025",
        "202/2025/QH15",
        T.NGHI_QUYET,
        date(2025, 6, 12),
    ),
    (
        "Nghị quyết số 1656/NQ-UBTVQH15 ngày 16/6/2025",
        "1656/NQ-UBTVQH15",
        T.NGHI_QUYET,
        date(2025, 6, 16),
    ),
    ("Luật số 72/2025/QH15", "72/2025/QH15", T.LUAT, None),
    (
        "Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16/6/2025",
        "72/2025/QH15",
        T.LUAT,
        date(2025, 6, 16),
    ),
    ("Bộ luật Lao động số 45/2019/QH14", "45/2019/QH14", T.BO_LUAT, None),
    ("Pháp lệnh số 02/2022/UBTVQH15", "02/2022/UBTVQH15", T.PHAP_LENH, None),
    ("Lệnh số 05/2025/L-CTN công bố Luật", "05/2025/L-CTN", T.LENH, None),
    ("Chỉ thị số 05/CT-TTg ngày 24-6-2022", "05/CT-TTg", T.CHI_THI, date(2022, 6, 24)),
    ("Công văn số 3913/VP-TTĐT ngày 05/4/2024", "3913/VP-TTĐT", T.CONG_VAN, date(2024, 4, 5)),
    ("Công điện số 47/CĐ-TTg", "47/CĐ-TTg", T.CONG_DIEN, None),
    ("Thông báo số 45/TB-VPCP ngày 01/02/2024", "45/TB-VPCP", T.THONG_BAO, date(2024, 2, 1)),
    ("Báo cáo số 210/BC-UBND", "210/BC-UBND", T.BAO_CAO, None),
    ("Tờ trình số 15/TTr-UBND", "15/TTr-UBND", T.TO_TRINH, None),
    ("Hướng dẫn số 07/HD-SNV", "07/HD-SNV", T.HUONG_DAN, None),
    (
        "Văn bản hợp nhất số 15/VBHN-VPQH ngày 10/12/2018",
        "15/VBHN-VPQH",
        T.VAN_BAN_HOP_NHAT,
        date(2018, 12, 10),
    ),
    # The type word wins over the symbol's code.
    ("Kế hoạch số 1628/QĐ-UBND", "1628/QĐ-UBND", T.KE_HOACH, None),
    # No type word: the symbol's code tells.
    ("căn cứ 1628/QĐ-UBND và các quy định", "1628/QĐ-UBND", T.QUYET_DINH, None),
    ("xem 42/2022/NĐ-CP", "42/2022/NĐ-CP", T.NGHI_DINH, None),
    ("theo văn bản số 567/SNV ngày 3/1/2025", "567/SNV", T.CONG_VAN, date(2025, 1, 3)),
    ("văn bản quy phạm pháp luật số 42/2022/NĐ-CP", "42/2022/NĐ-CP", T.NGHI_DINH, None),
    # A law or an assembly resolution: the symbol alone cannot tell.
    ("theo 72/2025/QH15", "72/2025/QH15", None, None),
    # Legacy converters write Ð (U+00D0) for Đ.
    ("Nghị quyết số 01/2026/NQ-HÐND", "01/2026/NQ-HĐND", T.NGHI_QUYET, None),
    # Punctuation after the number is not part of it.
    ("(Nghị định số 42/2022/NĐ-CP)", "42/2022/NĐ-CP", T.NGHI_DINH, None),
    ("… tại Nghị định số 42/2022/NĐ-CP; Thông tư", "42/2022/NĐ-CP", T.NGHI_DINH, None),
    # An impossible date is not a date.
    ("Quyết định số 1628/QĐ-UBND ngày 31/2/2024", "1628/QĐ-UBND", T.QUYET_DINH, None),
    # English pages.
    (
        "Decree No. 42/2022/ND-CP dated 24 June 2022",
        "42/2022/ND-CP",
        T.NGHI_DINH,
        date(2022, 6, 24),
    ),
    (
        "Circular No. 22/2023/TT-BTTTT dated December 29, 2023",
        "22/2023/TT-BTTTT",
        T.THONG_TU,
        date(2023, 12, 29),
    ),
]


@pytest.mark.parametrize(("text", "number", "doc_type", "issued_on"), PHRASINGS)
def test_phrasing(
    text: str, number: str, doc_type: DocumentType | None, issued_on: date | None
) -> None:
    citation = only(text)
    assert citation.number == number
    assert citation.doc_type == doc_type
    assert citation.issued_on == issued_on
    assert text[citation.start : citation.end] == citation.text
    assert not citation.text.endswith((".", ";", ")", " ", "\n"))


def test_phrasings_are_many_and_distinct() -> None:
    assert len({text for text, *_ in PHRASINGS}) == len(PHRASINGS) >= 30


def test_span_covers_type_words_number_and_date() -> None:
    text = "Căn cứ Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ."
    citation = only(text)
    assert (citation.start, citation.end) == (7, 48)
    assert citation.text == "Nghị định số 42/2022/NĐ-CP ngày 24/6/2022"


def test_span_without_type_word_is_the_number() -> None:
    text = "xem 1628/QĐ-UBND."
    citation = only(text)
    assert (citation.start, citation.end, citation.text) == (4, 16, "1628/QĐ-UBND")


def test_sentence_final_dot_is_left_out() -> None:
    text = "Thực hiện Thông tư số 22/2023/TT-BTTTT."
    citation = only(text)
    assert citation.end == len(text) - 1
    assert citation.number == "22/2023/TT-BTTTT"


def test_list_after_one_type_word() -> None:
    text = "các Nghị định số 42/2022/NĐ-CP và 43/2022/NĐ-CP."
    first, second = find_citations(text)
    assert (first.number, first.doc_type) == ("42/2022/NĐ-CP", T.NGHI_DINH)
    assert (second.number, second.doc_type) == ("43/2022/NĐ-CP", T.NGHI_DINH)
    assert second.text == "43/2022/NĐ-CP"
    assert (second.start, second.end) == (34, 47)


def test_list_inherits_a_type_the_symbol_cannot_tell() -> None:
    text = "các Luật số 72/2025/QH15, 73/2025/QH15 và số 74/2025/QH15"
    found = find_citations(text)
    assert [c.number for c in found] == ["72/2025/QH15", "73/2025/QH15", "74/2025/QH15"]
    assert [c.doc_type for c in found] == [T.LUAT] * 3


def test_list_with_dates_and_mixed_types() -> None:
    text = (
        "Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 và số 43/2022/NĐ-CP ngày 25/6/2022, "
        "Quyết định số 1628/QĐ-UBND; 3913/VP-TTĐT"
    )
    found = find_citations(text)
    assert [(c.number, c.doc_type, c.issued_on) for c in found] == [
        ("42/2022/NĐ-CP", T.NGHI_DINH, date(2022, 6, 24)),
        ("43/2022/NĐ-CP", T.NGHI_DINH, date(2022, 6, 25)),
        ("1628/QĐ-UBND", T.QUYET_DINH, None),
        ("3913/VP-TTĐT", T.CONG_VAN, None),
    ]
    assert_spans_match(text, found)


def test_citing_twice_gives_two_citations() -> None:
    text = (
        "Nghị định số 42/2022/NĐ-CP … như Nghị định số 42/2022/NĐ-CP đã quy định, và 42/2022/ND-CP"
    )
    found = find_citations(text)
    assert len(found) == 3
    assert len({(c.start, c.end) for c in found}) == 3
    assert [c.start for c in found] == sorted(c.start for c in found)
    assert unique_numbers(found) == ["42/2022/NĐ-CP"]


def test_law_name_does_not_swallow_another_type_word() -> None:
    text = "Luật Tiếp cận thông tin và Nghị quyết số 202/2025/QH15"
    citation = only(text)
    assert citation.doc_type is T.NGHI_QUYET
    assert citation.text == "Nghị quyết số 202/2025/QH15"


def test_general_law_is_not_the_type_law() -> None:
    citation = only("theo pháp luật số 72/2025/QH15")
    assert citation.doc_type is None
    assert citation.text == "72/2025/QH15"


def test_nfd_input_offsets_index_the_original() -> None:
    nfc_text = "Trước đó, Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ; Quyết định số 1628/QĐ-UBND."
    text = unicodedata.normalize("NFD", nfc_text)
    assert text != nfc_text
    first, second = find_citations(text)
    assert first.number == "42/2022/NĐ-CP"
    assert unicodedata.is_normalized("NFC", first.number)
    assert (first.doc_type, first.issued_on) == (T.NGHI_DINH, date(2022, 6, 24))
    assert first.text == text[first.start : first.end]
    assert unicodedata.normalize("NFC", first.text) == "Nghị định số 42/2022/NĐ-CP ngày 24/6/2022"
    assert unicodedata.normalize("NFC", second.text) == "Quyết định số 1628/QĐ-UBND"
    assert text[second.end :] == "."


@pytest.mark.parametrize(
    "text",
    [
        "ngày 24/6/2022",
        "Hoàn thành trước 15/10/2024.",
        "tỷ lệ 3/4 số phiếu",
        "chia 50/50",
        "gọi 024.3825.3536 hoặc 0912 345 678, máy lẻ 12/3",
        "https://x.gov.vn/a/b-c",
        "https://vbpl.vn/van-ban/42/2022/ND-CP",
        "https://x.gov.vn/tra-cuu?so=42/2022/ND-CP&loai=1",
        "www.x.gov.vn/tim?q=1628/QĐ-UBND",
        "phiên bản 2.1/ABC-D, Python 3.11/Django-5",
        "trang 12-15, tr. 3/10",
        "Điều 5, khoản 1 Điều 6",
        "mức 5.000.000 đồng/tháng, 2.500.000đ/người",
        "lúc 14:30, 10h30, hoạt động 24/7",
        "QCVN 01:2021/BYT",
        "HIV/AIDS và 60 km/h",
        "nhà số 12/A phố Huế",
        "mã 3/KH không có gạch",
        "Luật Tiếp cận thông tin",
        "",
    ],
)
def test_not_a_citation(text: str) -> None:
    assert find_citations(text) == []


# Every document the seed plan cites, by hand, in order of appearance:
# (number, type, date given in that place). Not citations there: "Luật Tiếp cận
# thông tin" (no number), "Đề án 06", dates (15/10/2024), "24/7", domains.
SEED_EXPECTED: list[tuple[str, DocumentType | None, date | None]] = [
    # Preamble ("Thực hiện …")
    ("139/KH-UBND", T.KE_HOACH, date(2024, 5, 6)),
    ("42/2022/NĐ-CP", T.NGHI_DINH, date(2022, 6, 24)),
    ("6745/QĐ-UBND", T.QUYET_DINH, date(2023, 12, 31)),
    ("54/KH-UBND", T.KE_HOACH, date(2024, 2, 8)),
    ("3913/VP-TTĐT", T.CONG_VAN, date(2024, 4, 5)),
    # "Để việc triển khai …"
    ("139/KH-UBND", T.KE_HOACH, None),
    ("42/2022/NĐ-CP", T.NGHI_DINH, None),
    ("22/2023/TT-BTTTT", T.THONG_TU, None),
    # I.1 Mục đích
    ("139/KH-UBND", T.KE_HOACH, None),
    ("42/2022/NĐ-CP", T.NGHI_DINH, None),
    ("22/2023/TT-BTTTT", T.THONG_TU, None),
    ("139/KH-UBND", T.KE_HOACH, None),
    ("54/KH-UBND", T.KE_HOACH, date(2024, 2, 8)),
    # II.1 Hệ thống thông tin văn bản; Công báo điện tử
    ("42/2022/NĐ-CP", T.NGHI_DINH, None),
    ("80/2015/QH13", T.LUAT, date(2015, 6, 22)),
    # II.3 Trang Cải cách hành chính
    ("54/KH-UBND", T.KE_HOACH, date(2024, 2, 8)),
]


def test_seed_plan_citations_exactly() -> None:
    text = SEED_COPY.read_text(encoding="utf-8")
    found = find_citations(text)
    assert [(c.number, c.doc_type, c.issued_on) for c in found] == SEED_EXPECTED
    assert_spans_match(text, found)
    law = found[14]
    assert law.text == "Luật ban hành văn bản quy phạm pháp luật số 80/2015/QH13 ngày 22/6/2015"
    assert unique_numbers(found) == [
        "139/KH-UBND",
        "42/2022/NĐ-CP",
        "6745/QĐ-UBND",
        "54/KH-UBND",
        "3913/VP-TTĐT",
        "22/2023/TT-BTTTT",
        "80/2015/QH13",
    ]


@pytest.mark.parametrize(
    "raw",
    [
        "42/2022/NĐ-CP",
        "42/2022/nđ-cp",
        "42/2022/ND-CP",
        "42/2022/nd-cp",
        "42 / 2022 / NĐ - CP",
        "Số: 42/2022/NĐ-CP",
        "số 42/2022/NĐ-CP.",
        "42/2022/NĐ–CP",
        "42∕2022∕NĐ-CP",
        "42/2022/NÐ-CP",
        " 42/2022/NĐ-CP\n",
        unicodedata.normalize("NFD", "42/2022/NĐ-CP"),
    ],
)
def test_number_key_equivalences(raw: str) -> None:
    assert number_key(raw) == "42/2022/nd-cp"


def test_number_key_drops_leading_zeros_of_the_serial_only() -> None:
    assert number_key("01/2026/NQ-HĐND") == number_key("1/2026/nq-hdnd") == "1/2026/nq-hdnd"
    assert number_key("100/QĐ-UBND") == "100/qd-ubnd"
    assert number_key("0/QĐ-UBND") == "0/qd-ubnd"


def test_number_key_keeps_distinct_numbers_apart() -> None:
    keys = {
        number_key(raw)
        for raw in (
            "42/2022/NĐ-CP",
            "43/2022/NĐ-CP",
            "42/2021/NĐ-CP",
            "42/NĐ-CP",
            "42/2022/TT-CP",
            "10/2022/NĐ-CP",
        )
    }
    assert len(keys) == 6


def test_number_key_is_idempotent_and_never_raises() -> None:
    for raw in ("42/2022/NĐ-CP", "Quyết định 1628", "42/2022", "", "   ", "Điều 5"):
        key = number_key(raw)
        assert number_key(key) == key
    assert number_key("") == ""
    assert number_key("42 / 2022") == "42/2022"


def test_citation_number_key_matches_the_function() -> None:
    citation = only("Nghị quyết số 01/2026/NQ-HĐND")
    assert citation.number_key == number_key("1/2026/NQ-HDND") == "1/2026/nq-hdnd"


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("42/2022/NĐ-CP", "42/2022/NĐ-CP"),
        ("42/2022/nđ-cp", "42/2022/NĐ-CP"),
        ("42 / 2022 / NĐ - CP", "42/2022/NĐ-CP"),
        (" Số: 123/qđ-ttg. ", "123/QĐ-TTg"),
        ("123/QĐ-TTG", "123/QĐ-TTg"),
        ("15/ttr-ubnd", "15/TTr-UBND"),
        ("01/2026/NQ-HÐND", "01/2026/NQ-HĐND"),
        ("12/2015/ttlt-btc-bnv", "12/2015/TTLT-BTC-BNV"),
        ("72/2025/qh15", "72/2025/QH15"),
        ("1656/NQ–UBTVQH15", "1656/NQ-UBTVQH15"),
        ("No. 3913/VP-TTĐT", "3913/VP-TTĐT"),
        (unicodedata.normalize("NFD", "139/KH-UBND của Thành phố")[:11], "139/KH-UBND"),
        (unicodedata.normalize("NFD", "5/QĐ-TƯ"), "5/QĐ-TƯ"),
    ],
)
def test_normalise_number(raw: str, canonical: str) -> None:
    assert normalise_number(raw) == canonical
    assert unicodedata.is_normalized("NFC", normalise_number(raw))
    assert number_key(normalise_number(raw)) == number_key(raw)


@pytest.mark.parametrize(
    "raw", ["", "   ", "24/6/2022", "3/4", "Điều 5", "abc", "42/2022/", "/NĐ-CP", "42/2022/NĐ CP"]
)
def test_normalise_number_refuses_what_is_not_a_number(raw: str) -> None:
    with pytest.raises(ValueError, match="not a document number"):
        normalise_number(raw)
    assert not is_document_number(raw)


@pytest.mark.parametrize(
    ("raw", "doc_type"),
    [
        ("42/2022/NĐ-CP", T.NGHI_DINH),
        ("42/2022/ND-CP", T.NGHI_DINH),
        ("1628/QĐ-UBND", T.QUYET_DINH),
        ("123/QĐ-TTg", T.QUYET_DINH),
        ("139/KH-UBND", T.KE_HOACH),
        ("01/2026/NQ-HĐND", T.NGHI_QUYET),
        ("1656/NQ-UBTVQH15", T.NGHI_QUYET),
        ("12/2015/TTLT-BTC-BNV", T.THONG_TU_LIEN_TICH),
        ("22/2023/TT-BTTTT", T.THONG_TU),
        ("05/CT-TTg", T.CHI_THI),
        ("45/TB-VPCP", T.THONG_BAO),
        ("210/BC-UBND", T.BAO_CAO),
        ("07/HD-SNV", T.HUONG_DAN),
        ("15/VBHN-VPQH", T.VAN_BAN_HOP_NHAT),
        ("05/2025/L-CTN", T.LENH),
        ("3913/VP-TTĐT", T.CONG_VAN),
        ("72/2025/QH15", None),
        ("02/2022/UBTVQH15", None),
    ],
)
def test_type_from_number(raw: str, doc_type: DocumentType | None) -> None:
    assert type_from_number(raw) == doc_type


def test_document_types_have_names_and_stable_values() -> None:
    assert len({t.value for t in DocumentType}) == len(DocumentType)
    for doc_type in DocumentType:
        assert doc_type.value == doc_type.name.lower()
        assert doc_type.name_vi and doc_type.name_en
        assert DocumentType(doc_type.value) is doc_type
    assert T.NGHI_DINH.name_vi == "Nghị định"
    assert T.NGHI_DINH.name_en == "Decree"
    assert T.NGHI_DINH.codes == ("NĐ",)
    normative = {t for t in DocumentType if t.normative}
    assert {T.HIEN_PHAP, T.LUAT, T.BO_LUAT, T.NGHI_DINH, T.THONG_TU, T.QUYET_DINH} <= normative
    assert not normative & {T.CONG_VAN, T.KE_HOACH, T.THONG_BAO, T.VAN_BAN_HOP_NHAT, T.CHI_THI}


def test_one_megabyte_parses_quickly() -> None:
    seed = SEED_COPY.read_text(encoding="utf-8")
    filler = "Giá 5.000.000 đồng/tháng, tỷ lệ 3/4, ngày 24/6/2022, https://x.gov.vn/a/b-c. "
    chunk = seed + filler * 20
    text = (chunk * (1_000_000 // len(chunk) + 1))[:1_000_000]
    started = time.perf_counter()
    found = find_citations(text)
    elapsed = time.perf_counter() - started
    assert len(found) > 1_000
    # A guard against quadratic behaviour, not a benchmark: it takes ~0.2 s.
    assert elapsed < 3.0, elapsed
