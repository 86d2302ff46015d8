#!/usr/bin/env bash
# Where the time of a vethctl setup grows with the number of pods: `perf record -a -g` of K
# setups in an empty host namespace and of K setups with N pods present, then the kernel
# functions under vethctl's netlink requests, in µs per setup (samples × sampling period /
# K; perf's own overhead inflates all figures alike, so compare the two columns).
#
#   bench/profile-scaling.sh [N] [K]     (defaults 1000 and 50; needs root and perf)
#
# Like bench/wiring.sh it runs in throwaway namespaces (`unshare --mount --net`): the host
# is a new network namespace, set up as bench/wiring.sh sets up its host, and each pod is an
# `unshare -n sleep` process.
set -euo pipefail
N=${1:-1000}
K=${2:-50}
F=15000 # samples per second and CPU
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VETHCTL=${VETHCTL:-$ROOT/target/release/vethctl}
if [[ -z ${PROFILE_INNER:-} ]]; then
    [[ $(id -u) == 0 ]] || { echo "profile-scaling.sh: needs root (namespaces, perf)" >&2; exit 1; }
    command -v perf >/dev/null || { echo "profile-scaling.sh: perf is missing (apt-get install linux-perf)" >&2; exit 1; }
    (cd "$ROOT" && cargo build --release -q -p vethctl)
    export VETHCTL
    exec unshare --mount --net --propagation private env PROFILE_INNER=1 bash "$0" "$N" "$K"
fi

T=$(mktemp -d /tmp/profile-scaling.XXXXXX)
PODS=()
trap 'kill "${PODS[@]}" 2>/dev/null || :; rm -rf "$T"' EXIT
# The host as in bench/wiring.sh: global addresses on lo (without one, every IPv4 host
# route's preferred-source lookup, inet_select_addr, scans all devices), and a stand-in
# uplink with the default route.
ip link set lo up
ip addr add 10.255.0.1/32 dev lo
ip addr add fd00:ff::1/128 dev lo
ip link add upl0 type veth peer name upl1
ip link set upl0 up
ip link set upl1 up
ip route add default dev upl0
for ((i = 1; i <= N + 2 * K; i++)); do
    unshare -n sleep 100000 >/dev/null 2>&1 &
    PODS[i]=$!
done
for ((i = 1; i <= N + 2 * K; i++)); do
    until [[ $(readlink "/proc/${PODS[i]}/ns/net") != "$(readlink /proc/self/ns/net)" ]]; do sleep 0.01; done
done
# setups FIRST LAST: pods FIRST..LAST, one after the other.
setups() {
    local i
    for ((i = $1; i <= $2; i++)); do
        "$VETHCTL" setup --container-id "pod$i" --netns "/proc/${PODS[i]}/ns/net" \
            --ip6 "$(printf 'fd00:20::%x' "$i")" --ip4 "10.99.$((i / 250)).$((i % 250 + 1))" >/dev/null
    done
}
record() { # OUT FIRST LAST
    perf record -q -F $F -a -g -o "$T/$1" -- bash -c "$(declare -p PODS VETHCTL); $(declare -f setups); setups $2 $3" 2>/dev/null
}
echo "recording $K setups with no pod present, then $K with $N present ..." >&2
record empty 1 "$K"
setups $((K + 1)) $((N + K))
record loaded $((N + K + 1)) $((N + 2 * K))

# Children samples of each symbol under the vethctl processes.
for f in empty loaded; do
    perf report -i "$T/$f" --comm vethctl --children --sort sym -q --stdio -g none -n 2>/dev/null |
        awk '{ pct = $1; sub(/%/, "", pct); print $NF, pct }' >"$T/$f.pct"
    perf report -i "$T/$f" --stdio -q --sort comm -n 2>/dev/null |
        awk '$NF == "vethctl" { print $3 / ($1 + 0) * 100 }' >"$T/$f.total"
done
us() { # file symbol: µs per setup
    awk -v s="$2" -v tot="$(cat "$T/$1.total")" -v k="$K" -v f=$F \
        '$1 == s { printf "%.0f", $2 / 100 * tot * 1e6 / f / k; found = 1; exit } END { if (!found) print 0 }' "$T/$1.pct"
}
echo "| kernel function (children) | µs per setup, empty host | µs per setup, $N pods | growth |"
echo "|---|---:|---:|---:|"
for s in netlink_sendmsg rtnl_newlink veth_newlink rtnl_getlink linkwatch_sync_dev rt6_sync_up \
    inet6_rtm_newaddr addrconf_add_mroute ipv6_get_ifaddr ipv6_add_addr addrconf_verify_rtnl \
    peernet2id_alloc rtnl_net_getid inet6_rtm_getroute inet6_rtm_newroute inet_rtm_newroute \
    inet_select_addr neightbl_set do_setlink; do
    a=$(us empty "$s"); b=$(us loaded "$s")
    echo "| \`$s\` | $a | $b | $((b - a)) |"
done

# The kernel's work queues (kworker threads: the IPv6 address work item that installs the
# local and anycast routes, MLD reports, linkwatch) run beside vethctl on the same CPUs and
# take the RTNL it waits for. Their top functions, self time, µs per setup.
for f in empty loaded; do
    perf report -i "$T/$f" --no-children --sort comm,sym -q --stdio -g none -n 2>/dev/null |
        awk -v f=$F -v k="$K" '$3 ~ /^kworker/ { us[$NF] += $2 * 1e6 / f / k }
            END { for (s in us) printf "%s %.0f\n", s, us[s] }' >"$T/$f.kw"
done
echo
echo "| kernel work queues (kworker), function (self) | µs per setup, empty host | µs per setup, $N pods |"
echo "|---|---:|---:|"
sort -k2 -rn "$T/loaded.kw" | head -6 | while read -r s b; do
    a=$(awk -v s="$s" '$1 == s { print $2 }' "$T/empty.kw")
    echo "| \`$s\` | ${a:-0} | $b |"
done
