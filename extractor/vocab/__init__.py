"""Phrasing as data, one module per kind of phrase: grades, headings, numbers, cycles, areas, forces.

A new wording of anything the inspectorate writes is one entry here, never a literal in a stage.
"""
