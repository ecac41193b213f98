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

from netrack.data.repo import Repo
from netrack.data.table_rows import table_dump
from netrack.domain.setting_words import exported_setting
from netrack.interop.export_leftovers import remove_stale_temporaries
from netrack.interop.file_guards import check_export_folder
from netrack.interop.files import write_private_folder

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FILES: tuple[tuple[str, str], ...] = (  # (file, table)
    ("organizations", "organization"),
    ("contacts", "contact"),
    ("strength_changes", "strength_change"),
    ("contact_tags", "contact_tag"),
    ("campaigns", "campaign"),
    ("campaign_contacts", "campaign_contact"),
    ("stage_changes", "stage_change"),
    ("interactions", "interaction"),
    ("interaction_contacts", "interaction_contact"),
    ("referrals", "referral"),
    ("time_entries", "time_entry"),
    ("goals", "goal"),
    ("settings", "setting"),
    # which calendar events became which interaction: `import ics` adds each once
    ("imported_events", "imported_event"),
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


def table_csv(table: str) -> str:
    columns, rows = table_dump(table)
    if table == "setting":  # in SPEC's words, as `export json` and `config` show them
        rows = [(key, exported_setting(key, value)) for key, value in rows]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise(value) for value in row])
    return buffer.getvalue()


def file_names() -> set[str]:
    return {f"{name}.csv" for name, _ in FILES}


def export_csv(repo: Repo, folder: Path, force: bool = False) -> tuple[list[Path], str]:
    """Write every table into `folder` (0700), the whole set at once: a new or empty
    folder, or with `force` an earlier CSV export, swapped for the new one. Returns the
    files written and what a killed export left there that could not be removed ("" for
    none: `remove_stale_temporaries`); InputError (nothing written) for any other folder."""
    real = check_export_folder(Path(folder), repo.path, force, file_names())
    stayed = remove_stale_temporaries(real, file_names())
    with repo.store.reading():  # one read snapshot across the files, no write lock
        texts = {f"{name}.csv": table_csv(table).encode("utf-8") for name, table in FILES}
    write_private_folder(real, texts)
    return [Path(folder).expanduser() / name for name in texts], stayed
