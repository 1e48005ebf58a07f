#!/usr/bin/env bash
# Sets up ceasewatch and runs the main job on the bundled example articles into ./ceasewatch.duckdb.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ceasewatch run examples/ --db ceasewatch.duckdb "$@"
