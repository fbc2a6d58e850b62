#!/bin/sh
# The tests of several workers run a real nginx in front of them; install it when missing and allowed.
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's nginx for the tests of several workers..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends nginx-light >/dev/null && exit 0
  apt-get install -y -qq --no-install-recommends nginx >/dev/null && exit 0
  echo "apt-get could not install nginx." >&2
else
  echo "nginx is missing and cannot be installed here (needs root and apt-get)." >&2
fi
# Not fatal here: the tests themselves skip, or fail under CI=true.
exit 0
