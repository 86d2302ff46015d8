#!/usr/bin/env bash
# Builds each crate with the oldest Rust its manifest promises (`rust-version`): the codec's
# library with every feature (its dev-dependencies need a newer Rust, which does not bind
# its users), and vethctl and the kernel tests with all their targets. Installs the
# toolchains with rustup (minimal profile) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# `rust-version = "1.80"` in the given manifest.
rust_version() {
    sed -n 's/^rust-version = "\(.*\)"/\1/p' "$1"
}

check() {
    local version=$1
    shift
    rustup run "$version" rustc --version >/dev/null 2>&1 ||
        rustup toolchain install "$version" --profile minimal
    echo "== Rust $version: cargo check $*"
    cargo "+$version" check "$@"
}

check "$(rust_version Cargo.toml)" -p netlink-codec --lib --all-features
check "$(rust_version vethctl/Cargo.toml)" -p vethctl --all-targets
check "$(rust_version tests/Cargo.toml)" -p vethctl-tests --all-targets
