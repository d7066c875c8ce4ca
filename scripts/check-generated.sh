#!/usr/bin/env bash
# Regenerates the Langium artefacts from grammar/ and fails when they differ from what is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent langium:generate >/dev/null
generated=(packages/language/src/generated packages/language/syntaxes)
if ! git diff --exit-code --stat -- "${generated[@]}" || [ -n "$(git status --porcelain -- "${generated[@]}")" ]; then
    echo "The generated Langium files are out of date: run 'npm run langium:generate' and commit the result." >&2
    exit 1
fi
echo "Generated Langium files are up to date."
