"""The days a card or a list covers, named one way everywhere: a period as the scorecard
names it (`--week 2026-W47`, `--month 2026-11`, `--period KIND [--on DATE]`), or, on a
list, its first and last day (`--since`, `--until`, both inclusive). One resolver, so
that `interaction list --week 2026-W46` lists what that week's card counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netrack.cli_args import DATE_HELP, any_case
from netrack.domain.errors import InputError

if TYPE_CHECKING:
    import argparse
    from datetime import date

    from netrack.data.repo import Repo
    from netrack.domain.weeks import Period

PERIODS = ["week", "month", "quarter", "year"]
PERIOD_HELP = "week (default), month, quarter or year"
WEEK_EXAMPLE, MONTH_EXAMPLE = "2026-W47", "2026-11"


def card_period_options(parser: argparse.ArgumentParser) -> None:
    """`scorecard`'s: the week holding today unless told otherwise."""
    parser.add_argument(
        "--period",
        **any_case(PERIODS),
        help=PERIOD_HELP + ": the one holding today, or --on's day",
    )
    parser.add_argument("--week", metavar=WEEK_EXAMPLE, help="a week by its number")
    parser.add_argument("--month", metavar=MONTH_EXAMPLE, help="a calendar month by its number")
    parser.add_argument("--on", metavar="DATE", help=f"the period holding this day: {DATE_HELP}")


def list_span_options(parser: argparse.ArgumentParser, dated: str = "", prefix: str = "") -> None:
    """A list's `--since`/`--until` (`--met-since`/`--met-until` with `prefix` "met-"),
    or the period a card names: only the records `dated` ("met": the contacts met) on
    a day in it."""
    those = f"only those {dated}".rstrip()
    parser.add_argument(
        f"--{prefix}since", metavar="DATE", help=f"{those} from this day on: {DATE_HELP}"
    )
    parser.add_argument(
        f"--{prefix}until", metavar="DATE", help=f"{those} up to this day (included): {DATE_HELP}"
    )
    parser.add_argument(
        "--period",
        **any_case(PERIODS),
        help=f"{those} in the week, month, quarter or year holding today (or --on's day), "
        "as that period's scorecard counts them",
    )
    parser.add_argument("--week", metavar=WEEK_EXAMPLE, help=f"{those} in this week")
    parser.add_argument("--month", metavar=MONTH_EXAMPLE, help=f"{those} in this calendar month")
    parser.add_argument("--on", metavar="DATE", help="with --period: the period holding this day")


def _named(args: argparse.Namespace) -> list[str]:
    """The options naming a period's place that were given, in the order help lists them."""
    return [f"--{name}" for name in ("week", "month", "on") if getattr(args, name, None)]


def check_period_options(args: argparse.Namespace, default: str | None = "week") -> None:
    """Refuse a period named two ways, before anything is opened. `default`: the kind
    without `--period` (the scorecard's week); None on a list, whose `--on` alone would
    not say whether it means a day or the week holding it."""
    named = _named(args)
    if len(named) > 1:
        raise InputError(f"give {named[0]} or {named[1]}, not both")
    kind = getattr(args, "period", None)
    if args.week and kind not in (None, "week"):
        raise InputError(f"--week names a week: give --on DATE for a {kind}")
    if args.month and kind not in (None, "month"):
        raise InputError(f"--month names a month: give --on DATE for a {kind}")
    if args.on and kind is None and default is None:
        raise InputError(
            "--on picks the period holding a day: give --period (week, month, quarter or year) with it"
        )


def chosen_period(args: argparse.Namespace, repo: Repo) -> Period:
    """The period `--week`, `--month` or `--period [--on]` names; without them the week
    holding today. Weeks start on the database's `week_start`, as the card's do."""
    from netrack.cli_session import past_date
    from netrack.domain.weeks import parse_month, parse_week

    check_period_options(args)
    if args.week:
        return parse_week(args.week, repo.goals.settings().week_start)
    if args.month:
        return parse_month(args.month)
    kind = getattr(args, "period", None) or "week"
    return repo.scorecard.period(kind, past_date(args.on) if args.on else None)


def list_span(
    args: argparse.Namespace, repo: Repo, prefix: str = ""
) -> tuple[date | None, date | None]:
    """The first and last day (inclusive; None: open) a list keeps: `--since`/`--until`
    (`prefix` "met-": `--met-since`/`--met-until`), or a period's start and end."""
    from netrack.cli_session import past_date
    from netrack.domain.weeks import check_span

    key = prefix.replace("-", "_")
    since_text, until_text = getattr(args, f"{key}since"), getattr(args, f"{key}until")
    first, last = f"--{prefix}since", f"--{prefix}until"
    named = [*_named(args), *(["--period"] if getattr(args, "period", None) else [])]
    given = [flag for flag, text in ((first, since_text), (last, until_text)) if text]
    if named and given:
        raise InputError(f"give {given[0]} or {named[0]}, not both: a period is its own days")
    check_period_options(args, default=None)
    if named:
        period = chosen_period(args, repo)
        return period.start, period.end
    since, until = past_date(since_text), past_date(until_text)
    check_span(since, until, first, last)
    return since, until
