"""URL canonicalisation: one article, one key, whatever link led to it."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Parameters that never change what a page shows.
TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "zarsrc", "zalo_source", "ref", "share", "_ga"}
)
TRACKING_PREFIXES = ("utm_",)
SESSION_RE = re.compile(r";(jsessionid|phpsessid|sid)=[^/?#]*", re.IGNORECASE)
SESSION_PARAMS = frozenset({"jsessionid", "phpsessid", "sid", "sessionid", "aspsessionid"})
DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no session or tracking
    parameters, sorted query, no trailing slash except at the root. `www.` is kept:
    portals serve both and a profile's base URL says which is canonical (see `rebase`)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and parts.port != DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    path = SESSION_RE.sub("", parts.path) or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = urlencode(sorted(q for q in parse_qsl(parts.query, keep_blank_values=True)
                             if not _is_noise_param(q[0])))
    return urlunsplit((scheme, host, path, query, ""))


def _is_noise_param(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered in SESSION_PARAMS or lowered.startswith(
        TRACKING_PREFIXES
    )


def rebase(url: str, fetched_base: str, public_base: str) -> str:
    """Map a URL fetched from a mirror (e.g. the fixture server on 127.0.0.1) onto the
    portal's public origin, so stored articles keep one identity across runs."""
    if fetched_base == public_base:
        return url
    fetched = urlsplit(fetched_base)
    parts = urlsplit(url)
    if (parts.scheme, parts.netloc) != (fetched.scheme, fetched.netloc):
        return url
    public = urlsplit(public_base)
    return urlunsplit((public.scheme, public.netloc, parts.path, parts.query, parts.fragment))


def absolute(base: str, href: str | None) -> str | None:
    """Absolute http(s) URL of a link, or None for javascript:, mailto:, data: and the like."""
    if not href:
        return None
    joined = urljoin(base, href.strip())
    return joined if urlsplit(joined).scheme in ("http", "https") else None
