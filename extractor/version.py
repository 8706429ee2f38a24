"""The extractor's version, recorded in every output (and in the incremental-run check)."""

__version__ = "0.1.0"
