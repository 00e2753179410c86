#!/usr/bin/env bash
# Builds the Linux release twice, from two copies of the source in different
# folders, and fails unless the binaries (and the tarballs) are identical.
# The second build mostly hits the Go build cache; what it proves is that
# nothing from the folder, the time or the order leaks into the output.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/repro
rm -rf "$out" && mkdir -p "$out"
for n in a b; do
	DIST=$out/dist-$n STAGE=build/repro-stage-$n-$RANDOM bash packaging/package.sh linux >/dev/null
	mkdir "$out/x-$n" && tar -xJf "$out"/dist-$n/*.tar.xz -C "$out/x-$n"
done
sums() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
if ! diff <(sums "$out/x-a") <(sums "$out/x-b"); then
	echo "repro-check: FAIL, the two builds differ (above)" >&2
	exit 1
fi
sha256sum "$out"/dist-*/*.tar.xz "$out"/x-*/*/usr/local/bin/evidence-reader
if ! cmp "$out"/dist-a/*.tar.xz "$out"/dist-b/*.tar.xz; then
	echo "repro-check: FAIL, same files but the tarballs differ" >&2
	exit 1
fi
echo "repro-check: OK, identical binaries and tarballs"
rm -rf build/repro-stage-*
