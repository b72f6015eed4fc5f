"""Crawl runs remember which machine and process ran them.

`host` is the machine's hostname (scheduler, `portalfeed crawl`) or the Celery
worker's node name (`celery@host`); `pid` the crawl child's process id.  Both stay
empty on runs recorded before this revision.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Idempotent, like 0001: tables made straight from schema.py (create_all) have them.
    existing = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("crawl_runs")}
    with op.batch_alter_table("crawl_runs") as batch:
        if "host" not in existing:
            batch.add_column(sa.Column("host", sa.String(255), nullable=True))
        if "pid" not in existing:
            batch.add_column(sa.Column("pid", sa.Integer(), nullable=True))


def downgrade() -> None:
    # "never": SQLite (3.35+) drops a column in place; rebuilding the table would
    # have to reflect its expression indexes, which SQLAlchemy cannot.
    with op.batch_alter_table("crawl_runs", recreate="never") as batch:
        batch.drop_column("pid")
        batch.drop_column("host")
