#!/usr/bin/env bash
# Installs what building a Fyne 2.8 app needs: a C compiler, pkg-config and
# the X11, GL, Wayland and xkbcommon development headers. As root on Debian
# or Ubuntu it installs them with apt-get; otherwise it prints the command
# for your system and stops.
set -euo pipefail

missing=()
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if command -v pkg-config >/dev/null 2>&1; then
  for pc in gl x11 xcursor xrandr xinerama xi xxf86vm xkbcommon wayland-client wayland-egl; do
    pkg-config --exists "$pc" 2>/dev/null || missing+=("$pc")
  done
fi
# Text the bundled fonts lack (⚠, ≠, −) comes from the system's fonts; the
# markup masters in ui/testdata and ui/reader/testdata were measured with
# DejaVu Sans. Without it the app still builds and runs, so it is installed
# when apt-get can, and otherwise only noted.
fonts=()
if [ "$(uname -s)" = Linux ] && [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] &&
  ! { command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep "DejaVu Sans" >/dev/null; }; then
  fonts=(fonts-dejavu-core)
fi
# Tests and screenshots of the real window use a virtual display.
extra=()
[ "${WITH_XVFB:-0}" = 1 ] && { command -v Xvfb >/dev/null 2>&1 || extra+=(xvfb); }

[ ${#missing[@]} -eq 0 ] && [ ${#extra[@]} -eq 0 ] && [ ${#fonts[@]} -eq 0 ] && exit 0

debian_pkgs="gcc pkg-config libgl1-mesa-dev xorg-dev libwayland-dev libxkbcommon-dev wayland-protocols"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "deps: installing build dependencies with apt-get (missing: ${missing[*]} ${extra[*]} ${fonts[*]})"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086 # $debian_pkgs is a word list on purpose
  apt-get install -y -qq --no-install-recommends $debian_pkgs "${extra[@]}" "${fonts[@]}" >/dev/null
  exit 0
fi

if [ ${#missing[@]} -eq 0 ] && [ ${#extra[@]} -eq 0 ]; then
  echo "deps: note: DejaVu Sans is not installed, so ⚠, ≠ and − may show as boxes and the markup tests in ui/ and ui/reader/ may differ (Debian/Ubuntu: fonts-dejavu-core, Fedora: dejavu-sans-fonts, Arch: ttf-dejavu)" >&2
  exit 0
fi

cat >&2 <<MSG
Evidence Reader needs a C compiler, pkg-config and the X11, GL, Wayland and
xkbcommon development headers to build, and its tests need the DejaVu fonts
(missing: ${missing[*]} ${extra[*]}).
Install them, then run make again:

  Debian/Ubuntu:  sudo apt-get install $debian_pkgs fonts-dejavu-core
  Fedora:         sudo dnf install gcc pkgconf-pkg-config libXcursor-devel libXrandr-devel libXinerama-devel libXi-devel libXxf86vm-devel mesa-libGL-devel wayland-devel libxkbcommon-devel dejavu-sans-fonts
  Arch:           sudo pacman -S gcc pkgconf libxcursor libxrandr libxinerama libxi libxxf86vm mesa wayland libxkbcommon ttf-dejavu
  macOS:          xcode-select --install
  Windows:        install MSYS2 and run: pacman -S mingw-w64-x86_64-gcc mingw-w64-x86_64-pkg-config
MSG
exit 1
