from pathlib import Path

from crawler.extract.attachments import document_type, find_attachments

PAGE = "https://p.vn/vi/quyet-dinh"


def test_document_types_by_extension() -> None:
    assert document_type("https://p.vn/files/QD-123.PDF") == "application/pdf"
    assert document_type("https://p.vn/files/a.docx?x=1").endswith("wordprocessingml.document")
    assert document_type("https://p.vn/files/bang.xls") == "application/vnd.ms-excel"
    assert document_type("https://p.vn/vi/bai-viet") is None
    assert document_type("https://p.vn/files.pdf/") is None


def test_attachments_in_order_once_each_with_titles() -> None:
    links = [("/files/qd-123.pdf", " Quyết định\n số 123 "), ("/vi/khac", "Bài khác"),
             ("/files/qd-123.pdf", "lần nữa"), ("ke-hoach.xlsx", ""), ("javascript:void(0)", "x")]
    assert find_attachments(links, PAGE) == [
        {"url": "https://p.vn/files/qd-123.pdf", "type": "application/pdf",
         "title": "Quyết định số 123"},
        {"url": "https://p.vn/vi/ke-hoach.xlsx",
         "type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "title": "ke-hoach.xlsx"},
    ]


def test_attachments_are_looked_for_in_the_body_of_the_pages_own_layout(tmp_path) -> None:
    """A page of a profile's second layout: only the documents in its body are the
    article's, not the ones in the page chrome."""
    from scrapy.http import HtmlResponse

    from crawler.spiders.portal import PortalSpider

    repo = Path(__file__).resolve().parents[3]
    (tmp_path / "slug.toml").write_text(
        (repo / "seeds/families/slug-nid/profile.toml").read_text(encoding="utf-8"),
        encoding="utf-8")
    spider = PortalSpider(portal="slug-nid-fixture", profiles_dir=str(tmp_path))
    page = ('<html><body><div class="sidebar"><a href="/bieu-mau.pdf">Biểu mẫu</a></div>'
            '<div class="chitiet-baiviet"><h1 class="tieude">TIÊU ĐỀ</h1>'
            '<div class="noidung-chitiet"><p>Nội dung.</p>'
            '<a href="/quyet-dinh.pdf">Quyết định</a></div></div></body></html>')
    response = HtmlResponse(spider.profile.base_url + "bai-viet-n1", body=page.encode(),
                            encoding="utf-8")
    found = [a["url"] for a in spider._attachments(response)]
    assert found == [spider.profile.base_url + "quyet-dinh.pdf"]
