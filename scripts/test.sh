#!/usr/bin/env bash
# Runs every test of the workspace: the codec's unit, golden, property, differential and
# allocation tests, vethctl's unit and audit tests, and the kernel tests that drive vethctl
# in real network namespaces (the `vethctl-tests` crate).
#
# Needs root (the kernel tests create network namespaces). Builds first, outside (that may
# fetch crates); then the tests run inside a fresh network + mount namespace with a private
# /run. That namespace has nothing but `lo`, and every kernel test makes its own namespaces
# below it, so not even a buggy test can touch this machine's own interfaces, routes or
# sysctls. CI=true turns "cannot create a network namespace" from a skip into a failure.
#
# Arguments replace `--workspace` and go to `cargo test`, e.g.
#   scripts/test.sh -p vethctl-tests crash      # one area of the kernel tests
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
    echo "scripts/test.sh: the kernel tests need root (network namespaces); run it as root" >&2
    exit 2
fi
for tool in ip nsenter unshare ping timeout; do
    command -v "$tool" >/dev/null || {
        echo "scripts/test.sh: '$tool' is missing (apt-get install iproute2 iputils-ping util-linux)" >&2
        exit 2
    }
done
[ "$#" -gt 0 ] || set -- --workspace

echo "== build (vethctl and the test binaries)"
cargo build --workspace --all-targets
cargo test --no-run "$@"

echo "== tests, inside a private network + mount namespace"
exec unshare --mount --net --propagation private -- sh -ec '
    mount -t tmpfs tmpfs /run
    ip link set lo up
    exec cargo test --offline --no-fail-fast "$@"
' sh "$@"
