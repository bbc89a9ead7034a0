"""Briefs: what the evidence says about a pair of states, as HTML (charts inline), Markdown and JSON.

``write_brief("IRN", "RUS")`` writes ``brief-IRN-RUS/`` with ``index.html`` (self-contained: opens
offline), ``brief.md`` (charts as SVG files in ``charts/``) and ``brief.json`` (every number with its
provenance), and returns the brief as a dict.
"""

from __future__ import annotations

from entente.brief.render import write_brief

__all__ = ["write_brief"]
