"""The house rules, read from the code's own imports: data flows one way and each room keeps its job.

readers -> document model -> stages (which call finders and vocab) -> outputs. A stage never
imports another stage, a finder never sees the working state or a stage, a reader knows
nothing of grades, vocabulary is data that imports no logic, and no module is over 25 KB.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "extractor"
MAX_MODULE_BYTES = 25 * 1024


def _modules() -> list[Path]:
    return sorted(p for p in [*PACKAGE.rglob("*.py"), *(ROOT / "schemas").rglob("*.py")] if p.is_file())


def _dotted(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """Every (module, names) the file imports, at any depth (lazy imports count too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, tuple[str, ...]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, ()) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, tuple(alias.name for alias in node.names)))
    return found


def _room(module: str) -> str:
    """The room a module lives in: 'stages', 'finders', 'readers', 'vocab', 'outputs' or the module."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "extractor" else parts[0]


def _in(folder: str) -> list[Path]:
    return [p for p in _modules() if _room(_dotted(p)) == folder]


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(ROOT)) for p in paths]


# What each room may not import (a prefix of the imported module's dotted name).
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "vocab": (
        "extractor.model",
        "extractor.finders",
        "extractor.stages",
        "extractor.readers",
        "extractor.outputs",
        "extractor.pipeline",
        "extractor.api",
        "extractor.batch",
        "extractor.cli",
        "spacy",
    ),
    "finders": (
        "extractor.stages",
        "extractor.pipeline",
        "extractor.readers",
        "extractor.outputs",
        "extractor.api",
        "extractor.batch",
        "extractor.cli",
    ),
    "stages": ("extractor.readers", "extractor.outputs", "extractor.api", "extractor.batch", "extractor.cli"),
    "readers": (
        "extractor.vocab.grades",
        "extractor.finders",
        "extractor.stages",
        "extractor.pipeline",
        "extractor.outputs",
        "extractor.api",
        "extractor.batch",
        "extractor.cli",
    ),
    "outputs": (
        "extractor.readers",
        "extractor.finders",
        "extractor.stages",
        "extractor.pipeline",
        "extractor.model",
        "extractor.batch",
        "extractor.cli",
    ),
    "model": ("extractor.readers", "extractor.finders", "extractor.stages", "extractor.outputs"),
    "schemas": ("extractor",),
}


@pytest.mark.parametrize("path", _modules(), ids=_ids(_modules()))
def test_layout_room_imports_only_downstream(path: Path) -> None:
    room = _room(_dotted(path))
    banned = FORBIDDEN.get(room, ())
    bad = [m for m, _ in _imports(path) if any(m == b or m.startswith(b + ".") for b in banned)]
    assert not bad, f"{room} module imports {bad}"


_STAGE_MODULES = [p for p in _in("stages") if p.name != "__init__.py"]  # the package registers them all


@pytest.mark.parametrize("path", _STAGE_MODULES, ids=_ids(_STAGE_MODULES))
def test_layout_stage_never_imports_another_stage(path: Path) -> None:
    me = _dotted(path)
    others = [m for m, _ in _imports(path) if m.startswith("extractor.stages") and m != me]
    named = [f"{m}.{n}" for m, names in _imports(path) if m == "extractor.stages" for n in names]
    assert not others + named, f"{me} imports another stage: {others + named}"


@pytest.mark.parametrize("path", _in("finders"), ids=_ids(_in("finders")))
def test_layout_finder_never_sees_the_working_state(path: Path) -> None:
    working = {"Extraction", "SectionNode"}
    bad = [n for m, names in _imports(path) if m == "extractor.model" for n in names if n in working]
    assert not bad, f"{_dotted(path)} imports {bad} from the working model"


@pytest.mark.parametrize("path", _modules(), ids=_ids(_modules()))
def test_layout_module_under_25_kb(path: Path) -> None:
    assert path.stat().st_size <= MAX_MODULE_BYTES, f"{path.name} is {path.stat().st_size} bytes"


def test_layout_has_each_room() -> None:
    for room in ("vocab", "finders", "stages", "readers", "outputs"):
        assert (PACKAGE / room / "__init__.py").exists(), f"no extractor/{room}/"
