#!/usr/bin/env bash
# Proves that loading, checking, rendering, searching and exporting open no
# network connection: each path runs under strace and any connect() to an
# AF_INET or AF_INET6 address fails the check. X11 and D-Bus use AF_UNIX
# sockets and are allowed. A positive control first shows that the
# detector does see a TCP connect.
# Usage: mk/netcheck.sh ./evidence-reader
set -u
bin=$(readlink -f "$1")
root=$(pwd)
tags=${TAGS:-$(cat "$root/mk/build-tags")}
work=$(mktemp -d)
trap 'rm -rf "$work"; [ -n "${xpid:-}" ] && kill "$xpid" 2>/dev/null' EXIT

need=()
command -v strace >/dev/null || need+=(strace)
command -v Xvfb >/dev/null || need+=(xvfb)
if [ ${#need[@]} -gt 0 ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"; } >/dev/null ||
			{ echo "netcheck: cannot install ${need[*]}"; exit 1; }
	else
		echo "netcheck: needs ${need[*]} (apt-get install ${need[*]})"; exit 1
	fi
fi

fail=0
n=0
# traced NAME CMD...: run CMD under strace; fail on an inet connect.
traced() {
	local name=$1; shift
	local log="$work/$(echo "$name" | tr -c 'a-zA-Z0-9' _).strace"
	strace -f -qq -e trace=connect,sendto,sendmsg -o "$log" "$@" >"$log.out" 2>&1
	local rc=$?
	if grep -E 'AF_INET6?' "$log" >/dev/null; then
		echo "FAIL  $name: network connection attempted:"; grep -E 'AF_INET6?' "$log" | head -5
		fail=1
	elif [ $rc -ne 0 ] && [ "${ALLOW_EXIT:-}" != 1 ]; then
		echo "FAIL  $name: exit $rc"; tail -5 "$log.out"; fail=1
	else
		# glibc asks the local name-service cache (nscd, a Unix socket) for
		# the user's home folder; that is not a network connection.
		if grep -q nscd "$log"; then echo "ok    $name (local nscd lookup only)"; else echo "ok    $name"; fi
	fi
	n=$((n + 1))
}

# Positive control: the detector must flag a real TCP connect attempt.
strace -f -qq -e trace=connect -o "$work/control" bash -c 'exec 3<>/dev/tcp/127.0.0.1/9' >/dev/null 2>&1
if ! grep -q AF_INET "$work/control"; then
	echo "FAIL  control: strace did not record a TCP connect, so the check proves nothing"; exit 1
fi
echo "ok    control: a TCP connect is detected"

traced "check (bundled pack)" "$bin" check
traced "check testdata/example-pack" "$bin" check "$root/testdata/example-pack"
traced "pack testdata/example-pack" "$bin" pack "$root/testdata/example-pack" --out "$work/example.evpack"
traced "check example.evpack" "$bin" check "$work/example.evpack"
traced "version" "$bin" version
traced "export (bundled pack)" "$bin" export --out "$work/handout.html"
for v in article studies limitations guidance references search; do
	traced "screenshot --view $v" "$bin" screenshot --view "$v" --query spot --out "$work/$v.png"
done

# In-process paths: the packages' own tests load, render to the model,
# search, format citations and export; run their test binaries traced.
for pkg in pack evpack doc search cite deck export cli; do
	[ -d "internal/$pkg" ] || continue
	go test -c -tags "$tags" -o "$work/$pkg.test" "./internal/$pkg" || { echo "FAIL  build $pkg tests"; fail=1; continue; }
	traced "go test internal/$pkg" bash -c "cd internal/$pkg && exec '$work/$pkg.test' -test.run . -test.count 1"
done

# The window: open the bundled and an example pack and show every view.
if command -v Xvfb >/dev/null; then
	disp=:$((120 + RANDOM % 60))
	Xvfb "$disp" -screen 0 1280x1024x24 -noreset -nolisten tcp >/dev/null 2>&1 &
	xpid=$!
	sleep 1
	for args in "" "--pack $root/testdata/example-pack" "$work/example.evpack"; do
		out="$work/visit.json"
		rm -f "$out"
		DISPLAY=$disp XDG_CONFIG_HOME="$work/config" EVIDENCE_READER_BENCH_VISIT="$out" \
			traced "window, every view ${args:-(bundled pack)}" timeout 120 "$bin" $args
		if [ ! -s "$out" ] || grep -q '"error":"[^"]' "$out"; then
			echo "FAIL  window ${args:-(bundled)}: the bench hook reported no visit of every view: $(cat "$out" 2>/dev/null)"; fail=1
		fi
	done
else
	echo "FAIL  window: Xvfb is not installed"; fail=1
fi

echo "netcheck: $n paths traced"
exit $fail
