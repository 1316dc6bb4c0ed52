"""Moved to :mod:`playbook.serving.command`; this name stays for code that imports it."""

from playbook.serving.command import (  # noqa: F401
    CONFIG_NAME,
    ServeError,
    check_store_outside,
    find_config,
    find_workbooks,
    free_port,
    serve,
    serving_config,
    voila_argv,
)
