"""CMS-family profiles: what a platform shares, merged under a site profile.

A family file (`families/<family>.toml`) is a partial profile without the
portal's identity.  A site profile that says `family = "drupal"` is deep-merged
over it: table by table, key by key, a key the site sets replaces the family's
value (lists included).  Layout versions are the exception: the site's own come
first, then the family's, so a site adds a layout without restating the rest.

Families are looked up in the `families/` folder next to the site profile (an
operator's profiles directory) before the built-in one.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from crawler.errors import ProfileError

BUILTIN_FAMILIES = Path(__file__).parent / "portals" / "families"
# The portal's identity: a family describes a platform, never one portal.
SITE_ONLY_KEYS = ("name", "title", "base_url", "domains", "aliases", "parent", "merged_from",
                  "family")


def family_dirs(profile_dir: Path) -> tuple[Path, ...]:
    """Where a profile in `profile_dir` finds its family, first match wins."""
    local = profile_dir / "families"
    if local.resolve() == BUILTIN_FAMILIES.resolve():
        return (BUILTIN_FAMILIES,)
    return (local, BUILTIN_FAMILIES)


def family_names(profile_dir: Path = BUILTIN_FAMILIES.parent) -> list[str]:
    """Every family a profile in `profile_dir` may name."""
    names = {p.stem for d in family_dirs(profile_dir) for p in d.glob("*.toml")}
    return sorted(names)


def find_family(name: str, profile_dir: Path) -> Path | None:
    for directory in family_dirs(profile_dir):
        path = directory / f"{name}.toml"
        if path.is_file():
            return path
    return None


def read_family(name: str, source: str, profile_dir: Path) -> tuple[Path, dict[str, Any]]:
    """The family's file and its tables; errors name the site file or the family file."""
    path = find_family(name, profile_dir) if _plain_name(name) else None
    if path is None:
        known = ", ".join(family_names(profile_dir)) or "none"
        raise ProfileError(source, "family", f"unknown family {name!r} (known: {known})")
    try:
        data = _parsed(str(path), path.stat().st_mtime_ns)
    except OSError as exc:
        raise ProfileError(str(path), "", f"cannot read file: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProfileError(str(path), "", f"not valid TOML: {exc}") from exc
    for key in SITE_ONLY_KEYS:
        if key in data:
            raise ProfileError(str(path), key, "a family profile must not set it (site only)")
    return path, data


@lru_cache(maxsize=64)
def _parsed(path: str, mtime_ns: int) -> dict[str, Any]:
    """A family file's tables, read once per version of the file: every site profile of
    the registry names one.  Callers never modify them (merging builds new tables)."""
    return tomllib.loads(Path(path).read_text(encoding="utf-8"))


def _plain_name(name: str) -> bool:
    """A family name is a file name in the families folder, never a path."""
    return bool(name) and "/" not in name and "\\" not in name and not name.startswith(".")


def deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """`over` on top of `base`: tables merged key by key, any other value replaced."""
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def layout_tables(data: dict[str, Any], label: str = "") -> list[tuple[str, dict[str, Any]]]:
    """(error-key prefix, table) of one file's layout versions, in order: [selectors] as
    the layout named "default", then each [[layouts]] entry."""
    found: list[tuple[str, dict[str, Any]]] = []
    selectors = data.get("selectors")
    if selectors is not None:
        if not isinstance(selectors, dict):
            raise ProfileError(label, "selectors", "must be a table")
        found.append(("selectors", {"name": "default", **selectors}))
    layouts = data.get("layouts", [])
    if not isinstance(layouts, list) or not all(isinstance(t, dict) for t in layouts):
        raise ProfileError(label, "layouts", "must be an array of tables ([[layouts]])")
    found += [(f"layouts[{i}]", table) for i, table in enumerate(layouts)]
    return found


def merge_family(site: dict[str, Any], family: dict[str, Any], site_label: str,
                 family_label: str) -> tuple[dict[str, Any], list[tuple[str, dict[str, Any]]]]:
    """The merged tables (without layouts) and the layout versions, site's first.

    Both files' [selectors] merge key by key into one "default" layout, which keeps
    the site's place when the site has one.  A site layout named like a family layout
    replaces it."""
    plain = {k: v for k, v in deep_merge(family, site).items() if k not in ("selectors",
                                                                             "layouts")}
    site_layouts = layout_tables(site, site_label)
    family_layouts = [(f"{family_label}: {prefix}", table)
                      for prefix, table in layout_tables(family, family_label)]
    if "selectors" in site and "selectors" in family:
        merged_default = {"name": "default", **deep_merge(family["selectors"],
                                                          site["selectors"])}
        site_layouts[0] = ("selectors", merged_default)
    taken = {str(table.get("name")) for _, table in site_layouts}
    layouts = site_layouts + [(p, t) for p, t in family_layouts if str(t.get("name")) not in taken]
    return plain, layouts
