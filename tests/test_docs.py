"""Docs and tooling that check themselves: README commands, CI script, lint."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = text.split("## Set-up on a fresh machine", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", setup)


def test_docs_readme_has_exactly_two_setup_commands() -> None:
    commands = _readme_commands()
    assert len(commands) == 2
    assert "peel-extract samples -o output" in commands[0]
    assert "pytest" in commands[1]


def test_docs_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _readme_commands()[1] in ci.splitlines()


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.skipif(
    shutil.which("ruff") is None and not (ROOT / ".venv").exists(), reason="ruff not installed"
)
def test_docs_ruff_check_is_clean() -> None:
    proc = _ruff("check", ".")
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.skipif(
    shutil.which("ruff") is None and not (ROOT / ".venv").exists(), reason="ruff not installed"
)
def test_docs_ruff_format_is_clean() -> None:
    proc = _ruff("format", "--check", ".")
    assert proc.returncode == 0, proc.stdout + proc.stderr


# --- the pages themselves: a front page, topic pages, and every code block run -------------------

DOCS = ROOT / "docs"
TOPICS = ("cli", "output", "inputs", "grades", "compare", "benchmarks")
PAGES = [ROOT / "README.md", *(DOCS / f"{topic}.md" for topic in TOPICS)]
README_MAX_BYTES = 12 * 1024

_FENCE_RE = re.compile(
    r"^(?:<!-- excerpt: (?P<excerpt>\S+) -->\n)?```(?P<lang>[\w-]*)\n(?P<body>.*?)^```$", re.M | re.S
)


def _blocks(page: Path) -> list[tuple[str, str, str | None, int]]:
    """Each fenced block of a page: (language, body, the file it is an excerpt of, line)."""
    text = page.read_text(encoding="utf-8")
    setup = (
        text.split("## Set-up on a fresh machine", 1)[1].split("\n## ", 1)[0]
        if page.name == "README.md"
        else ""
    )
    found = []
    for match in _FENCE_RE.finditer(text):
        body = match["body"]
        if setup and f"```sh\n{body}```" in setup:
            continue  # the set-up commands: CI runs them (.ci/run), the test above checks them
        found.append((match["lang"], body, match["excerpt"], text[: match.start()].count("\n") + 1))
    return found


def _commands(body: str) -> list[str]:
    """A shell block's commands: continuation lines joined, comments and blank lines dropped."""
    joined = body.replace("\\\n", " ")
    return [line for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _programs(command: str) -> list[str]:
    """The programs a command line runs (the first word of each part of a pipeline or list)."""
    import shlex

    tokens = list(shlex.shlex(command, posix=True, punctuation_chars=True))
    starts = ["|", *tokens[:-1]]
    return [word for before, word in zip(starts, tokens, strict=True) if before in ("|", "||", "&&", ";")]


def _shell(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", command],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip


@pytest.mark.parametrize("page", PAGES, ids=[p.name if p.parent == ROOT else f"docs/{p.name}" for p in PAGES])
def test_docs_code_blocks_run(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Commands run (their output compared where a console block shows it), Python runs, excerpts
    are in the file they quote. Each page runs in a fresh folder holding the samples."""
    import os

    (tmp_path / "samples").symlink_to(ROOT / "samples")
    (tmp_path / "docs").mkdir()
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for lang, body, excerpt, line in _blocks(page):
        where = f"{page.name}:{line}"
        if excerpt is not None:
            quoted = (ROOT / excerpt).read_text(encoding="utf-8")
            assert body in quoted, f"{where}: not an excerpt of {excerpt}"
            continue
        if lang in ("sh", "console"):
            commands = (
                _commands(body) if lang == "sh" else [c[2:] for c in body.splitlines() if c.startswith("$ ")]
            )
            missing = sorted(
                {p for c in commands for p in _programs(c) if shutil.which(p, path=env["PATH"]) is None}
            )
            if missing:
                pytest.skip(f"{where} needs {', '.join(missing)}")
        if lang == "sh":
            done = _shell(body, tmp_path, env)
            assert done.returncode == 0, f"{where}: {done.stderr[-2000:]}"
        elif lang == "console":
            shown = re.split(r"^\$ (.*)\n", body, flags=re.M)[1:]
            for command, expected in zip(shown[::2], shown[1::2], strict=True):
                done = _shell(command, tmp_path, env)
                assert done.returncode == 0, f"{where}: {command}: {done.stderr[-2000:]}"
                assert done.stdout == expected, (
                    f"{where}: the output of {command!r} is not what the page shows"
                )
        elif lang == "python":
            exec(compile(body, where, "exec"), namespace)
            capsys.readouterr()


def test_docs_readme_is_a_front_page_with_topic_pages_linked() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode("utf-8")) <= README_MAX_BYTES
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text):
            assert (page.parent / target).exists(), f"{page.name} links to {target}, which is not there"
        assert "the issue" not in text.lower(), f"{page.name} tells project history; say what is"
    for topic in TOPICS:
        assert f"(docs/{topic}.md)" in readme
    for lang in ("sh", "console", "python"):
        assert any(block[0] == lang for page in PAGES for block in _blocks(page)), f"no {lang} block runs"
