# Performance, fuzzing and limits (docs/performance.md).
#   make bench         figures with floors and budgets -> docs/performance.md
#   make bench-smoke   every Go benchmark once (CI smoke test, no figures)
#   make fuzz          each fuzz target for FUZZTIME, one after another
#   make test-network  proves the CLI, GUI and library paths open no network connection

FUZZTIME    ?= 10m
FUZZFLAGS   ?= -fuzzminimizetime 2s
FUZZ_TARGETS ?= \
	./internal/doc:FuzzParse \
	./internal/doc:FuzzCiteLinks \
	./internal/pack:FuzzLoad \
	./internal/evpack:FuzzOpen \
	./internal/pack:FuzzTOMLScreen \
	./internal/pack:FuzzReferences \
	./internal/tomllex:FuzzScan \
	./internal/cite:FuzzFormat \
	./internal/search:FuzzSearch \
	./internal/deck:FuzzParseDeck \
	./internal/export:FuzzHandout \
	./internal/safemsg:FuzzCheck

.PHONY: bench bench-smoke fuzz test-network

bench: deps
	$(GO) run -tags $(TAGS) ./internal/bench/erbench

bench-smoke:
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchtime 1x ./...

fuzz:
	FUZZFLAGS="$(FUZZFLAGS)" bash mk/fuzz.sh $(FUZZTIME) $(FUZZ_TARGETS)
	$(GO) run ./internal/bench/erbench -fuzzlog build/fuzz/runs.tsv

test-network: build
	bash mk/netcheck.sh ./$(BIN)
