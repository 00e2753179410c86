# Release targets, included by the top-level Makefile. See RELEASING.md.
#
#   icons            render icons/icon-<size>.png from icons/icon.svg
#   check-metadata   desktop-file-validate, appstreamcli, actionlint, and the
#                    .evpack MIME type installed and queried with xdg-mime
#   package-linux    dist/evidence-reader-<v>-linux-amd64.tar.xz
#   package-windows  dist/evidence-reader-<v>-windows-amd64.exe (mingw-w64)
#   release          both, plus dist/SHA256SUMS
#   user-install     install the Linux tarball into ~/.local (HOME=... to test)
#   test-release     check the tarball, icons and metadata agree
#   test-windows     check the .exe: GUI subsystem, icon, version resource, accessibility tag
#   repro-check      two Linux builds in different folders must be identical
#   cross-linux|cross-windows|cross-darwin   fyne-cross v1.6.1 (Docker/Podman)
#   flatpak-sources  regenerate packaging/flatpak/go-modules.json after a go.mod change
#   check-flatpak    flatpak-builder parses the manifest; its build is replayed here
#   flathub          the Flathub repository's files for tag v<version> into build/flathub

ICON_SIZES := 16 24 32 48 64 128 256 512
ACTIONLINT := github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
DIST       ?= dist
RELEASE_VERSION = $(shell $(or $(GO),go) run ./internal/version/gen -in FyneApp.toml -print | sed -n "s/^APP_VERSION='\(.*\)'/\1/p")
LINUX_TARBALL   = $(DIST)/evidence-reader-$(RELEASE_VERSION)-linux-amd64.tar.xz
WINDOWS_EXE     = $(DIST)/evidence-reader-$(RELEASE_VERSION)-windows-amd64.exe

.PHONY: flatpak-sources check-flatpak flathub icons check-metadata lint-workflows package-linux package-windows release \
	user-install test-release test-windows repro-check cross-linux cross-windows cross-darwin release-deps

# `make test` also validates the release metadata (fast, no packaging).
test: check-metadata

release-deps:
	@bash .ci/release-deps.sh

icons:
	@command -v rsvg-convert >/dev/null || bash .ci/release-deps.sh rsvg
	for s in $(ICON_SIZES); do rsvg-convert -w $$s -h $$s icons/icon.svg -o icons/icon-$$s.png; done

check-metadata: lint-workflows
	bash .ci/check-metadata.sh

lint-workflows:
	$(or $(GO),go) run $(ACTIONLINT) -no-color

package-linux: release-deps
	@rm -f $(DIST)/evidence-reader-*-linux-amd64.tar.xz
	bash packaging/package.sh linux

package-windows: release-deps
	@rm -f $(DIST)/evidence-reader-*-windows-amd64.exe
	bash packaging/package.sh windows

# Sequential on purpose: two fyne builds at once only compete for 2 cores.
release:
	@rm -rf $(DIST)
	$(MAKE) --no-print-directory package-linux
	$(MAKE) --no-print-directory package-windows
	cd $(DIST) && sha256sum evidence-reader-* > SHA256SUMS && cat SHA256SUMS
	$(MAKE) --no-print-directory test-release test-windows

user-install:
	@test -f $(LINUX_TARBALL) || { echo "no $(LINUX_TARBALL): run make package-linux"; exit 1; }
	rm -rf build/user-install && mkdir -p build/user-install
	tar -xJf $(LINUX_TARBALL) -C build/user-install
	$(MAKE) -C build/user-install/evidence-reader-$(RELEASE_VERSION)-linux-amd64 user-install

test-release:
	@test -f $(LINUX_TARBALL) || { echo "no $(LINUX_TARBALL): run make package-linux"; exit 1; }
	RELEASE_TARBALL=$(abspath $(LINUX_TARBALL)) $(or $(GO),go) test -count=1 -v ./packaging

test-windows:
	@test -f $(WINDOWS_EXE) || { echo "no $(WINDOWS_EXE): run make package-windows"; exit 1; }
	@/usr/bin/python3 -c 'import pefile' 2>/dev/null || bash .ci/release-deps.sh pefile
	b=$${APP_BUILD:-}; eval "$$($(or $(GO),go) run ./internal/version/gen -in FyneApp.toml -print)" && \
		/usr/bin/python3 packaging/check-pe.py $(WINDOWS_EXE) "$$APP_VERSION" "$${b:-$$APP_BUILD}"
	WINDOWS_EXE=$(abspath $(WINDOWS_EXE)) $(or $(GO),go) test -count=1 -run 'TestWindowsExeHasAccessibilityTag' -v ./packaging

repro-check: release-deps
	bash packaging/repro-check.sh

cross-linux cross-windows cross-darwin:
	bash packaging/cross.sh $(@:cross-%=%)

flatpak-sources:
	$(or $(GO),go) run ./internal/flatpak/gen

check-flatpak:
	bash packaging/flatpak/check.sh

flathub:
	bash packaging/flatpak/flathub.sh v$(RELEASE_VERSION) build/flathub
