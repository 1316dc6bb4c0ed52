"""Write a workbook notebook in the house shape (docs/ARCHITECTURE.md, "A workbook notebook"): a heading, a ``parameters`` cell,
imports before the request (so a preheated kernel has done them), the session, the view.

    python scripts/new_notebook.py workbooks/01_career_path.ipynb CareerPathView \
        "# Choose your career path" "One sentence of purpose." "One of what you will get."
"""

from __future__ import annotations

import sys

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook


def make(path: str, view: str, title: str, *lines: str, open_args: str = "workbook_key") -> None:
    nb = new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    params = new_code_cell("workbook_key = None")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [
        new_markdown_cell("\n\n".join([title, *lines])),
        params,
        new_code_cell(f"from playbook import open_session\nfrom playbook.ui import {view}"),
        new_code_cell(f"session = open_session({open_args})"),
        new_code_cell(f"{view}(session)"),
    ]
    nbformat.write(nb, path)


if __name__ == "__main__":
    make(*sys.argv[1:4], *sys.argv[4:])
