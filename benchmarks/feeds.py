"""Feed benchmarks: publishing cost against store size, and serving throughput.

1. Stores of 2,000 and 200,000 generated articles (bulk-inserted through SQLAlchemy
   into SQLite files in a temporary directory); `publish_from_store` into an empty
   public/ is timed on each (best of --repeat). Target: 200k at most 1.5x of 2k,
   because every feed reads only its newest items through an index.
2. `wrk` on loopback against `portalfeed serve` (a full 200 response, then a 304 to
   If-None-Match) and against nginx running docs/nginx.conf on the same files.

    python benchmarks/feeds.py [--small 2000] [--large 200000] [--duration 5]

Needs `wrk` and `nginx` (Debian packages). Ends with one line:
RESULT publish_ratio_200k_vs_2k=… serve_rps=… serve_304_rps=… nginx_rps=… ratio_vs_nginx=…
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

# Run as a script, this directory comes first on sys.path, and this file's name would
# shadow the `feeds` package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent.resolve()]

from sqlalchemy import insert, select  # noqa: E402

from crawler.model import Article, Image  # noqa: E402
from crawler.normalize.dates import VN_TZ  # noqa: E402
from crawler.profiles import load_profiles  # noqa: E402
from crawler.store.schema import ArticleRow, ArticleTopicRow  # noqa: E402
from crawler.store.store import Store, make_guid  # noqa: E402
from portalfeed.config import Config  # noqa: E402
from portalfeed.publishing import publish_from_store  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
PORTALS = ("phutho", "hagiang", "yenbai", "laocai")
# (topic, weight): a skewed mix, with rare topics, as real portals have.
TOPICS = (("thoi-su", 30), ("kinh-te", 20), ("van-hoa-xa-hoi", 15), ("chinh-tri", 10),
          ("nong-nghiep", 8), ("giao-duc", 6), ("y-te", 5), ("chi-dao-dieu-hanh", 3),
          ("khoa-hoc-cong-nghe", 1), ("du-lich", 1), ("thong-bao", 0.5),
          ("quoc-phong-an-ninh", 0.5))
START = datetime(2014, 1, 1, tzinfo=VN_TZ)
SPAN_S = 12 * 365 * 86400
BATCH = 5000
WRK_RPS = re.compile(r"Requests/sec:\s+([\d.]+)")


def article(rng: random.Random, n: int) -> Article:
    portal = PORTALS[n % len(PORTALS)]
    published = START + timedelta(seconds=rng.randrange(SPAN_S))
    dated = rng.random() > 0.05
    topics = rng.choices([t for t, _ in TOPICS], [w for _, w in TOPICS], k=rng.choice((1, 2)))
    words = " ".join(rng.choice(("tỉnh", "phát triển", "kinh tế", "người dân", "hội nghị",
                                 "chuyển đổi số", "năm 2024", "xã", "Phú Thọ")) for _ in range(40))
    return Article(
        title=f"Tin số {n}: {words[:80]}", url=f"https://{portal}.gov.vn/vi/tin-{n}",
        portal=portal, published=published if dated else None,
        published_precision=rng.choice(("datetime", "datetime", "date")) if dated else None,
        author="Thu Hương", lead=words[:160], body=[words, words[::-1]],
        images=[Image(f"https://{portal}.gov.vn/anh/{n}.jpg", "Ảnh minh họa")],
        topics=list(dict.fromkeys(topics)),
    )


def fill_store(db_url: str, count: int, seed: int = 7) -> None:
    """`count` articles in bulk: one INSERT per batch, no ORM objects."""
    rng = random.Random(seed)
    store = Store(db_url)
    try:
        for start in range(0, count, BATCH):
            batch = [article(rng, n) for n in range(start, min(count, start + BATCH))]
            insert_batch(store, batch)
    finally:
        store.close()


def insert_batch(store: Store, batch: list[Article]) -> None:
    rows = []
    for item in batch:
        seen = (item.published or START) + timedelta(hours=2)
        rows.append(dict(url=item.url, portal=item.portal, guid=make_guid(item, seen),
                         fingerprint=item.fingerprint, published_at=item.published,
                         first_seen=seen, revised=seen, last_seen=seen, record=item.to_dict()))
    with store.engine.begin() as connection:
        connection.execute(insert(ArticleRow), rows)
        ids = dict(connection.execute(select(ArticleRow.url, ArticleRow.id).where(
            ArticleRow.url.in_([item.url for item in batch]))).all())
        connection.execute(insert(ArticleTopicRow), [
            dict(article_id=ids[item.url], topic=topic) for item in batch for topic in item.topics])


def time_publish(db_url: str, workdir: Path) -> tuple[float, int]:
    """Wall time of publishing everything into an empty public/, and the file count."""
    config = Config(workdir=workdir, base_url="https://tin.example.vn/")
    store = Store(db_url)
    try:
        started = time.perf_counter()
        report = publish_from_store(store, config, load_profiles())
        return time.perf_counter() - started, len(report.written)
    finally:
        store.close()


def items_published(public: Path) -> int:
    """Items in all RSS feeds: a small store fills its rare topics' feeds less."""
    return sum(path.read_bytes().count(b"<item>") for path in public.rglob("*.rss"))


def publish_numbers(root: Path, counts: tuple[int, ...], repeat: int) -> dict[int, float]:
    """Best publish time per store size; sizes alternate so a busy moment hits both."""
    urls = {count: f"sqlite:///{root / f'store-{count}.sqlite3'}" for count in counts}
    for count, url in urls.items():
        started = time.perf_counter()
        fill_store(url, count)
        print(f"store of {count} articles filled in {time.perf_counter() - started:.1f} s")
    best = dict.fromkeys(counts, float("inf"))
    for attempt in range(repeat):
        for count, url in urls.items():
            seconds, files = time_publish(url, root / f"pub-{count}" / f"run-{attempt}")
            best[count] = min(best[count], seconds)
            print(f"publish from {count} articles: {seconds:.3f} s ({files} files)")
    return best


def wrk(url: str, duration: int, headers: dict[str, str] | None = None) -> float:
    """Requests per second from `wrk -t2 -c16` on one URL."""
    command = ["wrk", "-t2", "-c16", f"-d{duration}s", "--latency", url]
    for name, value in (headers or {}).items():
        command[1:1] = ["-H", f"{name}: {value}"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=duration + 30)
    match = WRK_RPS.search(done.stdout)
    if done.returncode != 0 or not match or ("Non-2xx" in done.stdout and not headers):
        raise RuntimeError(f"wrk failed on {url}: {done.stdout}{done.stderr}")
    return float(match.group(1))


def etag_of(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        etag = response.headers.get("ETag")
    if not etag:
        raise RuntimeError(f"{url} sent no ETag")
    return etag


def assert_304(url: str, etag: str) -> None:
    request = urllib.request.Request(url, headers={"If-None-Match": etag})
    try:
        urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return
    raise RuntimeError(f"{url} did not answer 304 to its own ETag")


@contextmanager
def portalfeed_serve(workdir: Path):
    """`portalfeed serve` on a free loopback port; yields its base URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "portalfeed", "--workdir", str(workdir), "serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        found = re.search(r"at (http://\S+?)/? ", line + " ")
        if not found:
            raise RuntimeError(f"portalfeed serve did not start: {line}{process.stderr.read()}")
        yield found.group(1).rstrip("/")
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def nginx(public: Path, scratch: Path):
    """nginx with docs/nginx.conf's server block, on a free loopback port."""
    port = free_port()
    server = (REPO / "docs" / "nginx.conf").read_text(encoding="utf-8")
    server = re.sub(r"listen \d+;", f"listen 127.0.0.1:{port};", server)
    server = re.sub(r"root [^;]+;", f"root {public};", server)
    conf = scratch / "nginx.conf"
    conf.write_text(
        f"daemon off; worker_processes 2; pid {scratch}/nginx.pid; error_log {scratch}/error.log;\n"
        "events { worker_connections 1024; }\n"
        f"http {{ access_log off; client_body_temp_path {scratch}/body;\n{server}\n}}\n",
        encoding="utf-8")
    process = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(scratch)],
                               stderr=subprocess.PIPE, text=True)
    try:
        wait_for(f"http://127.0.0.1:{port}/index.html", process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen) -> None:
    for _ in range(100):
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {process.stderr.read() if process.stderr else ''}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except urllib.error.HTTPError as exc:
            raise RuntimeError(f"{url} answered {exc.code}") from exc
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} never answered")


def serve_numbers(workdir: Path, scratch: Path, duration: int) -> dict[str, float]:
    path = "/feeds/all.rss"
    with portalfeed_serve(workdir) as base:
        etag = etag_of(base + path)
        assert_304(base + path, etag)
        serve_rps = wrk(base + path, duration)
        serve_304 = wrk(base + path, duration, {"If-None-Match": etag})
    with nginx(workdir / "public", scratch) as base:
        nginx_rps = wrk(base + path, duration)
    return {"serve_rps": serve_rps, "serve_304_rps": serve_304, "nginx_rps": nginx_rps,
            "ratio_vs_nginx": serve_rps / nginx_rps}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=2000)
    parser.add_argument("--large", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool):
            print(f"feeds.py: error: {tool} not found (apt-get install {tool})", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory(prefix="portalfeed-bench-") as tmp:
        root = Path(tmp)
        root.chmod(0o755)  # nginx's workers run as another user and must read public/
        seconds = publish_numbers(root, (args.small, args.large), args.repeat)
        ratio = seconds[args.large] / seconds[args.small]
        items = {c: items_published(root / f"pub-{c}" / "run-0") for c in seconds}
        print(f"best: {seconds[args.small]:.3f} s and {seconds[args.large]:.3f} s; "
              f"RSS items {items[args.small]} and {items[args.large]}; per item ratio "
              f"{ratio * items[args.small] / items[args.large]:.2f}")
        workdir = root / f"pub-{args.large}" / "run-0"
        (root / "nginx").mkdir()
        http = serve_numbers(workdir, root / "nginx", args.duration)
        for key, value in http.items():
            print(f"{key}: {value:.2f}")
    print(f"RESULT publish_ratio_200k_vs_2k={ratio:.2f} serve_rps={http['serve_rps']:.0f} "
          f"serve_304_rps={http['serve_304_rps']:.0f} nginx_rps={http['nginx_rps']:.0f} "
          f"ratio_vs_nginx={http['ratio_vs_nginx']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
