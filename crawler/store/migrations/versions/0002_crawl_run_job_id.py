"""Crawl runs remember the job id of the distributed queue.

A redelivered job (its worker died after the crawl ended, before it acknowledged)
is recognised by its id and skipped: `Store.job_finished(job_id)`.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Idempotent, like 0001: tables made straight from schema.py (create_all) have it.
    existing = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("crawl_runs")}
    with op.batch_alter_table("crawl_runs") as batch:
        if "job_id" not in existing:
            batch.add_column(sa.Column("job_id", sa.String(200), nullable=True))
        batch.create_index("ix_crawl_runs_job_id", ["job_id"], if_not_exists=True)


def downgrade() -> None:
    # "never": SQLite (3.35+) drops a column in place; rebuilding the table would
    # have to reflect its expression indexes, which SQLAlchemy cannot.
    with op.batch_alter_table("crawl_runs", recreate="never") as batch:
        batch.drop_index("ix_crawl_runs_job_id")
        batch.drop_column("job_id")
