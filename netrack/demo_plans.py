"""The demo's campaigns: each one's stage history, its contacts and the details a job seeker
compares (location, compensation, deadline, documents). Days count back from today."""

from __future__ import annotations

from dataclasses import dataclass

from netrack.domain.models import Stage


@dataclass(frozen=True, slots=True)
class Details:
    """What the campaign form's detail fields hold; `deadline` in days from today
    (negative: it has passed; None: no deadline)."""

    location: str = ""
    compensation: str = ""
    deadline: int | None = None
    documents: str = ""


@dataclass(frozen=True, slots=True)
class Plan:
    """A campaign and its stage history: (days before today or THIS_WEEK, stage, note),
    oldest first; a move to lost carries `lost_reason` (one of SPEC's), its note says why."""

    title: str
    org: str
    source: str
    priority: int
    steps: tuple[tuple[int, Stage, str], ...]
    contacts: tuple[tuple[str, str], ...]
    details: Details = Details()
    lost_reason: str = ""
    quiet_after: int | None = None  # no linked interaction after this many days ago


# A step's day given as this instead of days before today: the first day of today's week,
# so the running week always holds an interview round, whatever the weekday.
THIS_WEEK = -1

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
            (24, S.INTERVIEWING, "recruiter screen passed; technical round booked"),
            (19, S.FOLLOW_UP, "technical round done; sent the design write-up"),
            (13, S.INTERVIEWING, "invited to the onsite"),
            (10, S.FOLLOW_UP, "onsite done; waiting for the debrief"),
            (4, S.INTERVIEWING, "through to the final round"),
            (3, S.FOLLOW_UP, "final round done; thank-you notes sent"),
        ),
        (("Ana López", "referrer"), ("Rajesh Iyer", "insider"), ("Sarah Müller", "interviewer")),
        Details("Berlin (hybrid, two office days)", "95–110k EUR + bonus", None, "CV v7 (data)"),
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
        Details("Munich", "not discussed yet"),
    ),
    Plan(
        "Senior Backend Engineer",
        "Lumen Health",
        "job_board",
        4,
        (
            (26, S.APPLIED, "opened"),
            (16, S.INTERVIEWING, "technical screen booked"),
            (13, S.FOLLOW_UP, "thank-you note after the technical screen"),
            (THIS_WEEK, S.INTERVIEWING, "on to the panel round"),
        ),
        (
            ("Amara Okafor", "hiring_manager"),
            ("Nadia Karimi", "interviewer"),
            ("Sofia Rossi", "recruiter"),
        ),
        # Monday, after the panel round: the first deadline of the coming week.
        Details("Amsterdam or remote (EU)", "85–100k EUR", 3, "CV v7; cover letter (health)"),
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
            (40, S.FOLLOW_UP, "thank-you note to Leila; waiting for feedback"),
            (33, S.INTERVIEWING, "second round booked with James"),
            (27, S.FOLLOW_UP, "second round done; references requested"),
            (8, S.NEGOTIATING, "verbal offer; negotiating scope"),
        ),
        (
            ("James O'Connor", "hiring_manager"),
            ("Priya Nair", "recruiter"),
            ("Leila Ahmadi", "interviewer"),
        ),
        Details(
            "London (relocation offered)",
            "£120–135k + 15% bonus + equity refresh",
            12,
            "CV v7 (leadership); 90-day plan draft",
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
            (9, S.LOST, "rejected after the take-home: they want more Kafka operations"),
        ),
        (("Fatima Zahra Benali", "insider"), ("Camila Ortiz", "recruiter")),
        Details("Rotterdam", "90k EUR", None, "CV v6; take-home solution"),
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
        Details("Lisbon or remote", "salary open; meaningful equity"),
    ),
    Plan(
        "Senior Software Engineer, Carbon Data",
        "Verdant Climate",
        "referral",
        4,
        ((12, S.RESEARCH, "opened"),),
        (("Ingrid Johansson", "insider"), ("Hannah Schmidt", "recruiter")),
        # The coming week's other deadline: the Agenda and the card show both.
        Details("remote", "80–95k EUR", 5, "CV v7 to tailor; climate cover letter draft"),
    ),
    Plan(
        "ML Platform Engineer",
        "Nimbus AI",
        "cold_call",
        2,
        ((6, S.TARGET, "opened"),),
        (("Olumide Adeyemi", "hiring_manager"), ("Matteo Greco", "insider")),
        Details("remote", "CAD 150–170k"),
    ),
    Plan(
        "Backend Engineer",
        "Cobalt Security",
        "job_board",
        1,
        ((49, S.APPLIED, "opened"), (35, S.LOST, "no answer after two nudges")),
        (("Lina Haddad", "hiring_manager"),),
        Details("Tel Aviv", "", -45, "CV v5"),
        lost_reason="no_response",
    ),
    Plan(
        "Tech Lead, Routing",
        "Brightline Mobility",
        "referral",
        4,
        ((34, S.NETWORKING, "opened"), (25, S.APPLIED, "Chloé forwarded my CV")),
        (("Chloé Dubois", "referrer"), ("Marco Bianchi", "insider")),
        Details("Paris", "80–90k EUR", None, "CV v7 (English and French)"),
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
        Details("remote", "€700 a day, one day a week", None, "two-page proposal"),
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
        Details("remote (US hours)", "$170–190k", None, "CV v7"),
        lost_reason="withdrawn",
    ),
    Plan(
        "Technology Strategy Manager",
        "Meridian Consulting",
        "networking",
        2,
        ((20, S.RESEARCH, "opened"), (15, S.TARGET, "Aisha says the practice is growing")),
        (("Aisha Rahman", "insider"), ("Ravi Menon", "hiring_manager")),
        Details("New York", "", 18),
    ),
    Plan(
        "Software Engineer, Grid Analytics",
        "Helios Energy",
        "networking",
        3,
        ((3, S.RESEARCH, "opened"),),
        (("Carlos Mendoza", "insider"), ("Diego Fernández", "referrer")),
        Details("Madrid", "", 30),
    ),
    Plan(
        "Senior Data Engineer, Player Analytics",
        "Tidewater Games",
        "referral",
        3,
        (
            (68, S.APPLIED, "opened"),
            (56, S.INTERVIEWING, "hiring manager screen"),
            (46, S.LOST, "studio-wide hiring freeze after the console delay"),
        ),
        (("Ji-woo Park", "referrer"), ("Yuki Sato", "insider")),
        Details("Montréal", "CAD 130k", None, "CV v6; portfolio link"),
        lost_reason="hiring_freeze",
    ),
    Plan(
        "Head of Data Platform",
        "Saffron Foods",
        "recruiter",
        2,
        (
            (62, S.RESEARCH, "opened"),
            (57, S.TARGET, "Emma knows the hiring manager"),
            (48, S.APPLIED, "Emma put me forward"),
            (29, S.LOST, "the role moved to Mumbai; relocating is not an option"),
        ),
        (("Wei Zhang", "hiring_manager"), ("Emma Wilson", "recruiter")),
        Details("Mumbai (relocation)", "not disclosed", None, "CV v7 (leadership)"),
        lost_reason="other",
    ),
)
