# Presentation checks in real windows (X servers of their own, xdotool).
#   make test-present-keys   every presentation key in both windows (Xvfb 1920x1080)
#   make test-displays       the second-display path (Xorg, dummy driver, two heads)
# Pictures go to build/present-keys/ and build/displays/. test-displays
# (about 25 s) is part of make test; test-present-keys (over a minute on a
# busy machine) runs in CI (.ci/run).

.PHONY: test-present-keys test-displays

test: test-displays

test-present-keys: build
	bash mk/present-keys.sh ./$(BIN)

test-displays: build
	bash mk/displays.sh ./$(BIN)
