"""Sub-commands that live in their own modules.

Each module named in `MODULES` has `register(sub)`, which adds its parser(s) to
the `portalfeed` sub-parsers and sets `run=<function(args, config) -> int>`.
"""

MODULES: tuple[str, ...] = (
    "portalfeed.commands.status",
    "portalfeed.commands.serve",
    "portalfeed.commands.schedule",
    "portalfeed.commands.portals",
    "portalfeed.commands.worker",
    "portalfeed.commands.enqueue",
    "portalfeed.commands.doctor",
    "portalfeed.commands.profile",
    "portalfeed.commands.db",
)
