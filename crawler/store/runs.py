"""The crawl-run history: one row per crawl of a portal, with its counts, statistics
the queue's job id when a worker ran it, and the host and pid that ran it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select

from crawler.store.database import StoreBase
from crawler.store.schema import CrawlRunRow


@dataclass(frozen=True)
class RunRecord:
    id: int
    portal: str
    started: datetime
    finished: datetime | None
    outcome: str
    pages: int
    new: int
    updated: int
    unchanged: int
    rejected: int
    stats: dict
    error: str | None
    job_id: str | None = None  # the distributed queue's job, if a worker ran it
    host: str | None = None  # hostname, or the Celery worker's node name (`celery@host`)
    pid: int | None = None  # the crawl child's process id (or the crawling process's)


@dataclass(frozen=True)
class RunTotals:
    """One portal's whole run history, summed in SQL (`Store.run_totals`)."""

    portal: str
    runs_ok: int
    runs_failed: int
    new_articles: int
    last_run: datetime  # start of the newest run, whatever its outcome
    last_ended: datetime | None  # start of the newest run that ran to its end (ok, failed)


class RunHistory(StoreBase):
    """Crawl runs: started, finished, listed, summed."""

    def start_run(self, portal: str, now: datetime, job_id: str | None = None,
                  host: str | None = None, pid: int | None = None) -> int:
        """Record a crawl as running; `job_id` names the queue's job that ran it, `host`
        and `pid` the machine (or worker node) and process running it."""
        with self._session() as s:
            row = CrawlRunRow(portal=portal, started=now, outcome="running", stats={},
                              job_id=job_id, host=host, pid=pid)
            s.add(row)
            s.flush()
            return row.id

    def update_run(self, run_id: int, *, host: str | None = None,
                   pid: int | None = None) -> None:
        """Set who runs a run once known (the crawl child starts after its run row);
        a None argument leaves that column as it is."""
        with self._session() as s:
            row = s.get(CrawlRunRow, run_id)
            if row is None:
                raise KeyError(f"no crawl run {run_id}")
            row.host = row.host if host is None else host
            row.pid = row.pid if pid is None else pid

    def job_finished(self, job_id: str) -> bool:
        """Whether a run of this queue job already ended ok (a redelivery to skip)."""
        query = select(CrawlRunRow.id).where(CrawlRunRow.job_id == job_id,
                                              CrawlRunRow.outcome == "ok").limit(1)
        with self._session() as s:
            return s.scalar(query) is not None

    def finish_run(self, run_id: int, now: datetime, outcome: str, *, pages: int = 0,
                   counts: dict[str, int] | None = None, stats: dict | None = None,
                   error: str | None = None) -> None:
        counts = counts or {}
        with self._session() as s:
            row = s.get(CrawlRunRow, run_id)
            if row is None:
                raise KeyError(f"no crawl run {run_id}")
            row.finished, row.outcome, row.pages, row.error = now, outcome, pages, error
            row.new, row.updated = counts.get("new", 0), counts.get("updated", 0)
            row.unchanged, row.rejected = counts.get("unchanged", 0), counts.get("rejected", 0)
            row.stats = stats or {}

    def runs(self, portal: str | None = None, limit: int = 100) -> list[RunRecord]:
        query = select(CrawlRunRow).order_by(CrawlRunRow.started.desc(), CrawlRunRow.id.desc())
        if portal:
            query = query.where(CrawlRunRow.portal == portal)
        with self._session() as s:
            return [_run(r) for r in s.scalars(query.limit(limit))]

    def run_totals(self) -> dict[str, RunTotals]:
        """Per portal: runs ok and failed, new articles, newest starts; one GROUP BY, so
        the operator's totals never load the history itself."""
        run, ended = CrawlRunRow, CrawlRunRow.outcome.in_(("ok", "failed"))
        query = select(
            run.portal, func.sum(case((run.outcome == "ok", 1), else_=0)),
            func.sum(case((run.outcome == "failed", 1), else_=0)), func.sum(run.new),
            func.max(run.started), func.max(case((ended, run.started))),
        ).group_by(run.portal)
        with self._session() as s:
            return {row[0]: RunTotals(row[0], row[1] or 0, row[2] or 0, row[3] or 0, *row[4:])
                    for row in s.execute(query)}

    def last_success(self, portal: str) -> datetime | None:
        query = select(func.max(CrawlRunRow.finished)).where(
            CrawlRunRow.portal == portal, CrawlRunRow.outcome == "ok")
        with self._session() as s:
            return s.scalar(query)

    def last_run_start(self, portal: str) -> datetime | None:
        """Start of the portal's latest run that ran to its end (ok or failed): what the
        scheduler counts from after a restart.  Interrupted runs do not count: redone."""
        query = select(func.max(CrawlRunRow.started)).where(
            CrawlRunRow.portal == portal, CrawlRunRow.outcome.in_(("ok", "failed")))
        with self._session() as s:
            return s.scalar(query)

    def abandon_running(self, portal: str | None, now: datetime, outcome: str,
                        error: str) -> list[int]:
        """End the runs still marked running (of one portal, or of all) whose process is
        gone, e.g. after a crash of the scheduler; returns their ids."""
        query = select(CrawlRunRow).where(CrawlRunRow.outcome == "running")
        if portal:
            query = query.where(CrawlRunRow.portal == portal)
        with self._session() as s:
            rows = list(s.scalars(query))
            for row in rows:
                row.finished, row.outcome, row.error = now, outcome, error
            return [row.id for row in rows]


def _run(row: CrawlRunRow) -> RunRecord:
    return RunRecord(row.id, row.portal, row.started, row.finished, row.outcome, row.pages,
                     row.new, row.updated, row.unchanged, row.rejected, dict(row.stats or {}),
                     row.error, row.job_id, row.host, row.pid)
