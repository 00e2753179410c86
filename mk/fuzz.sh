#!/usr/bin/env bash
# Runs Go fuzz targets one after another and appends one summary line per
# run (target, duration, execs, result) to $FUZZLOG.
# Usage: mk/fuzz.sh FUZZTIME pkg:Target [pkg:Target...]
set -u
fuzztime=$1; shift
log=${FUZZLOG:-build/fuzz/runs.tsv}
mkdir -p "$(dirname "$log")"
status=0
for t in "$@"; do
	pkg=${t%%:*}; name=${t##*:}
	out="$(dirname "$log")/$name.log"
	start=$(date -u +%FT%TZ)
	# -run '^$' skips the unit tests; the seed corpus still runs first.
	go test ${FUZZFLAGS:-} -timeout 0 -tags "${TAGS:-$(cat mk/build-tags)}" -run '^$' -fuzz "^$name\$" -fuzztime "$fuzztime" "$pkg" >"$out" 2>&1
	rc=$?
	execs=$(grep -o 'execs: [0-9]*' "$out" | tail -1 | cut -d' ' -f2)
	elapsed=$(grep -o 'elapsed: [0-9hms]*' "$out" | tail -1 | cut -d' ' -f2)
	if [ $rc -eq 0 ]; then res=pass; else res=FAIL; status=1; fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$start" "$pkg" "$name" "${elapsed:-?}" "${execs:-?}" "$res" | tee -a "$log"
	if [ $rc -ne 0 ]; then tail -30 "$out"; fi
done
exit $status
