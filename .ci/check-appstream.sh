#!/usr/bin/env bash
# appstreamcli validate --pedantic on a metainfo file, failing on any error
# or warning. (appstreamcli itself exits 0 on some warnings in pedantic mode,
# and Flathub's linter counts warnings as failures.) Infos and pedantic
# hints are printed, not failed: Debian 12's appstream 0.16 does not know
# <developer> (an info), and an id with capitals is a pedantic hint.
# --no-net: the screenshot URLs exist only once the release tag is pushed.
# Usage: .ci/check-appstream.sh FILE.metainfo.xml
set -uo pipefail
out=$(appstreamcli validate --pedantic --no-net --explain "$1" 2>&1)
rc=$?
echo "$out"
if [ $rc -ne 0 ] || echo "$out" | grep -qE '^[EW]: '; then
	echo "check-appstream: $1 has errors or warnings" >&2
	exit 1
fi
echo "ok    appstreamcli validate --pedantic: $1 has no errors or warnings"
