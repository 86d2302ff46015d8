#!/usr/bin/env bash
# The main job, end to end: wire two dual-stack pods with vethctl, prove they can talk
# (to the node and to each other, IPv6 and IPv4, right after setup), tear them down,
# and show that nothing is left.
#
# Everything happens in throwaway network namespaces made with `unshare`: a "node"
# namespace (where vethctl runs) with a stand-in uplink and addresses on `lo`, and one
# namespace per pod. This machine's own interfaces, routes and sysctls are not touched.
#
# Needs root, iproute2 and iputils-ping (installed with apt-get if missing) and cargo.
# VETHCTL_BIN=/path/to/vethctl skips the build and uses that binary.
set -euo pipefail

heading() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
prompt='$'
run() { printf '\033[2m%s %s\033[0m\n' "$prompt" "$*"; "$@"; }
fail() { printf '\n\033[1;31mFAILED: %s\033[0m\n' "$*" >&2; exit 1; }

if [ "${1:-}" != "--inside" ]; then
    cd "$(dirname "$0")/.."
    [ "$(id -u)" -eq 0 ] || fail "run me as root: network namespaces need it"

    heading "Tools"
    missing=""
    command -v ip >/dev/null || missing="$missing iproute2"
    command -v ping >/dev/null || missing="$missing iputils-ping"
    command -v nsenter >/dev/null || missing="$missing util-linux"
    if [ -n "$missing" ]; then
        run apt-get update -qq
        # shellcheck disable=SC2086
        run apt-get install -y -qq --no-install-recommends $missing
    fi
    echo "iproute2, iputils-ping and util-linux are installed"

    if [ -n "${VETHCTL_BIN:-}" ]; then
        bin="$VETHCTL_BIN"
    else
        heading "Build vethctl"
        run cargo build --release -p vethctl
        bin="${CARGO_TARGET_DIR:-$PWD/target}/release/vethctl"
    fi
    [ -x "$bin" ] || fail "no vethctl binary at $bin"

    heading "Enter a throwaway network namespace: the demo's node"
    echo "(everything below runs in it or in namespaces made inside it)"
    exec unshare --net -- "$BASH" "$0" --inside "$(realpath "$bin")"
fi

vethctl="$2"
prompt='node$'
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# A namespace held open by a sleeping process; prints its pid.
new_netns() {
    local self pid
    self=$(readlink /proc/self/ns/net)
    unshare --net -- sleep infinity </dev/null >/dev/null 2>&1 &
    pid=$!
    until [ "$(readlink "/proc/$pid/ns/net" 2>/dev/null || echo "$self")" != "$self" ]; do
        kill -0 "$pid" 2>/dev/null || fail "unshare --net failed"
        sleep 0.01
    done
    echo "$pid"
}
in_ns() { local pid=$1; shift; nsenter --net="/proc/$pid/ns/net" -- "$@"; }
# run_in NAME PID CMD...: shows and runs CMD inside a pod namespace.
run_in() {
    local name=$1 pid=$2; shift 2
    printf '\033[2m%s$ %s\033[0m\n' "$name" "$*"
    in_ns "$pid" "$@"
}
dump() { ip -o link show | sed 's/ qdisc.*//'; ip -o addr show; ip route show table all; ip -6 route show table all; }

heading "Node: lo addresses and a stand-in uplink carrying the default routes"
run ip link set lo up
run ip addr add 10.255.255.1/32 dev lo
run ip addr add fd00:ffff::1/128 dev lo
upstream=$(new_netns); pids+=("$upstream")
run ip link add uplink0 type veth peer name uplink0 netns "/proc/$upstream/ns/net"
run ip link set uplink0 addrgenmode none
run ip addr add 10.254.0.1/30 dev uplink0
run ip addr add fd00:fffe::1/64 dev uplink0 nodad
run ip link set uplink0 up
in_ns "$upstream" ip link set uplink0 up
run ip route add default via 10.254.0.2 dev uplink0
run ip -6 route add default via fd00:fffe::2 dev uplink0
echo "# A node that routes pods forwards IPv6 (the per-device knob alone does not):"
run sysctl -qw net.ipv6.conf.all.forwarding=1
before=$(dump)

heading "Two pod namespaces"
pod_a=$(new_netns); pids+=("$pod_a")
pod_b=$(new_netns); pids+=("$pod_b")
ns_a="/proc/$pod_a/ns/net"
ns_b="/proc/$pod_b/ns/net"
in_ns "$pod_a" ip link set lo up
in_ns "$pod_b" ip link set lo up
echo "pod-a: $ns_a"
echo "pod-b: $ns_b"

heading "vethctl setup (dual stack)"
run "$vethctl" setup --container-id demo-pod-a --netns "$ns_a" --ip6 fd00:10::a --ip4 10.10.0.10
run "$vethctl" setup --container-id demo-pod-b --netns "$ns_b" --ip6 fd00:10::b --ip4 10.10.0.11
host_a=$("$vethctl" host-iface --container-id demo-pod-a)
host_b=$("$vethctl" host-iface --container-id demo-pod-b)
echo "host interfaces: pod-a -> $host_a, pod-b -> $host_b"

heading "vethctl check: the live state matches the desired state"
run "$vethctl" check --container-id demo-pod-a --netns "$ns_a" --ip6 fd00:10::a --ip4 10.10.0.10
run "$vethctl" check --container-id demo-pod-b --netns "$ns_b" --ip6 fd00:10::b --ip4 10.10.0.11
echo "check passed for both pods"

heading "Pings, right after setup (no waiting for DAD or proxy ARP)"
run_in pod-a "$pod_a" ping -c1 -W2 fd00:ffff::1
run_in pod-a "$pod_a" ping -c1 -W2 10.255.255.1
run_in pod-a "$pod_a" ping -c1 -W2 fd00:10::b
run_in pod-a "$pod_a" ping -c1 -W2 10.10.0.11
run_in pod-b "$pod_b" ping -c1 -W2 fd00:10::a
run_in pod-b "$pod_b" ping -c1 -W2 10.10.0.10
echo "all pings answered"

heading "Inside pod-a"
run_in pod-a "$pod_a" ip addr show dev eth0
run_in pod-a "$pod_a" ip route
run_in pod-a "$pod_a" ip -6 route

heading "On the node"
run ip -br link show type veth
run ip route show dev "$host_a"
run ip -6 route show dev "$host_a"

heading "vethctl teardown"
run "$vethctl" teardown --container-id demo-pod-a --ip6 fd00:10::a --ip4 10.10.0.10
run "$vethctl" teardown --container-id demo-pod-b --ip6 fd00:10::b --ip4 10.10.0.11

heading "Nothing left behind"
after=$(dump)
if [ "$before" != "$after" ]; then
    diff <(echo "$before") <(echo "$after") || true
    fail "the node's links, addresses or routes differ from before setup"
fi
run ip -br link
echo "the node's links, addresses and routes are exactly as before setup"
in_ns "$pod_a" ip link show dev eth0 >/dev/null 2>&1 && fail "pod-a still has eth0"
in_ns "$pod_b" ip link show dev eth0 >/dev/null 2>&1 && fail "pod-b still has eth0"
echo "the pods' eth0 are gone"

printf '\n\033[1;32mDemo passed.\033[0m\n'
