"""Glue between the store and the feed publisher: which feeds, which items."""

from __future__ import annotations

from crawler.model import PortalInfo, StoredArticle
from crawler.profiles import Profile
from crawler.store.store import Store
from feeds.keywords import match_keyword_feeds
from feeds.paths import FeedSpec, feed_specs
from feeds.publish import PublishReport, publish
from feeds.websub import changed_feed_urls, ping_hub
from portalfeed.config import Config
from portalfeed.health import HISTORY, HealthPolicy, portal_health


def portal_infos(store: Store, profiles: dict[str, Profile],
                 health: HealthPolicy | None = None,
                 with_articles: set[str] | None = None) -> dict[str, PortalInfo]:
    """Portals the public pages speak of: enabled ones and any that has articles (a
    disabled profile, e.g. the demo's fixture portal, stays off an operator's index)."""
    shown = {n: p for n, p in profiles.items()
             if p.enabled or with_articles is None or n in with_articles}
    return {
        name: PortalInfo(name=name, title=p.title, home=p.base_url,
                         ttl_minutes=p.interval_minutes, last_success=store.last_success(name),
                         health=portal_health(store.runs(name, limit=HISTORY), health).state)
        for name, p in shown.items()
    }


def publish_from_store(store: Store, config: Config,
                       profiles: dict[str, Profile]) -> PublishReport:
    """Every feed from the store's newest items; files whose bytes are unchanged stay."""
    keys = store.feed_keys()
    specs = feed_specs(keys)
    groups = {
        spec: store.newest(portal=spec.portal, topic=spec.topic, limit=config.feed_limit)
        for spec in specs
    }
    groups.update(keyword_groups(store, config))
    portals = portal_infos(store, profiles, HealthPolicy(failing_after=config.health_failing_after),
                           with_articles={portal for portal, _topics in keys})
    ttl = min((p.ttl_minutes for p in portals.values()), default=60)
    report = publish(groups, config.public_path, base_url=config.base_url, portals=portals,
                     ttl_minutes=ttl, hub_url=config.hub_url or None)
    if config.hub_url:
        notify_hub(report, config)
    return report


def keyword_groups(store: Store, config: Config) -> dict[FeedSpec, list[StoredArticle]]:
    """The configured keyword feeds, matched over the newest `keyword_scan_limit` articles."""
    if not config.keyword_feeds:
        return {}
    window = store.newest_window(config.keyword_scan_limit)
    return match_keyword_feeds(window, config.keyword_feeds, config.feed_limit)


def notify_hub(report: PublishReport, config: Config) -> None:
    """Ping the WebSub hub for every feed file this publish wrote; failures only count."""
    urls = changed_feed_urls(report.written, config.base_url)
    if urls:
        pings = ping_hub(config.hub_url, urls, user_agent=config.user_agent)
        report.hub_pings_sent, report.hub_pings_failed = len(pings.sent), len(pings.failed)
