"""pyproject.toml keeps a fresh clone working: every import declared, every range bounded, ruff pinned.

A test runs ruff over the code, so a new ruff minor release (new rules) would fail a clean
checkout; the other dependencies have an upper bound so a release nobody has tried is not
installed. pdfminer.six is the one exception: pdfplumber pins its exact release.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys

import pytest

from tests.conftest import ROOT

tomllib = pytest.importorskip("tomllib")
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = CONFIG["project"]
# Bounded from above by the package that pins it, not here.
PINNED_BY_ANOTHER = {"pdfminer-six": "pdfplumber pins the exact pdfminer.six release"}


def _name(requirement: str) -> str:
    """The normalised distribution name of a requirement ('pdfminer.six>=1' -> 'pdfminer-six')."""
    match = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group()).lower()


def _requirements() -> list[str]:
    return [
        *PROJECT["dependencies"],
        *(r for group in PROJECT["optional-dependencies"].values() for r in group),
    ]


def _third_party_imports() -> set[str]:
    found: set[str] = set()
    for path in [*(ROOT / "extractor").rglob("*.py"), *(ROOT / "schemas").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m not in {"extractor", "schemas"}}


def test_packaging_every_imported_library_is_declared() -> None:
    declared = {_name(r) for r in PROJECT["dependencies"]}
    owners = importlib.metadata.packages_distributions()
    missing = {
        module: owners.get(module)
        for module in _third_party_imports()
        if not {_name(d) for d in owners.get(module, [module])} & declared
    }
    assert missing == {}, f"imported but not in [project] dependencies: {missing}"


@pytest.mark.parametrize("requirement", _requirements())
def test_packaging_every_requirement_has_an_upper_bound(requirement: str) -> None:
    if _name(requirement) in PINNED_BY_ANOTHER:
        return
    assert "<" in requirement or "==" in requirement or "~=" in requirement, requirement


def test_packaging_ruff_is_pinned_to_one_minor_release() -> None:
    [ruff] = [r for r in _requirements() if _name(r) == "ruff"]
    low = re.search(r">=(\d+)\.(\d+)", ruff)
    high = re.search(r"<(\d+)\.(\d+)", ruff)
    assert low and high, ruff
    assert (int(high[1]), int(high[2])) == (int(low[1]), int(low[2]) + 1), ruff
    installed = importlib.metadata.version("ruff")
    assert installed.startswith(f"{low[1]}.{low[2]}."), f"installed ruff {installed} is outside {ruff}"


def test_packaging_licence_and_urls() -> None:
    assert PROJECT["license"] == "MIT" and (ROOT / "LICENSE").read_text(encoding="utf-8").startswith(
        "MIT License"
    )
    assert all(url.startswith("https://") for url in PROJECT["urls"].values())
