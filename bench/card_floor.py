"""How fast a scorecard on a long history could be at best: what issue 18's 3× target
is up against on the ten-times history.

    python bench/card_floor.py HEAVY_DB [--demo DEMO_DB] [--runs N]

SPEC's JSON lists every contact going cold and every stalled campaign, so the card grows
with the history: on the ten-times database it lists ~17,000 contacts (3.4 MB of JSON,
where the demo's card is a few KB). This prints, as medians of N runs:

- `netrack scorecard --format json` on each database, and their ratio (the target);
- the start-up that every command pays (`netrack --version`);
- reads any implementation needs, by SQL alone, outside netrack: the going-cold
  candidates (strength at the card's end from its history, last touch), the four
  diversity distributions, the campaigns' stage histories and the follow-ups due or
  open; with the start-up, the least a card could take (nothing computed, nothing
  written).

The reads are plain `sqlite3`, no objects built: a lower bound, not a design.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import netrack_command

TODAY = "2026-11-27"  # bench/run.py's; the card is the running week's, read as of today

COLD = """
SELECT c.id, c.name, c.met_on, c.keep_in_touch,
  (SELECT s.strength FROM strength_change s WHERE s.contact_id = c.id AND s."on" <= :end
   ORDER BY s."on" DESC, s.id DESC LIMIT 1),
  (SELECT i."on" FROM interaction_contact i WHERE i.contact_id = c.id AND i."on" <= :end
   ORDER BY i."on" DESC LIMIT 1)
FROM contact c WHERE NOT c.archived AND +c.met_on <= :end
"""
DIVERSITY = """
SELECT COALESCE(NULLIF(TRIM(c.industry), ''), o.industry), c.function,
  COALESCE(NULLIF(TRIM(c.location), ''), o.location), o.size_band, COUNT(*)
FROM contact c LEFT JOIN organization o ON o.id = c.organization_id
WHERE NOT c.archived AND +c.met_on <= :end GROUP BY 1, 2, 3, 4
"""


# Stage histories (stage counts, funnel, stalled, time in stage) and the follow-ups due in
# the 90 days or still open: what the pipeline and discipline figures read, as netrack does.
HISTORIES = """
SELECT campaign_id, "on", id, from_stage, to_stage, reason FROM stage_change WHERE "on" <= :end
"""
OPEN_FOLLOW_UPS = """
SELECT follow_up_on, follow_up_done_on, follow_up_closed_on, id FROM interaction
WHERE follow_up_on <= :end AND (follow_up_on >= date(:end, '-90 days')
  OR ((follow_up_done_on IS NULL OR follow_up_done_on > :end)
      AND (follow_up_closed_on IS NULL OR follow_up_closed_on > :end)))
"""


def median_ms(action: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def netrack(*args: str) -> list[str]:
    return [*netrack_command(), *args]


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("heavy", type=Path)
    options.add_argument("--demo", type=Path)
    options.add_argument("--runs", type=int, default=7)
    args = options.parse_args()
    env = {**os.environ, "NETRACK_TODAY": TODAY}

    def card(db: Path) -> subprocess.CompletedProcess[str]:
        command = netrack("scorecard", "--format", "json", "--db", str(db))
        return subprocess.run(command, env=env, check=True, capture_output=True, text=True)

    shown = json.loads(card(args.heavy).stdout)
    print(
        f"card on {args.heavy.name}: {len(shown['going_cold'])} going cold, "
        f"{len(shown['stalled'])} stalled, {len(card(args.heavy).stdout) / 1e6:.1f} MB of JSON"
    )
    heavy = median_ms(lambda: card(args.heavy), args.runs)
    print(f"scorecard --format json, heavy: {heavy:.0f} ms")
    if args.demo:
        demo = median_ms(lambda: card(args.demo), args.runs)
        print(f"scorecard --format json, demo:  {demo:.0f} ms  (ratio {heavy / demo:.2f}×)")
    version = netrack("--version")
    start = median_ms(lambda: subprocess.run(version, check=True, capture_output=True), args.runs)
    print(f"start-up (netrack --version): {start:.0f} ms")
    reads = sqlite3.connect(f"file:{args.heavy}?mode=ro", uri=True)
    cold = median_ms(lambda: reads.execute(COLD, {"end": TODAY}).fetchall(), args.runs)
    spread = median_ms(lambda: reads.execute(DIVERSITY, {"end": TODAY}).fetchall(), args.runs)
    stages = median_ms(lambda: reads.execute(HISTORIES, {"end": TODAY}).fetchall(), args.runs)
    due = median_ms(lambda: reads.execute(OPEN_FOLLOW_UPS, {"end": TODAY}).fetchall(), args.runs)
    print(
        f"SQL alone: going-cold candidates {cold:.0f} ms, diversity {spread:.0f} ms, "
        f"stage histories {stages:.0f} ms, follow-ups {due:.0f} ms"
    )
    least = start + cold + spread + stages + due
    line = f"least a card could take (start-up + those reads): {least:.0f} ms"
    if args.demo:
        line += f" = {least / demo:.2f}× the demo's card"
    print(line)


if __name__ == "__main__":
    main()
