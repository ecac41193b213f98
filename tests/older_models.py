"""Writing a database as a netrack of an older schema wrote it, through today's models."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from netrack.data import tables as t


@contextmanager
def before_schema_13() -> Iterator[None]:
    """Within the block the models have no `uid` on organizations, contacts and
    campaigns, as before schema 13 (migrations/m013_named_uids.py): a test that writes
    a file of an older schema through the repository (its `STEPS` cut short) writes
    the columns that file has."""
    removed = []
    for model in (t.Organization, t.Contact, t.Campaign):
        removed.append((model, model._meta.fields["uid"]))
        model._meta.remove_field("uid")
    try:
        yield
    finally:
        for model, field in removed:
            model._meta.add_field("uid", field)
