#!/usr/bin/env bash
# Some tests drive Debian's Python packages through /usr/bin/python3 (another python3 earlier on PATH may not have them):
# the kernel's tests drive real Jupyter clients, the FastAPI twins run FastAPI under uvicorn. 'dotnet test' runs this
# before those tests (see their project files): it installs the packages when they are missing and it may (root, or
# sudo without a password), or says what to install.
# Usage: python-packages.sh "<what, for the messages>" "<modules to import>" <Debian packages...>
set -uo pipefail
what="$1"
modules="$2"
shift 2
packages="$*"
python="${COURSE_TESTS_PYTHON:-/usr/bin/python3}" # another interpreter only for the script's own test
if "$python" -c "import ${modules// /, }" >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "course tests: the tests need $what for /usr/bin/python3: install Python's $modules for it" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if sudo -n true >/dev/null 2>&1; then
    sudo="sudo -n"
  else
    echo "course tests: the tests need $what; install them with: sudo apt-get install -y $packages" >&2
    exit 1
  fi
fi
# Test projects run side by side: one apt-get at a time.
lock=""
if command -v flock >/dev/null 2>&1; then
  lock="flock ${TMPDIR:-/tmp}/course-tests-apt.lock"
fi
echo "course tests: installing $what (apt-get install $packages)..."
$lock $sudo apt-get update -qq &&
  $lock $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null &&
  echo "course tests: installed." ||
  { echo "course tests: could not install $packages" >&2; exit 1; }
