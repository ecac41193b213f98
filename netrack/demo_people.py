"""The demo's cast: organizations and people, with their strength over the weeks and the
rhythm some of them are kept in touch on (see netrack/demo.py for the story)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


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
    every: int | None = None  # keep in touch every this many days
    # Later strengths, oldest first: (days before today, strength from that day on).
    changes: tuple[tuple[int, int], ...] = ()

    @property
    def strength_now(self) -> int | None:
        """The strength as of today: the last change's, else the one at met_on."""
        return self.changes[-1][1] if self.changes else self.strength


# name | organization | title | function | channel (how met) | met (days ago) |
# strength when met | tags
_PEOPLE = """
Ana López | Northwind Analytics | Engineering Manager | engineering | event | 640 | 5 | mentor data
Rajesh Iyer | Northwind Analytics | Staff Data Engineer | engineering | referral | 70 | 2 | data
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
João Silva | Papyrus Labs | CTO & co-founder | leadership | event | 66 | 3 | founder
Ingrid Johansson | Verdant Climate | Engineering Lead | engineering | referral | 14 | 2 | climate
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
Emma Wilson | Harbor Talent Partners | Senior Tech Recruiter | recruiting | recruiter | 80 | 2 | recruiter
Elena Petrova | | Career Coach | coaching | other | 300 | 4 | coach mentor
Zanele Dlamini | | Organiser, Berlin Data Engineers | community | event | 45 | 3 | community
Tariq Aziz | | Freelance Data Engineer | | event | 2 | |
"""

# What a table row cannot say: introductions, own location/industry, the story's silences,
# strengths that changed after the first meeting, and the rhythm some contacts are kept on.
_EXTRA: dict[str, dict[str, Any]] = {
    "Ana López": {"every": 21},
    "Rajesh Iyer": {"introduced_by": "Ana López", "changes": ((44, 3), (12, 4))},
    "Oscar Lindqvist": {"introduced_by": "Mei Chen"},
    "Amara Okafor": {"every": 30},
    "Leila Ahmadi": {"introduced_by": "James O'Connor"},
    "João Silva": {"changes": ((52, 4),)},
    "Ingrid Johansson": {"introduced_by": "Amara Okafor", "changes": ((3, 3),)},
    # Lowered: she went quiet after promising to check the budget.
    "Chloé Dubois": {"introduced_by": "James O'Connor", "quiet_after": 22, "changes": ((8, 2),)},
    "Arjun Kapoor": {"introduced_by": "Daniel Kowalski"},
    "Marco Bianchi": {"location": "Milan", "quiet_after": 52},
    # Due again two days from today: a two-weekly call with the client.
    "Hiroshi Tanaka": {"every": 14, "quiet_after": 12},
    "Daniel Kowalski": {"location": "Kraków", "quiet_after": 41},
    "Isabela Costa": {"location": "Remote (US)"},
    "Olumide Adeyemi": {"quiet_after": 6},
    # Her follow-up falls due today: no filler touch between it and today may close it.
    "Aisha Rahman": {"quiet_after": 7},
    "Tomás Herrera": {"quiet_after": 15},
    # Overdue: every three weeks, last touched 25 days ago (not yet cold by strength alone).
    "Kwame Mensah": {"every": 21, "quiet_after": 25},
    "Emma Wilson": {"changes": ((40, 3),)},
    "Elena Petrova": {"location": "Berlin", "industry": "coaching", "every": 14},
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
