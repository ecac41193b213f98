"""The scripted part of the demo: events, the touchpoints that move the campaigns (interview
rounds included), the last touches before the silences, this week, and referrals."""

from __future__ import annotations

from datetime import timedelta

from netrack.demo_writer import Writer
from netrack.domain.models import Kind


def events(w: Writer) -> None:
    """Meetups and conferences, where several contacts were met at once."""
    w.log(
        ("Zanele Dlamini", "Sarah Müller", "Carlos Mendoza"),
        w.day(45),
        Kind.EVENT,
        minutes=180,
        cost=25.0,
        meaningful=True,
        note="PyData Berlin: talk on data contracts, three good conversations after",
    )
    w.log(
        ("Patrick Murphy", "Yuki Sato"),
        w.day(44),
        Kind.EVENT,
        minutes=150,
        cost=0.0,
        note="Founders & Engineers night: product-minded engineering panel",
    )
    w.log(
        ("Nadia Karimi",),
        w.day(38),
        Kind.EVENT,
        minutes=120,
        cost=15.0,
        value_received="Lumen's platform team is hiring in Q4",
        note="HealthTech meetup at Lumen's office",
    )
    w.log(
        ("Zanele Dlamini",),
        w.day(17),
        Kind.EVENT,
        minutes=120,
        cost=10.0,
        value_given="gave a lightning talk on streaming backfills",
        note="Berlin Data Engineers: gave a lightning talk",
    )


def campaign_story(w: Writer) -> None:
    """The touchpoints that move the campaigns, interviews included."""
    c = w.campaign_ids
    w.log(
        ("Hiroshi Tanaka",),
        w.day(70),
        Kind.VIDEO,
        campaign_id=c["Yokai Studio"],
        meaningful=True,
        note="scoping the advisory engagement",
    )
    w.log(
        ("Amara Okafor", "Sofia Rossi"),
        w.day(14),
        Kind.INTERVIEW,
        campaign_id=c["Lumen Health"],
        meaningful=True,
        note="technical screen: event-driven ingestion design",
    )
    w.log(
        ("Leila Ahmadi",),
        w.day(45),
        Kind.INTERVIEW,
        campaign_id=c["Tessera Bank"],
        meaningful=True,
        note="first round: leadership and delivery stories",
    )
    w.log(
        ("James O'Connor", "Leila Ahmadi"),
        w.day(31),
        Kind.INTERVIEW,
        campaign_id=c["Tessera Bank"],
        meaningful=True,
        note="second round: payments architecture deep-dive",
    )
    w.log(
        ("Rajesh Iyer", "Sarah Müller"),
        w.day(12),
        Kind.INTERVIEW,
        campaign_id=c["Northwind Analytics"],
        meaningful=True,
        note="onsite: pipeline design and a product case with Sarah",
    )
    w.log(
        ("Isabela Costa",),
        w.day(11),
        Kind.INTERVIEW,
        campaign_id=c["Atlas Cloud"],
        minutes=30,
        note="recruiter call: role is 60% pre-sales, not for me",
    )
    w.log(
        ("Fatima Zahra Benali",),
        w.day(16),
        Kind.VIDEO,
        campaign_id=c["Orbital Freight"],
        note="walked through the take-home brief",
    )
    # The stalled campaign: Chloé went quiet after this call; the follow-up is overdue.
    w.log(
        ("Chloé Dubois",),
        w.day(22),
        Kind.CALL,
        campaign_id=c["Brightline Mobility"],
        meaningful=True,
        follow_up_on=w.day(15),
        note="Chloé will check whether the routing lead role is still budgeted",
    )
    # The last touches with two strong contacts, now going cold.
    w.log(
        ("Daniel Kowalski",),
        w.day(41),
        Kind.VIDEO,
        meaningful=True,
        value_received="intro to Arjun at Atlas",
        note="catch-up with Daniel: life at Atlas after the re-org",
    )
    w.log(
        ("Marco Bianchi",),
        w.day(52),
        Kind.IN_PERSON,
        cost=18.4,
        note="lunch with Marco in Milan during the conference trip",
    )
    # Kept in touch on a rhythm (demo_people): Kwame every 21 days, now overdue; Hiroshi
    # every 14 days, due again in two days.
    w.log(
        ("Kwame Mensah",),
        w.day(25),
        Kind.CALL,
        meaningful=True,
        note="Kwame on the mentoring programme; promised to call again in three weeks",
    )
    w.log(
        ("Hiroshi Tanaka",),
        w.day(12),
        Kind.VIDEO,
        meaningful=True,
        value_given="reviewed the studio's analytics roadmap",
        note="fortnightly advisory call with Hiroshi",
    )
    w.log(
        ("Ji-woo Park", "Yuki Sato"),
        w.day(53),
        Kind.INTERVIEW,
        campaign_id=c["Tidewater Games"],
        meaningful=True,
        note="hiring manager screen: player analytics pipeline",
    )
    # Overdue follow-ups: nobody wrote back.
    w.log(
        ("Tomás Herrera",),
        w.day(15),
        Kind.MESSAGE,
        follow_up_on=w.day(8),
        note="asked Tomás about Quill & Ledger's platform plans",
    )
    w.log(
        ("Olumide Adeyemi",),
        w.day(6),
        Kind.EMAIL,
        campaign_id=c["Nimbus AI"],
        follow_up_on=w.day(2),
        note="cold email: ML platform ideas for Nimbus",
    )
    # Due today.
    w.log(
        ("Aisha Rahman",),
        w.day(7),
        Kind.VIDEO,
        campaign_id=c["Meridian Consulting"],
        meaningful=True,
        follow_up_on=w.today,
        note="Aisha on the strategy practice; send her my one-pager",
    )


def this_week_story(w: Writer) -> None:
    """This week: strong on campaigns, one short of the meaningful-contacts goal."""
    c = w.campaign_ids
    w.log(
        ("Amara Okafor", "Nadia Karimi"),
        w.this_week(0),
        Kind.INTERVIEW,
        campaign_id=c["Lumen Health"],
        minutes=90,
        meaningful=True,
        note="panel: system design of a patient-record sync service",
    )
    w.log(
        ("Ana López",),
        w.this_week(0),
        Kind.IN_PERSON,
        campaign_id=c["Northwind Analytics"],
        minutes=50,
        cost=6.8,
        value_received="she will put in a word with the hiring committee",
        note="coffee with Ana before the final round",
    )
    w.log(
        ("Priya Nair",),
        w.this_week(1),
        Kind.CALL,
        campaign_id=c["Tessera Bank"],
        minutes=35,
        meaningful=True,
        follow_up_on=w.today + timedelta(days=3),
        note="offer components: base, bonus, equity refresh; send counter by Monday",
    )
    w.log(
        ("James O'Connor",),
        w.this_week(2),
        Kind.VIDEO,
        campaign_id=c["Tessera Bank"],
        minutes=45,
        value_received="team scope confirmed: three squads, one platform group",
        value_given="shared my 90-day plan draft",
        note="negotiation: scope and team",
    )
    w.log(
        ("Zanele Dlamini", "Tariq Aziz", "Valentina Moreau"),
        w.this_week(2),
        Kind.EVENT,
        minutes=150,
        cost=12.0,
        note="Berlin Data Engineers: panel on platform teams",
    )
    w.log(
        ("Elena Petrova",),
        w.this_week(3),
        Kind.IN_PERSON,
        minutes=75,
        cost=24.5,
        value_received="rehearsed the negotiation script",
        note="lunch with Elena: negotiation prep",
    )
    w.log(
        ("Ingrid Johansson",),
        w.this_week(3),
        Kind.MESSAGE,
        campaign_id=c["Verdant Climate"],
        follow_up_on=w.today + timedelta(days=4),
        note="asked Ingrid for a call about the carbon data team",
    )
    w.log(
        ("Rajesh Iyer",),
        w.today,
        Kind.IN_PERSON,
        campaign_id=c["Northwind Analytics"],
        minutes=45,
        cost=7.2,
        meaningful=True,
        note="coffee with Rajesh: debrief of the final round",
    )
    w.log(
        ("Mei Chen",),
        w.today,
        Kind.EMAIL,
        campaign_id=c["Kestrel Robotics"],
        minutes=10,
        follow_up_on=w.today + timedelta(days=7),
        note="sent Mei the platform roadmap questions she asked for",
    )
    w.log(
        ("Carlos Mendoza",),
        w.this_week(2),
        Kind.MESSAGE,
        campaign_id=c["Helios Energy"],
        note="asked Carlos who leads grid analytics",
        logged_on=w.today,  # caught up on today: the Agenda's "Logged today" shows its day
    )


def referrals(w: Writer) -> None:
    c = w.campaign_ids
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
        # Logged the day it happened, as the story's touches are (`Writer.log`).
        w.repo.referrals.add(
            w.contact_ids[name], direction, w.day(ago), campaign, note, logged_on=w.day(ago)
        )
