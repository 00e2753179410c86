#!/usr/bin/env bash
# Builds a release package of Evidence Reader with the fyne CLI pinned in
# go.mod (`go tool fyne`):
#   packaging/package.sh linux    -> dist/evidence-reader-<v>-linux-amd64.tar.xz
#   packaging/package.sh windows  -> dist/evidence-reader-<v>-windows-amd64.exe
#   packaging/package.sh darwin   -> dist/evidence-reader-<v>-darwin-<arch>.zip
#                                    (macOS host only; GOARCH picks the arch)
#
# Version, build, id, name and icon come from FyneApp.toml. The build runs in
# a copy of the source tree (STAGE, default build/stage-<os>) because
#  - `fyne package` wants FyneApp.toml next to the main package and rewrites
#    it (Build+1, comments dropped): only the staged copy is touched;
#  - it drops temporary files (fyne_metadata_init.go, fyne.syso, the .exe)
#    into the main package's folder, and a stray Windows .syso would be
#    linked into a Linux build run at the same time.
# Environment: APP_BUILD overrides the build number (CI run number),
# SOURCE_DATE_EPOCH the tarball timestamps (default: the commit time),
# DIST the output folder.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
target=${1:?usage: packaging/package.sh linux|windows|darwin}
DIST=${DIST:-dist}
STAGE=${STAGE:-build/stage-$target}
case $STAGE in /*) ;; *) STAGE=$ROOT/$STAGE ;; esac
case $DIST in /*) ;; *) DIST=$ROOT/$DIST ;; esac

override_build=${APP_BUILD:-}
eval "$(go run ./internal/version/gen -in FyneApp.toml -print)"
APP_BUILD=${override_build:-$APP_BUILD}
FYNE=$(go tool -n fyne) # built for this machine, before any cross-compile env
BIN=evidence-reader
VPKG=github.com/evidence-reader/evidence-reader/internal/version
: "${SOURCE_DATE_EPOCH:=$(git log -1 --format=%ct 2>/dev/null || echo 0)}"
export SOURCE_DATE_EPOCH

# Stage: the files git would commit (tracked and untracked-but-not-ignored),
# as they are in the working tree.
rm -rf "$STAGE"
mkdir -p "$STAGE" "$DIST"
# (Portable to macOS's bsdtar; deleted-but-tracked files are skipped.)
git ls-files -z --cached --others --exclude-standard |
	while IFS= read -r -d '' f; do if [ -e "$f" ]; then printf '%s\0' "$f"; fi; done |
	tar --null -T - -cf - | tar -xf - -C "$STAGE"
cp FyneApp.toml "$STAGE/cmd/evidence-reader/FyneApp.toml"

# -buildvcs=false: the stage has no .git of its own, and the stamp would
# otherwise depend on the state of an enclosing checkout. The -X values go
# through GOFLAGS because the fyne CLI merges GOFLAGS' -ldflags= entries into
# its own -ldflags (-s -w, -H=windowsgui); -X=a=b has no spaces to split.
export GOFLAGS="-buildvcs=false -ldflags=-X=$VPKG.Version=$APP_VERSION -ldflags=-X=$VPKG.Build=$APP_BUILD"
# The fyne CLI adds migrated_fynedo from FyneApp.toml; the rest of the
# tags come from mk/build-tags like every other build. Windows and macOS
# builds add accessibility: Fyne 2.8.1 talks to their screen readers
# behind that tag, and has nothing for Linux's (AT-SPI) yet.
tags=${TAGS:-$(cat mk/build-tags)}
case $target in windows | darwin) tags=$tags,accessibility ;; esac
common=(package -release --tags "$tags" --src "$STAGE/cmd/evidence-reader" --name "$APP_NAME" --app-id "$APP_ID"
	--app-version "$APP_VERSION" --app-build "$APP_BUILD")

start=$(date +%s)
case $target in
linux)
	out=$STAGE.out
	rm -rf "$out" && mkdir -p "$out"
	(cd "$out" && "$FYNE" "${common[@]}" -os linux --icon "$ROOT/icons/icon-512.png")
	mkdir "$out/x"
	tar -xJf "$out/$APP_NAME.tar.xz" -C "$out/x"
	exe=$(find "$out/x" -path "*/bin/$BIN" -type f)
	[ -n "$exe" ] || { echo "package.sh: no bin/$BIN in the fyne tarball" >&2; exit 1; }

	# Our tree: fyne's binary, plus the desktop file, metainfo, MIME type
	# and hicolor icons kept in the repository (fyne only ships one PNG in
	# pixmaps/).
	name=$BIN-$APP_VERSION-linux-amd64
	top=$out/$name
	bash packaging/stage-linux.sh "$APP_ID" "$exe" "$top"

	# A reproducible archive: fixed order, owner and timestamps.
	tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
		--format=gnu -C "$out" -cf - "$name" | xz -6 -T1 >"$DIST/$name.tar.xz"
	echo "$DIST/$name.tar.xz"
	;;
windows)
	(cd "$STAGE/cmd/evidence-reader" &&
		CC=x86_64-w64-mingw32-gcc CGO_ENABLED=1 GOOS=windows GOARCH=amd64 \
			"$FYNE" "${common[@]}" -os windows --icon "$ROOT/icons/icon-256.png")
	# 256 px: the .ico fyne writes holds one image, and ICO sizes stop at 256.
	install -Dm644 "$STAGE/cmd/evidence-reader/$APP_NAME.exe" "$DIST/$BIN-$APP_VERSION-windows-amd64.exe"
	echo "$DIST/$BIN-$APP_VERSION-windows-amd64.exe"
	;;
darwin)
	arch=${GOARCH:-$(go env GOARCH)}
	out=$STAGE.out
	rm -rf "$out" && mkdir -p "$out"
	(cd "$out" && "$FYNE" "${common[@]}" -os darwin --icon "$ROOT/icons/icon-512.png")
	(cd "$out" && ditto -c -k --keepParent "$APP_NAME.app" "$DIST/$BIN-$APP_VERSION-darwin-$arch.zip")
	echo "$DIST/$BIN-$APP_VERSION-darwin-$arch.zip"
	;;
*)
	echo "package.sh: unknown target $target (linux, windows or darwin)" >&2
	exit 2
	;;
esac
echo "package.sh: $target $APP_VERSION build $APP_BUILD in $(($(date +%s) - start)) s" >&2
