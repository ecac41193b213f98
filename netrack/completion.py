"""Shell completion scripts for bash, zsh and fish, generated from the argument parser.

`netrack completion bash` prints a script that completes commands, subcommands, options
and the values of options with a fixed set of choices (`--format`, `--role`, …, and those
the domain checks: kinds and their aliases, channels, stages, metrics, setting keys). It is
generated from the same parser the commands run with, so it cannot drift from them.
Nothing is looked up at completion time: a TAB never opens the database.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from typing import Any

SHELLS = ("bash", "zsh", "fish")


@dataclass(slots=True)
class _Node:
    """A command level: its words (subcommands), its options and their fixed choices."""

    words: dict[str, _Node] = field(default_factory=dict)
    options: list[str] = field(default_factory=list)
    choices: dict[str, list[str]] = field(default_factory=dict)  # option → values
    positional_choices: list[str] = field(default_factory=list)


def _domain_values() -> tuple[dict[str, list[str]], dict[tuple[str, ...], list[str]]]:
    """The values of options and arguments the domain checks rather than argparse (an
    alias like `#coffee` is a kind too): by option, and by command for a positional."""
    from netrack.domain.models import (
        KIND_ALIASES,
        LOST_REASONS,
        SIZE_BANDS,
        ContactChannel,
        Kind,
        SourceChannel,
        Stage,
        TimeCategory,
    )
    from netrack.domain.registry import GOAL_METRICS
    from netrack.domain.validate import SETTINGS

    stages = [s.value for s in Stage]
    options = {
        "--kind": [k.value for k in Kind] + sorted(KIND_ALIASES),
        "--channel": [c.value for c in ContactChannel],
        "--source": [c.value for c in SourceChannel],
        "--category": [c.value for c in TimeCategory],
        "--size": list(SIZE_BANDS),
        "--reason": list(LOST_REASONS),
        "--stage": stages,
    }
    positionals = {
        ("campaign", "move"): stages,
        ("goal", "add"): list(GOAL_METRICS),
        ("config",): list(SETTINGS),
    }
    return options, positionals


def _walk(parser: argparse.ArgumentParser, path: tuple[str, ...] = (), known: Any = None) -> _Node:
    options, positionals = known or _domain_values()
    node = _Node(positional_choices=list(positionals.get(path, ())))
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                node.words[name] = _walk(sub, (*path, name), (options, positionals))
        elif action.option_strings:
            long = [o for o in action.option_strings if o.startswith("--")]
            node.options.extend(long or action.option_strings)
            values = [str(c) for c in action.choices] if action.choices else None
            for option in action.option_strings:
                found = values or options.get(option)
                if found:
                    node.choices[option] = found
        elif action.choices:
            node.positional_choices = [str(c) for c in action.choices]
    return node


def _paths(node: _Node, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], _Node]]:
    found = [(path, node)]
    for word, child in node.words.items():
        found.extend(_paths(child, (*path, word)))
    return found


def script(shell: str, parser: argparse.ArgumentParser) -> str:
    """The completion script for `shell` (one of SHELLS)."""
    root = _walk(parser)
    if shell == "fish":
        return _fish(root)
    bash = _bash(root)
    if shell == "zsh":  # zsh runs the bash function through its bash-completion layer
        return "autoload -U +X bashcompinit && bashcompinit\n" + bash
    return bash


def _bash(root: _Node) -> str:
    nodes = _paths(root)
    subs = [f'        "{" ".join(p)}") echo "{" ".join(n.words)}" ;;' for p, n in nodes if n.words]
    words = [
        f'        "{" ".join(p)}") echo "{" ".join([*n.words, *n.positional_choices, *n.options])}" ;;'
        for p, n in nodes
    ]
    values = [
        f'        "{" ".join((*p, option))}") echo "{" ".join(choices)}" ;;'
        for p, n in nodes
        for option, choices in n.choices.items()
    ]
    return "\n".join(
        [
            "# netrack completion for bash (netrack completion bash)",
            "_netrack_subs() {",
            '    case "$1" in',
            *subs,
            "    esac",
            "}",
            "_netrack_words() {",
            '    case "$1" in',
            *words,
            "    esac",
            "}",
            "_netrack_values() {",
            '    case "$1" in',
            *values,
            "    esac",
            "}",
            "_netrack() {",
            "    local cur prev path word i values",
            '    cur="${COMP_WORDS[COMP_CWORD]}"',
            '    prev="${COMP_WORDS[COMP_CWORD-1]}"',
            '    path=""',
            "    # The command words typed so far: each one a subcommand of the path before it.",
            "    for ((i = 1; i < COMP_CWORD; i++)); do",
            '        word="${COMP_WORDS[i]}"',
            '        case " $(_netrack_subs "$path") " in',
            '            *" $word "*) path="${path:+$path }$word" ;;',
            "        esac",
            "    done",
            '    case "$prev" in',
            '        --db|--out) COMPREPLY=($(compgen -f -- "$cur")); return ;;',
            "    esac",
            '    values="$(_netrack_values "${path:+$path }$prev")"',
            '    if [[ -n "$values" ]]; then',
            '        COMPREPLY=($(compgen -W "$values" -- "$cur"))',
            "        return",
            "    fi",
            '    COMPREPLY=($(compgen -W "$(_netrack_words "$path")" -- "$cur"))',
            "}",
            "complete -o default -F _netrack netrack",
            "",
        ]
    )


def _fish(root: _Node) -> str:
    lines = ["# netrack completion for fish (netrack completion fish)", "complete -c netrack -f"]
    for path, node in _paths(root):
        if not path:
            condition = "__fish_use_subcommand"
        else:
            seen = "".join(f"; and __fish_seen_subcommand_from {word}" for word in path)
            condition = f"true{seen}"
            if node.words:
                others = " ".join(node.words)
                condition += f"; and not __fish_seen_subcommand_from {others}"
        for word in node.words:
            lines.append(f"complete -c netrack -n '{condition}' -a {word}")
        for value in node.positional_choices:
            lines.append(f"complete -c netrack -n '{condition}' -a {value}")
        for option in node.options:
            if not option.startswith("--"):
                continue
            values = node.choices.get(option)
            takes = " -r -F" if option in ("--db", "--out") else ""
            extra = f" -x -a '{' '.join(values)}'" if values else takes
            lines.append(f"complete -c netrack -n '{condition}' -l {option[2:]}{extra}")
    return "\n".join(lines) + "\n"
