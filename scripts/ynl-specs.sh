#!/usr/bin/env bash
# Puts the kernel's YNL rtnetlink specs (Documentation/netlink/specs/rt_{link,addr,route}.yaml)
# where netlink-codec's tests/ynl.rs reads them: the directory $YNL_SPECS (an absolute path;
# by default target/ynl-specs). They come from Debian's linux-source-6.12, installed with
# apt-get when missing (root); only these files are taken out of its tarball, and the
# repository does not carry them. Does nothing when the directory already has them.
set -euo pipefail
cd "$(dirname "$0")/.."

version=6.12
dest=${YNL_SPECS:-$PWD/target/ynl-specs}
tarball=/usr/src/linux-source-$version.tar.xz
# Linux 6.12 spells them with `_` (later trees: rt-link.yaml) and has no rt-neigh/rt-rule.
specs=(rt_link rt_addr rt_route)

have_all() {
    for s in "${specs[@]}"; do
        [ -s "$dest/$s.yaml" ] || return 1
    done
}

if have_all; then
    echo "ynl-specs: $dest has the specs"
    exit 0
fi
if [ ! -f "$tarball" ]; then
    echo "ynl-specs: installing linux-source-$version"
    apt-get install -y -qq --no-install-recommends "linux-source-$version" >/dev/null ||
        { apt-get update -qq && apt-get install -y -qq --no-install-recommends "linux-source-$version" >/dev/null; }
fi

members=()
for s in "${specs[@]}"; do
    members+=("linux-source-$version/Documentation/netlink/specs/$s.yaml")
done
mkdir -p "$dest"
# --occurrence=1: stop once each member is found. Documentation/ comes early in the
# archive, so tar reads about 1 s of the xz stream instead of decompressing all 150 MB.
tar -xJf "$tarball" -C "$dest" --strip-components=4 --occurrence=1 "${members[@]}"
have_all || {
    echo "ynl-specs: $tarball did not have ${specs[*]}" >&2
    exit 1
}
echo "ynl-specs: extracted ${specs[*]} from $tarball into $dest"
