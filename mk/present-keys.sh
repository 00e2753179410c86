#!/usr/bin/env bash
# Presents the bundled deck in real windows (Xvfb 1920x1080, no window
# manager), presses every presentation key with xdotool in the audience and
# the presenter window, and checks what the audience window shows after
# each: the right slide, black, or the overview. Fyne's test driver paints
# every object on every capture, so a change that never asks the real window
# to repaint (issue 14: B and . did nothing visible) passes headless tests;
# this check looks at the pixels the X server has.
# Usage: mk/present-keys.sh ./evidence-reader   (pictures go to $OUT, default build/present-keys)
# ok and bad always succeed, so "check && ok || bad" is if-then-else;
# the cleanup functions run from the EXIT trap.
# shellcheck disable=SC2015,SC2317
set -u
bin=$(readlink -f "$1")
root=$(pwd)
OUT=${OUT:-$root/build/present-keys}
XT_WORK=$(mktemp -d)
# shellcheck source=mk/xtest.sh
. "$root/mk/xtest.sh"
app=
cleanup() {
	[ -n "$app" ] && kill "$app" 2>/dev/null
	[ -n "${XT_SERVER_PID:-}" ] && kill "$XT_SERVER_PID" 2>/dev/null
	rm -rf "$XT_WORK"
}
trap cleanup EXIT

xt_need Xvfb:xvfb xdotool:xdotool import:imagemagick xdpyinfo:x11-utils xwininfo:x11-utils || exit 1
rm -rf "$OUT"
mkdir -p "$OUT"
xt_start_xvfb 1920x1080 || exit 1

fail=0
steps=0
# ok/bad MESSAGE: one line per check.
ok() { steps=$((steps + 1)); echo "ok    $*"; }
bad() { steps=$((steps + 1)); echo "FAIL  $*"; fail=1; }

XDG_CONFIG_HOME="$XT_WORK/config" "$bin" present >"$XT_WORK/app.log" 2>&1 &
app=$!
pre=$(xt_window '^Presenter view: ') || { echo "FAIL  no presenter window"; cat "$XT_WORK/app.log"; exit 1; }
title=$(xdotool getwindowname "$pre")
aud=$(xt_window_named "${title#Presenter view: }") || { echo "FAIL  no audience window"; exit 1; }
if xt_wait_geometry "$aud" "0 0 1920 1080"; then ok "audience window is full screen (1920x1080+0+0)"; else bad "audience window at $(xt_geometry "$aud") (x y w h), not full screen"; fi
[ "$(xdotool getwindowfocus)" = "$aud" ] && ok "audience window has the keyboard" || bad "audience window does not have the keyboard"

n=0
cur=0        # the slide the audience should show, 1-based
last=$XT_WORK/last.png
ref() { echo "$OUT/slide-$1.png"; }

# wait_for KIND [SLIDE]: poll the audience window for up to 5 s until it
# shows slide SLIDE (KIND slide), black (black) or something that is neither
# the current slide nor black (other). The last picture stays in $last.
wait_for() {
	local kind=$1 want=${2:-} m
	for _ in $(seq 40); do
		xt_shot "$aud" "$last"
		m=$(xt_mean "$last")
		case $kind in
		slide) xt_same "$last" "$(ref "$want")" && return 0 ;;
		black) awk -v m="$m" 'BEGIN{exit !(m < 0.01)}' && return 0 ;;
		other) awk -v m="$m" 'BEGIN{exit !(m > 0.01)}' && ! xt_same "$last" "$(ref "$cur")" && return 0 ;;
		esac
		sleep 0.1
	done
	return 1
}

# key WINDOW-LABEL KEY... : focus the window (audience or presenter) and press the keys.
focused=audience
key() {
	local where=$1
	shift
	if [ "$where" != "$focused" ]; then
		if [ "$where" = presenter ]; then xdotool windowfocus --sync "$pre"; else xdotool windowfocus --sync "$aud"; fi
		focused=$where
	fi
	xdotool key --delay 60 "$@"
}

# expect_slide LABEL N WHERE KEY...: the keys must bring slide N on screen.
expect_slide() {
	local label=$1 want=$2 where=$3
	shift 3
	key "$where" "$@"
	if wait_for slide "$want"; then ok "$label ($where: $*): slide $want"; cur=$want; else bad "$label ($where: $*): audience does not show slide $want (mean $(xt_mean "$last"))"; cp "$last" "$OUT/fail-$steps.png"; fi
}
expect_black() {
	local label=$1 where=$2
	shift 2
	key "$where" "$@"
	if wait_for black; then ok "$label ($where: $*): audience window black"; else bad "$label ($where: $*): audience window not black (mean brightness $(xt_mean "$last"))"; cp "$last" "$OUT/fail-$steps.png"; fi
}
expect_other() {
	local label=$1 where=$2
	shift 2
	key "$where" "$@"
	if wait_for other; then ok "$label ($where: $*)"; else bad "$label ($where: $*): audience still shows slide $cur or black"; cp "$last" "$OUT/fail-$steps.png"; fi
}

# The first slide: wait until two pictures a moment apart agree and are not
# black (an X server without a window manager may map the window before its
# first frame).
for _ in $(seq 50); do
	xt_shot "$aud" "$XT_WORK/a.png"
	sleep 0.3
	xt_shot "$aud" "$XT_WORK/b.png"
	if xt_same "$XT_WORK/a.png" "$XT_WORK/b.png" && awk -v m="$(xt_mean "$XT_WORK/b.png")" 'BEGIN{exit !(m > 0.01)}'; then break; fi
done
n=1
cur=1
cp "$XT_WORK/b.png" "$(ref 1)"

# Right walks the deck; each slide's picture is kept to recognise it later.
# Right on the last slide changes nothing, which ends the walk.
while :; do
	xdotool key Right
	changed=
	for _ in $(seq 20); do
		sleep 0.1
		xt_shot "$aud" "$last"
		xt_same "$last" "$(ref "$n")" || { changed=1; break; }
	done
	[ -n "$changed" ] || break
	sleep 0.1 # let the new slide settle, then keep the settled picture
	xt_shot "$aud" "$last"
	n=$((n + 1))
	cp "$last" "$(ref "$n")"
	[ $n -ge 200 ] && break
done
cur=$n
if [ $n -ge 5 ]; then ok "Right walked through $n slides, each one different"; else bad "Right showed only $n slides"; fi
for i in $(seq 2 "$n"); do
	for j in $(seq 1 $((i - 1))); do
		xt_same "$(ref "$i")" "$(ref "$j")" && bad "slides $j and $i look the same: the walk is not trustworthy"
	done
done

expect_slide "Home" 1 audience Home
expect_slide "End" "$n" audience End
expect_slide "Left" $((n - 1)) audience Left
expect_slide "Page Up" $((n - 2)) audience Prior
expect_slide "Page Down" $((n - 1)) audience Next
expect_slide "Space" "$n" audience space
expect_slide "Home" 1 audience Home
expect_slide "Enter" 2 audience Return
expect_slide "Down" 3 audience Down
expect_slide "Up" 2 audience Up
t=$((n - 2))
digits=()
for ((i = 0; i < ${#t}; i++)); do digits+=("${t:i:1}"); done
expect_slide "number then Enter" "$t" audience "${digits[@]}" Return
# Shift held for a digit, as AZERTY keyboards need for every digit: the
# number still counts (Shift on its own does not clear it).
u=$((n - 3))
shifted=()
for ((i = 0; i < ${#u}; i++)); do shifted+=("shift+${u:i:1}"); done
expect_slide "number typed with Shift, then Enter" "$u" audience "${shifted[@]}" Return
expect_slide "out-of-range number then Enter is ignored, then Right" $((u + 1)) audience 9 9 Return Right

# Blackout: b, B (Shift+b) and . from the audience window, then from the presenter window.
for k in b B period; do
	expect_black "blackout" audience "$k"
	cp "$last" "$OUT/black-audience-$k.png"
	expect_slide "blackout off" "$cur" audience "$k"
done
for k in b B period; do
	expect_black "blackout" presenter "$k"
	cp "$last" "$OUT/black-presenter-$k.png"
	expect_slide "blackout off" "$cur" presenter "$k"
done
# While black the deck still moves; the audience sees the new slide after.
expect_black "blackout" presenter b
key presenter Left
wait_for black && ok "Left while black keeps the screen black" || bad "Left while black showed a slide"
expect_slide "blackout off after Left" $((cur - 1)) presenter b
expect_slide "presenter window Right" $((cur + 1)) presenter Right
expect_slide "presenter window Home" 1 presenter Home

# Overview: O and Tab open and close it; arrows move the selection; Enter picks.
cols=$(awk -v n="$n" 'BEGIN{c=int(sqrt(n)); if (c*c<n) c++; print c}')
expect_other "O opens the overview" audience o
cp "$last" "$OUT/overview.png"
expect_slide "O closes the overview" 1 audience o
expect_other "Tab opens the overview" audience Tab
expect_slide "Tab closes the overview" 1 audience Tab
expect_other "O opens the overview" audience o
expect_slide "Down, Right then Enter in the overview pick a slide" $((1 + cols + 1)) audience Down Right Return
expect_other "Tab in the presenter window opens the overview" presenter Tab
expect_slide "Escape closes the overview, not the presentation" "$cur" presenter Escape
kill -0 "$app" 2>/dev/null && ok "still presenting after Escape in the overview" || bad "Escape in the overview ended the presentation"

# Escape ends the presentation: both windows close and the program exits 0.
key audience Escape
for _ in $(seq 50); do kill -0 "$app" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$app" 2>/dev/null; then
	bad "Escape: still running after 5 s"
else
	wait "$app"
	rc=$?
	app=
	[ $rc -eq 0 ] && ok "Escape ended the presentation (exit 0)" || bad "Escape: exit status $rc"
fi

echo "present-keys: $steps checks, pictures in ${OUT#"$root"/}"
if [ $fail -ne 0 ]; then echo "app log:"; tail -20 "$XT_WORK/app.log"; fi
exit $fail
