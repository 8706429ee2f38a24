"""Stages: each reads the document model and earlier results and attaches its own typed results.

Importing this package registers every stage with :mod:`extractor.pipeline`, which runs them
in its ``STAGE_ORDER``. A stage imports finders, vocabulary and the model, never another stage.
"""

from extractor.stages import counts, findings, grids, info, items, judgments, sections  # noqa: F401
