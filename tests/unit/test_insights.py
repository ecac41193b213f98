"""Beyond the weekly card: channel effectiveness, time in stage, going cold, stalled and
pipeline warnings, each on a small scenario worked out by hand."""

from __future__ import annotations

from netrack.domain import insights
from netrack.domain.card import ChannelCounts, StageTime
from netrack.domain.entries import Settings
from netrack.domain.facts import (
    CampaignFacts,
    ContactFacts,
    InteractionFacts,
    ScorecardInputs,
)
from netrack.domain.models import Kind, Stage
from tests.unit.scenario import campaign, d


def test_channel_effectiveness() -> None:
    inputs = ScorecardInputs(
        campaigns=(
            campaign(1, ("2026-10-01", "applied"), ("2026-10-20", "interviewing"),
                     ("2026-11-10", "lost"), source="referral"),  # reached interviewing
            campaign(2, ("2026-10-01", "research"), source="referral"),
            campaign(3, ("2026-09-01", "negotiating"), ("2026-10-01", "won"),
                     source="job_board"),  # won ⇒ also interviewing and negotiating
            campaign(4, ("2026-09-01", "interviewing"), ("2026-11-25", "negotiating"),
                     source="job_board"),  # negotiating only after as_of
            campaign(5, ("2026-09-01", "target")),  # no source
            campaign(6, ("2026-11-21", "research"), source="networking"),  # opened later
        )
    )  # fmt: skip
    table = insights.channel_effectiveness(inputs, d("2026-11-20"))
    assert table == {
        "referral": ChannelCounts(opened=2, interviewing=1, negotiating=0, won=0),
        "job_board": ChannelCounts(opened=2, interviewing=2, negotiating=1, won=1),
        "unspecified": ChannelCounts(opened=1, interviewing=0, negotiating=0, won=0),
    }
    assert list(table) == ["referral", "job_board", "unspecified"]  # SourceChannel order
    later = insights.channel_effectiveness(inputs, d("2026-11-30"))
    assert list(later) == ["networking", "referral", "job_board", "unspecified"]
    assert later["job_board"].negotiating == 2


def test_time_in_stage_means_of_ended_stays() -> None:
    inputs = ScorecardInputs(
        campaigns=(
            # research 3 days (11-01 → 11-04), target 10 (→ 11-14); applied still open
            campaign(1, ("2026-11-01", "research"), ("2026-11-04", "target"),
                     ("2026-11-14", "applied")),
            campaign(2, ("2026-11-10", "research"), ("2026-11-12", "lost")),  # research 2
            # research 1, paused (off the line: not timed), research again: still open
            campaign(3, ("2026-11-05", "research"), ("2026-11-06", "paused"),
                     ("2026-11-16", "research")),
            campaign(4, ("2026-11-25", "research")),  # opened after as_of: ignored
            # won 5 days, then reopened (ordered stages: won is timed too); the move
            # back out of applied on 11-21 is after as_of: applied's stay has not ended
            campaign(5, ("2026-11-01", "won"), ("2026-11-06", "applied"),
                     ("2026-11-21", "target")),
        )
    )  # fmt: skip
    assert insights.time_in_stage(inputs, d("2026-11-20")) == {
        Stage.RESEARCH: StageTime(count=3, mean_days=2.0),  # (3 + 2 + 1) / 3
        Stage.TARGET: StageTime(count=1, mean_days=10.0),
        Stage.WON: StageTime(count=1, mean_days=5.0),
    }
    # On 11-21 campaign 5's applied stay (11-06 → 11-21) has ended: 15 days.
    assert insights.time_in_stage(inputs, d("2026-11-21"))[Stage.APPLIED] == StageTime(
        count=1, mean_days=15.0
    )


def test_going_cold() -> None:
    def c(cid: int, strength: int | None, touch: str | None, **kw: object) -> ContactFacts:
        met = kw.pop("met", "2026-09-01")
        return ContactFacts(
            cid, d(str(met)), strength=strength, name=f"C{cid}",
            last_touch=d(touch) if touch else None, **kw,  # type: ignore[arg-type]
        )  # fmt: skip

    contacts = (
        c(1, 3, "2026-10-28"),  # 30 days idle on 11-27: cold
        c(2, 5, "2026-10-29"),  # 29 days: not yet
        c(3, 2, "2026-01-01"),  # weak ties do not go cold
        c(4, 4, None),  # never touched: idle since met (09-01): 87 days
        c(5, 4, "2026-01-01", archived=True),
        c(6, 3, None, met="2026-12-01"),  # not met yet
        c(7, None, None),
    )
    cold = insights.going_cold(ScorecardInputs(contacts=contacts), d("2026-11-27"))
    assert [(row.id, row.days_idle, row.last_touch) for row in cold] == [
        (4, 87, None),
        (1, 30, d("2026-10-28")),
    ]
    assert cold[1].name == "C1" and cold[1].strength == 3
    tighter = ScorecardInputs(contacts=contacts, settings=Settings(going_cold_days=10))
    assert [row.id for row in insights.going_cold(tighter, d("2026-11-27"))] == [4, 1, 2]


def test_stalled() -> None:
    inputs = ScorecardInputs(
        campaigns=(
            campaign(1, ("2026-10-01", "research"), ("2026-11-13", "applied")),  # 14 days
            campaign(2, ("2026-10-01", "research"), ("2026-11-14", "applied")),  # 13 days
            campaign(3, ("2026-10-01", "target")),  # linked touch 11-20: 7 days
            campaign(4, ("2026-10-01", "target")),  # linked touch 11-01: 26 days
            campaign(5, ("2026-09-01", "negotiating"), ("2026-10-01", "won")),
            campaign(6, ("2026-09-01", "target"), ("2026-10-01", "paused")),
            campaign(7, ("2026-10-01", "networking")),  # only an unlinked touch
        ),
        interactions=(
            InteractionFacts(d("2026-11-20"), Kind.CALL, (1,), campaign_id=3),
            InteractionFacts(d("2026-11-01"), Kind.CALL, (1,), campaign_id=4),
            InteractionFacts(d("2026-11-26"), Kind.CALL, (1,), campaign_id=None),
            InteractionFacts(d("2026-11-28"), Kind.CALL, (1,), campaign_id=1),  # after
        ),
    )  # fmt: skip
    rows = insights.stalled(inputs, d("2026-11-27"))
    assert [(r.id, r.days_idle, r.last_activity, r.stage) for r in rows] == [
        (7, 57, d("2026-10-01"), Stage.NETWORKING),
        (4, 26, d("2026-11-01"), Stage.TARGET),
        (1, 14, d("2026-11-13"), Stage.APPLIED),
    ]


def test_pipeline_warnings() -> None:
    def warn(*campaigns: CampaignFacts) -> tuple[str, ...]:
        return insights.pipeline_warnings(ScorecardInputs(campaigns=campaigns), d("2026-11-27"))

    assert warn()[0].startswith("no active campaigns")
    assert warn(campaign(1, ("2026-10-01", "won")), campaign(2, ("2026-10-01", "lost")))[
        0
    ].startswith("no active campaigns")
    only_late = warn(campaign(1, ("2026-10-01", "applied")))
    assert len(only_late) == 1 and "early stages" in only_late[0]
    # moved out of the early stages only on 11-20: at 11-19 the pipeline still had one
    moved = campaign(1, ("2026-10-01", "networking"), ("2026-11-20", "applied"))
    assert insights.pipeline_warnings(ScorecardInputs(campaigns=(moved,)), d("2026-11-19")) == ()
    assert warn(campaign(1, ("2026-10-01", "applied")), campaign(2, ("2026-11-01", "target"))) == ()


def test_going_cold_by_cadence_and_strength_as_it_was() -> None:
    def c(cid: int, touch: str, **kw: object) -> ContactFacts:
        return ContactFacts(
            cid,
            d("2026-01-01"),
            name=f"C{cid}",
            last_touch=d(touch),
            **kw,  # type: ignore[arg-type]
        )

    inputs = ScorecardInputs(
        contacts=(
            # weak, but wants a touch every 14 days: 21 days idle on 11-22 → cold
            c(1, "2026-11-01", strength=1, keep_in_touch=14),
            # strong, every 60 days: 52 days idle is within the cadence → not cold,
            # although past going_cold_days (the cadence decides)
            c(2, "2026-10-01", strength=5, keep_in_touch=60),
            # strength 4 until lowered to 2 on 11-25: 52 days idle on 11-22 → cold then;
            # on 11-29 (59 days) its strength is 2 and it is not listed
            c(3, "2026-10-01", strength=2,
              strengths=((d("2026-01-01"), 4), (d("2026-11-25"), 2))),
        )
    )  # fmt: skip
    cold = insights.going_cold(inputs, d("2026-11-22"))
    assert [(g.id, g.days_idle, g.strength, g.keep_in_touch) for g in cold] == [
        (3, 52, 4, None),
        (1, 21, 1, 14),
    ]
    assert [g.id for g in insights.going_cold(inputs, d("2026-11-29"))] == [1]  # 28 days
