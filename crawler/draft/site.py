"""Who the drafted portal is: name, title, origin, domains, and a guess at its CMS."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import html

from crawler.draft.toml_text import SiteInfo

_HOST_NOISE = frozenset({"www", "gov", "vn", "com", "net", "org", "edu", "info", "test"})
# Hints in the URL, the generator tag or the ids and classes; the first that fits wins.
_FAMILY_HINTS = (
    ("liferay-vcms", re.compile(r"vcmsviewcontent|/-/|liferay", re.I)),
    ("webcenter", re.compile(r"dDocName=", re.I)),
    ("dotnetnuke", re.compile(r"/tabid/\d+|DotNetNuke|\bdnn_", re.I)),
    ("sharepoint", re.compile(r"/Trang/[^\"']*\.aspx|SharePoint|_layouts/", re.I)),
    ("aspnet", re.compile(r"\.aspx\?nid=|__VIEWSTATE", re.I)),
    ("slug-nid", re.compile(r"^https?://\S+-n\d+(\.html?)?(\s|$)")),
    ("drupal", re.compile(r"Drupal|/node/\d+|data-drupal", re.I)),
)


def site_info(root: html.HtmlElement, article_urls: list[str], listing_url: str,
              name: str | None) -> SiteInfo:
    """The portal of the first sample article (`root` is its page)."""
    parts = urlsplit(article_urls[0])
    host = (parts.hostname or "").lower()
    return SiteInfo(
        name=name or portal_name(host),
        title=site_title(root) or host,
        base_url=f"{parts.scheme}://{parts.netloc}/",
        domains=(host.removeprefix("www."),),
        article_urls=tuple(article_urls),
        listing_url=listing_url,
        family=guess_family(article_urls[0], root),
    )


def portal_name(host: str) -> str:
    """`sokhoahoccongnghe.phutho.gov.vn` -> `sokhoahoccongnghe-phutho`."""
    labels = [p for p in host.lower().split(".") if p and p not in _HOST_NOISE]
    name = re.sub(r"[^a-z0-9-]+", "-", "-".join(labels) or "portal").strip("-")
    return name[:63] or "portal"


def site_title(root: html.HtmlElement) -> str | None:
    """`og:site_name`, else the part of `<title>` after the last separator."""
    for value in root.xpath("//meta[@property='og:site_name']/@content"):
        if value.strip():
            return " ".join(value.split())
    title = " ".join((root.findtext(".//title") or "").split())
    for sep in (" | ", " - ", " – "):
        if sep in title:
            return title.rpartition(sep)[2]
    return None


def guess_family(url: str, root: html.HtmlElement) -> str:
    """The platform the URL and markup suggest; only ever written as a comment."""
    generator = " ".join(root.xpath("//meta[@name='Generator' or @name='generator']/@content"))
    evidence = f"{url} {generator} {' '.join(root.xpath('//@id | //@class')[:400])}"
    return next((family for family, hint in _FAMILY_HINTS if hint.search(evidence)), "")
