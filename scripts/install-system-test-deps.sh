#!/usr/bin/env bash
# Install what the tests need from Debian: Chromium (for Playwright), a PostgreSQL server and gettext.
# Playwright cannot download its own browsers here, so the tests drive /usr/bin/chromium.
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
# gettext: the translation tests extract and compile catalogues (core/tests/test_i18n.py).
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
# docker-compose: checks deploy/compose.yaml against the compose schema (core/tests/test_deploy.py);
# no Docker engine is needed for that, and none runs here.
command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
echo "Installing ${need[*]} from Debian's packages"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  "${need[@]}" fonts-liberation >/dev/null
