"""`netrack export csv --out DIR`: one UTF-8 CSV per table, headers first, ISO dates.

Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
as a formula; such text cells get a leading apostrophe, so a contact titled
`=HYPERLINK(…)` stays text. Numbers are written as they are (a -5 is not text).
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

from netrack.data import tables as t
from netrack.data.repo import Repo
from netrack.interop.files import check_export_folder, write_private_folder
from netrack.interop.store import tuple_rows

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FILES: tuple[tuple[str, Any], ...] = (
    ("organizations", t.Organization),
    ("contacts", t.Contact),
    ("contact_tags", t.ContactTag),
    ("campaigns", t.Campaign),
    ("campaign_contacts", t.CampaignContact),
    ("stage_changes", t.StageChange),
    ("interactions", t.Interaction),
    ("interaction_contacts", t.InteractionContact),
    ("referrals", t.Referral),
    ("time_entries", t.TimeEntry),
    ("goals", t.Goal),
    ("settings", t.Setting),
)


def neutralise(value: object) -> str | int | float:
    """A cell as written: text that a spreadsheet would evaluate gets a leading `'`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    text = value.isoformat() if isinstance(value, date) else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def table_csv(model: Any) -> str:
    fields = model._meta.sorted_fields
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([field.column_name for field in fields])
    order = model._meta.primary_key
    for row in tuple_rows(model.select(*fields).order_by(order)):
        writer.writerow([neutralise(value) for value in row])
    return buffer.getvalue()


def file_names() -> set[str]:
    return {f"{name}.csv" for name, _ in FILES}


def export_csv(repo: Repo, folder: Path, force: bool = False) -> list[Path]:
    """Write every table into `folder` (0700), the whole set at once: a new or empty
    folder, or with `force` an earlier CSV export, swapped for the new one. Returns the
    files written; InputError (nothing written) for any other folder."""
    real = check_export_folder(Path(folder), repo.path, force, file_names())
    with repo.store.reading():  # one read snapshot across the files, no write lock
        texts = {f"{name}.csv": table_csv(model).encode("utf-8") for name, model in FILES}
    write_private_folder(real, texts)
    return [Path(folder).expanduser() / name for name in texts]
