"""The one place where portalfeed's settings are defined and read.

Order: built-in defaults < `portalfeed.toml` in the working directory (or the
file named by PORTALFEED_CONFIG) < environment variables PORTALFEED_<KEY>.
Everything below the CLI receives plain values from a `Config`.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

from crawler.errors import ConfigError
from crawler.profiles import BUILTIN_DIR
from feeds.keywords import KeywordFeed, parse_keyword_feeds

CONFIG_FILE = "portalfeed.toml"


@dataclass(frozen=True)
class Config:
    workdir: Path
    db_url: str = ""  # default: a SQLite file under <workdir>/data/
    public_dir: str = "public"  # relative to workdir unless absolute
    base_url: str = "http://localhost:8080/"  # where public/ is served: feeds' self links
    feed_limit: int = 50  # items per feed
    profiles_dir: str = ""  # default: the profiles shipped in crawler/portals/
    contact_url: str = ""  # added to the User-Agent so portal admins can reach the operator
    crawl_timeout_s: int = 1800  # a crawl child still running after this is killed
    # Scheduler (`portalfeed schedule`): a crawl child asked to stop (time limit, SIGTERM)
    # is killed after this many more seconds, so a stop takes ~stop_grace_s, not forever.
    stop_grace_s: int = 5
    # A scheduled crawl that cannot start this late (all max_parallel_crawls busy, the
    # machine asleep) is skipped until its next run; 0: never skipped.  As long as a
    # crawl may take (crawl_timeout_s): with many portals due at once, a run waits for
    # a whole crawl to end before a slot frees.
    misfire_grace_s: int = 1800
    jitter_s: int = 30  # each run starts up to this many seconds late, so portals spread out
    max_parallel_crawls: int = 4  # crawl children running at once (one per portal at most)
    log_level: str = "INFO"  # Scrapy's log level: DEBUG, INFO, WARNING, ERROR or CRITICAL
    log_format: str = "text"  # text (live progress on a terminal) or json (one object a line)
    health_failing_after: int = 3  # a portal whose last N runs all failed is `failing`
    # A stored article linked again is fetched again (to catch edits) once its last
    # fetch is this many days old; 0: never (a sitemap's newer lastmod still does).
    recheck_days: int = 7
    hub_url: str = ""  # WebSub hub: feeds name it (rel="hub") and each publish pings it
    cache_max_age_s: int = 0  # Cache-Control max-age of `serve`; 0: shortest portal interval
    # Extra feeds by words or phrases ([[keyword_feeds]] tables: slug, title, words); file only.
    keyword_feeds: tuple[KeywordFeed, ...] = ()
    keyword_scan_limit: int = 5000  # keyword feeds look at this many newest articles
    # Distributed mode (docs/deployment.md): "" runs crawls locally; "redis://..." makes
    # `portalfeed schedule` only enqueue jobs, and `portalfeed worker` processes crawl them.
    broker_url: str = ""
    lock_url: str = ""  # Redis of the per-portal and scheduler locks; "": broker_url
    worker_concurrency: int = 1  # crawls one `portalfeed worker` runs at once
    # A held lock expires this long after its holder died (renewed every third of it).
    lock_ttl_s: int = 60
    # Redis hands a job nobody acknowledged to another worker after this; 0: crawl_timeout_s
    # + 300.  Shorter than a crawl is harmless (the portal lock), only wasteful.
    broker_visibility_timeout_s: int = 0
    # A publish waits this long after the first crawl that asked for it, so crawls ending
    # close together (a round of many portals) share one publish; 0: publish at once.
    publish_delay_s: int = 30

    @property
    def database_url(self) -> str:
        return self.db_url or f"sqlite:///{self.workdir / 'data' / 'portalfeed.sqlite3'}"

    @property
    def lock_redis_url(self) -> str:
        return self.lock_url or self.broker_url

    @property
    def visibility_timeout_s(self) -> int:
        return self.broker_visibility_timeout_s or self.crawl_timeout_s + 300

    @property
    def public_path(self) -> Path:
        return self.workdir / self.public_dir

    @property
    def profiles_path(self) -> Path:
        return Path(self.profiles_dir) if self.profiles_dir else BUILTIN_DIR

    @property
    def user_agent(self) -> str:
        contact = f"; +{self.contact_url}" if self.contact_url else ""
        return f"portalfeed/0.1 (news feeds of public portals{contact})"


def load_config(workdir: Path, env: Mapping[str, str] | None = None) -> Config:
    env = os.environ if env is None else env
    workdir = workdir.resolve()
    path = Path(env.get("PORTALFEED_CONFIG", workdir / CONFIG_FILE))
    values: dict[str, object] = {}
    if path.exists():
        values.update(_read_file(path))
    for f in fields(Config):
        key = f"PORTALFEED_{f.name.upper()}"
        if key in env and f.name != "workdir":
            values[f.name] = _coerce(key, env[key], f.type)
    config = replace(Config(workdir=workdir), **values)
    if not config.base_url.startswith(("http://", "https://")):
        raise ConfigError(f"base_url must be an absolute http(s) URL, got {config.base_url!r}")
    if not config.base_url.endswith("/"):
        config = replace(config, base_url=config.base_url + "/")
    _check_bounds(config)
    _check_operations(config)
    _check_feeds(config)
    _check_distributed(config)
    return config


# Numeric settings and the least value each may take.
MINIMUMS = {
    "feed_limit": 1, "crawl_timeout_s": 1, "health_failing_after": 1, "stop_grace_s": 1,
    "max_parallel_crawls": 1, "misfire_grace_s": 0, "jitter_s": 0, "cache_max_age_s": 0,
    "keyword_scan_limit": 1, "worker_concurrency": 1, "lock_ttl_s": 1, "publish_delay_s": 0,
    "broker_visibility_timeout_s": 0,
}


def _check_bounds(config: Config) -> None:
    for key, least in MINIMUMS.items():
        value = getattr(config, key)
        if value < least:
            bound = "at least 1" if least == 1 else f"{least} or more"
            raise ConfigError(f"{key} must be {bound}, got {value}")


REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


def _check_distributed(config: Config) -> None:
    for key in ("broker_url", "lock_url"):
        value = getattr(config, key)
        if value and not value.startswith(REDIS_SCHEMES):
            raise ConfigError(f"{key} must be a Redis URL (redis://host:port/db), got {value!r}")
    if config.lock_url and not config.broker_url:
        raise ConfigError("lock_url is set but broker_url is not: locks serve distributed mode")


def _check_feeds(config: Config) -> None:
    if config.hub_url and not config.hub_url.startswith(("http://", "https://")):
        raise ConfigError(f"hub_url must be an absolute http(s) URL, got {config.hub_url!r}")


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_FORMATS = ("text", "json")


def _check_operations(config: Config) -> None:
    """Values that would otherwise fail late, inside a crawl child, with a worse message."""
    if config.log_level not in LOG_LEVELS:
        raise ConfigError(f"log_level must be one of {', '.join(LOG_LEVELS)}, "
                          f"got {config.log_level!r}")
    if config.log_format not in LOG_FORMATS:
        raise ConfigError(f"log_format must be text or json, got {config.log_format!r}")


def config_sources(workdir: Path, env: Mapping[str, str] | None = None) -> dict[str, str]:
    """Where each key's value comes from: `default`, the file's path, or the variable."""
    env = os.environ if env is None else env
    path = Path(env.get("PORTALFEED_CONFIG", workdir.resolve() / CONFIG_FILE))
    table = _read_file(path) if path.exists() else {}
    sources = {}
    for f in fields(Config):
        if f.name == "workdir":
            continue
        variable = f"PORTALFEED_{f.name.upper()}"
        sources[f.name] = (variable if variable in env else
                           str(path) if f.name in table else "default")
    return sources


def _read_file(path: Path) -> dict[str, object]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    table = data.get("portalfeed", data)
    known = {f.name: f.type for f in fields(Config) if f.name != "workdir"}
    for key, value in table.items():
        if key not in known:
            raise ConfigError(f"{path}: unknown key {key!r} (known: {', '.join(sorted(known))})")
        if key == "keyword_feeds":
            continue  # a list of tables, checked below
        expected = int if known[key] == "int" else str
        if not isinstance(value, expected) or isinstance(value, bool):
            raise ConfigError(f"{path}: {key} must be {expected.__name__}, got {value!r}")
    values = dict(table)
    if "keyword_feeds" in values:
        try:
            values["keyword_feeds"] = parse_keyword_feeds(values["keyword_feeds"])
        except ValueError as exc:
            raise ConfigError(f"{path}: {exc}") from None
    return values


def _coerce(key: str, raw: str, kind: object) -> object:
    if kind not in ("int", "str"):
        raise ConfigError(f"{key}: this key can only be set in the configuration file")
    if kind == "int":
        try:
            return int(raw)
        except ValueError:
            raise ConfigError(f"{key} must be a whole number, got {raw!r}") from None
    return raw
