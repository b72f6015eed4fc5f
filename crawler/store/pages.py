"""What incremental crawling remembers of pages: HTTP validators of listings and
sitemaps, aliases and rejected pages, and when each stored article was last fetched."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from crawler.store.database import StoreBase
from crawler.store.migrate import StoreError
from crawler.store.schema import ArticleRow, PageRow

# Column sizes (schema.py); PostgreSQL refuses longer values, SQLite would keep them.
URL_MAX, ETAG_MAX, LAST_MODIFIED_MAX = 2048, 512, 64


@dataclass(frozen=True)
class PageState:
    """A page the crawler saw before: its HTTP validators and the outcome of the fetch."""

    url: str
    kind: str
    fetched: datetime
    outcome: str = "ok"
    etag: str | None = None
    last_modified: str | None = None


class PageStates(StoreBase):
    """Page states, one row per canonical URL, replaced on each fetch."""

    def article_last_seen(self, portal: str) -> dict[str, datetime]:
        """Canonical URL -> when each stored article of a portal was last fetched."""
        query = select(ArticleRow.url, ArticleRow.last_seen).where(ArticleRow.portal == portal)
        with self._session() as s:
            return {url: seen for url, seen in s.execute(query)}

    def validators_for(self, portal: str) -> dict[str, PageState]:
        """Every page state of a portal, by canonical URL."""
        with self._session() as s:
            rows = s.scalars(select(PageRow).where(PageRow.portal == portal))
            return {r.url: PageState(r.url, r.kind, r.fetched, r.outcome, r.etag,
                                     r.last_modified) for r in rows}

    def save_validators(self, portal: str, pages: list[PageState]) -> None:
        """Insert or replace page states, all in one transaction (the last state of a
        URL listed twice wins).  Validators too long for their column are dropped:
        the page is then fetched without them."""
        latest = {p.url: p for p in pages if len(p.url) <= URL_MAX}
        rows = [_page_row(portal, p) for p in latest.values()]
        if not rows:
            return
        with self._session() as s:
            s.execute(_replace_pages(self.engine.dialect.name), rows)


def _page_row(portal: str, page: PageState) -> dict[str, object]:
    etag = page.etag if page.etag and len(page.etag) <= ETAG_MAX else None
    modified = page.last_modified
    modified = modified if modified and len(modified) <= LAST_MODIFIED_MAX else None
    return {"url": page.url, "portal": portal, "kind": page.kind, "etag": etag,
            "last_modified": modified, "fetched": page.fetched, "outcome": page.outcome}


def _replace_pages(dialect: str) -> object:
    """INSERT ... ON CONFLICT (url) DO UPDATE, in the dialect's own words: one
    statement, so two writers of the same page never collide."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    else:
        raise StoreError(f"unsupported database {dialect!r}: use SQLite or PostgreSQL")
    statement = dialect_insert(PageRow)
    changed = {c: statement.excluded[c] for c in
               ("portal", "kind", "etag", "last_modified", "fetched", "outcome")}
    return statement.on_conflict_do_update(index_elements=[PageRow.url], set_=changed)
