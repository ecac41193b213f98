"""Hypothesis-drawn histories written through the repository (what the CLI and the TUI
call), for `test_spec_oracle`: a clock that moves forward day by day, and every kind of
entry the scorecard reads, edited, undone and deleted now and then."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from netrack.data.repo import Repo
from netrack.domain.errors import InputError

ORGS = (  # name, industry, size band, location
    ("Acme", "Software", "51-200", "Berlin"),
    ("Beta", "software ", "5000+", ""),
    ("Gamma", "", "", "Paris"),
    ("Delta", "Health", "1-10", "berlin"),
)
CHANNELS = (None, "event", "linkedin", "referral", "cold_outreach", "alumni", "recruiter")
SOURCES = (None, "networking", "referral", "cold_call", "job_board", "company_site", "recruiter")
STAGES: tuple[str, ...] = (
    "research",
    "target",
    "networking",
    "applied",
    "interviewing",
    "follow_up",
)
STAGES += ("negotiating", "won", "lost", "paused")
REASONS = ("", "rejected", "withdrawn", "hiring_freeze", "no_response", "other")
KINDS = ("in_person", "video", "call", "email", "message", "event", "interview", "other")
TEXTS = ("", " ", "intro to the team", "advice")
CATEGORIES = ("search", "networking", "busywork", "off")
GOAL_METRICS = (
    "active_campaigns", "pipeline_coverage", "interactions", "meaningful_contacts",
    "face_to_face", "events", "interviews", "new_contacts", "referrals_in", "referrals_out",
    "referral_rate_90d", "relationship_quality", "stage_advances", "setbacks",
    "interview_rounds", "hours_invested", "hours_busywork", "hours_off", "focus_ratio",
    "spend", "outcomes_per_10h", "campaign_focus", "follow_ups_overdue",
    "follow_ups_on_time", "diversity_overall",
)  # fmt: skip
PERIODS = ("week", "month", "quarter", "year")


class Nothing(Exception):
    """A step on a kind of entry there is none of yet: skipped."""


class Writer:
    """Draws and writes one history; `today` is the repository's clock."""

    def __init__(self, data: st.DataObject, last: date) -> None:
        self.data = data
        self.last = last
        self.first = last - timedelta(days=data.draw(st.integers(0, 800), label="span"))
        self.clock = self.first
        self.log: list[str] = []
        self.contacts: list[int] = []
        self.campaigns: list[int] = []
        self.interactions: list[int] = []
        self.referrals: list[int] = []
        self.times: list[int] = []

    def today(self) -> date:
        return self.clock

    def draw(self, strategy: st.SearchStrategy[Any], label: str) -> Any:
        return self.data.draw(strategy, label=label)

    def pick(self, items: list[Any] | tuple[Any, ...], label: str) -> Any:
        if not items:
            raise Nothing
        return self.draw(st.sampled_from(items), label)

    def some_campaign(self) -> st.SearchStrategy[int | None]:
        return st.sampled_from(self.campaigns) if self.campaigns else st.none()

    def back(self, most: int = 20) -> date:
        """A day on or before today, at most `most` days back (never before the first)."""
        days = self.draw(st.integers(0, most), "days back")
        return max(self.first, self.clock - timedelta(days=days))

    def write_history(self, repo: Repo, other: Repo | None = None) -> None:
        """Write the history through `repo`, some steps through `other` (another
        program on the same file: the TUI open while `netrack log` runs)."""
        for name, industry, size, location in ORGS[: self.draw(st.integers(1, 4), "orgs")]:
            repo.organizations.add(name, industry=industry, size_band=size, location=location)
        steps: dict[str, Callable[[Repo], Any]] = {
            "contact": self.add_contact,
            "strength": self.change_contact,
            "campaign": self.add_campaign,
            "move": self.move,
            "undo": lambda r: r.campaigns.undo(self.pick(self.campaigns, "undo")),
            "log": self.log_interaction,
            "edit": self.edit_interaction,
            "delete": lambda r: r.activity.delete(self.pick(self.interactions, "delete")),
            "done": self.follow_up_done,
            "referral": self.referral,
            "time": self.time_entry,
            "goal": self.goal,
            "config": self.config,
            "read": self.read,
            "tidy": self.tidy,
            "org": self.org,
        }
        # Logs and moves most often, as in real use; a name twice is drawn twice as often.
        often = ("log", "log", "log", "log", "move", "move", "contact", "campaign", "done")
        names = (*steps, *often)
        count = self.draw(st.integers(3, 70), "steps")
        for _ in range(count):
            self.clock = min(
                self.last, self.clock + timedelta(days=self.draw(st.integers(0, 9), "wait"))
            )
            name = self.pick(names, "step")
            try:
                writer = self.pick((repo, repo, other), "process") if other else repo
                done = steps[name](repo if name == "read" else writer)
            except InputError as refused:
                self.log.append(f"{self.clock} {name}: refused ({refused})")
            except Nothing:
                continue
            else:
                self.log.append(f"{self.clock} {name}: {done!r}"[:300])

    def org(self, repo: Repo) -> object:
        """An organization's details edited (the diversity of everyone there)."""
        found = repo.organizations.find(self.pick([o[0] for o in ORGS], "which org"))
        if found is None:
            raise Nothing
        return repo.organizations.update(
            found.id,
            industry=self.pick(("", "Software", "Retail"), "org industry"),
            size_band=self.pick(("", "11-50", "5000+"), "org size"),
            location=self.pick(("", "Berlin", "Porto"), "org location"),
        )

    def add_contact(self, repo: Repo) -> object:
        org = self.draw(st.none() | st.sampled_from([o[0] for o in ORGS]), "org")
        contact = repo.contacts.add(
            f"Person {len(self.contacts) + 1}",
            organization=org,
            channel=self.pick(CHANNELS, "channel"),
            met_on=self.back(60),
            strength=self.draw(st.none() | st.integers(1, 5), "strength"),
            keep_in_touch=self.draw(st.none() | st.integers(1, 40), "every"),
            function=self.pick(("", "engineering", "Engineering", "product"), "function"),
            industry=self.pick(("", "Fintech", "health"), "industry"),
            location=self.pick(("", "Berlin", "Lisbon"), "location"),
        )
        self.contacts.append(contact.id)
        return contact.id

    def change_contact(self, repo: Repo) -> object:
        who = self.pick(self.contacts, "who")
        what = self.pick(("strength", "archive", "met_on", "every"), "change")
        if what == "strength":
            level = self.pick(("", 1, 2, 3, 4, 5), "level")
            repo.contacts.update(who, strength=level)
            return (who, "strength", level)
        if what == "archive":
            archived = self.draw(st.booleans(), "archived")
            repo.contacts.update(who, archived=archived)
            return (who, "archived", archived)
        if what == "every":
            every = self.pick(("", 3, 10, 30), "every")
            repo.contacts.update(who, keep_in_touch=every)
            return (who, "every", every)
        met = self.back(60)
        repo.contacts.update(who, met_on=met)
        return (who, "met_on", met)

    def add_campaign(self, repo: Repo) -> object:
        campaign = repo.campaigns.add(
            f"Role {len(self.campaigns) + 1}",
            self.pick([o[0] for o in ORGS], "campaign org"),
            source=self.pick(SOURCES, "source"),
            stage=self.pick(STAGES, "first stage"),
            opened_on=self.back(30),
        )
        self.campaigns.append(campaign.id)
        return (campaign.id, campaign.stage)

    def move(self, repo: Repo) -> object:
        job = self.pick(self.campaigns, "campaign")
        stage = self.pick(STAGES, "stage")
        reason = self.pick(REASONS, "reason") if stage == "lost" else ""
        moved = repo.campaigns.move(job, stage, on=self.back(10), reason=reason)
        return (job, moved.stage)

    def log_interaction(self, repo: Repo) -> tuple[int, date, list[int]]:
        self.pick(self.contacts, "anyone")
        people = self.draw(st.lists(st.sampled_from(self.contacts), min_size=1, max_size=3), "with")
        on = self.back(20)
        follow = self.draw(st.none() | st.integers(0, 30), "follow up in")
        done = repo.activity.log(
            people,
            on=on,
            kind=self.pick(KINDS, "kind"),
            minutes=self.draw(st.integers(0, 150), "minutes"),
            campaign_id=self.draw(st.none() | self.some_campaign(), "linked"),
            meaningful=self.draw(st.booleans(), "meaningful"),
            value_received=self.pick(TEXTS, "received"),
            value_given=self.pick(TEXTS, "given"),
            cost=self.pick((0, 0, 4.5, 12.25), "cost"),
            follow_up_on=None if follow is None else on + timedelta(days=follow),
        )
        self.interactions.append(done.id)
        return (done.id, on, [*people])

    def edit_interaction(self, repo: Repo) -> object:
        which = self.pick(self.interactions, "edit which")
        what = self.pick(
            ("on", "minutes", "kind", "campaign", "with", "meaningful", "texts", "fu"), "edit"
        )
        if what == "texts":
            received, given = self.pick(TEXTS, "new received"), self.pick(TEXTS, "new given")
            cost = self.pick((0, 3.3), "new cost")
            return repo.activity.update(
                which, value_received=received, value_given=given, cost=cost
            )
        if what == "fu":
            current = repo.activity.get(which)
            due = self.draw(st.none() | st.integers(0, 20), "new follow up in")
            return repo.activity.update(
                which, follow_up_on=None if due is None else current.on + timedelta(days=due)
            )
        if what == "on":
            return repo.activity.update(which, on=self.back(30))
        if what == "minutes":
            return repo.activity.update(which, minutes=self.draw(st.integers(0, 90), "m"))
        if what == "kind":
            return repo.activity.update(which, kind=self.pick(KINDS, "new kind"))
        if what == "meaningful":
            return repo.activity.update(which, meaningful=self.draw(st.booleans(), "flag"))
        if what == "with":
            self.pick(self.contacts, "anyone")
            people = self.draw(
                st.lists(st.sampled_from(self.contacts), min_size=1, max_size=2), "w"
            )
            return repo.activity.update(which, contact_ids=people)
        linked = self.draw(st.none() | self.some_campaign(), "relink")
        return repo.activity.update(which, campaign_id=linked)

    def follow_up_done(self, repo: Repo) -> object:
        if self.draw(st.booleans(), "one or all"):
            which = self.pick(self.interactions, "follow-up")
            repo.activity.mark_follow_up_done(which, on=self.back(10))
            return which
        return repo.activity.mark_contact_follow_ups_done(
            self.pick(self.contacts, "of"), on=self.back(5)
        )

    def referral(self, repo: Repo) -> object:
        made = repo.referrals.add(
            self.pick(self.contacts, "from"),
            self.pick(("in", "out"), "direction"),
            on=self.back(20),
            campaign_id=self.draw(st.none() | self.some_campaign(), "for"),
        )
        self.referrals.append(made.id)
        return made.id

    def time_entry(self, repo: Repo) -> object:
        if self.times and self.draw(st.integers(0, 4), "edit time") == 0:
            which = self.pick(self.times, "entry")
            if self.draw(st.booleans(), "delete time"):
                self.times.remove(which)
                return repo.time.delete(which)
            if self.draw(st.booleans(), "relink time"):
                return repo.time.update(which, campaign_id=self.draw(self.some_campaign(), "to"))
            return repo.time.update(which, on=self.back(20), category=self.pick(CATEGORIES, "c"))
        made = repo.time.add(
            self.draw(st.integers(1, 300), "time minutes"),
            self.pick(CATEGORIES, "category"),
            on=self.back(20),
            campaign_id=self.draw(st.none() | self.some_campaign(), "for"),
        )
        self.times.append(made.id)
        return made.id

    def goal(self, repo: Repo) -> object:
        metric = self.pick(GOAL_METRICS, "metric")
        ratio = metric in (
            "referral_rate_90d",
            "focus_ratio",
            "campaign_focus",
            "diversity_overall",
        )
        target = self.pick((0, 0.25, 0.5, 1) if ratio else (0, 1, 2, 3, 5), "target")
        if metric == "relationship_quality":
            target = self.pick((1, 2.5, 4), "quality")
        return repo.goals.add(
            metric,
            target,
            comparator=self.pick(("at_least", "at_most"), "comparator"),
            period=self.pick(PERIODS, "period"),
            # Some count from a day to come: the cards of the weeks before show them, on
            # a running card measured from their `since`.
            since=self.back(200)
            if self.draw(st.booleans(), "since passed")
            else self.clock + timedelta(days=self.draw(st.integers(1, 40), "days ahead")),
        )

    def config(self, repo: Repo) -> object:
        key = self.pick(("week_start", "going_cold_days", "stalled_days"), "setting")
        value = self.draw(st.integers(0, 6) if key == "week_start" else st.integers(1, 40), "value")
        repo.goals.set_setting(key, value)
        return (key, value)

    def tidy(self, repo: Repo) -> object:
        """What `campaign edit`, `referral` edits and `contact merge` change."""
        what = self.pick(("source", "opened", "merge", "delete campaign", "referral"), "tidy")
        if what == "source":
            job = self.pick(self.campaigns, "edit campaign")
            return repo.campaigns.update(job, source=self.pick(SOURCES, "new source") or "").source
        if what == "opened":
            job = self.pick(self.campaigns, "edit campaign")
            return repo.campaigns.update(job, opened_on=self.back(30)).opened_on
        if what == "delete campaign":
            return repo.tidy.delete_campaign(self.pick(self.campaigns, "delete campaign")).id
        if what == "referral":
            which = self.pick(self.referrals, "referral")
            return repo.referrals.update(
                which, on=self.back(30), direction=self.pick(("in", "out"), "d")
            )
        keep, other = self.pick(self.contacts, "keep"), self.pick(self.contacts, "other")
        merged = repo.tidy.merge_contacts(keep, other, backup=lambda: repo.path)
        self.contacts.remove(other)
        return merged.removed

    def read(self, repo: Repo) -> object:
        """A card read now: its sums are kept, for later writes to forget."""
        kind = self.pick(PERIODS, "read kind")
        card = repo.scorecard.card(repo.scorecard.period(kind, self.back(60)))
        return card.period.label
