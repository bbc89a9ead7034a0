"""What the article commands (``entente check``, ``entente read``) share: the ``--date`` option's parser."""

from __future__ import annotations

import click

from entente.errors import BadInput
from entente.factcheck.text import parse_date


def article_date(ctx, param, value):
    """``--date YYYY-MM-DD`` as a date (None when not given); a bad date is click's usage error."""
    if value is None:
        return None
    try:
        return parse_date(value)
    except BadInput as exc:
        raise click.BadParameter(str(exc)) from None
