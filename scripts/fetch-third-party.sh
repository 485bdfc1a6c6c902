#!/usr/bin/env bash
# Unpacks the upstream sources of Dear ImGui and yaml-cpp from Debian's source packages into
# third_party/ (git-ignored; third-party code is never committed). The wasm build compiles them
# with em++ because Debian's -dev packages only ship native libraries. GoogleTest's source is
# used straight from /usr/src/googletest (package googletest) and is not copied.
# Idempotent: a folder that is already unpacked (has its stamp file) is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE=${STS_DEBSRC_CACHE:-third_party/.debsrc}   # downloaded .dsc/.orig.tar.xz files
mkdir -p third_party "$CACHE"

# fetch <source package> <dest dir>
fetch() {
  local pkg=$1 dest=third_party/$2
  if [[ -f $dest/.sts-unpacked ]]; then
    return
  fi
  local orig
  orig=$(ls "$CACHE"/"${pkg}"_*.orig.tar.* 2>/dev/null | head -n1 || true)
  if [[ -z $orig ]]; then
    echo "fetch-third-party: apt-get source --download-only $pkg"
    # Runs as root, so apt warns that it downloads unsandboxed: expected, silenced.
    (cd "$CACHE" && apt-get source -qq --download-only "$pkg" 2>&1 | grep -v 'unsandboxed' || true)
    orig=$(ls "$CACHE"/"${pkg}"_*.orig.tar.* 2>/dev/null | head -n1 || true)
    if [[ -z $orig ]]; then
      echo "fetch-third-party: could not download source package $pkg (is deb-src enabled? run scripts/install-deps.sh)" >&2
      exit 1
    fi
  fi
  # Upstream sources only (the .orig tarball); Debian's packaging patches are not needed.
  rm -rf "$dest" "$dest.tmp"
  mkdir -p "$dest.tmp"
  tar -xf "$orig" -C "$dest.tmp" --strip-components=1
  basename "$orig" > "$dest.tmp/.sts-unpacked"
  mv "$dest.tmp" "$dest"
  echo "fetch-third-party: unpacked $(basename "$orig") into $dest"
}

fetch imgui imgui
fetch yaml-cpp yaml-cpp

if [[ ! -f /usr/src/googletest/CMakeLists.txt ]]; then
  echo "fetch-third-party: /usr/src/googletest is missing (package googletest; run scripts/install-deps.sh)" >&2
  exit 1
fi
echo "fetch-third-party: ok ($(cat third_party/imgui/.sts-unpacked), $(cat third_party/yaml-cpp/.sts-unpacked))"
