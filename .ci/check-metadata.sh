#!/usr/bin/env bash
# Validates the Linux desktop file and AppStream metainfo kept in
# packaging/linux and shellchecks the release scripts, installing the tools
# when missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/release-deps.sh validate
id=$(go run ./internal/version/gen -in FyneApp.toml -print | sed -n "s/^APP_ID='\(.*\)'/\1/p")
desktop=packaging/linux/$id.desktop
metainfo=packaging/linux/$id.metainfo.xml
for f in "$desktop" "$metainfo"; do
	[ -f "$f" ] || { echo "check-metadata: missing $f (the app id in FyneApp.toml is $id)" >&2; exit 1; }
done
# desktop-file-validate exits 0 on hints; a hint about Education and Science
# both being main categories is expected.
desktop-file-validate "$desktop"
# Errors and warnings fail, at --pedantic (see check-appstream.sh).
bash .ci/check-appstream.sh "$metainfo"
shellcheck packaging/*.sh packaging/flatpak/*.sh .ci/*.sh mk/xtest.sh mk/present-keys.sh mk/displays.sh
echo "check-metadata: $desktop and $metainfo are valid"
