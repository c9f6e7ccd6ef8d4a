#!/usr/bin/env bash
# The Scan step of action.yml: builds trustscan's arguments from the INPUT_* variables (never from template
# expansion), runs the scan, appends the Markdown summary, and sets the exit-code and report outputs.
set -uo pipefail

cli=(node "$GITHUB_ACTION_PATH/dist/cli.js")

# The paths are separated by spaces or new lines; each may be a glob (shards/shard-*), kept as written when it
# matches nothing (the scan then names it).
read -r -d '' -a words <<<"$(printf '%s' "${INPUT_PATHS:-}" | tr '\n' ' ')"
shopt -s nullglob
paths=()
for word in "${words[@]}"; do
  # shellcheck disable=SC2206 # the word is expanded as a glob on purpose
  matches=($word)
  if [ "${#matches[@]}" -eq 0 ]; then paths+=("$word"); else paths+=("${matches[@]}"); fi
done
shopt -u nullglob
if [ "${#paths[@]}" -eq 0 ]; then
  echo "::error::trustscan: the paths input is empty"
  echo "exit-code=2" >>"$GITHUB_OUTPUT"
  exit 2
fi

common=()
[ -n "${INPUT_CONFIG:-}" ] && common+=(--config "$INPUT_CONFIG")
[ -n "${INPUT_ZONE:-}" ] && common+=(--zone "$INPUT_ZONE")
[ -n "${INPUT_BASELINE:-}" ] && common+=(--baseline "$INPUT_BASELINE")
[ "${INPUT_ALLOW_INCOMPLETE:-false}" = "true" ] && common+=(--allow-incomplete)

report=(--format "${INPUT_FORMAT:-sarif}" --output "${INPUT_OUTPUT:-trustscan.sarif}")
[ -n "${INPUT_FAIL_ON:-}" ] && report+=(--fail-on "$INPUT_FAIL_ON")
[ "${INPUT_FAIL_ON_NEW:-false}" = "true" ] && report+=(--fail-on-new)
[ -n "${INPUT_CATEGORY:-}" ] && report+=(--category "$INPUT_CATEGORY")
[ -n "${INPUT_SARIF_SPLIT:-}" ] && report+=(--sarif-split "$INPUT_SARIF_SPLIT")

# The job summary is the same scan as Markdown. It runs first: the report may replace the baseline file (last
# week's SARIF, compared and then overwritten), and the summary must be compared with last week's too. Its errors
# are the main scan's, which prints them.
summary_file="$(mktemp)"
trap 'rm -f "$summary_file"' EXIT
if [ "${INPUT_SUMMARY:-true}" = "true" ]; then
  "${cli[@]}" scan "${paths[@]}" "${common[@]}" --format markdown --fail-on none --quiet >"$summary_file" 2>/dev/null || true
fi

# A first run has no reports directory yet.
if [ "${INPUT_SARIF_SPLIT:-none}" != "account" ]; then mkdir -p "$(dirname "${INPUT_OUTPUT:-trustscan.sarif}")"; fi

status=0
"${cli[@]}" scan "${paths[@]}" "${common[@]}" "${report[@]}" || status=$?
echo "exit-code=$status" >>"$GITHUB_OUTPUT"
echo "report=${INPUT_OUTPUT:-trustscan.sarif}" >>"$GITHUB_OUTPUT"

if [ "$status" -ne 2 ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$summary_file" >>"$GITHUB_STEP_SUMMARY"; fi

if [ "${INPUT_FAIL:-true}" = "true" ]; then exit "$status"; fi
exit 0
