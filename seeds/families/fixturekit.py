"""The kit the CMS-family fixture generators share (seeds/families/<family>/build.py).

A family's build.py keeps its platform's markup (page chrome, templates) and URL scheme;
this module holds what every family does the same way: read content.toml, escape and
tidy text, date the articles, build the expected JSON a page must yield, and write or
check the generated site/ and expected/ trees (`main`, which also gives --check).

Two content.toml shapes exist.  aspnet, sharepoint, slug-nid and webcenter read theirs
with `load_articles` (a printed `when`; body items become ("img", src, caption)), render
it with `body_paragraphs` and describe it with `expected`.  dotnetnuke, generic and
liferay-vcms keep the raw body (strings and {img, caption} tables), render it with
`blocks` and describe it with `record`, `body_texts` and `body_images`.

A build.py runs this file by path (`runpy.run_path`) rather than importing it: an import
would leave a seeds/families/__pycache__/ folder, which tools listing seeds/families/*/
would take for a family.  The Drupal family's generator (seeds/fixture_portal/build.py)
shares the output side: `on_disk`, `diff`, `write`.  Standard library only; everything
here is deterministic.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import tomllib
import unicodedata
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

VN = ZoneInfo("Asia/Ho_Chi_Minh")
LABEL = "PhuthoPortal - "
OUTPUT_DIRS = ("site", "expected")
# The Drupal fixture portal's pictures, which the families' sites reuse under other names.
DRUPAL_IMAGES = Path(__file__).resolve().parents[1] / "fixture_portal" / "site" / \
    "sites/default/files/users/user200"
# The expected JSON's fields, in the order every family writes them.
FIELDS = ("title", "url", "section", "source_label", "published", "published_precision",
          "author", "lead", "body", "captions", "images", "extractor")

Article = dict[str, Any]

# ----------------------------------------------------------------------------- content


def read_content(here: Path) -> dict[str, Any]:
    return tomllib.loads((here / "content.toml").read_text(encoding="utf-8"))


def load_articles(here: Path) -> list[Article]:
    """content.toml's articles; a body item is a paragraph or ("img", src, caption)."""
    articles = read_content(here)["articles"]
    for a in articles:
        a["paras"] = [p if isinstance(p, str) else ("img", p["img"], p["caption"])
                      for p in a.pop("body")]
        a["author"] = a.get("author") or None
    return articles


def body_texts(body: Sequence[Any]) -> list[str]:
    """The paragraphs of a raw content.toml body (strings and {img, caption} tables)."""
    return [b for b in body if isinstance(b, str)]


def body_images(body: Sequence[Any], prefix: str) -> list[dict[str, str]]:
    """The images of a raw content.toml body, their file names under URL path `prefix`."""
    return [{"url": prefix + b["img"], "caption": b["caption"]}
            for b in body if not isinstance(b, str)]

# ---------------------------------------------------------------------- text and dates


def esc(s: str) -> str:
    return html.escape(s, quote=False)


def attr(s: str) -> str:
    return html.escape(s, quote=True)


def clean(s: str) -> str:
    """Text as a reader sees it: NBSP -> space, runs of whitespace collapsed."""
    return " ".join(s.replace("\xa0", " ").split())


def split_label(lead: str, label: str = LABEL) -> tuple[str | None, str]:
    """The dateline's source label ("PhuthoPortal") and the lead without it."""
    if lead.startswith(label):
        return label.split(" - ")[0], lead[len(label):]
    return None, lead


def parse_when(text: str) -> datetime:
    """A printed `dd/mm/yyyy`, `dd/mm/yyyy HH:MM` or `dd/mm/yyyy - HH:MM`, in Vietnam time."""
    text = text.replace(" - ", " ")
    layout = "%d/%m/%Y %H:%M" if ":" in text else "%d/%m/%Y"
    return datetime.strptime(text, layout).replace(tzinfo=VN)


def when_iso(when: str) -> tuple[str, str]:
    """The printed date as ISO 8601 in Vietnam time, and its precision."""
    return parse_when(when).isoformat(), "datetime" if ":" in when else "date"


def day(a: Article) -> str:
    return a["when"].split(" ")[0]

# -------------------------------------------------------------------------- page parts


def images(a: Article) -> list[tuple[str, str, str]]:
    return [p for p in a["paras"] if not isinstance(p, str)]


def first_image(a: Article) -> tuple[str, str, str] | None:
    return next(iter(images(a)), None)


def body_paragraphs(a: Article, *, byline: bool = True) -> str:
    """CKEditor-style body: each image alone in a centred paragraph, its italic caption
    next, the byline (when the site prints it in the body) right-aligned and bold last."""
    out = []
    for p in a["paras"]:
        if isinstance(p, str):
            out.append(f'<p style="text-align: justify;">{esc(p)}</p>')
            continue
        _, src, cap = p
        out.append(f'<p style="text-align: center;"><img alt="{attr(cap)}" src="{attr(src)}"'
                   ' style="width: 600px; height: 400px;" /></p>')
        out.append(f'<p style="text-align: center;"><em>{esc(cap)}</em></p>')
    if byline and a["author"]:
        out.append(f'<p style="text-align: right;"><strong>{esc(a["author"])}</strong></p>')
    return "\n".join(out)


def blocks(body: Sequence[Any], paragraph: Callable[[str], str],
           image: Callable[[dict[str, str]], str]) -> list[str]:
    """A raw content.toml body (strings and {img, caption} tables) in the platform's
    markup for a paragraph and for an image."""
    return [paragraph(b) if isinstance(b, str) else image(b) for b in body]


def others(arts: Sequence[Article], a: Article, item: Callable[[Article], str],
           count: int = 3) -> str:
    """The "other news" box's lines: the first `count` articles but `a`, each as `item`."""
    return "\n".join(item(o) for o in [o for o in arts if o is not a][:count])


def chunks(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    """A listing's pages, `size` items each."""
    return [items[i:i + size] for i in range(0, len(items), size)]


def pager_parts(current: int, pages: int, here: Callable[[int], str],
                link: Callable[[int], str], following: Callable[[int], str] | None = None,
                ) -> list[str]:
    """A listing pager's items: page `current` as `here(n)`, the others as `link(n)`, then
    `following(n)` for the next page unless this is the last."""
    parts = [here(n) if n == current else link(n) for n in range(1, pages + 1)]
    if following and current < pages:
        parts.append(following(current + 1))
    return parts


def og_tags(a: Article, image: str = "") -> str:
    """The Open Graph tags a page template writes into <head> for sharing."""
    tags = (f'\n<meta property="og:type" content="article">'
            f'\n<meta property="og:title" content="{attr(a["title"])}">'
            f'\n<meta property="og:description" content="{attr(a["lead"][:200])}">')
    return tags + (f'\n<meta property="og:image" content="{attr(image)}">' if image else "")

# ----------------------------------------------------------------------- expected JSON


def record(**fields: Any) -> dict[str, Any]:
    """An expected-JSON record of the fields given, in FIELDS order; the captions are
    the images' captions."""
    fields["captions"] = [i["caption"] for i in fields["images"]]
    return {k: fields[k] for k in FIELDS if k in fields}


def expected(a: Article, url: str) -> dict[str, Any]:
    """What the page shows, field by field (from the content, never from extraction)."""
    label, lead = split_label(a["lead"])
    published, precision = when_iso(a["when"])
    return record(
        title=clean(a["title"]), url=url, section=a["section"], source_label=label,
        published=published, published_precision=precision, author=a["author"],
        lead=clean(lead), body=[clean(lead)] + [clean(p) for p in a["paras"] if isinstance(p, str)],
        images=[{"url": i[1], "caption": clean(i[2])} for i in images(a)])


def expected_files(arts: Sequence[Article], url: Callable[[Article], str],
                   stem: Callable[[Article], str]) -> dict[str, Any]:
    """expected/<stem>.json of each article."""
    return {f"expected/{stem(a)}.json": expected(a, url(a)) for a in arts}

# ----------------------------------------------------- site files and the command line


def routed(pages: dict[str, tuple[str, str]]) -> dict[str, Any]:
    """Pages whose URL the fixture server maps through site/_routes.json (URL -> (file,
    HTML)): each page at site/<file>, and the table, sorted by URL."""
    files: dict[str, Any] = {f"site/{name}": text for name, text in pages.values()}
    files["site/_routes.json"] = {url: name for url, (name, _) in sorted(pages.items())}
    return files


def drupal_images(folder: str, names: dict[str, str]) -> dict[str, bytes]:
    """Pictures of the Drupal fixture (`names`: new name -> its name there), as site files
    under URL path `folder`."""
    return {f"site/{folder.strip('/')}/{new}": (DRUPAL_IMAGES / old).read_bytes()
            for new, old in names.items()}


def encoded(files: dict[str, Any]) -> dict[str, bytes]:
    """Relative path -> bytes: JSON for dicts, UTF-8 for text (which must be NFC)."""
    out = {}
    for rel, data in sorted(files.items()):
        if isinstance(data, dict):
            data = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if isinstance(data, str):
            if not unicodedata.is_normalized("NFC", data):
                raise ValueError(f"{rel}: text is not NFC")
            data = data.encode("utf-8")
        out[rel] = data
    return out


def on_disk(here: Path) -> dict[str, bytes]:
    return {p.relative_to(here).as_posix(): p.read_bytes()
            for name in OUTPUT_DIRS for p in sorted((here / name).rglob("*")) if p.is_file()}


def diff(wanted: dict[str, bytes], present: dict[str, bytes]) -> list[str]:
    problems = [f"missing: {k}" for k in wanted if k not in present]
    problems += [f"differs: {k}" for k in wanted if k in present and present[k] != wanted[k]]
    problems += [f"extra:   {k}" for k in present if k not in wanted]
    return sorted(problems)


def write(here: Path, wanted: dict[str, bytes]) -> int:
    """Make site/ and expected/ hold exactly `wanted`; the number of files changed."""
    present = on_disk(here)
    for rel in present.keys() - wanted.keys():
        (here / rel).unlink()
    for rel, data in wanted.items():
        if present.get(rel) != data:
            (here / rel).parent.mkdir(parents=True, exist_ok=True)
            (here / rel).write_bytes(data)
    for name in OUTPUT_DIRS:
        for d in sorted((here / name).rglob("*"), reverse=True):
            if d.is_dir() and not any(d.iterdir()):
                d.rmdir()
    return len(diff(wanted, present))


def check(here: Path, wanted: dict[str, bytes]) -> int:
    problems = diff(wanted, on_disk(here))
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        script = (here / "build.py").relative_to(here.parents[2])
        print(f"out of date: run python {script}", file=sys.stderr)
        return 1
    print(f"{here.name} fixture up to date ({len(wanted)} files)")
    return 0


def main(here: Path, render_all: Callable[[], dict[str, Any]], doc: str,
         argv: list[str] | None = None) -> int:
    """A family's command line: (re)write site/ and expected/, or `--check` them."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if site/ or expected/ differ from a fresh build")
    args = parser.parse_args(argv)
    wanted = encoded(render_all())
    if args.check:
        return check(here, wanted)
    print(f"{here.name} fixture built: {len(wanted)} files, {write(here, wanted)} changed")
    return 0
