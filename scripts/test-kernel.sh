#!/usr/bin/env bash
# Only the kernel tests (vethctl in real network namespaces); see scripts/test.sh.
# Extra arguments go to `cargo test` (a test name filter, or `-- --nocapture`).
exec "$(dirname "$0")/test.sh" -p vethctl-tests "$@"
