"""Making strings safe for XML 1.0 feeds and HTML pages."""

from __future__ import annotations

import html
import re
import unicodedata

# Everything outside the XML 1.0 `Char` production: C0 controls except tab, LF and
# CR, lone surrogates, U+FFFE and U+FFFF. One such character makes a whole feed
# unparseable, so none may reach the output.
_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Vertical tab and form feed separate words in the source; dropping them would glue
# the words together.
_SEPARATORS = str.maketrans({"\x0b": " ", "\x0c": " "})
_SPACES = re.compile(r"\s+")


def clean_text(value: str | None) -> str:
    """NFC text with nothing XML 1.0 forbids; line breaks and spacing are kept."""
    if not value:
        return ""
    return unicodedata.normalize("NFC", _XML_ILLEGAL.sub("", value.translate(_SEPARATORS)))


def clean_line(value: str | None) -> str:
    """`clean_text` on one line: runs of whitespace become one space."""
    return _SPACES.sub(" ", clean_text(value)).strip()


def paragraphs_html(paragraphs: list[str]) -> str:
    """Plain-text paragraphs as escaped `<p>` elements."""
    return "".join(f"<p>{html.escape(text)}</p>" for text in map(clean_line, paragraphs) if text)


def figure_html(url: str, caption: str | None) -> str:
    caption_text = clean_line(caption)
    img = f'<img src="{html.escape(clean_line(url))}" alt="{html.escape(caption_text)}">'
    if not caption_text:
        return f"<figure>{img}</figure>"
    return f"<figure>{img}<figcaption>{html.escape(caption_text)}</figcaption></figure>"
