"""Bundled reference files that are not warehouse tables: the world map's country outlines.

They have a :class:`~entente.sources.Source` record like every dataset (version, licence, citation,
sha256 checked by :meth:`Source.path` on every read) and a section in ``data/SOURCES.md``, but no
``load()``: the pictures read them directly. Upstream copies can be compared with the pinned sha256.
"""

from __future__ import annotations

from entente.sources.snapshot import Citation, Source, Upstream

WORLD_FILE = "world/countries-110m.json"

WORLD_GEOMETRY = Source(
    name="natural_earth",
    title="World country outlines for maps: Natural Earth 1:110m Admin 0 – Countries (TopoJSON, world-atlas)",
    version="Natural Earth 4.1.0 via world-atlas 2.0.2",
    url="https://cdn.jsdelivr.net/npm/world-atlas@2.0.2/countries-110m.json",
    homepage="https://www.naturalearthdata.com/downloads/110m-cultural-vectors/110m-admin-0-countries/",
    licence=(
        "Natural Earth: public domain (\"free to use in any type of project\"). The TopoJSON conversion is "
        "from the npm package world-atlas 2.0.2 under the ISC licence; its notice ships beside the file "
        "(data/world/LICENSE-world-atlas)."
    ),
    citations=(
        Citation(
            key="naturalearth2018",
            text="Natural Earth (2018). Admin 0 – Countries, 1:110m cultural vectors, version 4.1.0. "
            "https://www.naturalearthdata.com/. TopoJSON via world-atlas 2.0.2 (M. Bostock).",
            bibtex="""@misc{naturalearth2018,
  author = {{Natural Earth}},
  title = {Admin 0 -- Countries, 1:110m Cultural Vectors, version 4.1.0},
  year = {2018},
  howpublished = {\\url{https://www.naturalearthdata.com/}},
  note = {TopoJSON conversion: world-atlas 2.0.2, M. Bostock, https://github.com/topojson/world-atlas}
}""",
        ),
    ),
    files={WORLD_FILE: "2516c915867c7baf18ddec727aec46c315541a07cfb3d79a6559b05d5e94eee8"},
    unit="country outline",
    upstream=(Upstream(url="https://cdn.jsdelivr.net/npm/world-atlas@2.0.2/countries-110m.json",
                       filename="countries-110m.json",
                       sha256="2516c915867c7baf18ddec727aec46c315541a07cfb3d79a6559b05d5e94eee8",
                       format="TopoJSON"),),
)

#: Every reference record, in the order SOURCES.md lists them.
REFERENCE_FILES = (WORLD_GEOMETRY,)
