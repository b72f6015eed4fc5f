"""portalfeed's exceptions.

    PortalfeedError            base of everything we raise on purpose
    ├── ProfileError           a portal profile file is unreadable or invalid
    ├── UnknownPortalError     a portal name that no profile defines
    ├── ConfigError            portalfeed.toml or an environment override is invalid
    └── Rejected               an input is not an article; `reason` is a short stats key
"""

from __future__ import annotations


class PortalfeedError(Exception):
    """Base class of portalfeed's own errors."""


class ProfileError(PortalfeedError):
    """A profile file is unreadable or invalid."""

    def __init__(self, source: str, key: str, problem: str) -> None:
        self.source, self.key, self.problem = source, key, problem
        where = f"{source}: {key}" if key else source
        super().__init__(f"{where}: {problem}")


class UnknownPortalError(PortalfeedError):
    """No profile defines this portal name."""


class ConfigError(PortalfeedError):
    """The configuration file or an environment override is invalid."""


class Rejected(PortalfeedError):
    """The input is not an article we can publish; counted by `reason`."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason, self.detail = reason, detail
        super().__init__(f"{reason}: {detail}" if detail else reason)
