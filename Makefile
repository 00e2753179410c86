# Evidence Reader. `make run` builds and opens the app; `make test` runs the
# whole suite. Both install their own build dependencies (.ci/deps.sh).

GO      ?= go
BIN     := evidence-reader
PKG     := ./cmd/evidence-reader
# Build tags, one list for every build, test, benchmark and package
# (mk/build-tags). migrated_fynedo: FyneApp.toml's [Migrations] fyneDo,
# which plain go build needs spelled out. no_emoji: no bundled colour emoji
# font (4 MB in the binary, and 4 MB more memory for each text style);
# emoji come from the system's fonts. docs/performance.md has the figures.
TAGS    := $(shell cat mk/build-tags)
export TAGS
GOFLAGS_BUILD := -tags $(TAGS) -trimpath

export CGO_ENABLED := 1

.PHONY: all deps build run test lint fmt vet staticcheck gotest check-packs screenshots clean

all: build

deps:
	@bash .ci/deps.sh

build: deps
	$(GO) build $(GOFLAGS_BUILD) -o $(BIN) $(PKG)

run: build
	./$(BIN)

# bench-smoke runs every benchmark once; test-network traces the app for
# network connections (mk/perf.mk).
test: deps lint gotest check-packs bench-smoke test-network

lint: fmt vet staticcheck

fmt:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

# PATCHED: modules the go.mod replaces with a patched copy under
# third_party/, checked and tested with the app.
PATCHED := github.com/go-text/render

# The second line vets the packages without cgo for Windows, tests
# included (8 s): a Unix-only call in a test file without a build
# constraint (syscall.Mkfifo) broke the Windows build of the tests once.
vet:
	$(GO) vet -tags $(TAGS) ./... $(PATCHED)
	GOOS=windows CGO_ENABLED=0 $(GO) vet -tags $(TAGS) ./internal/...

staticcheck:
	$(GO) tool staticcheck -tags $(TAGS) ./... $(PATCHED)

gotest:
	$(GO) test -race -tags $(TAGS) ./... $(PATCHED)

# Every bundled pack must pass the validator (warnings are allowed), and the
# example pack packed into one file must too.
check-packs: build
	./$(BIN) check
	./$(BIN) check testdata/example-pack testdata/stretching-pack
	@mkdir -p build
	./$(BIN) pack testdata/example-pack --out build/example-pack.evpack
	./$(BIN) check build/example-pack.evpack

# README and AppStream screenshots, rendered without a display.
screenshots: build
	./$(BIN) screenshot --view article --out docs/screenshots/article.png
	./$(BIN) screenshot --view studies --out docs/screenshots/studies.png
	./$(BIN) screenshot --view studies --theme dark --out docs/screenshots/studies-dark.png
	./$(BIN) screenshot --view references --out docs/screenshots/references.png
	./$(BIN) screenshot --view guidance --out docs/screenshots/guidance.png
	./$(BIN) screenshot --view search --query löberbauer --out docs/screenshots/search.png

clean:
	rm -rf $(BIN) dist build

-include mk/*.mk
