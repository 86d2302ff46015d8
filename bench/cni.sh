#!/usr/bin/env bash
# CNI benchmark, side by side in one run: vethctl as a CNI plugin against the CNI ptp
# plugin, both with host-local IPAM, dual stack; and `vethctl gc` of 40 pods against 40
# sequential `vethctl teardown`s. Throwaway namespaces only.
#
#   bench/cni.sh [-n N] [-g GC_N] [-R ROUNDS] [-o FILE]
#
#   -n N        pods per plugin for ADD, DEL and time to reach the node (default 20; env N).
#               Pod i is added by vethctl then by ptp (each its own pod), alternating.
#   -g GC_N     pods per gc/teardown round (default 40; env GC_N)
#   -R ROUNDS   gc/teardown rounds, alternating the two (default 5; env ROUNDS)
#   -o FILE     also write the Markdown results to FILE
#
# The script re-executes itself under `unshare -m -n`, like bench/wiring.sh: a new network
# namespace stands in for the host (addresses on lo to ping, a stand-in uplink with a
# default route), every pod is an `unshare -n sleep` process, /run and host-local's data
# live in private temporary directories.
#
# ADD and DEL are timed around the plugin process (bash's $EPOCHREALTIME). Time to reach
# the node: bench/probe (wiring-probe) pings the host's lo address from inside the pod,
# started before ADD; the figure is the first echo reply minus the moment ADD returned
# (negative: the pod was reachable before the plugin process exited).
set -euo pipefail

N=${N:-20}
GC_N=${GC_N:-40}
ROUNDS=${ROUNDS:-5}
OUT=${OUT:-}
while getopts "n:g:R:o:h" opt; do
    case $opt in
    n) N=$OPTARG ;;
    g) GC_N=$OPTARG ;;
    R) ROUNDS=$OPTARG ;;
    o) OUT=$OPTARG ;;
    *) sed -n '2,23p' "$0"; exit 2 ;;
    esac
done
export N GC_N ROUNDS OUT

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VETHCTL=${VETHCTL:-$ROOT/target/release/vethctl}
PTP=${PTP:-/usr/lib/cni/ptp}
HOST_LOCAL=${HOST_LOCAL:-/usr/lib/cni/host-local}
PROBE=${PROBE:-$ROOT/target/release/wiring-probe}
export VETHCTL PTP HOST_LOCAL PROBE

if [[ -z ${CNI_BENCH_INNER:-} ]]; then
    [[ $(id -u) == 0 ]] || { echo "cni.sh: needs root (namespaces)" >&2; exit 1; }
    (cd "$ROOT" && cargo build --release -q -p vethctl) || exit 1
    CARGO_TARGET_DIR=$ROOT/target cargo build --release -q \
        --manifest-path "$ROOT/bench/probe/Cargo.toml" || exit 1
    for t in "$PTP" "$HOST_LOCAL" nsenter unshare; do
        command -v "$t" >/dev/null || { echo "cni.sh: $t is missing" >&2; exit 1; }
    done
    if [[ -n $OUT ]]; then OUT=$(realpath -m "$OUT"); export OUT; fi
    exec unshare --mount --net --propagation private env CNI_BENCH_INNER=1 bash "$0"
fi

# ---------------------------------------------------------------- inside the namespaces

T=$(mktemp -d /tmp/cni-bench.XXXXXX)
mount -t tmpfs cni-bench-run /run
PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || :; done
    rm -rf "$T"
}
trap cleanup EXIT

HOST4=10.255.0.1
HOST6=fd00:ff::1
ip link set lo up
ip addr add $HOST4/32 dev lo
ip addr add $HOST6/128 dev lo
ip link add upl0 type veth peer name upl1
ip link set upl0 up
ip link set upl1 up
ip route add default dev upl0
ip -6 route add default dev upl0
sysctl -qw net.ipv4.ip_forward=1

log() { echo "[$(date +%T)] $*" >&2; }
new_pod() {
    unshare -n sleep 100000 >/dev/null 2>&1 &
    POD=$!
    PIDS+=("$POD")
    until [[ $(readlink /proc/$POD/ns/net 2>/dev/null) != "$(readlink /proc/self/ns/net)" ]]; do
        sleep 0.01
    done
    nsenter -t "$POD" -n ip link set lo up
}

# One CNI_PATH with both plugins and host-local.
mkdir -p "$T/bin"
ln -s "$VETHCTL" "$T/bin/vethctl"
ln -s "$PTP" "$T/bin/ptp"
ln -s "$HOST_LOCAL" "$T/bin/host-local"
conf() { # plugin subnet4 subnet6
    echo '{"cniVersion":"1.0.0","name":"bench-'$1'","type":"'$1'","ipMasq":false,"mtu":1500,
 "ipam":{"type":"host-local","dataDir":"'$T'/ipam","ranges":[[{"subnet":"'$2'"}],
 [{"subnet":"'$3'"}]],"routes":[{"dst":"0.0.0.0/0"},{"dst":"::/0"}]}}'
}
CONF_vethctl=$(conf vethctl 10.97.0.0/16 fd00:97::/64)
CONF_ptp=$(conf ptp 10.98.0.0/16 fd00:98::/64)
cni() { # command plugin id pid
    local c=CONF_$2
    CNI_COMMAND=$1 CNI_NETNS=/proc/$4/ns/net CNI_IFNAME=eth0 CNI_CONTAINERID=$3 \
        CNI_PATH=$T/bin "$T/bin/$2" <<<"${!c}" >/dev/null
}

median() { sort -n | awk '{v[NR]=$1} END {if (NR==0) {print "nan"; exit}
    if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
ms() { awk -v u="$1" 'BEGIN { if (u=="nan") print "n/a"; else printf "%.2f", u/1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b==0||a=="nan"||b=="nan") print "n/a"; else printf "%.1f", a/b }'; }
med() { median <"$1"; }

# ---- pass A: ADD, reach, DEL; vethctl and ptp alternating, pod by pod

declare -A POD_OF
for p in vethctl ptp; do : >"$T/$p.add"; : >"$T/$p.del"; : >"$T/$p.after4"; : >"$T/$p.after6"; done
log "ADD of $N pods per plugin, alternating"
for ((i = 1; i <= N; i++)); do
    for p in vethctl ptp; do
        new_pod
        POD_OF[$p.$i]=$POD
        timeout 30 nsenter -t "$POD" -n "$PROBE" $HOST4 20000 200 >"$T/ping4" &
        w4=$!
        timeout 30 nsenter -t "$POD" -n "$PROBE" $HOST6 20000 200 >"$T/ping6" &
        w6=$!
        sleep 0.05
        t0=${EPOCHREALTIME/./}
        cni ADD $p "$p$i" "$POD"
        t1=${EPOCHREALTIME/./}
        echo $((t1 - t0)) >>"$T/$p.add"
        wait "$w4" "$w6" || :
        r4=$(awk 'NR==1 {print $1}' "$T/ping4")
        r6=$(awk 'NR==1 {print $1}' "$T/ping6")
        [[ -n $r4 ]] && echo $((r4 - t1)) >>"$T/$p.after4"
        [[ -n $r6 ]] && echo $((r6 - t1)) >>"$T/$p.after6"
        [[ -n $r4 && -n $r6 ]] || log "$p pod $i: no reply (v4 '$r4', v6 '$r6')"
    done
done
log "DEL of $N pods per plugin, alternating"
for ((i = 1; i <= N; i++)); do
    for p in vethctl ptp; do
        t0=${EPOCHREALTIME/./}
        cni DEL $p "$p$i" "${POD_OF[$p.$i]}"
        t1=${EPOCHREALTIME/./}
        echo $((t1 - t0)) >>"$T/$p.del"
        kill "${POD_OF[$p.$i]}" 2>/dev/null || :
    done
done

# ---- pass B: gc of GC_N pods against GC_N sequential teardowns, alternating rounds

setup_pods() { # prefix
    local i
    for ((i = 1; i <= GC_N; i++)); do
        new_pod
        POD_OF[$1.$i]=$POD
        "$VETHCTL" setup --container-id "$1$i" --netns "/proc/$POD/ns/net" \
            --ip4 "10.96.$((i / 250)).$((i % 250 + 1))" --ip6 "fd00:96::$i" >/dev/null
    done
}
kill_pods() { local i; for ((i = 1; i <= GC_N; i++)); do kill "${POD_OF[$1.$i]}" 2>/dev/null || :; done; }
: >"$T/teardown.total"
: >"$T/gc.total"
for ((r = 1; r <= ROUNDS; r++)); do
    log "round $r: $GC_N sequential teardowns, then gc of $GC_N"
    setup_pods td
    t0=${EPOCHREALTIME/./}
    for ((i = 1; i <= GC_N; i++)); do
        "$VETHCTL" teardown --container-id "td$i" --ip4 "10.96.$((i / 250)).$((i % 250 + 1))" \
            --ip6 "fd00:96::$i" >/dev/null
    done
    t1=${EPOCHREALTIME/./}
    echo $((t1 - t0)) >>"$T/teardown.total"
    kill_pods td
    setup_pods gc
    t0=${EPOCHREALTIME/./}
    "$VETHCTL" gc >/dev/null
    t1=${EPOCHREALTIME/./}
    echo $((t1 - t0)) >>"$T/gc.total"
    left=$(ip -o link show type veth | grep -c 'alias vethctl:' || :)
    [[ $left == 0 ]] || log "round $r: $left tagged veths left after gc"
    kill_pods gc
done

# ---- report

report() {
    echo "CNI ADD/DEL, dual stack, host-local IPAM, $N pods per plugin (alternating):"
    echo
    echo "| plugin | ADD median (ms) | DEL median (ms) | IPv4 reply after ADD returned (ms) | IPv6 reply after ADD returned (ms) |"
    echo "|---|---|---|---|---|"
    for p in vethctl ptp; do
        echo "| $p | $(ms "$(med "$T/$p.add")") | $(ms "$(med "$T/$p.del")") | $(ms "$(med "$T/$p.after4")") | $(ms "$(med "$T/$p.after6")") |"
    done
    echo
    echo "Replies seen: vethctl v4 $(wc -l <"$T/vethctl.after4")/$N, v6 $(wc -l <"$T/vethctl.after6")/$N; ptp v4 $(wc -l <"$T/ptp.after4")/$N, v6 $(wc -l <"$T/ptp.after6")/$N."
    echo
    local td gc
    td=$(med "$T/teardown.total")
    gc=$(med "$T/gc.total")
    echo "Removing $GC_N pods, $ROUNDS rounds (alternating), median of the round totals:"
    echo
    echo "| | total (ms) | per pod (ms) |"
    echo "|---|---|---|"
    echo "| $GC_N sequential \`vethctl teardown\` | $(ms "$td") | $(ms "$(awk -v t="$td" -v n="$GC_N" 'BEGIN{print t/n}')") |"
    echo "| one \`vethctl gc\` | $(ms "$gc") | $(ms "$(awk -v t="$gc" -v n="$GC_N" 'BEGIN{print t/n}')") |"
    echo
    echo "gc is $(ratio "$td" "$gc")x faster. Rounds (ms): teardown $(tr '\n' ' ' <"$T/teardown.total" | awk '{for(i=1;i<=NF;i++) printf "%.0f ", $i/1000}'), gc $(tr '\n' ' ' <"$T/gc.total" | awk '{for(i=1;i<=NF;i++) printf "%.0f ", $i/1000}')."
}
report | tee "${OUT:-/dev/null}"
