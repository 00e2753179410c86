#!/usr/bin/env bash
# Installs the Debian packages the release targets need, when missing:
#   .ci/release-deps.sh            everything
#   .ci/release-deps.sh validate   desktop-file-utils, appstream, shellcheck, and what
#                                  packaging/desktop_test.go asks about .evpack files:
#                                  shared-mime-info, xdg-utils, libfile-mimeinfo-perl
#   .ci/release-deps.sh rsvg       librsvg2-bin (make icons)
#   .ci/release-deps.sh pefile     python3-pefile (make test-windows)
#   .ci/release-deps.sh flatpak    flatpak-builder, python3, xmllint (make check-flatpak)
# Without root it only says what is missing and fails.
set -euo pipefail
want=()
need() { command -v "$1" >/dev/null 2>&1 || want+=("$2"); }
case ${1:-all} in
validate)
	need desktop-file-validate desktop-file-utils
	need update-desktop-database desktop-file-utils
	need appstreamcli appstream
	need shellcheck shellcheck
	need update-mime-database shared-mime-info
	need xdg-mime xdg-utils
	# xdg-mime outside GNOME/KDE asks mimetype(1), which reads the
	# shared-mime-info database; without it, file(1), which does not.
	need mimetype libfile-mimeinfo-perl
	;;
rsvg) need rsvg-convert librsvg2-bin ;;
pefile) /usr/bin/python3 -c 'import pefile' 2>/dev/null || want+=(python3-pefile) ;;
flatpak)
	need desktop-file-validate desktop-file-utils
	need appstreamcli appstream
	need flatpak-builder flatpak-builder
	need python3 python3
	need xmllint libxml2-utils
	;;
all)
	need desktop-file-validate desktop-file-utils
	need appstreamcli appstream
	need x86_64-w64-mingw32-gcc gcc-mingw-w64-x86-64
	need xz xz-utils
	need gcc gcc
	need pkg-config pkg-config
	;;
*) echo "release-deps.sh: unknown set $1" >&2; exit 2 ;;
esac
[ ${#want[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "release-deps.sh: missing ${want[*]}; install them (apt-get install ${want[*]})" >&2
	exit 1
fi
echo "release-deps.sh: installing ${want[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
