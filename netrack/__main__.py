from netrack.entry import run

raise SystemExit(run())
