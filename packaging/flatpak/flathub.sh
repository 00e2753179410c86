#!/usr/bin/env bash
# Writes the files of the Flathub repository for a release: the manifest,
# building the release tag at its commit instead of the working tree, and
# go-modules.json.
# Usage: packaging/flatpak/flathub.sh vX.Y.Z OUTDIR [COMMIT]
#   COMMIT defaults to the commit the tag names in this clone.
set -euo pipefail
cd "$(dirname "$0")/../.."
tag=${1:?usage: flathub.sh vX.Y.Z OUTDIR [COMMIT]}
out=${2:?usage: flathub.sh vX.Y.Z OUTDIR [COMMIT]}
commit=${3:-$(git rev-parse --verify --quiet "refs/tags/$tag^{commit}" || true)}
[ -n "$commit" ] || { echo "flathub.sh: no tag $tag here: tag the release first, or give its commit" >&2; exit 1; }
[[ $commit =~ ^[0-9a-f]{40}$ ]] || { echo "flathub.sh: $commit is not a full commit hash" >&2; exit 1; }
id=$(go run ./internal/version/gen -in FyneApp.toml -print | sed -n "s/^APP_ID='\(.*\)'/\1/p")
version=$(go run ./internal/version/gen -in FyneApp.toml -print | sed -n "s/^APP_VERSION='\(.*\)'/\1/p")
[ "$tag" = "v$version" ] || { echo "flathub.sh: tag $tag, but FyneApp.toml says version $version" >&2; exit 1; }
manifest=packaging/flatpak/$id.yml
grep -q '^      # end of the app source$' "$manifest" || { echo "flathub.sh: no end marker in $manifest" >&2; exit 1; }
mkdir -p "$out"
awk -v tag="$tag" -v commit="$commit" '
	/^      # flathub.sh replaces/ { skip = 1
		print "      - type: git"
		print "        url: https://github.com/evidence-reader/evidence-reader.git"
		print "        tag: " tag
		print "        commit: " commit
		next }
	skip && /^      # end of the app source$/ { skip = 0; next }
	!skip' "$manifest" >"$out/$id.yml"
cp packaging/flatpak/go-modules.json "$out/go-modules.json"
echo "flathub.sh: wrote $out/$id.yml ($tag at $commit) and $out/go-modules.json"
