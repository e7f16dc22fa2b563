# Shared by scripts/demo and scripts/test: install what is missing, then build.
# shellcheck shell=bash

# Debian 12 packages: build tools, the LibreOffice 7.4 SDK and Writer, Poco, fmt, Catch2, and the
# tools the tests use (xmllint for the ODF schema, pdftotext, Xvfb for the one test with a real
# user interface). --no-install-recommends keeps Java out.
RAADSBRIEF_PACKAGES=(
  cmake g++ make zip
  libreoffice-dev libreoffice-dev-common libreoffice-writer libreoffice-calc fonts-liberation2
  libpoco-dev libfmt-dev catch2
  libxml2-utils poppler-utils python3-uno xvfb
  libreoffice-l10n-nl imagemagick
)

raadsbrief_install_deps() {
  raadsbrief_install_packages "${RAADSBRIEF_PACKAGES[@]}"
}

# raadsbrief_install_packages PACKAGE...: apt-get install those of them that are missing.
raadsbrief_install_packages() {
  local missing=()
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> Installing: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      echo "Missing packages and no root rights. Ask an administrator to run:" >&2
      echo "  apt-get install --no-install-recommends ${missing[*]}" >&2
      exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# The C++ sources clang-format owns: everything we write under src/, tests/ and bench/ (NUL-separated).
raadsbrief_cxx_sources() {
  local top=$1
  if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git -C "$top" ls-files -z --cached --others --exclude-standard -- 'src/*.cpp' 'src/*.hpp' 'src/*.cxx' 'src/*.hxx' \
      'tests/*.cpp' 'tests/*.hpp' 'tests/*.cxx' 'tests/*.hxx' \
      'bench/*.cpp' 'bench/*.hpp' 'bench/*.cxx' 'bench/*.hxx'
  else
    (cd "$top" && find src tests bench -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.cxx' -o -name '*.hxx' \) -print0)
  fi
}

raadsbrief_build() {
  local top=$1
  shift  # further arguments: extra cmake options (scripts/test: -DRAADSBRIEF_WERROR=ON)
  echo "==> Building in $top/build"
  cmake -S "$top" -B "$top/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$top/build" -j"$(nproc)"
}
