# Postdeck: build, run and test. Every target installs what it needs first
# (scripts/setup.sh, which skips what is already there), so each one works on
# a fresh Debian 12 machine with Go and Node.
#
#   make run         build the app (only what changed) and open it on your default workspace;
#                    installs only what running needs (no test browsers or packages)
#   make test        gofmt, go vet, go test, a short fuzz, tsc, vitest, end-to-end tests, Syncthing, test-dist
#   make build       build/bin/postdeck, the release binary
#   make test-e2e    only the end-to-end tests (E2E=foundation.test.mjs for one file)
#   make test-make   `make run`'s setup (apt lock, run-only packages) and a no-op rebuild
#   make screenshot  docs/screenshot.png from the real window under Xvfb
#   make dist        release files in dist/: Linux binary and .deb, Windows .exe and installer
#   make test-dist   build dist/ from a clean copy of the tree and run what it holds
#   make clean       remove what the build made

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build
# The steps share two cores and build on each other: never run them in parallel.
.NOTPARALLEL:
.DELETE_ON_ERROR:

GOPATH_BIN := $(shell go env GOPATH 2>/dev/null)/bin
# The pinned wails CLI that scripts/setup.sh installs comes first.
export PATH := $(GOPATH_BIN):$(PATH)

TAGS := sqlite_fts5
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo 0.0.0-dev)
COMMIT ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
BUILD_DATE ?= $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
LDFLAGS := -X main.version=$(VERSION) -X main.commit=$(COMMIT) -X main.buildDate=$(BUILD_DATE)

BIN := build/bin/postdeck
E2E_BIN := build/bin/postdeck-e2e
# Test files run by test-e2e, relative to e2e/.
E2E ?= *.test.mjs

# Inputs of the generated bindings and of the frontend bundle (directories are
# listed too, so adding or removing a file counts as a change).
GO_SRC := go.mod go.sum $(shell find backend -type d 2>/dev/null) \
  $(shell find . \( -name node_modules -o -name .git -o -path ./frontend -o -path ./e2e -o -path ./build \) -prune \
            -o -name '*.go' -print 2>/dev/null)
FRONTEND_SRC := $(shell find frontend/src frontend/public -print 2>/dev/null) \
  $(wildcard frontend/index.html frontend/package.json frontend/package-lock.json frontend/vite.config.* frontend/tsconfig*.json)
GENERATED := frontend/wailsjs/.generated
BINDINGS := frontend/wailsjs/.content-hash
DIST := frontend/dist/index.html

# step prints a heading with the time, so slow steps stand out in CI logs.
step = printf '==> [%s] %s\n' "$$(date +%T)" $(1)
# long runs a slow step showing its output, and "still working" lines while
# it is silent (scripts/long-step.sh).
long = scripts/long-step.sh $(1)

# `make run` and `make build` install only what building and running needs
# (scripts/setup.sh --run); any other goal, such as test, installs it all.
RUN_GOALS := run build frontend bindings
ifeq ($(filter-out $(RUN_GOALS),$(or $(MAKECMDGOALS),$(.DEFAULT_GOAL))),)
SETUP := setup-run
else
SETUP := setup
endif
# The version and commit built into the binary, as a file name: the binary is
# rebuilt when they change, not for a new build date alone.
BUILD_ID := build/bin/.build-id-$(subst /,_,$(VERSION))-$(COMMIT)
# quiet runs a command and shows its output only if it fails.
quiet = out=$$($(1) 2>&1) || { rc=$$?; printf '%s\n' "$$out"; exit $$rc; }

.PHONY: setup setup-run bindings frontend build run test fmt-check vet go-test go-fuzz typecheck vitest \
        e2e-bin test-make test-e2e screenshot clean test-syncthing setup-dist dist test-dist

setup:
	@scripts/setup.sh

setup-run:
	@scripts/setup.sh --run

# --- generated bindings and the frontend bundle -------------------------------

bindings: $(BINDINGS)

# The Go program embeds frontend/dist, so it needs the folder to compile even
# before the first frontend build. Generating runs the program, which opens a
# workspace before wails.Run: it gets a throw-away one, not the default
# workspace of whoever builds. $(GENERATED) says when it last ran; the hash file
# changes only when the generated code does, so a Go change that leaves the
# API alone rebuilds no frontend.
$(GENERATED): $(GO_SRC) | $(SETUP)
	@$(call step,"bindings (wails generate module; the first time compiles SQLite: a few minutes)")
	@mkdir -p frontend/dist; [ -n "$$(ls -A frontend/dist)" ] || touch frontend/dist/.placeholder
	@ws=$$(mktemp -d); trap 'rm -rf "$$ws"' EXIT; \
	  $(call long,"bindings") env POSTDECK_DATA_DIR="$$ws" wails generate module -tags $(TAGS)
	@h=$$(cd frontend/wailsjs && find . -type f ! -name .content-hash ! -name .generated | LC_ALL=C sort | xargs sha256sum | sha256sum); \
	  if [ "$$h" != "$$(cat $(BINDINGS) 2>/dev/null)" ]; then echo "$$h" > $(BINDINGS); fi
	@touch $@

# Remade by the rule above; make looks at its time again afterwards.
$(BINDINGS): $(GENERATED) ;

frontend: $(DIST)

$(DIST): $(FRONTEND_SRC) $(BINDINGS) | $(SETUP)
	@$(call step,"frontend (tsc + vite build)")
	@$(call long,"frontend") bash -c 'cd frontend && npm run --silent build'
	@touch $@

# --- the app ----------------------------------------------------------------

build: $(BIN)

# Built only when the Go code, the frontend bundle or the version changed:
# `make run` on an unchanged tree starts the app at once.
$(BIN): $(GO_SRC) $(DIST) $(BUILD_ID) wails.json
	@$(call step,"build $(BIN) $(VERSION) (the first time: several minutes)")
	@$(call long,"wails build") wails build -tags $(TAGS) -s -skipbindings -nosyncgomod -m -ldflags "$(LDFLAGS)"
	@ls -l $(BIN) | awk '{print "    " $$5 " bytes"}'

$(BUILD_ID):
	@mkdir -p $(@D); rm -f build/bin/.build-id-*; touch $@

# ARGS='--data-dir /tmp/ws' opens another workspace.
run: build
	./$(BIN) $(ARGS)

# The dev build serves the window's page and bindings over HTTP (devserver=…)
# for the end-to-end tests; `wails build -tags dev` cannot build it.
e2e-bin: frontend
	@$(call step,"build $(E2E_BIN)")
	@go build -tags dev,$(TAGS) -ldflags "$(LDFLAGS)" -o $(E2E_BIN) .

# --- tests -------------------------------------------------------------------

test: setup fmt-check frontend vet go-test go-fuzz typecheck vitest test-make test-e2e test-syncthing test-dist
	@$(call step,"all tests passed")

fmt-check:
	@$(call step,"gofmt")
	@files=$$(find . -name node_modules -prune -o -path ./.git -prune -o -name '*.go' -print | xargs -r gofmt -l); \
	  if [ -n "$$files" ]; then echo "gofmt: these files need formatting (run gofmt -w):"; echo "$$files"; exit 1; fi

vet: frontend
	@$(call step,"go vet")
	@go vet -tags $(TAGS) ./...

go-test: frontend
	@$(call step,"go test")
	@go test -tags $(TAGS) ./...

# A short fuzz of the draft checker on top of its seed corpus: any text gives
# spans inside it and no panic. FUZZTIME=2m for a longer run.
FUZZTIME ?= 10s
go-fuzz: frontend
	@$(call step,"go fuzz (checker, $(FUZZTIME))")
	@go test -tags $(TAGS) -run='^$$' -fuzz=FuzzCheck -fuzztime=$(FUZZTIME) ./backend/checker

typecheck: bindings
	@$(call step,"tsc --noEmit")
	@cd frontend && npm run --silent typecheck

vitest: bindings
	@$(call step,"vitest")
	@cd frontend && npm test --silent

# `make run`'s setup and a second build of an unchanged tree (scripts/test-make.sh).
test-make: setup
	@$(call step,"make run: setup and an unchanged rebuild")
	@scripts/test-make.sh

test-e2e: setup e2e-bin
	@$(call step,"end-to-end tests ($(E2E))")
	@cd e2e && node --test --test-concurrency=1 --test-timeout=300000 --test-reporter=spec $(E2E)

# --- release files (docs/RELEASE.md) ---------------------------------------------

# The Windows cross compiler, NSIS and Wine on top of what setup installs.
setup-dist:
	@scripts/setup.sh --dist

dist: setup-dist frontend
	@$(call step,"dist $(VERSION)")
	@VERSION=$(VERSION) COMMIT=$(COMMIT) BUILD_DATE=$(BUILD_DATE) scripts/dist.sh

# Builds dist/ with `make dist` in a clean copy of the tracked files (no
# node_modules, no generated code, nothing untracked), then installs the .deb
# and runs it, runs the Windows build under Wine, and checks the installer.
test-dist: setup-dist
	@$(call step,"test-dist $(VERSION)")
	@VERSION=$(VERSION) COMMIT=$(COMMIT) BUILD_DATE=$(BUILD_DATE) scripts/test-dist.sh

# --- the picture in the README -------------------------------------------------

screenshot: build e2e-bin
	@scripts/screenshot.sh

clean:
	rm -rf dist build/bin build/setup.log build/dist.log frontend/dist frontend/wailsjs frontend/package.json.md5 e2e/.artifacts

# --- shared-folder sync through a real Syncthing pair ---------------------------

# Two Syncthing instances on 127.0.0.1 in a private network namespace (needs
# root or user namespaces); the last step of `make test` (about 30 s). See
# scripts/test-syncthing.sh.
test-syncthing:
	@scripts/test-syncthing.sh
