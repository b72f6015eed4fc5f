"""Loading the profile registry (family merging included) and extracting the family
fixture portals' pages through their site profiles.

    python benchmarks/profiles.py [--repeat N]

Prints the numbers and ends with one RESULT line: milliseconds to load every built-in
profile (first load in the process, then the best of N), and milliseconds per
article page extracted with its family profile.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from urllib.parse import urljoin

from crawler.extract.page import extract_html
from crawler.profiles import BUILTIN_DIR, load_profile, load_profiles
from portalfeed.fixture_server import resolve

REPO = Path(__file__).resolve().parents[1]


def best_ms(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def family_pages() -> list[tuple[str, str, object]]:
    pages = []
    for folder in sorted((REPO / "seeds" / "families").glob("*/")):
        if not (folder / "profile.toml").is_file():
            continue
        profile = load_profile(folder / "profile.toml")
        for path in sorted((folder / "expected").glob("*.json")):
            rel = json.loads(path.read_text(encoding="utf-8"))["url"]
            page = resolve(folder / "site", rel)  # as the fixture server routes it
            if page is not None:
                pages.append((page.read_text(encoding="utf-8"), urljoin(profile.base_url, rel),
                              profile))
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    start = time.perf_counter()
    count = len(load_profiles(BUILTIN_DIR))
    first = (time.perf_counter() - start) * 1000
    warm = best_ms(lambda: load_profiles(BUILTIN_DIR), args.repeat)
    pages = family_pages()
    per_page = best_ms(lambda: [extract_html(*p) for p in pages], max(1, args.repeat // 4))
    per_page /= max(1, len(pages))
    print(f"profiles: {count}; first load {first:.1f} ms; later loads {warm:.1f} ms")
    print(f"family fixture article pages: {len(pages)}; {per_page:.2f} ms each")
    print(f"RESULT profiles={count} load_first_ms={first:.1f} load_ms={warm:.1f} "
          f"family_pages={len(pages)} extract_ms_per_page={per_page:.2f}")


if __name__ == "__main__":
    main()
