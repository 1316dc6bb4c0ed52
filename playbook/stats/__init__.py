"""Generic statistics, one family a module, with no vocabulary of any workbook: plain
sequences of numbers in, plain results out, each checked against a named reference.

* :mod:`playbook.stats.runchart`: the Anhøj run-chart rules (longest run, crossings, their
  limits), as the R package qicharts2 applies them;
* :mod:`playbook.stats.xmr`: individuals (XmR) chart limits and the points beyond them;
* :mod:`playbook.stats.bootstrap`: bootstrap intervals of a difference between two samples;
* :mod:`playbook.stats.reliability`: internal consistency (Cronbach's alpha).

Nothing is imported here: import the family's module (``from playbook.stats.xmr import
xmr_limits``), so that using one family loads only what it needs.
"""
