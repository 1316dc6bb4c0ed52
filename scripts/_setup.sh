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
    # The distribution was called "playbook" before issue 12 (a name taken on PyPI): drop it.
    if .venv/bin/python -m pip show -q playbook >/dev/null 2>&1; then
      .venv/bin/python -m pip uninstall -q -y playbook
    fi
    # uv installs the same packages as pip in a fraction of the time (pip spends two minutes
    # of CPU on this install: CI time); pip does it where uv cannot (e.g. an index only
    # pip.conf names). Byte-compiled as pip does: with PYTHONDONTWRITEBYTECODE set (as on the
    # CI machine) nothing else would write the .pyc files, and every kernel would compile
    # its imports again.
    .venv/bin/python -m pip install -q "uv>=0.4" || true
    if ! { [ -x .venv/bin/uv ] && .venv/bin/uv pip install -q --compile-bytecode \
        --python .venv/bin/python -e ".$1"; }; then
      .venv/bin/python -m pip install -q -e ".$1"
    fi
    touch "$stamp"
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    echo "Installing Debian's chromium for the browser tests..."
    apt_install chromium
  fi
}

# The store tests run on PostgreSQL too: Debian's server, started here, with a test role and
# database on loopback. Prints nothing when all is there; exports PLAYBOOK_TEST_POSTGRES.
PG_TEST_URL_DEFAULT="postgresql+psycopg://playbook_test:playbook_test@127.0.0.1:5432/playbook_test"
ensure_postgres() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
    echo "Installing Debian's PostgreSQL for the store tests..."
    apt_install postgresql
  fi
  local ver
  ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
  if ! pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main"' | grep -q .; then
    as_root pg_createcluster "$ver" main >/dev/null
  fi
  if ! pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
    as_root pg_ctlcluster "$ver" main start
  fi
  local psql=(as_root runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1)
  if ! "${psql[@]}" -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'playbook_test'" | grep -q 1; then
    "${psql[@]}" -c "CREATE ROLE playbook_test LOGIN PASSWORD 'playbook_test'"
  fi
  if ! "${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = 'playbook_test'" | grep -q 1; then
    "${psql[@]}" -c "CREATE DATABASE playbook_test OWNER playbook_test"
  fi
  export PLAYBOOK_TEST_POSTGRES="${PLAYBOOK_TEST_POSTGRES:-$PG_TEST_URL_DEFAULT}"
}

# The real-hub test starts JupyterHub, whose proxy is configurable-http-proxy (npm).
ensure_proxy() {
  if ! command -v configurable-http-proxy >/dev/null 2>&1; then
    echo "Installing configurable-http-proxy (npm) for the JupyterHub test..."
    command -v npm >/dev/null 2>&1 || apt_install npm
    as_root npm install -g -q configurable-http-proxy@5 >/dev/null
  fi
}
