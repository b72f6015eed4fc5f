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
    log_level: str = "INFO"

    @property
    def database_url(self) -> str:
        return self.db_url or f"sqlite:///{self.workdir / 'data' / 'portalfeed.sqlite3'}"

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
    if config.feed_limit < 1:
        raise ConfigError(f"feed_limit must be at least 1, got {config.feed_limit}")
    if not config.base_url.startswith(("http://", "https://")):
        raise ConfigError(f"base_url must be an absolute http(s) URL, got {config.base_url!r}")
    if not config.base_url.endswith("/"):
        config = replace(config, base_url=config.base_url + "/")
    return config


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
        expected = int if known[key] == "int" else str
        if not isinstance(value, expected) or isinstance(value, bool):
            raise ConfigError(f"{path}: {key} must be {expected.__name__}, got {value!r}")
    return dict(table)


def _coerce(key: str, raw: str, kind: object) -> object:
    if kind == "int":
        try:
            return int(raw)
        except ValueError:
            raise ConfigError(f"{key} must be a whole number, got {raw!r}") from None
    return raw
