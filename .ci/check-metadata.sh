#!/usr/bin/env bash
# Validates the Linux desktop file, AppStream metainfo and MIME type kept in
# packaging/linux, installs them into a throw-away home and asks xdg-mime
# what an .evpack is and what opens it (packaging/desktop_test.go), and
# lints the release scripts with shellcheck, installing the tools when
# missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/release-deps.sh validate
id=$(go run ./internal/version/gen -in FyneApp.toml -print | sed -n "s/^APP_ID='\(.*\)'/\1/p")
desktop=packaging/linux/$id.desktop
metainfo=packaging/linux/$id.metainfo.xml
mime=packaging/linux/$id.mime.xml
for f in "$desktop" "$metainfo" "$mime"; do
	[ -f "$f" ] || { echo "check-metadata: missing $f (the app id in FyneApp.toml is $id)" >&2; exit 1; }
done
# desktop-file-validate exits 0 on hints; a hint about Education and Science
# both being main categories is expected.
desktop-file-validate "$desktop"
# Errors and warnings fail, at --pedantic (see check-appstream.sh).
bash .ci/check-appstream.sh "$metainfo"
# The desktop's own tools on the installed files; here the test may not
# skip for want of them.
REQUIRE_DESKTOP_TOOLS=1 go test -count=1 -tags "${TAGS:-$(cat mk/build-tags)}" \
	-run '^(TestDesktopOpensPacks|TestMIMEFileDeclaresThePackType)$' ./packaging
shellcheck packaging/*.sh packaging/flatpak/*.sh .ci/*.sh mk/xtest.sh mk/present-keys.sh mk/displays.sh
echo "check-metadata: $desktop, $metainfo and $mime are valid; xdg-mime opens .evpack files with $id.desktop"
