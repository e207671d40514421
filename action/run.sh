#!/usr/bin/env bash
# The work of action.yml: on a pull request, `docsnip review` against the
# base commit (the Markdown report goes to the job summary and to the
# `report` output, the new problems become annotations); on other events,
# `docsnip check` (annotations, and the exit code).
# Environment: GITHUB_ACTION_PATH, RUNNER_TEMP, GITHUB_STEP_SUMMARY,
# GITHUB_OUTPUT (set by the runner); DOCSNIP_EVENT, DOCSNIP_BASE,
# DOCSNIP_ROOT, DOCSNIP_ARGS (set by action.yml).
set -euo pipefail

docsnip=(node "$GITHUB_ACTION_PATH/bin/docsnip.js")
options=()
if [ -n "${DOCSNIP_ROOT:-}" ]; then options+=(--root "$DOCSNIP_ROOT"); fi
if [ -n "${DOCSNIP_ARGS:-}" ]; then
  read -r -a extra <<< "$DOCSNIP_ARGS"
  options+=("${extra[@]}")
fi

case "${DOCSNIP_EVENT:-}" in
  pull_request | pull_request_target)
    if [ -z "${DOCSNIP_BASE:-}" ]; then
      echo "docsnip: no base commit for this pull request" >&2
      exit 2
    fi
    # The base commit must be in the clone (actions/checkout fetches one commit by default).
    if ! git cat-file -e "${DOCSNIP_BASE}^{commit}" 2>/dev/null; then
      git fetch --quiet --no-tags --depth=1 origin "$DOCSNIP_BASE"
    fi
    report="$RUNNER_TEMP/docsnip-review.md"
    status=0
    "${docsnip[@]}" review --base "$DOCSNIP_BASE" --format markdown --output "$report" "${options[@]}" || status=$?
    if [ "$status" -ge 2 ]; then exit "$status"; fi
    cat "$report" >> "$GITHUB_STEP_SUMMARY"
    echo "report=$report" >> "$GITHUB_OUTPUT"
    # Annotations on the changed lines; the exit code is the review's.
    "${docsnip[@]}" review --base "$DOCSNIP_BASE" --format github "${options[@]}" || true
    exit "$status"
    ;;
  *)
    "${docsnip[@]}" check --format github "${options[@]}"
    ;;
esac
