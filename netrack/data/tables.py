"""Peewee models: the rows. They never leave `netrack.data`; `repo` converts them.

Dates are stored as ISO text (sorts and compares correctly); money as cents.

The models belong to no database: each `Store` (one open file) binds them to its own
handle for the length of an operation (`Store.bound()`), and the binding is per thread
(the TUI reads in worker threads), so two files open in one process never mix.
"""

from __future__ import annotations

from typing import Any

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)
from playhouse.shortcuts import ThreadSafeDatabaseMetadata

from netrack.data.uids import new_uid


class _PerThread(ThreadSafeDatabaseMetadata):  # type: ignore[misc]  # peewee: untyped
    """The bound database is kept per thread, with no fallback: peewee's class would make
    the first database ever bound the default of every other thread, so a query run
    outside `Store.bound()` would quietly read whichever file was opened first."""

    def _set_db(self, db: Any) -> None:
        self._local.database = db

    database = property(ThreadSafeDatabaseMetadata._get_db, _set_db)


class BaseModel(Model):
    class Meta:
        database = None
        model_metadata_class = _PerThread
        legacy_table_names = False


class Setting(BaseModel):
    key = CharField(primary_key=True)
    value = TextField()


class Organization(BaseModel):
    id = AutoField()
    name = CharField()
    name_key = CharField(unique=True)  # casefolded name: one organization per spelling
    industry = CharField(default="")
    size_band = CharField(default="")
    location = CharField(default="")
    notes = TextField(default="")
    # Schema 13: as Interaction's uid (see migrations/m013_named_uids.py).
    uid = CharField(null=True, unique=True, default=new_uid)


class Contact(BaseModel):
    id = AutoField()
    name = CharField(index=True)
    organization = ForeignKeyField(
        Organization, null=True, on_delete="SET NULL", backref="contacts"
    )
    title = CharField(default="")
    function = CharField(default="")
    industry = CharField(default="")
    location = CharField(default="")
    email = CharField(default="", index=True)
    phone = CharField(default="")
    url = CharField(default="", index=True)
    channel = CharField(null=True)
    met_on = DateField(index=True)
    introduced_by = ForeignKeyField("self", null=True, on_delete="SET NULL")
    strength = IntegerField(null=True)  # the current value; history in StrengthChange
    notes = TextField(default="")
    archived = BooleanField(default=False)
    # Schema 4: keep in touch every this many days (None: no cadence).
    keep_in_touch = IntegerField(null=True)
    uid = CharField(null=True, unique=True, default=new_uid)  # schema 13, as Organization's
    # Schema 19: `fold(name)`, kept by netrack's writes of a name (`data/name_keys`);
    # NULL where not known, and then folded as read (see m019).
    name_key = CharField(null=True)


class StrengthChange(BaseModel):
    """Schema 4: a contact's strength from `on` (None: cleared). The latest entry on or
    before a day is the strength that day; `Contact.strength` repeats the latest."""

    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="strength_rows", index=False)
    on = DateField()
    strength = IntegerField(null=True)

    class Meta:
        indexes = ((("contact", "on"), False),)


class ContactTag(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="tag_rows")
    tag = CharField()

    class Meta:
        indexes = ((("contact", "tag"), True),)


class MergedIdentity(BaseModel):
    """Schema 15: what identified a contact merged into `contact` (its name and
    organization, record uid, email, url and phone as they were), so that an import of
    a file naming the merged-away person finds the contact they became (see
    migrations/m015_merged_identities.py). Exported by its contact's uid; goes with
    its contact."""

    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="merged_identities")
    name = CharField()
    organization = CharField()
    former_id = IntegerField()  # the merged contact's id: is `uid` derived from it?
    uid = CharField(null=True)
    email = CharField()
    url = CharField()
    phone = CharField()


class Campaign(BaseModel):
    id = AutoField()
    title = CharField()
    organization = ForeignKeyField(Organization, on_delete="RESTRICT", backref="campaigns")
    source = CharField(null=True)
    priority = IntegerField(null=True)
    url = CharField(default="")
    notes = TextField(default="")
    opened_on = DateField()
    # Denormalised from StageChange for the kanban; history stays the truth.
    stage = CharField(index=True)
    stage_since = DateField()
    # The reason of the latest change into lost while the campaign is lost, else "";
    # denormalised from StageChange.reason like `stage`.
    lost_reason = CharField(default="")
    # Schema 4: the details a job seeker compares.
    location = CharField(default="")
    compensation = CharField(default="")
    deadline = DateField(null=True)
    documents = TextField(default="")
    uid = CharField(null=True, unique=True, default=new_uid)  # schema 13, as Organization's


class CampaignContact(BaseModel):
    id = AutoField()
    campaign = ForeignKeyField(Campaign, on_delete="CASCADE", backref="links")
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="campaign_links")
    role = CharField(null=True)

    class Meta:
        indexes = ((("campaign", "contact"), True),)


class StageChange(BaseModel):
    id = AutoField()
    campaign = ForeignKeyField(Campaign, on_delete="CASCADE", backref="history")
    from_stage = CharField(null=True)
    to_stage = CharField()
    on = DateField()
    note = TextField(default="")
    reason = CharField(default="")  # schema 4: the loss reason of a change into lost

    class Meta:
        indexes = ((("campaign", "on"), False), (("on",), False))


class Interaction(BaseModel):
    id = AutoField()
    on = DateField()
    kind = CharField()
    minutes = IntegerField(default=0)
    # Schema 8: no index of its own; (campaign, on) below starts with it.
    campaign = ForeignKeyField(
        Campaign, null=True, on_delete="SET NULL", backref="interactions", index=False
    )
    meaningful = BooleanField(default=False)
    value_received = TextField(default="")
    value_given = TextField(default="")
    cost_cents = IntegerField(default=0)
    follow_up_on = DateField(null=True)
    follow_up_done_on = DateField(null=True)
    note = TextField(default="")
    # Schema 2: the date a later touch of the same contacts closed the follow-up,
    # kept exact by triggers (see migrations/m002_follow_up_closure.py).
    follow_up_closed_on = DateField(null=True)
    # Schema 7: the day the entry was typed in (see migrations/m007_logged_on.py); NULL
    # for imported history, which nobody logged by hand. Its index is partial (schema 8:
    # only the rows that have one; see migrations/m008_lean_history_indexes.py).
    logged_on = DateField(null=True)
    # Schema 12: the record's identity wherever its history travels (see
    # migrations/m012_record_uids.py); written with the row, never changed.
    uid = CharField(null=True, unique=True, default=new_uid)

    class Meta:
        indexes = (
            # Schemas 3 and 6: the scorecard's reads, answered from the index alone.
            (
                (
                    *("on", "kind", "minutes", "campaign", "meaningful"),
                    *("cost_cents", "value_received", "value_given"),
                ),
                False,
            ),
            # Schema 8: both partial, rows with a follow-up / a campaign only (see
            # migrations/m008_lean_history_indexes.py).
            (("follow_up_on", "follow_up_done_on", "follow_up_closed_on"), False),
            (("campaign", "on"), False),
        )


class InteractionContact(BaseModel):
    """Who took part. `on` repeats the interaction's date so "last touch" and the
    follow-up closing rule are one index seek per contact. Schema 6 adds a derived
    column `meaningful`, kept by triggers and left out of this model (and so of the
    exports): see migrations/m006_meaningful_links.py."""

    id = AutoField()
    # Schema 8: no single-column indexes; the two below start with each of them.
    interaction = ForeignKeyField(Interaction, on_delete="CASCADE", backref="people", index=False)
    contact = ForeignKeyField(
        Contact, on_delete="CASCADE", backref="interaction_links", index=False
    )
    on = DateField()

    class Meta:
        indexes = (
            (("interaction", "contact"), True),
            (("contact", "on"), False),
            (("on", "interaction", "contact"), False),
        )


class ImportedEvent(BaseModel):
    """Schema 5: a calendar occurrence `import ics` logged (`key`: the event's UID and
    the day, see `history`), kept after its interaction is deleted so a re-import does
    not bring that meeting back (see migrations/m005_imported_events.py)."""

    key = TextField(primary_key=True)
    interaction = ForeignKeyField(Interaction, null=True, on_delete="SET NULL")


class Referral(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="referrals")
    direction = CharField()
    on = DateField(index=True)
    campaign = ForeignKeyField(Campaign, null=True, on_delete="SET NULL")
    note = TextField(default="")
    uid = CharField(null=True, unique=True, default=new_uid)  # schema 12, as Interaction's
    # Schema 16: the day it was typed in, as Interaction's (see
    # migrations/m016_logged_on_time_referrals.py); NULL: logged on its own date.
    logged_on = DateField(null=True)


class TimeEntry(BaseModel):
    id = AutoField()
    on = DateField()
    minutes = IntegerField()
    category = CharField()
    campaign = ForeignKeyField(Campaign, null=True, on_delete="SET NULL")
    note = TextField(default="")
    uid = CharField(null=True, unique=True, default=new_uid)  # schema 12, as Interaction's
    logged_on = DateField(null=True)  # schema 16, as Referral's

    class Meta:
        # Schema 6: the scorecard's sums of time, answered from the index alone.
        indexes = ((("on", "category", "minutes", "campaign"), False),)


class Goal(BaseModel):
    id = AutoField()
    metric = CharField()
    target = FloatField()
    comparator = CharField(default="at_least")
    period = CharField(default="week")
    note = TextField(default="")
    since = DateField()  # schema 4: the goal counts on cards that end on or after it
    # Schema 17 (migrations/m017_goal_until.py): the last day it counts; NULL: no end.
    until = DateField(null=True)


ALL_TABLES: tuple[type[BaseModel], ...] = (
    Setting,
    Organization,
    Contact,
    StrengthChange,
    ContactTag,
    MergedIdentity,
    Campaign,
    CampaignContact,
    StageChange,
    Interaction,
    InteractionContact,
    ImportedEvent,
    Referral,
    TimeEntry,
    Goal,
)
