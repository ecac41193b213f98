"""Shell completion (SPEC, terminal conventions): the bash script really completes in
bash; zsh reuses it; fish gets its own `complete` lines, all generated from the parser."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from netrack.cli_parser import build_parser
from netrack.completion import script
from tests.cli.conftest import Run


def complete_in_bash(tmp_path: Path, *words: str) -> list[str]:
    """What bash offers after `words` (the last one is the word being completed)."""
    source = tmp_path / "netrack.bash"
    source.write_text(script("bash", build_parser()), encoding="utf-8")
    quoted = " ".join(f"'{w}'" for w in words)
    program = (
        f"source {source}; COMP_WORDS=({quoted}); COMP_CWORD=$((${{#COMP_WORDS[@]}}-1)); "
        '_netrack; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    done = subprocess.run(
        ["bash", "--norc", "-c", program], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    return [line for line in done.stdout.splitlines() if line]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize(
    ("words", "offered"),
    [
        (("netrack", "ca"), ["campaign"]),
        (("netrack", "contact", "m"), ["merge"]),
        (("netrack", "contact", "add", "--int"), ["--introduced-by"]),
        # An option before the command, and option values skipped on the way.
        (("netrack", "--db", "x.db", "campaign", "link", "acme", "ana", "--role", "h"),
         ["hiring_manager"]),
        (("netrack", "scorecard", "--format", ""), ["table", "json", "markdown"]),
        (("netrack", "export", "i"), ["ics"]),
        (("netrack", "followup", "list", "--o"), ["--overdue"]),
        # Values the domain checks, not argparse: kinds with their aliases, channels,
        # categories, stages, goal metrics, setting keys.
        (("netrack", "log", "--with", "ana", "--kind", "c"), ["call", "coffee"]),
        (("netrack", "contact", "edit", "ana", "--channel", "re"), ["referral", "recruiter"]),
        (("netrack", "time", "add", "1h", "--category", ""),
         ["search", "networking", "busywork", "off"]),
        (("netrack", "campaign", "move", "acme", "int"), ["interviewing"]),
        (("netrack", "campaign", "move", "acme", "lost", "--reason", "no"), ["no_response"]),
        (("netrack", "goal", "add", "face"), ["face_to_face"]),
        (("netrack", "config", "st"), ["stalled_days"]),
    ],
)  # fmt: skip
def test_bash_completes_commands_options_and_choices(
    tmp_path: Path, words: tuple[str, ...], offered: list[str]
) -> None:
    assert complete_in_bash(tmp_path, *words) == offered


def test_every_command_of_the_parser_is_in_each_script() -> None:
    parser = build_parser()
    bash, zsh, fish = (script(shell, parser) for shell in ("bash", "zsh", "fish"))
    assert zsh.startswith("autoload -U +X bashcompinit && bashcompinit\n") and bash in zsh
    for command in ("contact", "campaign", "log", "scorecard", "agenda", "completion"):
        assert f"complete -c netrack -n '__fish_use_subcommand' -a {command}\n" in fish
    assert (
        "complete -c netrack -n 'true; and __fish_seen_subcommand_from campaign; "
        "and __fish_seen_subcommand_from link' -l role -x -a "
        "'hiring_manager referrer recruiter interviewer insider'"
    ) in fish


def test_completion_command_prints_the_script_without_a_database(run: Run, db: Path) -> None:
    result = run("completion", "bash")
    assert result.code == 0 and "complete -o default -F _netrack netrack" in result.out
    # Every command's, though the command line was read by the `completion` parser alone.
    assert result.out.rstrip("\n") == script("bash", build_parser()).rstrip("\n")
    assert not db.exists()  # a TAB must never create or open the database
    assert run("completion", "tcsh").code == 2
