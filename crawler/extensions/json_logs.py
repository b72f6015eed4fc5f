"""Log output for log collectors: one JSON object per line (`--log-format json`).

Text logs are Scrapy's own.  For JSON, Scrapy's handler is switched off
(`LOG_ENABLED = False` leaves it a NullHandler) and one JSON handler sits on the
root logger, so every record — Scrapy's, Twisted's, portalfeed's — comes out
the same way.  Structured values travel in `extra={"fields": {...}}`.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime
from typing import TextIO

from crawler.normalize.dates import VN_TZ

FIELDS = "fields"  # the LogRecord attribute that carries structured values


class JsonFormatter(logging.Formatter):
    """time (ISO 8601, +07:00 like every portalfeed time), level, logger, message, then
    any structured fields."""

    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created, VN_TZ)
        data = {
            "time": when.isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        data.update(getattr(record, FIELDS, None) or {})
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


class _JsonHandler(logging.StreamHandler):
    """Marks our handler, so installing twice (CLI, then the crawl extension) adds one."""


def install_json_logging(level: str = "INFO", stream: TextIO | None = None) -> logging.Handler:
    """One JSON handler on the root logger at `level`; idempotent."""
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, _JsonHandler):
            return handler
    handler = _JsonHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.setLevel(level)
    root.addHandler(handler)
    if root.level > handler.level or root.level == logging.NOTSET:
        root.setLevel(handler.level)
    return handler
