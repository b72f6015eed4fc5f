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
# Oracle WebCenter (ADF) stamps per-window state into every link; the page is the same.
SESSION_PARAMS = frozenset({"jsessionid", "phpsessid", "sid", "sessionid", "aspsessionid",
                            "_adf.ctrl-state", "_afrloop", "_afrwindowmode", "_afrwindowid"})
DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str, home: str | None = None) -> str:
    """Lower-case scheme and host, no default port, no fragment, no session or tracking
    parameters, sorted query, no trailing slash except at the root. Portals serve both
    `www.host` and `host`, often over http and https: with `home` (the profile's base
    URL), either host takes home's scheme and host."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and parts.port != DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    if home:
        scheme, host = _home_origin(scheme, host, home)
    path = SESSION_RE.sub("", parts.path) or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = urlencode(sorted(q for q in parse_qsl(parts.query, keep_blank_values=True)
                             if not _is_noise_param(q[0])))
    return urlunsplit((scheme, host, path, query, ""))


def _home_origin(scheme: str, host: str, home: str) -> tuple[str, str]:
    parts = urlsplit(home)
    home_host = (parts.hostname or "").lower()
    if parts.port and parts.port != DEFAULT_PORTS.get(parts.scheme.lower()):
        home_host = f"{home_host}:{parts.port}"
    if _strip_www(host) == _strip_www(home_host):
        return parts.scheme.lower(), home_host
    return scheme, host


def _strip_www(host: str) -> str:
    return host[4:] if host.startswith("www.") else host


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
