#!/usr/bin/env bash
# Runs every test of the workspace: codec unit/golden/property/differential tests, the
# vethctl unit and audit tests, and the kernel tests that wire pods in real namespaces.
#
# Needs root (the kernel tests create network namespaces). Everything is built first (that
# may fetch crates), then the tests run inside a fresh network + mount namespace with a
# private /run, so not even a buggy test can touch this machine's own network.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
    echo "scripts/test.sh: the kernel tests need root (network namespaces); run it as root" >&2
    exit 2
fi

cargo build --workspace --all-targets
cargo test --workspace --no-run

exec unshare --mount --net --propagation private -- sh -ec '
    mount -t tmpfs tmpfs /run
    ip link set lo up
    exec cargo test --workspace --offline "$@"
' sh "$@"
