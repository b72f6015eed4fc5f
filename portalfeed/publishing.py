"""Glue between the store and the feed publisher: which feeds, which items."""

from __future__ import annotations

from crawler.model import PortalInfo
from crawler.profiles import Profile
from crawler.store.store import Store
from feeds.paths import feed_specs
from feeds.publish import PublishReport, publish
from portalfeed.config import Config


def portal_infos(store: Store, profiles: dict[str, Profile]) -> dict[str, PortalInfo]:
    return {
        name: PortalInfo(name=name, title=p.title, home=p.base_url,
                         ttl_minutes=p.interval_minutes, last_success=store.last_success(name))
        for name, p in profiles.items()
    }


def publish_from_store(store: Store, config: Config,
                       profiles: dict[str, Profile]) -> PublishReport:
    """Every feed from the store's newest items; files whose bytes are unchanged stay."""
    specs = feed_specs(store.feed_keys())
    groups = {
        spec: store.newest(portal=spec.portal, topic=spec.topic, limit=config.feed_limit)
        for spec in specs
    }
    portals = portal_infos(store, profiles)
    ttl = min((p.ttl_minutes for p in portals.values()), default=60)
    return publish(groups, config.public_path, base_url=config.base_url, portals=portals,
                   ttl_minutes=ttl)
