import pytest

from crawler.spiders.checks import body_problem, looks_truncated, utf8_instead

PAGE = "<html><body><p>Phú Thọ</p></body></html>".encode()


@pytest.mark.parametrize(
    ("body", "ctype", "kind", "expected"),
    [
        (PAGE, "text/html; charset=utf-8", "article", None),
        (b"  \n", "text/html", "article", "empty_body"),
        (b"%PDF-1.4", "application/pdf", "article", "not_html"),
        (bytes(range(256)), "text/html", "listing", "binary_body"),
        (b"<urlset/>", "application/xml", "sitemap", None),
        (b"\x1f\x8b...", "application/x-gzip", "sitemap", None),
        (b"%PDF", "application/pdf", "feed", "not_xml"),
        (b"<rss/>", "application/x-rss+xml", "feed", None),
        (PAGE, None, "article", None),
    ],
)
def test_body_problem(body: bytes, ctype: str | None, kind: str, expected: str | None) -> None:
    assert body_problem(body, ctype, kind) == expected


def test_a_page_cut_before_its_end_is_truncated() -> None:
    assert not looks_truncated(PAGE)
    assert looks_truncated(PAGE[: len(PAGE) // 2])
    assert not looks_truncated(b"<HTML><BODY>x</BODY>\n</HTML>\n")


def test_utf8_mislabelled_as_latin1_is_read_as_utf8() -> None:
    assert utf8_instead(PAGE, "cp1252") == PAGE.decode("utf-8")
    assert utf8_instead(PAGE, "utf-8") is None
    assert utf8_instead(b"<p>plain</p>", "cp1252") is None
    assert utf8_instead("<p>café</p>".encode("latin-1"), "cp1252") is None
