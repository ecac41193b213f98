from netrack.cli import run

raise SystemExit(run())
