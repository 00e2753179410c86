#!/usr/bin/env bash
# Checks the Flatpak manifest as far as this machine can without Flathub's
# runtimes: flatpak-builder parses it (--show-manifest, which also reads
# go-modules.json), then the build is replayed here as flatpak-builder would
# run it: the sources laid out in a build folder (the working tree for the
# "dir" source; every Go module file copied from the local module cache and
# checked against the manifest's sha256), the manifest's build-options env
# and build-commands run with this machine's Go in place of the SDK
# extension's, into a stand-in for /app. The installed tree is then checked:
# the binary runs, was built with the flatpak tag and without network
# modules; the desktop file, metainfo, MIME file, icons and licence are
# where the manifest says, and valid.
# Usage: packaging/flatpak/check.sh   (work folder: build/flatpak-check)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
id=$(go run ./internal/version/gen -in FyneApp.toml -print | sed -n "s/^APP_ID='\(.*\)'/\1/p")
manifest=packaging/flatpak/$id.yml
work=$root/build/flatpak-check
bash .ci/release-deps.sh flatpak

chmod -R u+w "$work" 2>/dev/null || true
rm -rf "$work"
mkdir -p "$work/src" "$work/app"
# Run from the work folder, where flatpak-builder leaves its .flatpak-builder
# cache (1.2 has no --state-dir).
(cd "$work" && flatpak-builder --show-manifest "$root/$manifest") >"$work/manifest.json"
echo "ok    flatpak-builder $(flatpak-builder --version | awk '{print $2}') parses $manifest"

# Lay out the sources and write the build script.
git ls-files -z --cached --others --exclude-standard |
	while IFS= read -r -d '' f; do if [ -e "$f" ]; then printf '%s\0' "$f"; fi; done >"$work/files"
GOMODCACHE=$(go env GOMODCACHE) python3 - "$work" "$id" "$root/packaging/flatpak" <<'PY'
import hashlib, json, os, shlex, shutil, sys
work, app_id, mdir = sys.argv[1:4]
m = json.load(open(os.path.join(work, "manifest.json")))
assert m.get("id") == app_id, "manifest id %r, FyneApp.toml %r" % (m.get("id"), app_id)
mods = m["modules"]
assert len(mods) == 1 and isinstance(mods[0], dict), "want one module, got %r" % mods
mod = mods[0]
src = os.path.join(work, "src")
cache = os.path.join(os.environ["GOMODCACHE"], "cache", "download")
tree = [f for f in open(os.path.join(work, "files"), "rb").read().decode().split("\0") if f]
n_files = 0
for s in mod["sources"]:
    t = s.get("type")
    if t == "dir":
        base = os.path.normpath(os.path.join(mdir, s["path"]))
        assert base == os.path.dirname(os.path.dirname(mdir)), "dir source %s is not the repository" % base
        skip = set(s.get("skip", []))
        for f in tree:
            if f.split("/")[0] in skip:
                continue
            d = os.path.join(src, f)
            os.makedirs(os.path.dirname(d), exist_ok=True)
            shutil.copy2(os.path.join(base, f), d)
    elif t == "file":
        assert s["url"].startswith("https://proxy.golang.org/") and s["dest"].startswith("goproxy/"), s
        rel = s["dest"][len("goproxy/"):] + "/" + s["dest-filename"]
        data = open(os.path.join(cache, rel), "rb").read()
        got = hashlib.sha256(data).hexdigest()
        assert got == s["sha256"], "%s: sha256 %s, manifest says %s" % (s["url"], got, s["sha256"])
        d = os.path.join(src, s["dest"], s["dest-filename"])
        os.makedirs(os.path.dirname(d), exist_ok=True)
        open(d, "wb").write(data)
        n_files += 1
    else:
        raise SystemExit("source of type %r: only dir and file sources can be checked here" % t)
opts = dict(m.get("build-options", {}))
opts.update(mod.get("build-options", {}))
with open(os.path.join(work, "build.sh"), "w") as out:
    out.write("set -e\ncd %s\n" % shlex.quote(src))
    for k, v in opts.get("env", {}).items():
        out.write("export %s=%s\n" % (k, shlex.quote(v)))
    out.write("export FLATPAK_ID=%s FLATPAK_DEST=%s\n" % (shlex.quote(app_id), shlex.quote(os.path.join(work, "app"))))
    for c in mod["build-commands"]:
        out.write("echo %s\n" % shlex.quote("+ " + c))
        out.write("sh -ec %s\n" % shlex.quote(c))
print("ok    sources laid out: the working tree and %d Go module files, each matching its sha256" % n_files)
PY

# The SDK extension puts its go on PATH (append-path); here it is this machine's.
echo "build: $(go version) standing in for the SDK extension's"
start=$(date +%s)
if ! bash "$work/build.sh" >"$work/build.log" 2>&1; then
	echo "FAIL  the manifest's build-commands failed:"
	tail -20 "$work/build.log"
	exit 1
fi
echo "ok    build-commands ran in $(($(date +%s) - start)) s, offline (GOPROXY=file://…/goproxy, GOFLAGS=-mod=readonly)"

app=$work/app
fail=0
need() { if [ -f "$app/$1" ]; then echo "ok    installs $1"; else echo "FAIL  does not install $1"; fail=1; fi; }
need bin/evidence-reader
need "share/applications/$id.desktop"
need "share/metainfo/$id.metainfo.xml"
need "share/mime/packages/$id.xml"
need "share/icons/hicolor/scalable/apps/$id.svg"
for s in 16 24 32 48 64 128 256 512; do need "share/icons/hicolor/${s}x$s/apps/$id.png"; done
need "share/licenses/$id/LICENSE"
tags=$(go version -m "$app/bin/evidence-reader" | awk '$1 == "build" && $2 ~ /^-tags=/ {sub(/^-tags=/, "", $2); print $2}')
case ",$tags," in *,flatpak,*) echo "ok    built with -tags $tags" ;; *) echo "FAIL  built with -tags '$tags', no flatpak"; fail=1 ;; esac
case ",$tags," in *,accessibility,*) echo "FAIL  the Linux build has the accessibility tag"; fail=1 ;; esac
if "$app/bin/evidence-reader" version >/dev/null; then echo "ok    $("$app/bin/evidence-reader" version)"; else echo "FAIL  the built binary does not run"; fail=1; fi
desktop-file-validate "$app/share/applications/$id.desktop" && echo "ok    desktop-file-validate" || fail=1
bash .ci/check-appstream.sh "$app/share/metainfo/$id.metainfo.xml" || fail=1
if [ -f "$app/share/mime/packages/$id.xml" ]; then
	if xmllint --noout "$app/share/mime/packages/$id.xml"; then echo "ok    the MIME file is well-formed XML"; else fail=1; fi
fi
exit $fail
