"""Fixtures of the distributed tests: a fleet of fixture portals, a deployment on the
session's PostgreSQL and Redis, and the logs of its processes when a test fails.

fleet.py and deployment.py are loaded by path (tests/ is not a package; see
tests/e2e/conftest.py) as `dist_fleet` and `dist_deployment`; benchmarks/scale.py
loads them the same way.
"""

from __future__ import annotations

import importlib.util
import itertools
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

HERE = Path(__file__).resolve().parent
_redis_dbs = itertools.count(1)  # db 0 stays empty: each deployment gets its own database


def load(name: str) -> ModuleType:
    module_name = f"dist_{name}"
    if module_name not in sys.modules:
        spec = importlib.util.spec_from_file_location(module_name, HERE / f"{name}.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
    return sys.modules[module_name]


fleet_module = load("fleet")
deployment_module = load("deployment")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """A failing test shows the logs of the deployment's processes beside its traceback."""
    outcome = yield
    report = outcome.get_result()
    if not report.failed:
        return
    for value in getattr(item, "funcargs", {}).values():
        deployment = getattr(value, "deployment", value)
        if isinstance(deployment, deployment_module.Deployment):
            report.sections.append(("portalfeed processes", deployment.logs(6000)))
            return


@pytest.fixture(scope="session")
def dist() -> SimpleNamespace:
    """fleet.py and deployment.py: `dist.fleet.Fleet`, `dist.deployment.wait_for`, ..."""
    return SimpleNamespace(fleet=fleet_module, deployment=deployment_module)


@pytest.fixture(scope="session")
def deploy(postgres_server, redis_server,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """`deploy(fleet, **settings)`: a working directory configured for the fleet, a new
    PostgreSQL database, and a Redis database of its own (queues and locks of two tests
    never meet).  Its processes are stopped at the end of the session at the latest."""
    import redis

    made = []

    def make(fleet, **settings: object):
        db_url = postgres_server.create_database(f"dist_{uuid.uuid4().hex[:12]}")
        broker_url = redis_server.url.rsplit("/", 1)[0] + f"/{next(_redis_dbs)}"
        with redis.Redis.from_url(broker_url) as client:
            client.flushdb()
        workdir = tmp_path_factory.mktemp("deployment")
        deployment = deployment_module.Deployment(
            workdir=workdir, profiles_dir=fleet.write_profiles(workdir / "profiles"),
            db_url=db_url, broker_url=broker_url, settings=dict(settings))
        deployment.prepare()
        made.append(deployment)
        return deployment

    yield make
    for deployment in made:
        deployment.stop_all()
