"""Fail if a notebook carries outputs, execution counts or widget state (docs/ARCHITECTURE.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def problems(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = []
    if "widgets" in nb.get("metadata", {}):
        found.append("widget state in metadata")
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("outputs"):
            found.append(f"cell {i} has outputs")
        if cell.get("execution_count") is not None:
            found.append(f"cell {i} has an execution count")
    return found


def main(folder: str) -> int:
    bad = 0
    for path in sorted(Path(folder).glob("*.ipynb")):
        for problem in problems(path):
            print(f"{path}: {problem}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "workbooks"))
