#!/usr/bin/env bash
# Runs "evidence-reader present" on an X server with two monitors (Xorg with
# the dummy video driver, two 1920x1080 heads side by side, no window
# manager) and checks the second-display path:
#   - the audience window is full screen on the second monitor and the
#     presenter view stays on the first; keys work in both;
#   - unplugging the second monitor while presenting moves the audience
#     window full screen onto the first, without a crash, and plugging it
#     back in moves it back;
#   - started with one monitor, the audience window is full screen on it.
# Pictures of both monitors go to $OUT (default build/displays).
# Usage: mk/displays.sh ./evidence-reader
# Xorg needs root here (it opens no real device, but Debian's Xorg wrapper
# only lets root or a console user start it). Not root: it says so and
# stops with status 0, unless REQUIRE_DISPLAYS=1.
# ok and bad always succeed, so "check && ok || bad" is if-then-else;
# the cleanup functions run from the EXIT trap.
# shellcheck disable=SC2015,SC2317
set -u
bin=$(readlink -f "$1")
root=$(pwd)
OUT=${OUT:-$root/build/displays}
XT_WORK=$(mktemp -d)
# shellcheck source=mk/xtest.sh
. "$root/mk/xtest.sh"
app=
stop_app() {
	[ -n "$app" ] && kill "$app" 2>/dev/null && wait "$app" 2>/dev/null
	app=
}
stop_server() {
	[ -n "${XT_SERVER_PID:-}" ] && kill "$XT_SERVER_PID" 2>/dev/null && wait "$XT_SERVER_PID" 2>/dev/null
	XT_SERVER_PID=
}
cleanup() {
	stop_app
	stop_server
	rm -rf "$XT_WORK"
}
trap cleanup EXIT

if [ "$(id -u)" != 0 ] && [ "${REQUIRE_DISPLAYS:-0}" != 1 ]; then
	echo "displays: skipped: Xorg with the dummy driver needs root here (run as root, or REQUIRE_DISPLAYS=1 to fail instead)"
	exit 0
fi
xt_need Xorg:xserver-xorg-core xrandr:x11-xserver-utils xdotool:xdotool import:imagemagick \
	xdpyinfo:x11-utils xwininfo:x11-utils || exit 1
if ! ls /usr/lib/xorg/modules/drivers/dummy_drv.so >/dev/null 2>&1; then
	xt_need /usr/lib/xorg/modules/drivers/dummy_drv.so:xserver-xorg-video-dummy || exit 1
fi
rm -rf "$OUT"
mkdir -p "$OUT"

fail=0
steps=0
ok() { steps=$((steps + 1)); echo "ok    $*"; }
bad() { steps=$((steps + 1)); echo "FAIL  $*"; fail=1; }

# start_app: present the bundled deck; sets app, aud, pre.
start_app() {
	XDG_CONFIG_HOME="$XT_WORK/config" "$bin" present >"$XT_WORK/app.log" 2>&1 &
	app=$!
	pre=$(xt_window '^Presenter view: ') || { bad "no presenter window"; tail "$XT_WORK/app.log"; return 1; }
	local title
	title=$(xdotool getwindowname "$pre")
	aud=$(xt_window_named "${title#Presenter view: }") || { bad "no audience window"; return 1; }
}


# monitor N FILE: a picture of monitor N (1 or 2) of the screen as it is.
monitor() {
	import -window root -crop "1920x1080+$((($1 - 1) * 1920))+0" +repage "$2" 2>/dev/null
}

# changes ID CMD...: run CMD, then wait up to 5 s for the window's pixels to change.
changes() {
	local id=$1
	shift
	xt_shot "$id" "$XT_WORK/before.png"
	"$@"
	for _ in $(seq 25); do
		sleep 0.2
		xt_shot "$id" "$XT_WORK/after.png"
		xt_same "$XT_WORK/before.png" "$XT_WORK/after.png" || return 0
	done
	return 1
}
black() { awk -v m="$(xt_mean "$1")" 'BEGIN{exit !(m < 0.01)}'; }

xt_start_xorg_dummy || exit 1
xt_plug
[ "$(xt_monitors)" = 2 ] && ok "X server has two monitors (DUMMY0, DUMMY1 at +1920+0)" || bad "xrandr reports $(xt_monitors) monitors, not 2"

# Two monitors.
start_app || exit 1
if xt_wait_geometry "$aud" "1920 0 1920 1080"; then
	ok "audience window full screen on the second monitor (1920x1080+1920+0)"
else
	bad "audience window at $(xt_geometry "$aud") (x y w h), not 1920 0 1920 1080"
fi
read -r px py pw ph <<<"$(xt_geometry "$pre")"
if [ "$px" -ge 0 ] && [ $((px + pw)) -le 1920 ] && [ "$py" -ge 0 ] && [ $((py + ph)) -le 1080 ]; then
	ok "presenter view on the first monitor (${pw}x${ph}+$px+$py)"
else
	bad "presenter view at ${pw}x${ph}+$px+$py, not inside the first monitor"
fi
sleep 1
monitor 1 "$OUT/two-monitors-1-presenter.png"
monitor 2 "$OUT/two-monitors-2-audience.png"
xt_shot "$pre" "$XT_WORK/pre.png"
black "$XT_WORK/pre.png" && bad "the presenter view is black" || ok "the presenter view is drawn"
# What the second monitor shows is the audience window, and it is not black.
xt_shot "$aud" "$XT_WORK/aud.png"
convert "$OUT/two-monitors-2-audience.png" -resize 25% "$XT_WORK/mon2.png"
if xt_same "$XT_WORK/aud.png" "$XT_WORK/mon2.png" && ! black "$XT_WORK/mon2.png"; then
	ok "the second monitor shows the audience window's slide"
else
	bad "the second monitor does not show the audience window's slide"
fi
xdotool windowfocus --sync "$pre"
changes "$aud" xdotool key Right && ok "Right in the presenter view moves the audience slide" || bad "Right in the presenter view changed nothing on the second monitor"
changes "$pre" xdotool key Right && ok "the presenter view follows" || bad "the presenter view did not change on Right"
xdotool key b
sleep 0.8
monitor 2 "$OUT/two-monitors-2-black.png"
black "$OUT/two-monitors-2-black.png" && ok "b in the presenter view blacks out the second monitor" || bad "b did not black out the second monitor"
xdotool key b
sleep 0.5

# Unplug the second monitor while presenting.
xt_unplug
[ "$(xt_monitors)" = 1 ] || bad "xrandr still reports $(xt_monitors) monitors after unplugging"
if xt_wait_geometry "$aud" "0 0 1920 1080"; then
	ok "unplugged: the audience window is full screen on the first monitor"
else
	bad "unplugged: audience window at $(xt_geometry "$aud"), not 0 0 1920 1080"
fi
kill -0 "$app" 2>/dev/null && ok "unplugged: still presenting" || bad "unplugged: the program ended ($(tail -3 "$XT_WORK/app.log"))"
sleep 0.5
monitor 1 "$OUT/unplugged-1-audience.png"
xdotool windowfocus --sync "$aud"
changes "$aud" xdotool key Right && ok "unplugged: Right still moves the slide" || bad "unplugged: Right changed nothing"

# Plug it back in.
xt_plug
if xt_wait_geometry "$aud" "1920 0 1920 1080"; then
	ok "plugged back in: the audience window is full screen on the second monitor again"
else
	bad "plugged back in: audience window at $(xt_geometry "$aud"), not 1920 0 1920 1080"
fi
sleep 0.5
monitor 1 "$OUT/replugged-1-presenter.png"
monitor 2 "$OUT/replugged-2-audience.png"
xdotool windowfocus --sync "$aud"
xdotool key Escape
for _ in $(seq 50); do kill -0 "$app" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$app" 2>/dev/null; then bad "Escape did not end the presentation"; else
	wait "$app"
	rc=$?
	app=
	[ $rc -eq 0 ] && ok "Escape ended the presentation (exit 0)" || bad "exit status $rc after Escape"
fi

# One monitor from the start: as before, the audience window is full screen on it.
xt_unplug
start_app || exit 1
if xt_wait_geometry "$aud" "0 0 1920 1080"; then
	ok "one monitor: the audience window is full screen on it"
else
	bad "one monitor: audience window at $(xt_geometry "$aud"), not 0 0 1920 1080"
fi
sleep 1
monitor 1 "$OUT/one-monitor-1-audience.png"
xdotool windowfocus --sync "$aud"
changes "$aud" xdotool key Right && ok "one monitor: Right moves the slide" || bad "one monitor: Right changed nothing"
stop_app

echo "displays: $steps checks, pictures in ${OUT#"$root"/}"
if [ $fail -ne 0 ]; then echo "app log:"; tail -20 "$XT_WORK/app.log"; fi
exit $fail
