#!/usr/bin/env bash
# Packages netlink-codec the way a registry would receive it, unpacks the .crate into a
# scratch directory and runs its tests there, away from the workspace: a test, example or
# doc that reaches outside the crate (a `#[path]` or a file of a sibling crate) fails here.
#
# The workspace's Cargo.lock pins the same dependency versions as the workspace build, and
# the workspace's target directory is shared, so the registry dependencies are not built
# again. Arguments go to `cargo package` (e.g. --allow-dirty while editing).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

echo "== package netlink-codec"
cargo package -p netlink-codec --no-verify "$@"
version=$(cargo pkgid -p netlink-codec | sed 's/.*[@#]//')
crate="target/package/netlink-codec-$version.crate"

# A fixed place, unpacked afresh with new mtimes (-m), so that cargo never reuses a test
# binary built from an older unpacking (env!("CARGO_MANIFEST_DIR") is baked in).
scratch="$root/target/package-check"
rm -rf "$scratch"
mkdir -p "$scratch"
tar -xzmf "$crate" -C "$scratch"
dir="$scratch/netlink-codec-$version"
# Its own workspace, with the workspace's lock file.
printf '\n[workspace]\n' >>"$dir/Cargo.toml"
cp Cargo.lock "$dir/"

echo "== test the packaged crate ($crate)"
cd "$dir"
# Unit, integration and doc tests, with every feature (`render` has its own tests); the
# examples are built too.
CARGO_TARGET_DIR="$root/target" cargo test --offline --all-features
