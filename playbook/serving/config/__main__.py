"""``python -m playbook.serving.config``: print the serving configuration's folder."""

from playbook.serving.config import config_dir

print(config_dir())
