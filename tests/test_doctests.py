"""Every module's docstring examples run, as the docs promise (NumPy-style Examples are
doctests): a module added to the package is picked up without being listed here."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import playbook

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(playbook.__path__, "playbook.") if "__" not in m.name
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    """Does every example in this module's docstrings give the output it shows?"""
    module = importlib.import_module(name)
    failed, _attempted = doctest.testmod(
        module, optionflags=doctest.ELLIPSIS, report=False, verbose=False
    )
    assert failed == 0, f"{failed} doctest example(s) of {name} failed (output above)"


def test_the_examples_are_found():
    """Are the examples of the modules that have them collected (a sanity check)?"""
    finder = doctest.DocTestFinder()
    examples = sum(
        len(t.examples) for name in MODULES for t in finder.find(importlib.import_module(name))
    )
    assert examples >= 150
