#!/usr/bin/env bash
# Runs once when the dev container is created: restores and builds the course, then builds the
# `course` command (its first call publishes it), so the first `./course run 00` starts at once.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "dotnet SDK $(dotnet --version)"
dotnet restore Course.sln
dotnet build Course.sln --no-restore -nologo
./course list
# VS Code's Jupyter extension and JupyterLab then find the .net-csharp kernel the notebooks ask for.
./course kernel install --user
echo "Ready: try ./course run 00"
