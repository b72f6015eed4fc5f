"""Copy a whole store into another, empty one: moving from the SQLite default to a
shared PostgreSQL (or back) without losing articles, their feed ids or the history.

Rows are read and written in batches through the same table definitions on both
sides, so instants stay the same UTC instants and records the same JSON; ids are kept
(topics point at articles by id), and PostgreSQL's id sequences are moved past the
copied ids.  One transaction on the target: a failed copy leaves it empty.
"""

from __future__ import annotations

from sqlalchemy import Connection, Table, func, insert, select, text

from crawler.store.migrate import StoreError
from crawler.store.schema import ArticleRow, ArticleTopicRow, CrawlRunRow, PageRow
from crawler.store.store import Store

TABLES: tuple[Table, ...] = (ArticleRow.__table__, ArticleTopicRow.__table__,
                             CrawlRunRow.__table__, PageRow.__table__)  # parents first
BATCH = 1000


def copy_store(source_url: str, target_url: str) -> dict[str, int]:
    """Copy every row of `source_url` into `target_url` (both brought to the newest
    schema first; the target must hold no articles or runs); rows copied per table."""
    source, target = Store(source_url), Store(target_url)
    try:
        with source.engine.connect() as read, target.engine.begin() as write:
            _refuse_filled(write)
            copied = {table.name: _copy_table(read, write, table) for table in TABLES}
            _move_sequences(write)
        return copied
    finally:
        source.close()
        target.close()


def _refuse_filled(write: Connection) -> None:
    for table in TABLES:
        if write.scalar(select(func.count()).select_from(table)):
            raise StoreError(f"the target database already holds {table.name}: "
                             "copy into a new, empty database")


def _copy_table(read: Connection, write: Connection, table: Table) -> int:
    query = select(table).order_by(*table.primary_key.columns)
    rows = read.execution_options(stream_results=True).execute(query)  # a cursor, not a list
    count = 0
    while batch := rows.fetchmany(BATCH):
        write.execute(insert(table), [dict(row._mapping) for row in batch])
        count += len(batch)
    return count


def _move_sequences(write: Connection) -> None:
    """PostgreSQL hands out ids from sequences, which copied ids did not advance."""
    if write.dialect.name != "postgresql":
        return
    for table in (ArticleRow.__table__, CrawlRunRow.__table__):
        write.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
            f"coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"))
