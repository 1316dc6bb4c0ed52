# Shared set-up for scripts/run and scripts/test (sourced, not run).
# Creates .venv with the project installed; installs what Debian lacks when we are root.

need_python() {
  for py in python3.11 python3.12 python3.13 python3; do
    if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      PY=$(command -v "$py"); return 0
    fi
  done
  echo "Python 3.11 or newer is needed (python3 --version)." >&2
  exit 1
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "Needs root to run: $*" >&2; return 1; fi
}

apt_install() {
  # apt-get update once per run, only when something is missing
  if [ -z "${_APT_UPDATED:-}" ]; then as_root apt-get update -q >/dev/null; _APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "$@" >/dev/null
}

setup_venv() {  # $1: pip extras, e.g. "[test]"
  need_python
  if [ ! -x .venv/bin/python ]; then
    if ! "$PY" -m venv .venv 2>/dev/null; then
      rm -rf .venv
      echo "Installing python3-venv (Debian splits venv out of Python)..."
      apt_install python3-venv
      "$PY" -m venv .venv
    fi
  fi
  local stamp=".venv/.installed$1"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "Installing the playbook and its dependencies into .venv ..."
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".$1"
    touch "$stamp"
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    echo "Installing Debian's chromium for the browser tests..."
    apt_install chromium
  fi
}
