"""The repository's copy of the gold matches the shared original, and covers every sample."""

from __future__ import annotations

import pytest
from conftest import GOLD, SAMPLE_NAMES, SHARED_GOLD


def test_every_sample_has_its_gold_file() -> None:
    samples = [name.removesuffix(".txt") for name in SAMPLE_NAMES]
    golds = sorted(p.stem for p in GOLD.glob("*.json"))
    assert samples == golds
    assert len(golds) == 5


@pytest.mark.skipif(not SHARED_GOLD.is_dir(), reason="the shared gold is not beside this checkout (CI)")
def test_gold_copy_is_byte_identical_to_shared_gold() -> None:
    shared = {p.name: p.read_bytes() for p in SHARED_GOLD.glob("*.json")}
    ours = {p.name: p.read_bytes() for p in GOLD.glob("*.json")}
    assert ours == shared
