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
