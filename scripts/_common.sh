# Shared by scripts/run and scripts/test. Sourced, not executed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

apt_install() {
  # Installs Debian packages that are missing (needs root, as on the project's machines).
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    log "Installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

ensure_venv() {
  # $1: pip extras, e.g. "[test]". Re-installs only when pyproject.toml changed.
  local extras="${1:-}"
  if [ ! -x "$PY" ]; then
    log "Creating .venv"
    python3 -m venv .venv
    "$PY" -m pip install -q --upgrade pip
  fi
  local digest
  digest="$(sha256sum pyproject.toml | cut -d' ' -f1)"
  # One stamp per pyproject.toml content: work trees of several branches may share a
  # .venv without reinstalling in turn.
  local stamp=".venv/.installed${extras}-${digest}"
  if [ ! -f "$stamp" ]; then
    log "Installing Python packages${extras:+ $extras}"
    "$PY" -m pip install -q --disable-pip-version-check -e ".${extras}"
    touch "$stamp"
  fi
}

compile_translations() {
  command -v msgfmt >/dev/null 2>&1 || apt_install gettext
  "$PY" manage.py compilemessages --ignore=.venv -v0
}
