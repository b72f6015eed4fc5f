"""Which portals the public index speaks of."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from crawler.model import Article
from crawler.normalize.dates import VN_TZ
from crawler.profiles import BUILTIN_DIR, load_profiles
from crawler.store.store import Store
from portalfeed.config import load_config
from portalfeed.publishing import publish_from_store


def test_disabled_portals_without_articles_stay_off_the_index(tmp_path: Path) -> None:
    config = load_config(tmp_path, env={})
    profiles = load_profiles(BUILTIN_DIR)
    assert not any(p.enabled for p in profiles.values())  # both shipped profiles are disabled
    store = Store(config.database_url)
    try:
        publish_from_store(store, config, profiles)
        index = (config.public_path / "index.html").read_text(encoding="utf-8")
        assert "phutho.fixture.test" not in index
        assert "https://phutho.gov.vn/" not in index
        store.upsert(Article(title="Tin thử", url="https://phutho.fixture.test/vi/tin-thu",
                             portal="phutho-fixture", body=["Nội dung tin thử."],
                             topics=["kinh-te"],
                             published=datetime(2024, 3, 1, 8, 0, tzinfo=VN_TZ),
                             published_precision="datetime"),
                     datetime(2024, 3, 1, 9, 0, tzinfo=VN_TZ))
        publish_from_store(store, config, profiles)
        index = (config.public_path / "index.html").read_text(encoding="utf-8")
        assert "https://phutho.fixture.test/" in index  # it has articles now
        assert "https://phutho.gov.vn/" not in index
    finally:
        store.close()
