"""Demo data: about twelve weeks of a believable job search, dated relative to `today`.

Deterministic (one seeded `random.Random`), written through the repository so every row
obeys the same validation as the CLI and the TUI, and in one transaction: a failure
leaves the database as it was.

The story, as of `today`: a senior data/platform engineer based in Berlin runs thirteen
campaigns. One was won (a fractional advisory gig), two were lost (rejected, no
response), one withdrawn, one paused; the rest spread across every active stage. This
week has a final round, a negotiation call and three campaign meetings, but fewer
meaningful conversations than the goal; two strong contacts are going cold and one
campaign (Brightline) has stalled since its recruiter went quiet.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from netrack.data.merge_rows import MergeRows
from netrack.data.repo import Repo
from netrack.domain.goals import DEFAULT_GOALS
from netrack.domain.models import ACTIVE_STAGES, Kind, Stage

SEED = 20261127
SPAN_DAYS = 84  # twelve weeks


@dataclass(frozen=True, slots=True)
class Org:
    name: str
    industry: str
    size_band: str
    location: str


ORGS: tuple[Org, ...] = (
    Org("Northwind Analytics", "data & analytics", "201-1000", "Berlin"),
    Org("Kestrel Robotics", "robotics", "51-200", "Munich"),
    Org("Lumen Health", "healthtech", "201-1000", "Amsterdam"),
    Org("Tessera Bank", "fintech", "5000+", "London"),
    Org("Orbital Freight", "logistics", "1001-5000", "Rotterdam"),
    Org("Papyrus Labs", "edtech", "11-50", "Lisbon"),
    Org("Verdant Climate", "climate tech", "11-50", "Copenhagen"),
    Org("Nimbus AI", "artificial intelligence", "11-50", "Toronto"),
    Org("Cobalt Security", "cybersecurity", "51-200", "Tel Aviv"),
    Org("Brightline Mobility", "mobility", "201-1000", "Paris"),
    Org("Yokai Studio", "design", "1-10", "Tokyo"),
    Org("Atlas Cloud", "cloud infrastructure", "5000+", "Seattle"),
    Org("Meridian Consulting", "consulting", "5000+", "New York"),
    Org("Helios Energy", "energy", "1001-5000", "Madrid"),
    Org("Quill & Ledger", "fintech", "51-200", "Dublin"),
    Org("Tidewater Games", "gaming", "201-1000", "Montréal"),
    Org("Open Harbor Foundation", "non-profit", "11-50", "Nairobi"),
    Org("Saffron Foods", "retail", "1001-5000", "Mumbai"),
    Org("Harbor Talent Partners", "staffing", "11-50", "London"),
)


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    org: str
    title: str
    function: str
    channel: str | None
    met: int  # days before today (large: known for years)
    strength: int | None
    tags: tuple[str, ...] = ()
    introduced_by: str = ""
    location: str = ""  # own location when it differs from the organization's
    industry: str = ""  # own industry (mostly blank: the organization's applies)
    quiet_after: int | None = None  # days before today after which no touch happens
    met_this_week: int | None = None  # met on this weekday of today's week (overrides met)


# name | organization | title | function | channel (how met) | met (days ago) | strength | tags
_PEOPLE = """
Ana López | Northwind Analytics | Engineering Manager | engineering | event | 640 | 5 | mentor data
Rajesh Iyer | Northwind Analytics | Staff Data Engineer | engineering | referral | 70 | 4 | data
Sarah Müller | Northwind Analytics | Product Manager | product | event | 45 | 2 |
Mei Chen | Kestrel Robotics | Head of Platform | engineering | linkedin | 58 | 3 | hiring-manager
Lukas Becker | Kestrel Robotics | Technical Recruiter | recruiting | recruiter | 30 | 2 | recruiter
Oscar Lindqvist | Kestrel Robotics | CTO | leadership | referral | 20 | 2 |
Amara Okafor | Lumen Health | Director of Engineering | engineering | alumni | 900 | 4 | alumni-tum
Nadia Karimi | Lumen Health | Staff Engineer | engineering | event | 38 | 3 |
Sofia Rossi | Lumen Health | Talent Partner | recruiting | job_board | 27 | 2 | recruiter
Valentina Moreau | Lumen Health | Data Scientist | data science | event | 2 | 1 |
James O'Connor | Tessera Bank | VP Engineering, Payments | engineering | colleague | 1400 | 5 | fintech
Priya Nair | Tessera Bank | Senior Recruiter | recruiting | recruiter | 74 | 3 | recruiter
Leila Ahmadi | Tessera Bank | Engineering Manager | engineering | referral | 50 | 3 |
Fatima Zahra Benali | Orbital Freight | Data Platform Lead | engineering | cold_outreach | 36 | 2 |
Camila Ortiz | Orbital Freight | Recruiter | recruiting | job_board | 22 | 1 |
João Silva | Papyrus Labs | CTO & co-founder | leadership | event | 66 | 4 | founder
Ingrid Johansson | Verdant Climate | Engineering Lead | engineering | referral | 14 | 3 | climate
Hannah Schmidt | Verdant Climate | People & Talent | recruiting | linkedin | 10 | 1 |
Olumide Adeyemi | Nimbus AI | ML Research Lead | data science | cold_outreach | 6 | 1 |
Matteo Greco | Nimbus AI | Co-founder | leadership | linkedin | 12 | 2 | founder
Noah Goldberg | Cobalt Security | Security Architect | engineering | job_board | 48 | 1 |
Lina Haddad | Cobalt Security | Engineering Manager | engineering | | 46 | 2 |
Chloé Dubois | Brightline Mobility | Product Director | product | referral | 34 | 3 |
Marco Bianchi | Brightline Mobility | Staff Engineer | engineering | colleague | 1100 | 4 | ex-colleague
Hiroshi Tanaka | Yokai Studio | Founder | leadership | colleague | 2000 | 5 | client design
Isabela Costa | Atlas Cloud | Technical Recruiter | recruiting | recruiter | 18 | 2 | recruiter
Daniel Kowalski | Atlas Cloud | Principal Engineer | engineering | alumni | 1200 | 4 | alumni-tum
Arjun Kapoor | Atlas Cloud | Engineering Manager | engineering | referral | 60 | 3 |
Aisha Rahman | Meridian Consulting | Manager, Technology Strategy | consulting | linkedin | 40 | 3 |
Ravi Menon | Meridian Consulting | Partner | leadership | alumni | 800 | 2 |
Carlos Mendoza | Helios Energy | Grid Analytics Lead | data science | event | 45 | 3 |
Diego Fernández | Helios Energy | Software Engineer | engineering | colleague | 950 | 3 | ex-colleague
Tomás Herrera | Quill & Ledger | Engineering Manager | engineering | linkedin | 30 | 2 |
Patrick Murphy | Quill & Ledger | Founder | leadership | event | 52 | 2 | founder
Yuki Sato | Tidewater Games | Lead Producer | product | event | 44 | 2 |
Ji-woo Park | Tidewater Games | Senior Engineer | engineering | alumni | 600 | 2 | alumni-tum
Kwame Mensah | Open Harbor Foundation | Program Director | operations | alumni | 700 | 3 | volunteering
Wei Zhang | Saffron Foods | Head of Data | data science | linkedin | 33 | 2 |
Emma Wilson | Harbor Talent Partners | Senior Tech Recruiter | recruiting | recruiter | 80 | 3 | recruiter
Elena Petrova | | Career Coach | coaching | other | 300 | 4 | coach mentor
Zanele Dlamini | | Organiser, Berlin Data Engineers | community | event | 45 | 3 | community
Tariq Aziz | | Freelance Data Engineer | | event | 2 | |
"""

# What a table row cannot say: introductions, own location/industry, the story's silences.
_EXTRA: dict[str, dict[str, Any]] = {
    "Rajesh Iyer": {"introduced_by": "Ana López"},
    "Oscar Lindqvist": {"introduced_by": "Mei Chen"},
    "Leila Ahmadi": {"introduced_by": "James O'Connor"},
    "Ingrid Johansson": {"introduced_by": "Amara Okafor"},
    "Chloé Dubois": {"introduced_by": "James O'Connor", "quiet_after": 22},
    "Arjun Kapoor": {"introduced_by": "Daniel Kowalski"},
    "Marco Bianchi": {"location": "Milan", "quiet_after": 52},
    "Daniel Kowalski": {"location": "Kraków", "quiet_after": 41},
    "Isabela Costa": {"location": "Remote (US)"},
    "Olumide Adeyemi": {"quiet_after": 6},
    "Tomás Herrera": {"quiet_after": 15},
    "Elena Petrova": {"location": "Berlin", "industry": "coaching"},
    "Zanele Dlamini": {"location": "Berlin", "industry": "community"},
    "Tariq Aziz": {"location": "Berlin", "met_this_week": 2},
    "Valentina Moreau": {"met_this_week": 2},
}


def _people() -> tuple[Person, ...]:
    people = []
    for line in _PEOPLE.strip().splitlines():
        name, org, title, function, channel, met, strength, tags = (
            cell.strip() for cell in line.split("|")
        )
        people.append(
            Person(
                name,
                org,
                title,
                function,
                channel or None,
                int(met),
                int(strength) if strength else None,
                tuple(tags.split()),
                **_EXTRA.get(name, {}),
            )
        )
    return tuple(people)


PEOPLE = _people()


@dataclass(frozen=True, slots=True)
class Plan:
    """A campaign and its stage history: (days before today, stage, note)."""

    title: str
    org: str
    source: str
    priority: int
    steps: tuple[tuple[int, Stage, str], ...]
    contacts: tuple[tuple[str, str], ...]
    lost_reason: str = ""
    quiet_after: int | None = None  # no linked interaction after this many days ago


S = Stage
PLANS: tuple[Plan, ...] = (
    Plan(
        "Staff Data Engineer",
        "Northwind Analytics",
        "referral",
        5,
        (
            (55, S.RESEARCH, "opened"),
            (50, S.TARGET, "team fits: streaming + dbt"),
            (44, S.NETWORKING, "Ana offered an intro"),
            (30, S.APPLIED, "applied through Ana's referral"),
            (16, S.INTERVIEWING, "recruiter screen passed"),
            (3, S.FOLLOW_UP, "final round done; thank-you notes sent"),
        ),
        (("Ana López", "referrer"), ("Rajesh Iyer", "insider"), ("Sarah Müller", "interviewer")),
    ),
    Plan(
        "Platform Engineering Lead",
        "Kestrel Robotics",
        "networking",
        4,
        (
            (58, S.TARGET, "opened"),
            (40, S.NETWORKING, "coffee with Mei went well"),
            (33, S.TARGET, "role put on hold for a re-org"),
            (20, S.NETWORKING, "re-org done; Mei re-opened it"),
        ),
        (
            ("Mei Chen", "hiring_manager"),
            ("Lukas Becker", "recruiter"),
            ("Oscar Lindqvist", "insider"),
        ),
    ),
    Plan(
        "Senior Backend Engineer",
        "Lumen Health",
        "job_board",
        4,
        ((26, S.APPLIED, "opened"), (10, S.INTERVIEWING, "technical screen booked")),
        (
            ("Amara Okafor", "hiring_manager"),
            ("Nadia Karimi", "interviewer"),
            ("Sofia Rossi", "recruiter"),
        ),
    ),
    Plan(
        "Engineering Manager, Payments",
        "Tessera Bank",
        "recruiter",
        5,
        (
            (74, S.TARGET, "opened"),
            (64, S.APPLIED, "Priya submitted my profile"),
            (45, S.INTERVIEWING, "first round with James's team"),
            (8, S.NEGOTIATING, "verbal offer; negotiating scope"),
        ),
        (
            ("James O'Connor", "hiring_manager"),
            ("Priya Nair", "recruiter"),
            ("Leila Ahmadi", "interviewer"),
        ),
    ),
    Plan(
        "Data Platform Architect",
        "Orbital Freight",
        "company_site",
        3,
        (
            (36, S.RESEARCH, "opened"),
            (21, S.APPLIED, "applied on their careers site"),
            (9, S.LOST, "rejected after the take-home"),
        ),
        (("Fatima Zahra Benali", "insider"), ("Camila Ortiz", "recruiter")),
        lost_reason="rejected",
    ),
    Plan(
        "Head of Engineering",
        "Papyrus Labs",
        "networking",
        3,
        (
            (66, S.TARGET, "opened"),
            (52, S.NETWORKING, "met João at EdTech Lisbon"),
            (18, S.PAUSED, "founders pause hiring until the Q1 round closes"),
        ),
        (("João Silva", "hiring_manager"),),
    ),
    Plan(
        "Senior Software Engineer, Carbon Data",
        "Verdant Climate",
        "referral",
        4,
        ((12, S.RESEARCH, "opened"),),
        (("Ingrid Johansson", "insider"), ("Hannah Schmidt", "recruiter")),
    ),
    Plan(
        "ML Platform Engineer",
        "Nimbus AI",
        "cold_call",
        2,
        ((6, S.TARGET, "opened"),),
        (("Olumide Adeyemi", "hiring_manager"), ("Matteo Greco", "insider")),
    ),
    Plan(
        "Backend Engineer",
        "Cobalt Security",
        "job_board",
        1,
        ((49, S.APPLIED, "opened"), (35, S.LOST, "no answer after two nudges")),
        (("Lina Haddad", "hiring_manager"),),
        lost_reason="no_response",
    ),
    Plan(
        "Tech Lead, Routing",
        "Brightline Mobility",
        "referral",
        4,
        ((34, S.NETWORKING, "opened"), (25, S.APPLIED, "Chloé forwarded my CV")),
        (("Chloé Dubois", "referrer"), ("Marco Bianchi", "insider")),
        quiet_after=22,
    ),
    Plan(
        "Fractional data advisor",
        "Yokai Studio",
        "networking",
        3,
        (
            (82, S.NETWORKING, "opened"),
            (76, S.APPLIED, "sent a two-page proposal"),
            (70, S.INTERVIEWING, "scoping call"),
            (63, S.NEGOTIATING, "rate and hours"),
            (57, S.WON, "signed: one day a week"),
        ),
        (("Hiroshi Tanaka", "hiring_manager"),),
    ),
    Plan(
        "Solutions Architect",
        "Atlas Cloud",
        "recruiter",
        2,
        (
            (18, S.APPLIED, "opened"),
            (11, S.INTERVIEWING, "recruiter call"),
            (4, S.LOST, "withdrew: Tessera's offer fits better"),
        ),
        (("Isabela Costa", "recruiter"), ("Arjun Kapoor", "hiring_manager")),
        lost_reason="withdrawn",
    ),
    Plan(
        "Technology Strategy Manager",
        "Meridian Consulting",
        "networking",
        2,
        ((20, S.RESEARCH, "opened"), (15, S.TARGET, "Aisha says the practice is growing")),
        (("Aisha Rahman", "insider"), ("Ravi Menon", "hiring_manager")),
    ),
    Plan(
        "Software Engineer, Grid Analytics",
        "Helios Energy",
        "networking",
        3,
        ((3, S.RESEARCH, "opened"),),
        (("Carlos Mendoza", "insider"), ("Diego Fernández", "referrer")),
    ),
)

MINUTES: dict[Kind, tuple[int, int]] = {
    Kind.IN_PERSON: (40, 90),
    Kind.VIDEO: (25, 60),
    Kind.CALL: (15, 40),
    Kind.EMAIL: (5, 15),
    Kind.MESSAGE: (2, 10),
    Kind.EVENT: (90, 180),
    Kind.INTERVIEW: (45, 90),
    Kind.OTHER: (10, 30),
}

NOTES: dict[Kind, tuple[str, ...]] = {
    Kind.IN_PERSON: (
        "coffee with {first}: how {org} splits platform and product teams",
        "lunch with {first}; swapped notes on on-call and incident reviews",
        "walk and talk with {first} about what {org} looks for in senior hires",
        "coffee: {first} walked me through their data stack migration",
    ),
    Kind.VIDEO: (
        "video call with {first} about the team's roadmap for next year",
        "{first} showed me how {org} runs design reviews",
        "catch-up call with {first}: hiring plans and budget for Q1",
    ),
    Kind.CALL: (
        "quick call with {first} to compare notes on the market",
        "{first} called about a role that is not posted yet",
        "phone catch-up with {first}; promised to send my portfolio",
    ),
    Kind.EMAIL: (
        "sent {first} the write-up on our streaming pipeline",
        "thank-you note to {first}",
        "emailed {first} a short summary of my last project",
        "asked {first} for a 20-minute chat next week",
    ),
    Kind.MESSAGE: (
        "LinkedIn message to {first} congratulating on the new role",
        "pinged {first} about the meetup next month",
        "shared an article on data contracts with {first}",
    ),
    Kind.OTHER: (
        "commented on {first}'s post about hiring at {org}",
        "sent {first} a book recommendation",
    ),
}

VALUE_RECEIVED = (
    "intro to their VP Engineering",
    "salary band for staff roles",
    "honest feedback on my CV",
    "heads-up on an unlisted role",
    "the interview loop explained step by step",
    "names of two hiring managers to contact",
)
VALUE_GIVEN = (
    "shared my notes on dbt testing",
    "reviewed a draft of their conference talk",
    "introduced them to a recruiter I trust",
    "sent a reading list on data contracts",
)


@dataclass
class _Writer:
    """Fills the database for one `today`, keeping just enough state to tell the story."""

    repo: Repo
    today: date
    rng: random.Random
    contact_ids: dict[str, int] = field(default_factory=dict)
    campaign_ids: dict[str, int] = field(default_factory=dict)
    interactions: int = 0

    def day(self, days_ago: int) -> date:
        return self.today - timedelta(days=days_ago)

    @property
    def week_start(self) -> date:
        """Monday of today's ISO week: the scripted week, left free of random filler."""
        return self.today - timedelta(days=self.today.weekday())

    def this_week(self, weekday: int) -> date:
        """A weekday of this week, never after today."""
        return min(self.week_start + timedelta(days=weekday), self.today)

    def met_on(self, person: Person) -> date:
        if person.met_this_week is not None:
            return self.this_week(person.met_this_week)
        return self.day(person.met)

    # --- people and campaigns -------------------------------------------------------

    def contacts(self) -> None:
        for org in ORGS:
            if self.repo.contacts.find_organization(org.name) is None:
                self.repo.contacts.add_organization(
                    org.name, org.industry, org.size_band, org.location
                )
        for person in PEOPLE:
            first = person.name.split()[0].lower().replace("é", "e").replace("ã", "a")
            domain = person.org.lower().replace(" & ", "").replace(" ", "") or "mail"
            contact = self.repo.contacts.add(
                person.name,
                organization=person.org or None,
                channel=person.channel,
                met_on=self.met_on(person),
                strength=person.strength,
                introduced_by=person.introduced_by or None,
                tags=person.tags,
                title=person.title,
                function=person.function,
                location=person.location,
                industry=person.industry,
                email=f"{first}@{domain}.example",
            )
            self.contact_ids[person.name] = contact.id

    def campaigns(self) -> None:
        for plan in PLANS:
            opened_ago, first, _ = plan.steps[0]
            campaign = self.repo.campaigns.add(
                plan.title,
                plan.org,
                source=plan.source,
                stage=first.value,
                opened_on=self.day(opened_ago),
                priority=plan.priority,
            )
            self.campaign_ids[plan.org] = campaign.id
            for name, role in plan.contacts:
                self.repo.campaigns.link_contact(campaign.id, self.contact_ids[name], role)
            for ago, stage, note in plan.steps[1:]:
                reason = plan.lost_reason if stage == Stage.LOST else ""
                self.repo.campaigns.move(
                    campaign.id, stage, on=self.day(ago), note=note, lost_reason=reason
                )

    def active_campaign_of(self, person: Person, on: date) -> int | None:
        """The campaign a touch with `person` on `on` belongs to, if one is active then."""
        for plan in PLANS:
            if person.name not in dict(plan.contacts):
                continue
            if plan.quiet_after is not None and on > self.day(plan.quiet_after):
                continue
            stage = None
            for ago, step, _ in plan.steps:
                if self.day(ago) <= on:
                    stage = step
            if stage in ACTIVE_STAGES:
                return self.campaign_ids[plan.org]
        return None

    # --- interactions -------------------------------------------------------------------

    def log(
        self, names: tuple[str, ...], on: date, kind: Kind, minutes: int | None = None, **extra: Any
    ) -> int:
        if minutes is None:
            low, high = MINUTES[kind]
            minutes = self.rng.randrange(low, high + 1, 5) if high > 10 else high
        entry = self.repo.activity.log(
            [self.contact_ids[n] for n in names], on=on, kind=kind, minutes=minutes, **extra
        )
        self.interactions += 1
        return entry.id

    def background(self) -> None:
        """Touches at a cadence that follows strength, before this week; filler notes."""
        cadence = {5: 8, 4: 11, 3: 16, 2: 26, 1: 40}
        kinds = {
            "recruiting": (Kind.CALL, Kind.EMAIL, Kind.MESSAGE, Kind.VIDEO),
            "leadership": (Kind.VIDEO, Kind.IN_PERSON, Kind.EMAIL),
        }
        default_kinds = (  # repeats weigh the choice
            Kind.IN_PERSON,
            Kind.IN_PERSON,
            Kind.VIDEO,
            Kind.VIDEO,
            Kind.CALL,
            Kind.EMAIL,
            Kind.EMAIL,
            Kind.MESSAGE,
            Kind.OTHER,
        )
        for person in PEOPLE:
            step = cadence.get(person.strength or 1, 40)
            first = max(self.day(SPAN_DAYS), self.met_on(person))
            last = self.week_start - timedelta(days=1)
            if person.quiet_after is not None:
                last = min(last, self.day(person.quiet_after + 1))
            on = first + timedelta(days=self.rng.randrange(0, max(1, step // 2)))
            while on <= last:
                if on.weekday() >= 5:  # weekends stay quiet
                    on += timedelta(days=7 - on.weekday())
                    continue
                self.touch(person, on, kinds.get(person.function, default_kinds))
                on += timedelta(days=max(3, step + self.rng.randint(-3, 3)))

    def touch(self, person: Person, on: date, kinds: tuple[Kind, ...]) -> None:
        kind = self.rng.choice(kinds)
        first = person.name.split()[0]
        note = self.rng.choice(NOTES[kind]).format(first=first, org=person.org or "their team")
        weight = {Kind.IN_PERSON: 0.75, Kind.VIDEO: 0.6, Kind.CALL: 0.45}.get(kind, 0.12)
        meaningful = self.rng.random() < weight
        received = ""
        if meaningful and self.rng.random() < 0.4:
            received = self.rng.choice(VALUE_RECEIVED)
            meaningful = False  # the value received makes it meaningful on its own
        given = self.rng.choice(VALUE_GIVEN) if self.rng.random() < 0.15 else ""
        cost = 0.0
        if kind == Kind.IN_PERSON:
            cost = round(self.rng.uniform(4.2, 28.0), 2)
        follow_up = None
        if self.rng.random() < 0.2:
            follow_up = on + timedelta(days=self.rng.randint(3, 10))
        interaction = self.log(
            (person.name,),
            on,
            kind,
            campaign_id=self.active_campaign_of(person, on),
            meaningful=meaningful,
            value_received=received,
            value_given=given,
            cost=cost,
            follow_up_on=follow_up,
            note=note,
        )
        if follow_up is not None and follow_up < self.week_start and self.rng.random() < 0.7:
            done = follow_up - timedelta(days=self.rng.randint(0, 2))
            self.repo.activity.mark_follow_up_done(interaction, on=max(on, done))

    def events(self) -> None:
        """Meetups and conferences, where several contacts were met at once."""
        self.log(
            ("Zanele Dlamini", "Sarah Müller", "Carlos Mendoza"),
            self.day(45),
            Kind.EVENT,
            minutes=180,
            cost=25.0,
            meaningful=True,
            note="PyData Berlin: talk on data contracts, three good conversations after",
        )
        self.log(
            ("Patrick Murphy", "Yuki Sato"),
            self.day(44),
            Kind.EVENT,
            minutes=150,
            cost=0.0,
            note="Founders & Engineers night: product-minded engineering panel",
        )
        self.log(
            ("Nadia Karimi",),
            self.day(38),
            Kind.EVENT,
            minutes=120,
            cost=15.0,
            value_received="Lumen's platform team is hiring in Q4",
            note="HealthTech meetup at Lumen's office",
        )
        self.log(
            ("Zanele Dlamini",),
            self.day(17),
            Kind.EVENT,
            minutes=120,
            cost=10.0,
            value_given="gave a lightning talk on streaming backfills",
            note="Berlin Data Engineers: gave a lightning talk",
        )

    def campaign_story(self) -> None:
        """The touchpoints that move the campaigns, interviews included."""
        c = self.campaign_ids
        self.log(
            ("Hiroshi Tanaka",),
            self.day(70),
            Kind.VIDEO,
            campaign_id=c["Yokai Studio"],
            meaningful=True,
            note="scoping the advisory engagement",
        )
        self.log(
            ("Amara Okafor", "Sofia Rossi"),
            self.day(14),
            Kind.INTERVIEW,
            campaign_id=c["Lumen Health"],
            meaningful=True,
            note="technical screen: event-driven ingestion design",
        )
        self.log(
            ("Leila Ahmadi",),
            self.day(45),
            Kind.INTERVIEW,
            campaign_id=c["Tessera Bank"],
            meaningful=True,
            note="first round: leadership and delivery stories",
        )
        self.log(
            ("James O'Connor", "Leila Ahmadi"),
            self.day(31),
            Kind.INTERVIEW,
            campaign_id=c["Tessera Bank"],
            meaningful=True,
            note="second round: payments architecture deep-dive",
        )
        self.log(
            ("Rajesh Iyer", "Sarah Müller"),
            self.day(12),
            Kind.INTERVIEW,
            campaign_id=c["Northwind Analytics"],
            meaningful=True,
            note="onsite: pipeline design and a product case with Sarah",
        )
        self.log(
            ("Isabela Costa",),
            self.day(11),
            Kind.INTERVIEW,
            campaign_id=c["Atlas Cloud"],
            minutes=30,
            note="recruiter call: role is 60% pre-sales, not for me",
        )
        self.log(
            ("Fatima Zahra Benali",),
            self.day(16),
            Kind.VIDEO,
            campaign_id=c["Orbital Freight"],
            note="walked through the take-home brief",
        )
        # The stalled campaign: Chloé went quiet after this call; the follow-up is overdue.
        self.log(
            ("Chloé Dubois",),
            self.day(22),
            Kind.CALL,
            campaign_id=c["Brightline Mobility"],
            meaningful=True,
            follow_up_on=self.day(15),
            note="Chloé will check whether the routing lead role is still budgeted",
        )
        # The last touches with two strong contacts, now going cold.
        self.log(
            ("Daniel Kowalski",),
            self.day(41),
            Kind.VIDEO,
            meaningful=True,
            value_received="intro to Arjun at Atlas",
            note="catch-up with Daniel: life at Atlas after the re-org",
        )
        self.log(
            ("Marco Bianchi",),
            self.day(52),
            Kind.IN_PERSON,
            cost=18.4,
            note="lunch with Marco in Milan during the conference trip",
        )
        # Overdue follow-ups: nobody wrote back.
        self.log(
            ("Tomás Herrera",),
            self.day(15),
            Kind.MESSAGE,
            follow_up_on=self.day(8),
            note="asked Tomás about Quill & Ledger's platform plans",
        )
        self.log(
            ("Olumide Adeyemi",),
            self.day(6),
            Kind.EMAIL,
            campaign_id=c["Nimbus AI"],
            follow_up_on=self.day(2),
            note="cold email: ML platform ideas for Nimbus",
        )
        # Due today.
        self.log(
            ("Aisha Rahman",),
            self.day(7),
            Kind.VIDEO,
            campaign_id=c["Meridian Consulting"],
            meaningful=True,
            follow_up_on=self.today,
            note="Aisha on the strategy practice; send her my one-pager",
        )

    def this_week_story(self) -> None:
        """This week: strong on campaigns, one short of the meaningful-contacts goal."""
        c = self.campaign_ids
        self.log(
            ("Amara Okafor", "Nadia Karimi"),
            self.this_week(0),
            Kind.INTERVIEW,
            campaign_id=c["Lumen Health"],
            minutes=90,
            meaningful=True,
            note="panel: system design of a patient-record sync service",
        )
        self.log(
            ("Ana López",),
            self.this_week(0),
            Kind.IN_PERSON,
            campaign_id=c["Northwind Analytics"],
            minutes=50,
            cost=6.8,
            value_received="she will put in a word with the hiring committee",
            note="coffee with Ana before the final round",
        )
        self.log(
            ("Priya Nair",),
            self.this_week(1),
            Kind.CALL,
            campaign_id=c["Tessera Bank"],
            minutes=35,
            meaningful=True,
            follow_up_on=self.today + timedelta(days=3),
            note="offer components: base, bonus, equity refresh; send counter by Monday",
        )
        self.log(
            ("James O'Connor",),
            self.this_week(2),
            Kind.VIDEO,
            campaign_id=c["Tessera Bank"],
            minutes=45,
            value_received="team scope confirmed: three squads, one platform group",
            value_given="shared my 90-day plan draft",
            note="negotiation: scope and team",
        )
        self.log(
            ("Zanele Dlamini", "Tariq Aziz", "Valentina Moreau"),
            self.this_week(2),
            Kind.EVENT,
            minutes=150,
            cost=12.0,
            note="Berlin Data Engineers: panel on platform teams",
        )
        self.log(
            ("Elena Petrova",),
            self.this_week(3),
            Kind.IN_PERSON,
            minutes=75,
            cost=24.5,
            value_received="rehearsed the negotiation script",
            note="lunch with Elena: negotiation prep",
        )
        self.log(
            ("Ingrid Johansson",),
            self.this_week(3),
            Kind.MESSAGE,
            campaign_id=c["Verdant Climate"],
            follow_up_on=self.today + timedelta(days=4),
            note="asked Ingrid for a call about the carbon data team",
        )
        self.log(
            ("Rajesh Iyer",),
            self.today,
            Kind.IN_PERSON,
            campaign_id=c["Northwind Analytics"],
            minutes=45,
            cost=7.2,
            meaningful=True,
            note="coffee with Rajesh: debrief of the final round",
        )
        self.log(
            ("Mei Chen",),
            self.today,
            Kind.EMAIL,
            campaign_id=c["Kestrel Robotics"],
            minutes=10,
            follow_up_on=self.today + timedelta(days=7),
            note="sent Mei the platform roadmap questions she asked for",
        )
        self.log(
            ("Carlos Mendoza",),
            self.this_week(2),
            Kind.MESSAGE,
            campaign_id=c["Helios Energy"],
            note="asked Carlos who leads grid analytics",
        )

    # --- referrals, time and goals ------------------------------------------------------

    def referrals(self) -> None:
        c = self.campaign_ids
        rows = (
            ("Daniel Kowalski", "in", 60, c["Atlas Cloud"], "introduced me to Arjun"),
            ("Ana López", "in", 50, c["Northwind Analytics"], "referred me for the staff role"),
            ("Emma Wilson", "out", 40, None, "sent Sofia's profile to Emma"),
            ("James O'Connor", "in", 34, c["Brightline Mobility"], "intro to Chloé"),
            ("Ji-woo Park", "out", 27, None, "referred Ji-woo to Northwind's platform team"),
            ("Mei Chen", "in", 20, c["Kestrel Robotics"], "intro to Oscar, the CTO"),
            ("Amara Okafor", "in", 14, c["Verdant Climate"], "intro to Ingrid at Verdant"),
            ("Kwame Mensah", "out", 9, None, "recommended Kwame for the mentoring panel"),
            ("Yuki Sato", "out", 3, None, "introduced Yuki to Patrick at Quill & Ledger"),
            (
                "Rajesh Iyer",
                "in",
                2,
                c["Northwind Analytics"],
                "put my CV in front of the data platform director",
            ),
        )
        for name, direction, ago, campaign, note in rows:
            self.repo.activity.add_referral(
                self.contact_ids[name], direction, self.day(ago), campaign, note
            )

    def time(self) -> int:
        search = (
            "tailoring the application",
            "researching the company's stack",
            "system design practice",
            "updating the portfolio case study",
            "writing the cover letter",
        )
        busy = (
            "reformatting the CV again",
            "scrolling job boards",
            "tidying the tracking spreadsheet",
            "LinkedIn feed",
        )
        off = ("hike in Grunewald", "family day", "day off, no screens", "climbing")
        count = 0
        for ago in range(SPAN_DAYS, -1, -1):
            on = self.day(ago)
            scripted = on >= self.week_start
            if on.weekday() >= 5:
                if self.rng.random() < 0.6:
                    self.repo.activity.add_time(
                        self.rng.choice((120, 180, 240, 300)), "off", on, note=self.rng.choice(off)
                    )
                    count += 1
                continue
            self.repo.activity.add_time(
                self.rng.randrange(45, 165, 15), "search", on, note=self.rng.choice(search)
            )
            count += 1
            if self.rng.random() < 0.6:
                self.repo.activity.add_time(
                    self.rng.randrange(15, 75, 15),
                    "networking",
                    on,
                    note="outreach messages and follow-up notes",
                )
                count += 1
            if scripted:
                minutes = (45, 0, 60, 30, 0)[on.weekday()]
            elif ago // 7 == 6:  # a bad week: lots of motion, little progress
                minutes = self.rng.randrange(60, 120, 15)
            else:
                minutes = self.rng.randrange(15, 90, 15) if self.rng.random() < 0.4 else 0
            if minutes:
                self.repo.activity.add_time(minutes, "busywork", on, note=self.rng.choice(busy))
                count += 1
        return count

    def goals(self) -> int:
        existing = {(g.metric, g.period.value) for g in self.repo.goals.all()}
        wanted = [
            (m, target, comparator, period, note)
            for m, target, comparator, period, note in DEFAULT_GOALS
        ]
        wanted += [
            ("referrals_in", 2, "at_least", "month", "warm intros beat cold applications"),
            ("interviews", 2, "at_least", "week", "keep the later stages moving"),
        ]
        for metric, target, comparator, period, note in wanted:
            if (metric, period) not in existing:
                self.repo.goals.add(metric, target, comparator, period, note)
        return len(self.repo.goals.all())


def fill_demo(repo: Repo, today: date, replace: bool = False) -> str:
    """Write ~12 weeks of demo activity ending at `today`; returns a one-line summary.

    `replace=True` first deletes every row (goals and settings included; the default
    goals come back) — after a verified backup of what was there (`before-demo` in
    backups/, named in the summary). Everything else happens in one transaction.
    """
    saved = ""
    rows = MergeRows(repo.store)
    replacing = replace and rows.holds_user_data()
    if replacing:
        from netrack.data.backup import backup_database

        copy = backup_database(repo.store.db, repo.path, reason="before-demo")
        saved = f"; the previous data is saved as {copy}"
    writer = _Writer(repo, today, random.Random(SEED))
    with repo.writing():  # the write lock, waited for within the documented bound
        if replace:
            rows.delete_everything()
        writer.contacts()
        writer.campaigns()
        writer.events()
        writer.campaign_story()
        writer.background()
        writer.this_week_story()
        writer.referrals()
        entries = writer.time()
        goals = writer.goals()
    start = writer.day(SPAN_DAYS)
    return (
        f"demo data: {len(writer.contact_ids)} contacts, {len(writer.campaign_ids)} campaigns, "
        f"{writer.interactions} interactions, 10 referrals, {entries} time entries, "
        f"{goals} goals ({start.isoformat()} → {today.isoformat()}){saved}"
    )
