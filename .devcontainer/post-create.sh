#!/usr/bin/env bash
# Runs once when the dev container is created: restores and builds the course, then builds the
# `course` command (its first call publishes it), so the first `./course run 00` starts at once;
# installs current FastAPI for the notebooks' FastAPI twins.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "dotnet SDK $(dotnet --version)"
dotnet restore Course.sln
dotnet build Course.sln --no-restore -nologo
./course list
# The notebooks' FastAPI twins run current FastAPI and uvicorn live (without them they show recorded exchanges): in a
# virtual environment of their own, which devcontainer.json names in COURSE_PYTHON.
venv="$HOME/.local/share/course-fastapi"
if { python3 -m venv "$venv" 2>/dev/null || { sudo apt-get update -qq && sudo apt-get install -y -qq python3-venv >/dev/null && python3 -m venv "$venv"; }; } &&
  "$venv/bin/pip" install --quiet --upgrade fastapi uvicorn; then
  echo "FastAPI twins: $("$venv/bin/python" -c 'import fastapi, pydantic, uvicorn; print("FastAPI", fastapi.__version__, "· Pydantic", pydantic.VERSION, "· uvicorn", uvicorn.__version__)')"
else
  echo "FastAPI twins: could not install FastAPI; the notebooks show their recorded exchanges instead." >&2
fi
# VS Code's Jupyter extension and JupyterLab then find the .net-csharp kernel the notebooks ask for.
./course kernel install --user
echo "Ready: try ./course run 00"
