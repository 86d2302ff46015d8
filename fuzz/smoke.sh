#!/usr/bin/env bash
# Smoke-run every fuzz target for N seconds (default 30; or $FUZZ_SECONDS), starting from
# its seed corpus, fuzz/seeds/<target> if there is one, else fuzz/seeds/decode (the golden
# captures). New inputs go to
# fuzz/corpus/<target> (gitignored); a crash stops the run with a non-zero exit and
# leaves the input in fuzz/artifacts/<target>.
#
#   ./fuzz/smoke.sh          # 30 s per target
#   ./fuzz/smoke.sh 300      # 5 min per target
set -euo pipefail
secs="${1:-${FUZZ_SECONDS:-30}}"
cd "$(dirname "$0")"

if ! rustup toolchain list | grep -q '^nightly'; then
    rustup toolchain install nightly --profile minimal
fi
if ! command -v cargo-fuzz >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

for target in $(cargo +nightly fuzz list); do
    echo "== fuzz $target for ${secs}s"
    mkdir -p "corpus/$target"
    seeds="seeds/$target"
    [ -d "$seeds" ] || seeds=seeds/decode
    cargo +nightly fuzz run "$target" "corpus/$target" "$seeds" -- \
        -max_total_time="$secs" -print_final_stats=1
done
