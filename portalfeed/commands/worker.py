"""`portalfeed worker`: a Celery worker in the foreground, running crawl and publish jobs.

Needs `broker_url`.  Each crawl runs in its own child process with its time limit, as
under `portalfeed schedule`; the worker's pool is threads, one per concurrent job, each
supervising its crawl child (prefork's pool processes are daemonic and may not start
children; the crawl child is the isolation a pool process would give).
SIGTERM: warm shutdown (running jobs finish, nothing new is taken); SIGQUIT or a second
Ctrl-C: cold shutdown, the running jobs are redelivered to other workers.
"""

from __future__ import annotations

import argparse
from typing import Any

from crawler.errors import ConfigError
from portalfeed.config import Config

QUEUES = ("crawl", "publish")  # as portalfeed.distributed.app, without importing Celery


def register(sub: Any) -> None:
    worker = sub.add_parser(
        "worker", help="run crawl (and publish) jobs from the broker, in the foreground")
    worker.add_argument("--concurrency", type=int, default=None, metavar="N",
                        help="crawls run at once (default: the worker_concurrency setting, 1)")
    worker.add_argument("--queues", default=",".join(QUEUES), metavar="crawl,publish",
                        help="queues to take jobs from; publish only where public/ is served "
                        "(default: crawl,publish)")
    worker.add_argument("--hostname", default=None, metavar="NAME",
                        help="this worker's name (default: celery@<host>)")
    worker.set_defaults(run=cmd_worker)


def cmd_worker(args: argparse.Namespace, config: Config) -> int:
    require_broker(config, "worker")
    queues = parse_queues(args.queues)
    concurrency = config.worker_concurrency if args.concurrency is None else args.concurrency
    if concurrency < 1:
        raise ConfigError(f"--concurrency must be at least 1, got {concurrency}")
    from portalfeed.distributed.app import make_app
    from portalfeed.distributed.tasks import register as register_tasks

    app = make_app(config)
    register_tasks(app, config)

    argv = ["worker", f"--concurrency={concurrency}", f"--queues={','.join(queues)}",
            f"--loglevel={config.log_level}", "--pool=threads", "--without-gossip",
            "--without-mingle"]
    if args.hostname:
        argv.append(f"--hostname={args.hostname}")
    app.worker_main(argv)
    return 0


def parse_queues(text: str) -> list[str]:
    queues = [q.strip() for q in text.split(",") if q.strip()]
    unknown = [q for q in queues if q not in QUEUES]
    if not queues or unknown:
        raise ConfigError(f"--queues: expected some of {', '.join(QUEUES)}, got {text!r}")
    return list(dict.fromkeys(queues))


def require_broker(config: Config, command: str) -> None:
    if not config.broker_url:
        raise ConfigError(f"`portalfeed {command}` needs a broker: set broker_url "
                          "(PORTALFEED_BROKER_URL=redis://host:6379/0)")
    require_distributed_packages()


def require_distributed_packages() -> None:
    """Celery and redis are an optional extra: say how to get them, not a traceback."""
    try:
        import celery  # noqa: F401
        import redis  # noqa: F401
    except ImportError as exc:
        raise ConfigError(f"distributed mode (broker_url) needs {exc.name or 'celery'}: "
                          "pip install 'portalfeed[distributed]'") from exc
