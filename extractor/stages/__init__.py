"""Stages: each reads the document model and earlier results and attaches its own typed results.

Importing this package registers every stage with :mod:`extractor.pipeline`.
"""

from extractor import findings, items, judgments, sections  # noqa: F401
from extractor.stages import info  # noqa: F401
