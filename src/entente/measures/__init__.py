"""Measures: pure functions, tables in and tables out, formula and reference in each docstring."""
