"""The rows a JSON import (and `netrack demo --replace`) reads and writes, by table.

`interop/json_merge` reads and checks every record of the file (with `domain.validate`'s
rules, the CLI's) and decides what to add or fill; this module is where those decisions
become rows, so only `netrack/data` touches the tables. Every method runs inside the
caller's `repo.writing()` (one transaction for the whole import) and takes values
already checked. New rows get their ids from SQLite, one insert each; contacts and
organizations, the bulk of an import, are written by `netrack.data.bulk`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from netrack.data import tables as t
from netrack.data.bulk_rows import first_free_id, forget_deleted_ids, insert_rows
from netrack.data.engines import param_sql
from netrack.data.link_batch import insert_links
from netrack.data.repo.base import Service
from netrack.data.repo.campaigns import resync_stage
from netrack.data.repo.contacts import write_contact_extras
from netrack.data.table_rows import TABLES, dict_rows, tuple_rows
from netrack.domain.goals import DEFAULT_GOALS


class MergeRows(Service):
    """Reads and writes of the sections of a netrack export, over one store."""

    # --- the database as a whole ---------------------------------------------------------

    def holds_user_data(self) -> bool:
        """Anything a new database would not have: a row in any table but `goal`, or
        goals other than the default ones (in their order)."""
        if any(model.select().exists() for model in t.ALL_TABLES if model is not t.Goal):
            return True
        goals = tuple_rows(
            t.Goal.select(
                t.Goal.metric, t.Goal.target, t.Goal.comparator, t.Goal.period, t.Goal.note
            )
            .where(t.Goal.until.is_null())  # an ended default is the user's doing
            .order_by(t.Goal.id)
        )
        return [tuple(g) for g in goals] != [tuple(g) for g in DEFAULT_GOALS]

    def shares_records(self, uids: Sequence[str]) -> bool:
        """Whether an interaction, referral or time entry has one of `uids` (schema 12):
        the file and the database then come from one history."""
        wanted = sorted(set(uids))
        for start in range(0, len(wanted), 900):  # below any engine's limit of parameters
            chunk = wanted[start : start + 900]
            for model in (t.Interaction, t.Referral, t.TimeEntry):
                if model.select().where(model.uid.in_(chunk)).exists():
                    return True
        return False

    def delete_everything(self) -> None:
        """Delete every row of every table (children first), and the ids they used are
        free again: what follows (the demo, a restored export) is the whole history
        anew and numbers its rows as a new database would (the demo, row for row), as
        restoring a backup file brings back the ids it knew."""
        for model in reversed(t.ALL_TABLES):
            model.delete().execute()
        forget_deleted_ids(t.Setting._meta.database)

    # --- settings and goals --------------------------------------------------------------

    def settings(self) -> dict[str, str]:
        """Every setting the database holds, as stored (text)."""
        return {
            str(key): str(value)
            for key, value in tuple_rows(t.Setting.select(t.Setting.key, t.Setting.value))
        }

    def add_setting(self, key: str, value: int) -> None:
        t.Setting.insert(key=key, value=str(value)).execute()

    def goals(self) -> list[dict[str, Any]]:
        """Every goal as a dictionary, in id order."""
        return dict_rows(t.Goal.select().order_by(t.Goal.id))

    def delete_goals(self) -> int:
        """Delete every goal of a new database (its defaults, replaced by a file's);
        how many there were. The file's goals are numbered from 1, as on the machine
        that wrote it: no id of theirs was ever seen deleted here, and a history moved
        to a new database (a server) keeps the goal ids its cards show."""
        removed = int(t.Goal.delete().execute())
        forget_deleted_ids(t.Goal._meta.database, t.Goal._meta.table_name)
        return removed

    def add_goal(self, goal: dict[str, Any]) -> None:
        t.Goal.insert(**goal).execute()

    def end_goal(self, goal_id: int, until: date) -> None:
        t.Goal.update(until=until).where(t.Goal.id == goal_id).execute()

    # --- campaigns ------------------------------------------------------------------------

    def campaigns(self) -> list[dict[str, Any]]:
        """Every campaign as a dictionary (`organization` holds the id), in id order."""
        return dict_rows(t.Campaign.select().order_by(t.Campaign.id))

    def add_campaign(self, values: dict[str, Any]) -> int:
        """A new campaign (fields by name, `organization` an id); its id."""
        return int(t.Campaign.insert(**values).execute())

    def fill_campaign(self, campaign_id: int, blanks: dict[str, Any]) -> None:
        t.Campaign.update(**blanks).where(t.Campaign.id == campaign_id).execute()

    def stage_history(self, campaign_id: int) -> list[tuple[str, Any]]:
        """(to_stage, on) of each stage change the campaign has, in its history's order."""
        query = (
            t.StageChange.select(t.StageChange.to_stage, t.StageChange.on)
            .where(t.StageChange.campaign == campaign_id)
            .order_by(t.StageChange.on, t.StageChange.id)
        )
        return [(str(stage), on) for stage, on in tuple_rows(query)]

    def add_stage_changes(self, campaign_id: int, steps: list[dict[str, Any]]) -> None:
        """Append stage changes, then re-chain the history and the campaign's stage."""
        for step in steps:
            t.StageChange.insert(campaign=campaign_id, **step).execute()
        if steps:
            resync_stage(campaign_id)

    def campaign_contacts(self, campaign_id: int) -> set[int]:
        query = t.CampaignContact.select(t.CampaignContact.contact).where(
            t.CampaignContact.campaign == campaign_id
        )
        return {int(contact) for (contact,) in tuple_rows(query)}

    def link_contact(self, campaign_id: int, contact_id: int, role: str | None) -> None:
        t.CampaignContact.insert(campaign=campaign_id, contact=contact_id, role=role).execute()

    # --- contacts -------------------------------------------------------------------------

    def link_introductions(self, links: list[tuple[int, int]]) -> None:
        """(introduced_by, contact) pairs: set each contact's "introduced by" at once."""
        meta = t.Contact._meta
        mark = meta.database.param
        meta.database.cursor().executemany(
            f'UPDATE "{meta.table_name}" SET "introduced_by_id" = {mark} WHERE "id" = {mark}',
            links,
        )

    def write_contact_extras(self, extras: dict[int, Any], first_new: int) -> None:
        """Schema 4's per-contact extras (cadence, strength history): see contacts.py."""
        write_contact_extras(extras, first_new)

    # --- interactions ---------------------------------------------------------------------

    def interactions(self) -> list[tuple[dict[str, Any], frozenset[int]]]:
        """Every interaction (`campaign` holds the id) with the ids of its contacts."""
        people: dict[int, set[int]] = {}
        for interaction_id, contact_id in tuple_rows(
            t.InteractionContact.select(
                t.InteractionContact.interaction, t.InteractionContact.contact
            )
        ):
            people.setdefault(interaction_id, set()).add(contact_id)
        rows = dict_rows(t.Interaction.select().order_by(t.Interaction.id))
        return [(row, frozenset(people.get(row["id"], ()))) for row in rows]

    def add_interactions(self, batch: Sequence[tuple[dict[str, Any], Sequence[int]]]) -> list[int]:
        """New interactions, each with its contacts (each once), ids in the batch's order
        (returned): one `executemany` per table, the link triggers' work done once for
        the whole batch (`history.insert_links`)."""
        if not batch:
            return []
        first = first_free_id(t.Interaction)
        rows = [{"id": n, **values} for n, (values, _) in enumerate(batch, first)]
        insert_rows(t.Interaction, rows)
        on = t.InteractionContact.on
        links: list[tuple[int, int, Any]] = []
        flags: list[bool] = []
        for n, (values, who) in enumerate(batch, first):
            people = list(dict.fromkeys(who))
            links += [(n, contact_id, on.db_value(values["on"])) for contact_id in people]
            # m006's rule (blank after SQL's TRIM, which trims spaces); `insert_links`
            # sets right any link where the database's own rule says otherwise.
            meaningful = bool(values.get("meaningful")) or bool(
                str(values.get("value_received") or "").strip(" ")
            )
            flags += [meaningful] * len(people)
        insert_links(links, flags)
        return list(range(first, first + len(batch)))

    def close_follow_up(self, interaction_id: int, done: Any) -> None:
        t.Interaction.update(follow_up_done_on=done).where(
            t.Interaction.id == interaction_id
        ).execute()

    # --- calendar occurrences `import ics` logged ------------------------------------------

    def imported_event_keys(self) -> set[str]:
        return {str(key) for (key,) in tuple_rows(t.ImportedEvent.select(t.ImportedEvent.key))}

    def add_imported_events(self, events: Sequence[tuple[str, int | None]]) -> None:
        """(key, interaction id or None) rows, in the given order."""
        if events:
            t.ImportedEvent._meta.database.cursor().executemany(
                param_sql('INSERT INTO "imported_event" ("key", "interaction_id") VALUES (?, ?)'),
                events,
            )

    def interaction_uids(self, ids: Sequence[int]) -> dict[int, str]:
        """The uid of each of `ids` that has one (the key of the messages it stands for)."""
        found: dict[int, str] = {}
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), 900):  # below any engine's limit of parameters
            query = t.Interaction.select(t.Interaction.id, t.Interaction.uid).where(
                t.Interaction.id.in_(wanted[start : start + 900]), t.Interaction.uid.is_null(False)
            )
            found.update((iid, str(uid)) for iid, uid in tuple_rows(query))
        return found

    # --- referrals and time entries -------------------------------------------------------

    def rows(self, table: str) -> list[dict[str, Any]]:
        """Every row of `referral` or `time_entry`, keyed by field name."""
        return dict_rows(TABLES[table].select())

    def add_rows(self, table: str, rows: Sequence[dict[str, Any]]) -> None:
        """New rows of `referral` or `time_entry`, ids in the given order."""
        if rows:
            model = TABLES[table]
            first = first_free_id(model)
            insert_rows(model, [{"id": n, **values} for n, values in enumerate(rows, first)])
