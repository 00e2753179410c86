#!/usr/bin/env bash
# Cross-builds with fyne-cross v1.6.1 in containers:
#   packaging/cross.sh linux|windows|darwin
# Output: fyne-cross/dist/<os>-<arch>/. Needs a running Docker or Podman
# engine; without one it says so in one line and stops (exit 0, so that
# `make cross-*` is harmless on a machine without containers).
# darwin from Linux also needs a macOS SDK: MACOSX_SDK_PATH=/path/MacOSX11.3.sdk
# (see RELEASING.md); on a macOS host it uses the local toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: packaging/cross.sh linux|windows|darwin}
FYNE_CROSS_VERSION=v1.6.1

engine=
if docker info >/dev/null 2>&1; then engine=docker
elif podman info >/dev/null 2>&1; then engine=podman
fi
if [ -z "$engine" ] && ! { [ "$target" = darwin ] && [ "$(uname)" = Darwin ]; }; then
	echo "cross-$target: fyne-cross needs a running Docker or Podman engine and none was found (docker info / podman info); skipped"
	exit 0
fi

override_build=${APP_BUILD:-}
eval "$(go run ./internal/version/gen -in FyneApp.toml -print)"
APP_BUILD=${override_build:-$APP_BUILD}
VPKG=github.com/evidence-reader/evidence-reader/internal/version

if command -v fyne-cross >/dev/null && fyne-cross version 2>/dev/null | grep -q "$FYNE_CROSS_VERSION"; then
	fc=(fyne-cross)
else
	fc=(go run "github.com/fyne-io/fyne-cross@$FYNE_CROSS_VERSION")
fi

# fyne-cross's CLI ignores [Migrations] in FyneApp.toml, so the tags come
# from mk/build-tags like every other build, plus accessibility for Windows
# and macOS (package.sh says why). -ldflags with one -X only: fyne-cross
# splits it on spaces.
tags=${TAGS:-$(cat mk/build-tags)}
case $target in windows | darwin) tags=$tags,accessibility ;; esac
args=(-app-id "$APP_ID" -app-version "$APP_VERSION" -app-build "$APP_BUILD" -name evidence-reader
	-tags "$tags" -pull
	-ldflags "-X=$VPKG.Build=$APP_BUILD")
[ -n "$engine" ] && args+=(-engine "$engine")
case $target in
# -release only for Linux: for windows and darwin it means store packaging
# and signing, which need the Windows SDK or a macOS host.
linux) args+=(-arch "amd64,arm64" -icon icons/icon-512.png -release) ;;
windows) args+=(-arch amd64 -icon icons/icon-256.png) ;; # ICO sizes stop at 256
darwin)
	args+=(-arch "amd64,arm64" -icon icons/icon-512.png)
	if [ "$(uname)" != Darwin ]; then
		: "${MACOSX_SDK_PATH:?cross-darwin on Linux needs MACOSX_SDK_PATH, a macOS SDK extracted with fyne-cross darwin-sdk-extract (see RELEASING.md)}"
		args+=(-macosx-sdk-path "$MACOSX_SDK_PATH")
	fi
	;;
*) echo "cross.sh: unknown target $target (linux, windows or darwin)" >&2; exit 2 ;;
esac
"${fc[@]}" "$target" "${args[@]}" ./cmd/evidence-reader
ls -l fyne-cross/dist/*
