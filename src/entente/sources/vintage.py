"""Whether a newer version of a dataset can be fetched, in plain words (:func:`vintage`): what a brief
says beside each dataset it used. It reads only the source records, so a brief states vintages without
loading the updater (:mod:`entente.refresh`, which re-exports it)."""

from __future__ import annotations

from entente import config
from entente.sources import registry


def vintage(name: str) -> dict:
    """Whether a newer version of dataset ``name`` can be fetched, in plain words.

    ``{"kind", "command", "text"}``, where ``kind`` is:

    - ``"online"``: ``entente data update NAME`` can refresh it (the module has ``parse()``, a bundled
      snapshot and upstream files, as :func:`entente.refresh.update` requires) and at least one upstream
      file is ``living`` (:class:`entente.sources.Upstream`: its publisher keeps it current at the same
      address, as the UN does its veto list), so it may hold newer data than the snapshot;
    - ``"release"``: an update is possible, but every upstream file is one fixed release (most are
      pinned to a commit or a release number): updating re-checks it and brings nothing newer;
    - ``"user"``: entente may not ship it; the user saves a newer export themselves (``command`` None);
    - ``"none"``: not a dataset with an update (unknown names, no parser).
    """
    module = registry().get(name)
    if module is None:
        return {"kind": "none", "command": None, "text": "no update"}
    source = module.SOURCE
    if not source.redistributable:
        return {"kind": "user", "command": None,
                "text": f"save a newer export of your own in {config.home() / 'user' / name}"}
    if not (hasattr(module, "parse") and source.files and source.upstream):
        return {"kind": "none", "command": None, "text": "no update"}
    command = f"entente data update {name}"
    if any(u.living for u in source.upstream):
        return {"kind": "online", "command": command, "text": f"can be fetched with {command}"}
    return {"kind": "release", "command": command, "text": "none to fetch (a fixed release)"}
