# shellcheck shell=bash
# Helpers for the real-window checks (mk/present-keys.sh, mk/displays.sh):
# a private X server, the app's windows, and pictures of them. Sourced, not run.
#
# The checks look at the real window as a user would: they press keys with
# xdotool (XTEST, so GLFW sees the same key and character events a keyboard
# makes) and read the window's pixels with ImageMagick's import.

# xt_need CMD:PACKAGE...: install the Debian packages whose commands are
# missing (as root with apt-get), or say which are needed and fail.
xt_need() {
	local pkgs=() spec
	for spec in "$@"; do
		command -v "${spec%%:*}" >/dev/null 2>&1 || pkgs+=("${spec#*:}")
	done
	[ ${#pkgs[@]} -eq 0 ] && return 0
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "xtest: installing ${pkgs[*]}"
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}"; } >/dev/null ||
			{ echo "xtest: cannot install ${pkgs[*]}"; return 1; }
		return 0
	fi
	echo "xtest: needs ${pkgs[*]} (apt-get install ${pkgs[*]})"
	return 1
}

# xt_free_display: print a display number no X server uses.
xt_free_display() {
	local n
	for _ in $(seq 50); do
		n=$((100 + RANDOM % 400))
		[ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { echo ":$n"; return; }
	done
	echo ":$((500 + RANDOM % 100))"
}

# xt_wait_server: wait up to 15 s for the server on $DISPLAY to answer.
xt_wait_server() {
	for _ in $(seq 150); do
		xdpyinfo >/dev/null 2>&1 && return 0
		kill -0 "$XT_SERVER_PID" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

# xt_start_xvfb WxH: a one-monitor Xvfb on a free display; sets DISPLAY and XT_SERVER_PID.
xt_start_xvfb() {
	DISPLAY=$(xt_free_display)
	export DISPLAY
	# -noreset: without it the server resets when its last client (the
	# xdpyinfo probe below) disconnects, and a client connecting meanwhile
	# is refused (GLFW then finds no platform: seen 1 run in 4).
	Xvfb "$DISPLAY" -screen 0 "${1}x24" -noreset -nolisten tcp >"$XT_WORK/xvfb.log" 2>&1 &
	XT_SERVER_PID=$!
	xt_wait_server || { echo "xtest: Xvfb did not start:"; tail -5 "$XT_WORK/xvfb.log"; return 1; }
}

# xt_window TITLE-REGEX: print the id of the first viewable window whose
# title matches, waiting up to 20 s for it.
xt_window() {
	local id
	for _ in $(seq 100); do
		for id in $(xdotool search --onlyvisible --name "$1" 2>/dev/null); do
			echo "$id"
			return 0
		done
		sleep 0.2
	done
	return 1
}

# xt_geometry ID: print the window's "X Y W H" on the screen.
xt_geometry() {
	xwininfo -id "$1" | awk '/Absolute upper-left X/{x=$NF} /Absolute upper-left Y/{y=$NF}
		/^ *Width:/{w=$NF} /^ *Height:/{h=$NF} END{print x, y, w, h}'
}

# xt_shot ID FILE: the window's pixels, at a quarter of their size (enough to
# tell slides apart, and quick to compare).
xt_shot() {
	import -window "$1" -resize 25% "$2" 2>/dev/null
}

# xt_mean FILE: mean brightness, 0 (black) to 1 (white).
xt_mean() {
	convert "$1" -colorspace gray -format '%[fx:mean]' info:
}

# xt_diff A B: normalised RMSE between two pictures of the same size, 0 = same.
xt_diff() {
	compare -metric RMSE "$1" "$2" null: 2>&1 | sed -n 's/.*(\([0-9.e+-]*\)).*/\1/p'
}

# xt_same A B: true when the pictures show the same thing.
xt_same() {
	awk -v d="$(xt_diff "$1" "$2")" 'BEGIN{exit !(d != "" && d < 0.004)}'
}

# xt_window_named TITLE: print the id of the viewable window titled exactly
# TITLE, waiting up to 20 s for it.
xt_window_named() {
	local id
	for _ in $(seq 100); do
		for id in $(xdotool search --onlyvisible --name . 2>/dev/null); do
			[ "$(xdotool getwindowname "$id" 2>/dev/null)" = "$1" ] && { echo "$id"; return 0; }
		done
		sleep 0.2
	done
	return 1
}

# xt_start_xorg_dummy: an Xorg server with the dummy video driver, whose
# outputs DUMMY0..DUMMY15 are heads with CRTCs of their own, so GLFW (which
# lists RandR outputs that have a CRTC) sees each enabled one as a monitor.
# Xvfb cannot do this: it has one output, and the monitors `xrandr
# --setmonitor` adds are RandR 1.5 monitor objects GLFW does not read.
# Sets DISPLAY and XT_SERVER_PID; only DUMMY0 is on, at 1920x1080.
xt_start_xorg_dummy() {
	mkdir -p "$XT_WORK/xorg.conf.d"
	cat >"$XT_WORK/xorg.conf" <<'CONF'
Section "ServerFlags"
	Option "AutoAddDevices" "false"
	Option "AutoAddGPU" "false"
	Option "DontVTSwitch" "true"
EndSection
Section "Device"
	Identifier "dummy"
	Driver "dummy"
	VideoRam 256000
EndSection
Section "Monitor"
	Identifier "monitor"
	HorizSync 5.0-1000.0
	VertRefresh 5.0-200.0
EndSection
Section "Screen"
	Identifier "screen"
	Device "dummy"
	Monitor "monitor"
	DefaultDepth 24
	SubSection "Display"
		Depth 24
		Virtual 3840 1080
	EndSubSection
EndSection
CONF
	DISPLAY=$(xt_free_display)
	export DISPLAY
	Xorg "$DISPLAY" -config "$XT_WORK/xorg.conf" -configdir "$XT_WORK/xorg.conf.d" -noreset -nolisten tcp \
		-logfile "$XT_WORK/xorg.log" >"$XT_WORK/xorg.out" 2>&1 &
	XT_SERVER_PID=$!
	xt_wait_server || { echo "xtest: Xorg did not start:"; grep -E '\(EE\)' "$XT_WORK/xorg.log" | tail -5; tail -3 "$XT_WORK/xorg.out"; return 1; }
	xrandr --output DUMMY0 --mode 1920x1080 --pos 0x0 --primary --fb 1920x1080
}

# xt_plug: switch the second head DUMMY1 on, right of the first.
xt_plug() {
	xrandr --addmode DUMMY1 1920x1080 2>/dev/null
	xrandr --fb 3840x1080 --output DUMMY1 --mode 1920x1080 --pos 1920x0
}

# xt_unplug: switch DUMMY1 off and shrink the screen, as pulling the cable does.
xt_unplug() {
	xrandr --output DUMMY1 --off --fb 1920x1080
}

# xt_monitors: how many monitors RandR reports.
xt_monitors() {
	xrandr --listmonitors | sed -n 's/^Monitors: //p'
}

# xt_wait_geometry ID "X Y W H": wait up to 5 s for the window to be there.
xt_wait_geometry() {
	for _ in $(seq 50); do
		[ "$(xt_geometry "$1")" = "$2" ] && return 0
		sleep 0.1
	done
	return 1
}
