"""The Pipeline's first screen: each stage's first campaigns in the board's order, and
every stage's count, as `campaigns.all()` would give them."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from netrack.data.repo import Repo, campaign_rows


def test_each_stage_s_first_campaigns_and_every_count(
    demo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    every = demo.campaigns.all()
    # Up to a thousand campaigns are read whole, in one read: the first screen holds them
    assert demo.campaigns.board(1) == (every, Counter(c.stage for c in every))
    monkeypatch.setattr(campaign_rows, "READ_WHOLE_UP_TO", 0)
    for per_stage in (1, 2, 100):
        campaigns, counts = demo.campaigns.board(per_stage)
        assert counts == Counter(c.stage for c in every)
        first = [c for stage in counts for c in [c for c in every if c.stage == stage][:per_stage]]
        # The same records as `all` reads (links, next follow-up), in its order per stage.
        assert sorted(campaigns, key=lambda c: c.id) == sorted(first, key=lambda c: c.id)
        for stage in counts:
            assert [c for c in campaigns if c.stage == stage] == [
                c for c in first if c.stage == stage
            ]


def test_unranked_campaigns_come_last_on_both_engines(
    repo: Repo, today, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(campaign_rows, "READ_WHOLE_UP_TO", 0)
    opened = today - timedelta(days=3)
    ranked = [
        repo.campaigns.add("Role", f"Org {n}", stage="target", opened_on=opened, priority=p)
        for n, p in enumerate([None, 2, None, 5, 1])
    ]
    campaigns, counts = repo.campaigns.board(4)
    assert [c.priority for c in campaigns] == [5, 2, 1, None]
    assert [c.id for c in campaigns][-1] == ranked[0].id
    assert sum(counts.values()) == 5
