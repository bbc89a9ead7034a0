"""The query, comparator and verdict rule of each claim template (registered in :mod:`.claims`).

Each function takes a :class:`~entente.factcheck.verdicts.Claim`, a warehouse connection, the ``period``
to judge (the claim's own, or a robustness variant) and a ``measure`` (the template's first, or an
alternative), and returns a :class:`~entente.factcheck.verdicts.Verdict`. Every query goes through the
pair API (:mod:`entente.pair`) and names its table through :mod:`entente.catalog`.

The checks live by family: :mod:`.conflict` (wars, disputes, rivalry, shared_adversary, vetoes,
sanctions), :mod:`.alignment` (alliance, un_voting, tone, bloc), :mod:`.economy` (trade, arms),
:mod:`.news` (events), :mod:`.seizure` (a seizure of territory, a kind of dispute claim); :mod:`.common` holds the coverage rule and the count comparator. Every check
is importable from here as ``checks.<kind>``.

Reads are shared through :func:`~entente.factcheck.verdicts.memo` while one article is checked.

**Coverage rule.** A claim is judged over the years its dataset covers when it names no period
(``implicit``: "fought four wars" means in all the years the data see, said in the reason). Otherwise it is judged over the years its dataset covers when they are at least half
of the claimed period, and the reason names the years not seen; when they are fewer, or the claim is
about the present and the data end before it, the verdict is ``not covered``. A count or existence
claim is never ``contradicted`` because the data found fewer events than claimed in a period they
only partly see; it is ``not covered`` then.
"""


from entente.factcheck.checks.alignment import alliance, bloc, tone, un_voting
from entente.factcheck.checks.common import P5, _judged, count_verdict, years_judged
from entente.factcheck.checks.conflict import GROUP_PROXIES, disputes, rivalry, sanctions, shared_adversary, vetoes, wars
from entente.factcheck.checks.economy import arms, trade, weapons
from entente.factcheck.checks.news import events

__all__ = ["GROUP_PROXIES", "P5", "_judged", "alliance", "arms", "bloc", "count_verdict", "disputes", "events",
           "rivalry", "sanctions", "shared_adversary", "tone", "trade", "un_voting", "vetoes", "wars", "weapons", "years_judged"]
