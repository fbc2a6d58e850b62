#!/bin/sh
# The database tests start their own PostgreSQL from Debian's packages; install it when missing and allowed.
for dir in "$(pg_config --bindir 2>/dev/null)" /usr/lib/postgresql/*/bin; do
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
    exit 0
  fi
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's postgresql for the database tests..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql >/dev/null && exit 0
  echo "apt-get could not install postgresql." >&2
else
  echo "postgresql is missing and cannot be installed here (needs root and apt-get)." >&2
fi
# Not fatal here: the database tests themselves skip, or fail under CI=true.
exit 0
