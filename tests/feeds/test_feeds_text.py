from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from feeds.text import clean_line, clean_text, paragraphs_html


def test_control_characters_are_removed_and_separators_become_spaces() -> None:
    assert clean_text("a\x00b\x1fc\ufffe\uffff\ud800") == "abc"
    assert clean_line("Thông báo\x0blịch\x0c tháng 1") == "Thông báo lịch tháng 1"


def test_text_is_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Thu Hương")
    assert clean_text(decomposed) == "Thu Hương"
    assert unicodedata.is_normalized("NFC", clean_text(decomposed))


def test_paragraphs_are_escaped() -> None:
    assert paragraphs_html(["‹niềm vui> & <b>", " "]) == "<p>‹niềm vui&gt; &amp; &lt;b&gt;</p>"


@given(st.text())
def test_any_cleaned_text_is_legal_xml(value: str) -> None:
    element = etree.Element("t")
    element.text = clean_text(value)  # lxml raises ValueError on illegal characters
    assert etree.fromstring(etree.tostring(element)).text in (None, element.text)
