#!/usr/bin/env bash
# The kernel's tests drive it with real Jupyter clients, Debian's packages, through /usr/bin/python3 (another python3
# earlier on PATH may not have them). 'dotnet test' runs this before the kernel's tests (see the project file): it
# installs the packages when they are missing and it may (root, or sudo without a password), or says what to install.
set -uo pipefail
python="${COURSE_TESTS_PYTHON:-/usr/bin/python3}" # another interpreter only for the script's own test
packages="python3-jupyter-client python3-nbclient python3-nbformat python3-jupyter-kernel-test jupyter-core"
if "$python" -c "import jupyter_client, nbclient, nbformat, jupyter_kernel_test" >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "course tests: the kernel's tests need Jupyter's clients for /usr/bin/python3: install jupyter_client, nbclient, nbformat and jupyter_kernel_test for it" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if sudo -n true >/dev/null 2>&1; then
    sudo="sudo -n"
  else
    echo "course tests: the kernel's tests need Debian's Jupyter clients; install them with: sudo apt-get install -y $packages" >&2
    exit 1
  fi
fi
echo "course tests: installing the Jupyter clients the kernel's tests drive (apt-get install $packages)..."
$sudo apt-get update -qq &&
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null &&
  echo "course tests: installed." ||
  { echo "course tests: could not install $packages" >&2; exit 1; }
