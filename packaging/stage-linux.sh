#!/usr/bin/env bash
# Lays out the Linux release tree that the tarball holds and its Makefile
# installs: the binary EXE plus the desktop file, metainfo, shared-mime-info
# type, hicolor icons and licence kept in the repository.
#   packaging/stage-linux.sh APP_ID EXE TOP
# TOP gets Makefile and usr/local/... . package.sh calls it for the release;
# packaging/desktop_test.go calls it with a stand-in binary to install the
# tree the way a user does and ask the desktop's tools about .evpack files.
set -euo pipefail
id=${1:?usage: stage-linux.sh APP_ID EXE TOP} exe=${2:?EXE} top=${3:?TOP}
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
case $top in /*) ;; *) top=$PWD/$top ;; esac
cd "$(dirname "$0")/.."
p=$top/usr/local
install -Dm755 "$exe" "$p/bin/evidence-reader"
install -Dm644 "packaging/linux/$id.desktop" "$p/share/applications/$id.desktop"
install -Dm644 "packaging/linux/$id.metainfo.xml" "$p/share/metainfo/$id.metainfo.xml"
install -Dm644 "packaging/linux/$id.mime.xml" "$p/share/mime/packages/$id.mime.xml"
for f in icons/icon-*.png; do
	s=${f#icons/icon-} && s=${s%.png}
	install -Dm644 "icons/icon-$s.png" "$p/share/icons/hicolor/${s}x${s}/apps/$id.png"
done
install -Dm644 icons/icon.svg "$p/share/icons/hicolor/scalable/apps/$id.svg"
install -Dm644 packaging/linux/Makefile "$top/Makefile"
install -Dm644 LICENSE "$p/share/licenses/$id/LICENSE"
