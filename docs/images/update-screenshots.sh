#!/usr/bin/env bash
# Copies the screenshots the user guides and the README use from the browser tests' output into docs/images.
# The browser tests write them (never into docs/); run them first:
#   dotnet test tests/EpaPortal.BrowserTests
#   docs/images/update-screenshots.sh [Debug|Release]
# The names are listed in screenshots.txt (one a line, without .png; # starts a comment).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
configuration="${1:-Debug}"
source="$here/../../tests/EpaPortal.BrowserTests/bin/$configuration/net10.0/screenshots"

if [ ! -d "$source" ]; then
  echo "No screenshots in $source: run 'dotnet test tests/EpaPortal.BrowserTests' first." >&2
  exit 1
fi

missing=0
while read -r name _; do
  case "$name" in ''|'#'*) continue ;; esac
  if [ -f "$source/$name.png" ]; then
    cp "$source/$name.png" "$here/$name.png"
  else
    echo "missing: $name.png (did its test run and pass?)" >&2
    missing=1
  fi
done < "$here/screenshots.txt"

du -ch "$here"/*.png | tail -n 1
exit "$missing"
