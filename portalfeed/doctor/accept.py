"""`doctor --accept`: mark a profile file verified (and enabled) after an `ok` verdict.

Only the top-level `verified = …` / `enabled = …` lines change; comments, order and
everything else stay as the person who wrote the file left them.  The new text is
validated as a profile before it replaces the file (atomically).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from crawler.profiles import load_profile

KEY_RE = re.compile(r"^(?P<key>verified|enabled)(?P<eq>\s*=\s*)(?P<value>true|false)"
                    r"(?P<rest>\s*(#.*)?)$")


def accepted_text(text: str, enable: bool = True) -> tuple[str, list[str]]:
    """The file's text with verified (and enabled) set to true, and what changed."""
    wanted = {"verified": "true", **({"enabled": "true"} if enable else {})}
    lines = text.splitlines(keepends=True)
    changes = []
    for i, line in enumerate(lines):
        if line.lstrip().startswith("["):  # top-level keys end at the first table
            break
        content = line.rstrip("\r\n")
        match = KEY_RE.match(content)
        if match and match["key"] in wanted and match["value"] != wanted[match["key"]]:
            key, new = match["key"], wanted[match["key"]]
            lines[i] = f"{key}{match['eq']}{new}{match['rest']}{line[len(content):]}"
            changes.append(f"line {i + 1}: {key} = {match['value']} -> {key} = {new}")
    return "".join(lines), changes


def accept_file(path: Path, enable: bool = True) -> list[str]:
    """Rewrite the profile file as accepted; returns the changes (none: already so)."""
    text, changes = accepted_text(path.read_text(encoding="utf-8"), enable)
    if not changes:
        return []
    temp = path.with_name(f".{path.name}.doctor-tmp")
    temp.write_text(text, encoding="utf-8")
    try:
        load_profile(temp)  # a file that no longer loads must never replace a good one
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    return changes
