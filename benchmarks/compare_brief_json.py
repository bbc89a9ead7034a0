"""Compare the brief.json files of two sets of briefs (say, main's and a branch's): the same content?

Usage: ``python benchmarks/compare_brief_json.py BEFORE_DIR AFTER_DIR`` where each folder holds one
sub-folder per brief (``IRN-RUS/brief.json``...), written by ``entente brief ... -o DIR/NAME``. Keys that
change from run to run (``generated``; ``files``, which name the folder written) are left out; everything
else must be equal (floats to 12 significant digits: DuckDB's parallel sums differ in their last
digits from one run to the next, on main too), key order included (brief.json is read by people, in its order). brief.md is compared too, line by line, but
for the line that carries the time it was written. Prints one line per brief and the first differences; exits 1 if any brief differs.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

VARYING = {"generated", "files"}


def differences(before, after, path: str = "$") -> list[str]:
    """Where ``before`` and ``after`` differ (JSON paths), key order included."""
    if isinstance(before, dict) and isinstance(after, dict):
        out = []
        if [k for k in before if k not in VARYING] != [k for k in after if k not in VARYING] and path != "$":
            out.append(f"{path}: keys {list(before)} != {list(after)}")
        elif path == "$" and [k for k in before if k not in VARYING] != [k for k in after if k not in VARYING]:
            out.append(f"{path}: keys {list(before)} != {list(after)}")
        for key in before:
            if key in after and not (path == "$" and key in VARYING):
                out += differences(before[key], after[key], f"{path}.{key}")
        return out
    if isinstance(before, list) and isinstance(after, list):
        if len(before) != len(after):
            return [f"{path}: {len(before)} items != {len(after)}"]
        return [d for i, (x, y) in enumerate(zip(before, after)) for d in differences(x, y, f"{path}[{i}]")]
    if isinstance(before, float) and isinstance(after, float) and (
            math.isclose(before, after, rel_tol=1e-12) or (math.isnan(before) and math.isnan(after))):
        return []      # the last digits of a mean DuckDB sums in parallel differ from run to run, on main too
    return [] if before == after else [f"{path}: {before!r:.80} != {after!r:.80}"]


def main() -> int:
    before_dir, after_dir = map(Path, sys.argv[1:3])
    failed = 0
    for path in sorted(before_dir.glob("*/brief.json")):
        other = after_dir / path.parent.name / "brief.json"
        if not other.is_file():
            print(f"{path.parent.name}: missing in {after_dir}")
            failed += 1
            continue
        diffs = differences(json.loads(path.read_text(encoding="utf-8")), json.loads(other.read_text(encoding="utf-8")))
        charts_before = sorted(p.name for p in (path.parent / "charts").glob("*.svg"))
        charts_after = sorted(p.name for p in (other.parent / "charts").glob("*.svg"))
        if charts_before != charts_after:
            diffs.append(f"chart files {charts_before} != {charts_after}")
        stamps = [json.loads(p.read_text(encoding="utf-8")).get("generated") for p in (path, other)]
        md = [[line for line in (p.parent / "brief.md").read_text(encoding="utf-8").splitlines()
               if not any(s and s in line for s in stamps)] for p in (path, other)]
        if md[0] != md[1]:
            diffs.append("brief.md: " + next(f"{x!r:.60} != {y!r:.60}" for x, y in zip(*md) if x != y)
                         if any(x != y for x, y in zip(*md)) else f"brief.md: {len(md[0])} lines != {len(md[1])}")
        print(f"{path.parent.name}: {'same' if not diffs else f'{len(diffs)} differences'}")
        for d in diffs[:10]:
            print(f"    {d}")
        failed += bool(diffs)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
