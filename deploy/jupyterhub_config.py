# JupyterHub configuration for the production playbook workbook: one shared PostgreSQL store
# behind a hub-authenticated service. docs/HUB.md explains each part; tests/test_hub_real.py
# starts a real hub with this file (plus a dummy authenticator and a local spawner).
#
# Settings from the hub's environment (never the users'):
#   PLAYBOOK_HUB_DATABASE   the store's SQLAlchemy URL, with its password, e.g.
#                           postgresql+psycopg://playbook:SECRET@db:5432/playbook
#                           Only the playbook-store service receives it.
#   PLAYBOOK_STORE_SERVICE  where the service listens and user kernels reach it
#                           (default http://127.0.0.1:10101; on Kubernetes, the hub pod's
#                           address that user pods can reach)
#   PLAYBOOK_NOTEBOOK_DIR   the folder holding workbooks/ on the user servers (default: where
#                           `pip install production-playbook-workbook` puts them)
#   PLAYBOOK_SERVING_CONFIG the serving configuration's folder on the user servers (default:
#                           this environment's, which is theirs with a local spawner; for a
#                           single-user image of its own, what `python -m playbook.serving.config`
#                           prints there)
# The authenticator, the spawner, TLS and the hub's own database are the deployment's choice.

import os
import sys

c = get_config()  # type: ignore[name-defined]  # noqa: F821 (JupyterHub's config loader)

SERVICE = "playbook-store"
service_url = os.environ.get("PLAYBOOK_STORE_SERVICE", "http://127.0.0.1:10101")
database = os.environ["PLAYBOOK_HUB_DATABASE"]  # fail at start-up, not at a user's first save

# The store service: the only process holding the database URL. The hub starts it, gives it an
# API token, and routes /services/playbook-store/ to it. It applies the migrations at start-up.
c.JupyterHub.services = [
    {
        "name": SERVICE,
        "url": service_url,
        "command": [sys.executable, "-m", "playbook.hub_store"],
        "environment": {"PLAYBOOK_STORE": database},
    }
]

# Users may call the service; their servers' tokens carry that permission (and no more than
# the default server permissions besides). The service asks the hub whose token it is.
c.JupyterHub.load_roles = [
    {"name": "user", "scopes": ["self", f"access:services!service={SERVICE}"]},
]
c.Spawner.server_token_scopes = [
    "users:activity!user",
    "access:servers!server",
    f"access:services!service={SERVICE}",
]


def serving_config_dir() -> str:
    """The package's serving configuration (voila.json, jupyter_server_config.json): the
    package installs nothing into etc/jupyter, so the user servers are pointed at it."""
    explicit = os.environ.get("PLAYBOOK_SERVING_CONFIG")
    if explicit:
        return explicit
    from playbook.serving.config import config_dir

    return str(config_dir())


# User servers: the start page by default, the playbook's serving settings (the single-user
# server and Voila as its extension read both files from the folders on JUPYTER_CONFIG_PATH),
# and the store by service address only: no password in anything the user can read or change.
c.Spawner.notebook_dir = os.environ.get(
    "PLAYBOOK_NOTEBOOK_DIR", os.path.join(sys.prefix, "share", "playbook")
)
c.Spawner.default_url = "/voila/render/workbooks/00_start.ipynb"
c.Spawner.environment = {
    "PLAYBOOK_STORE": f"hub+{service_url}",
    "JUPYTER_CONFIG_PATH": serving_config_dir(),
}
# Spawner.env_keep (JupyterHub's default) passes no PLAYBOOK_* variable of the hub's to users.
