"""Finders: pure functions from text (a line, a sentence, a table's cells, the blocks) to matches.

A finder never sees an ``Extraction``: stages call finders and attach what they return.
"""
