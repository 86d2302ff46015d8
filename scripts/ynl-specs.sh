#!/usr/bin/env bash
# Puts the kernel's YNL rtnetlink specs (Documentation/netlink/specs/rt-{link,addr,route,
# neigh,rule}.yaml) where netlink-codec's tests/ynl.rs reads them: the directory $YNL_SPECS
# (an absolute path; by default target/ynl-specs). The repository does not carry them.
#
# They come from the crates.io package netlink-bindings (MIT OR Apache-2.0), which ships the
# kernel's specs verbatim (those of a 6.19 tree) as src/rt-*/rt-*.yaml. cargo fetches it into
# its registry cache like any crate (a throwaway manifest under target/; no workspace crate
# depends on it), and only these five files are taken out of the .crate. Its
# *.overrides.yaml are the package's own, not the kernel's, and are left alone; each file
# taken must carry the kernel's SPDX line, so that a changed package cannot slip in another.
# Does nothing when the directory already has them.
set -euo pipefail
cd "$(dirname "$0")/.."

package=netlink-bindings
version=0.3.5
dest=${YNL_SPECS:-$PWD/target/ynl-specs}
specs=(rt-link rt-addr rt-route rt-neigh rt-rule)
spdx='# SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)'

have_all() {
    for s in "${specs[@]}"; do
        [ -s "$dest/$s.yaml" ] || return 1
    done
}

if have_all; then
    echo "ynl-specs: $dest has the specs"
    exit 0
fi

fetch=$PWD/target/ynl-fetch
mkdir -p "$fetch/src"
cat >"$fetch/Cargo.toml" <<EOF
[package]
name = "ynl-fetch"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
$package = { version = "=$version", default-features = false }

[workspace]
EOF
: >"$fetch/src/lib.rs"
cargo fetch --quiet --manifest-path "$fetch/Cargo.toml"

cache=${CARGO_HOME:-$HOME/.cargo}/registry/cache
crate=$(ls "$cache"/*/"$package-$version.crate" | head -n 1)
members=()
for s in "${specs[@]}"; do
    members+=("$package-$version/src/$s/$s.yaml")
done
mkdir -p "$dest"
tar -xzf "$crate" -C "$dest" --strip-components=3 "${members[@]}"

for s in "${specs[@]}"; do
    if [ "$(head -n 1 "$dest/$s.yaml")" != "$spdx" ]; then
        for t in "${specs[@]}"; do rm -f "$dest/$t.yaml"; done
        echo "ynl-specs: $s.yaml of $crate lacks the kernel's SPDX line ($spdx)" >&2
        exit 1
    fi
done
echo "ynl-specs: extracted ${specs[*]} from $crate into $dest"
