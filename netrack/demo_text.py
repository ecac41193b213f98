"""The demo's filler: how long each kind of touch takes, and the notes and values the
background touches are written with."""

from __future__ import annotations

from netrack.domain.models import Kind

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
