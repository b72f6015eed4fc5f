"""One published feed file, parsed once for every rule."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from lxml import etree


@dataclass
class Doc:
    relative: str  # path under public/, POSIX style
    data: bytes
    self_url: str  # the public URL the feed must name as its own
    now: datetime  # dates after this are implausible
    text: str = ""
    root: Any = None  # lxml element for RSS/Atom, dict for JSON, None if unparseable
    errors: list[str] = field(default_factory=list)

    @property
    def fmt(self) -> str:
        return PurePosixPath(self.relative).suffix.lstrip(".")


def load_doc(relative: str, data: bytes, base_url: str, now: datetime) -> Doc:
    """Decode and parse strictly; what fails to parse is recorded, not raised."""
    doc = Doc(relative, data, base_url.rstrip("/") + "/" + relative, now)
    try:
        doc.text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        doc.errors.append(f"not UTF-8: {exc}")
        return doc
    try:
        doc.root = json.loads(doc.text) if doc.fmt == "json" else _xml(data)
    except (ValueError, etree.XMLSyntaxError) as exc:
        doc.errors.append(f"not well-formed: {exc}")
    return doc


def _xml(data: bytes) -> Any:
    # No recovery, no entity expansion, no network: a reader's strict parser.
    parser = etree.XMLParser(recover=False, resolve_entities=False, no_network=True)
    return etree.fromstring(data, parser)
