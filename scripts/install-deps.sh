#!/usr/bin/env bash
# Installs everything the build, the tests and the browser smoke test need on Debian 12, as root.
# Idempotent: when every package is already installed it only checks dpkg and node_modules
# (well under a second), so `make test` can call it every time.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages. nodejs/npm are handled separately below (some machines carry NodeSource's
# nodejs, which bundles npm and conflicts with Debian's npm package).
PACKAGES=(
  build-essential dpkg-dev xz-utils pkg-config ca-certificates cmake ninja-build ccache
  emscripten                        # em++ 3.1.6 with clang/lld 14, binaryen, prebuilt sysroot libs
  libyaml-cpp-dev nlohmann-json3-dev libcpp-httplib-dev
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  clang libclang-rt-14-dev          # clang + compiler-rt (libFuzzer, sanitizer runtimes)
  chromium                          # headless browser for tests/browser (driven by playwright-core)
  fonts-wqy-microhei                # TrueType CJK font for the UI
  fonts-liberation                  # a Latin font for page text in headless chromium (a chromium Recommends)
  python3-fonttools                 # subsets the fonts embedded in the browser bundle (src/platform)
)

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

is_installed() {
  [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == "installed" ]]
}

# Enable Debian source packages (scripts/fetch-third-party.sh needs `apt-get source`), derived
# from the archive entries apt already uses, deb822 or one-line format.
SRC_ADDED=0
enable_deb_src() {
  local deb822=/etc/apt/sources.list.d/debian.sources
  local out822=/etc/apt/sources.list.d/debian-src.sources
  local outlist=/etc/apt/sources.list.d/debian-src.list
  if grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    return
  fi
  if [[ -f $deb822 ]]; then
    sed 's/^Types: deb$/Types: deb-src/' "$deb822" | as_root tee "$out822" >/dev/null
  elif [[ -f /etc/apt/sources.list ]]; then
    grep -E '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' | as_root tee "$outlist" >/dev/null
  else
    echo "install-deps: no Debian apt sources found to derive deb-src entries from" >&2
    exit 1
  fi
  echo "install-deps: enabled deb-src entries"
  SRC_ADDED=1
}

enable_deb_src

missing=()
for p in "${PACKAGES[@]}"; do
  is_installed "$p" || missing+=("$p")
done
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)

if (( ${#missing[@]} > 0 || SRC_ADDED )); then
  echo "install-deps: apt-get update"
  as_root apt-get update -qq
fi
if (( ${#missing[@]} > 0 )); then
  echo "install-deps: installing ${missing[*]}"
  # --no-install-recommends keeps the install lean (chromium alone recommends a desktop stack).
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

# playwright-core from the npm registry, exactly as pinned in package-lock.json. It drives
# Debian's /usr/bin/chromium; it never downloads a browser of its own.
lock_version=$(node -p "require('./package-lock.json').packages['node_modules/playwright-core'].version")
have_version=$(node -p "try { require('./node_modules/playwright-core/package.json').version } catch (e) { '' }")
if [[ "$lock_version" != "$have_version" ]]; then
  echo "install-deps: npm ci (playwright-core $lock_version)"
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "install-deps: ok"
