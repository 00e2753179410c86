# Minimal Makefile for the release branch; the project's real Makefile
# includes mk/*.mk the same way.
GO ?= go

.PHONY: test gotest
test: gotest
gotest:
	$(GO) test -race -tags migrated_fynedo ./...

-include mk/*.mk
