# Sourced by make, .ci/run and every script: puts the project's Node 24 and pnpm first on PATH.
FRACTA_ROOT="${FRACTA_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export FRACTA_ROOT
export PATH="$FRACTA_ROOT/.tools/bin:$FRACTA_ROOT/node_modules/.bin:$PATH"
