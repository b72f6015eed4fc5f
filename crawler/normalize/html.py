"""body_html: built from classified blocks, then sanitised by allow-list (nh3)."""

from __future__ import annotations

from html import escape

import nh3

ALLOWED_TAGS = {
    "p", "a", "img", "figure", "figcaption", "ul", "ol", "li", "table", "thead", "tbody",
    "tr", "td", "th", "blockquote", "h2", "h3", "h4", "em", "strong", "i", "b", "u", "sub",
    "sup", "br", "span",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt"}, "td": {"colspan", "rowspan"},
                      "th": {"colspan", "rowspan"}}


def sanitize(fragment: str) -> str:
    """Only the allowed tags and attributes; no scripts, styles, event handlers or
    javascript: URLs; links open as plain links."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    )


def paragraph(text: str, markup: str = "") -> str:
    return f"<p>{markup or escape(text, quote=False)}</p>"


def heading(text: str) -> str:
    return f"<h3>{escape(text, quote=False)}</h3>"


def figure(src: str, caption: str | None, alt: str = "") -> str:
    img = f'<img src="{escape(src)}" alt="{escape(alt or caption or "")}">'
    cap = f"<figcaption>{escape(caption, quote=False)}</figcaption>" if caption else ""
    return f"<figure>{img}{cap}</figure>"
