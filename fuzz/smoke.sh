#!/usr/bin/env bash
# Smoke-run every fuzz target for N seconds (default 30; or $FUZZ_SECONDS), starting from
# its seed corpus, fuzz/seeds/<target> if there is one, else fuzz/seeds/decode (the golden
# captures and hostile inputs). Half the time runs with libFuzzer's default input size
# (the largest seed, at least 4 KiB), half with inputs up to 64 KiB (-max_len=65536), where
# nesting thousands of levels deep lives (4 bytes a level). New inputs go to
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

half=$(((secs + 1) / 2))
for target in $(cargo +nightly fuzz list); do
    mkdir -p "corpus/$target"
    seeds="seeds/$target"
    [ -d "$seeds" ] || seeds=seeds/decode
    for max_len in default 65536; do
        echo "== fuzz $target for ${half}s, max_len $max_len"
        len_flag=()
        [ "$max_len" = default ] || len_flag=(-max_len="$max_len")
        cargo +nightly fuzz run "$target" "corpus/$target" "$seeds" -- \
            -max_total_time="$half" -print_final_stats=1 "${len_flag[@]}"
    done
done
