#!/usr/bin/env bash
# Runs the kernel tests (the `vethctl-tests` crate): vethctl driven in real network
# namespaces, checked with iproute2's JSON output and /proc/sys.
#
# Needs root. Builds first, outside (that may fetch crates); then the test binaries run
# inside a fresh network + mount namespace with a private /run. That namespace has
# nothing but `lo`, and every test makes its own namespaces below it, so not even a
# buggy test can touch this machine's own interfaces, routes or sysctls.
#
# Extra arguments go to `cargo test` (e.g. a test name filter, or `-- --nocapture`).
# CI=true turns "cannot create a network namespace" from a skip into a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
    echo "scripts/test-kernel.sh: the kernel tests need root (network namespaces)" >&2
    exit 2
fi
for tool in ip nsenter unshare ping timeout; do
    command -v "$tool" >/dev/null || {
        echo "scripts/test-kernel.sh: '$tool' is missing (apt-get install iproute2 iputils-ping util-linux)" >&2
        exit 2
    }
done

echo "== build (vethctl and the test binaries)"
cargo build --workspace --all-targets

echo "== kernel tests, inside a private network + mount namespace"
exec unshare --mount --net --propagation private -- sh -ec '
    mount -t tmpfs tmpfs /run
    exec cargo test --offline --no-fail-fast -p vethctl-tests "$@"
' sh "$@"
