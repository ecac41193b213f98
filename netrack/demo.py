"""Demo data: about twelve weeks of a believable job search, dated relative to `today`.

Deterministic (one seeded `random.Random`), written through the repository so every row
obeys the same validation as the CLI and the TUI, and in one transaction: a failure
leaves the database as it was. History is written in date order, as the repository
requires (no stage change before a campaign's latest one).

The story, as of `today`: a senior data/platform engineer based in Berlin runs sixteen
campaigns. One was won (a fractional advisory gig), five were lost, one for each of SPEC's
reasons (rejected, withdrawn, hiring freeze, no response, other), one is paused; the rest
spread across every active stage, two of them after several interview rounds
(follow_up → interviewing). This week has a final round, a negotiation call and three
campaign meetings, but fewer meaningful conversations than the goal, so the running
week's goals are still open; goals of every period kind count from the demo's first day.
Two strong contacts are going cold, one contact kept on a three-weekly rhythm is overdue
and another falls due in two days; strengths rose for some contacts and fell for one;
one campaign (Brightline) has stalled since its recruiter went quiet, and two deadlines
fall in the coming week (none falls before its campaign was opened).

The parts: demo_people (the cast), demo_plans (campaigns), demo_text (filler),
demo_writer (how rows are written), demo_story (the scripted touches).
"""

from __future__ import annotations

import random
from contextlib import ExitStack
from datetime import date, timedelta
from functools import partial

from netrack.data import uids
from netrack.data.backup import copy_kept_if_done
from netrack.data.merge_rows import MergeRows
from netrack.data.repo import Repo
from netrack.data.server_rights import refuse_a_reader
from netrack.demo_story import campaign_story, events, referrals, this_week_story
from netrack.demo_writer import SPAN_DAYS, Writer, span
from netrack.domain.errors import InputError
from netrack.domain.weeks import CARD_YEARS
from netrack.locations import backups_dir

SEED = 20261127


def fill_demo(repo: Repo, today: date, replace: bool = False) -> str:
    """Write ~12 weeks of demo activity ending at `today`; returns a one-line summary
    that names the database (without `--db` it is the user's own, unseen).

    `replace=True` first deletes every row (goals and settings included; the default
    goals come back) — after a verified backup of what was there (`before-demo` in
    backups/, named in the summary). Everything else happens in one transaction.
    """
    check_today(today)
    if repo.store.address is not None:
        # Before the copy of what is there: a role that may only read had its data saved
        # as a backup, then met "permission denied for table goal".
        refuse_a_reader(repo.store.db, repo.store.address, "no demo data was written")
    saved = ""
    rows = MergeRows(repo.store)
    writer = Writer(repo, today, random.Random(SEED))
    # The same uids each time the demo is made for this day (a day's demo is one
    # database, row for row), others for another day's (other records). The copy's
    # keeper is left after the write, its commit included: a demo that fails or is
    # interrupted (SIGTERM) wrote nothing, so its copy goes too.
    with uids.seeded(f"{SEED}-{today.isoformat()}"), ExitStack() as kept, repo.writing():
        if replace and rows.holds_user_data():
            from netrack.interop.api import safety_copy

            # Under the lock: a `log` saved between the copy and the deletion was in
            # neither (it had said "logged").
            make = partial(safety_copy, repo, "before-demo")
            copy = kept.enter_context(copy_kept_if_done(make, backups_dir(repo.store.path)))
            saved = f"; the previous data is saved as {copy}"
        if replace:
            rows.delete_everything()
        writer.contacts()
        writer.campaigns()
        events(writer)
        campaign_story(writer)
        writer.background()
        this_week_story(writer)
        referrals(writer)
        entries = writer.time()
        goals = writer.goals()
    start = writer.day(SPAN_DAYS)
    return (
        f"demo data in {repo.store.location}: {len(writer.contact_ids)} contacts, {len(writer.campaign_ids)} campaigns, "
        f"{writer.interactions} interactions, 10 referrals, {entries} time entries, "
        f"{goals} goals ({start.isoformat()} → {today.isoformat()}){saved}"
    )


def check_today(today: date) -> date:
    """`today`, if every date of the demo's story falls in the years a scorecard covers;
    else InputError naming the todays that fit (near the bounds a date of the story was
    refused, and the error named that date, which the user never typed)."""
    before, after = span()
    first, last = CARD_YEARS
    earliest = date(first, 1, 1) + timedelta(days=before)
    latest = date(last, 12, 31) - timedelta(days=after)
    if not earliest <= today <= latest:
        raise InputError(
            f"the demo's history spans {before} days before today and {after} after it: "
            f"give a today from {earliest.isoformat()} to {latest.isoformat()}"
        )
    return today
