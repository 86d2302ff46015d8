#!/usr/bin/env bash
# Wiring benchmark: vethctl against the 14 iproute2 commands of docs/design.md and the CNI ptp
# plugin (host-local IPAM), dual stack, in throwaway namespaces only.
#
#   bench/wiring.sh [-n N] [-t TTFP_N] [-p PTP_N] [-s SCALE_N] [-R RUNS] [-T TOOLS] [-o FILE]
#
#   -n N        pods per tool for the setup/teardown medians (default 200; env N)
#   -t TTFP_N   pods per tool for time to first packet (default 20; env TTFP_N)
#   -p PTP_N    pods for ptp's setup/teardown medians (default N; env PTP_N). A dual-stack
#               ptp ADD takes about 2 s, so 200 pods take about 7 minutes.
#   -s SCALE_N  pods for the scaling pass (default 1000; env SCALE_N; 0 skips it)
#   -R RUNS     scaling passes, each in a fresh host namespace (default 3; env SCALE_RUNS);
#               each ends with SCALE_K (env, default 30) setups with SCALE_N pods present
#               alternating with SCALE_K in an empty host namespace
#   -T TOOLS    comma-separated subset of vethctl,iproute2,ptp (default all; env TOOLS)
#   -o FILE     also write the Markdown results to FILE
#
# The script re-executes itself under `unshare -m -n`: a new network namespace stands in
# for the host (with an address on lo to ping and a stand-in uplink with a default route),
# every pod is an `unshare -n sleep` process, and a private tmpfs on /run holds the named
# namespaces iproute2's `ip -n` needs. Nothing touches the machine's own namespaces; when
# the script exits, every namespace it made goes with it.
#
# Timestamps are bash's $EPOCHREALTIME (microseconds, read without forking). Each setup or
# teardown is timed around the whole process (or, for iproute2, the 14 processes): fork,
# exec and the kernel's work, as a caller would see it.
set -euo pipefail

N=${N:-200}
TTFP_N=${TTFP_N:-20}
PTP_N=${PTP_N:-}
SCALE_N=${SCALE_N:-1000}
SCALE_RUNS=${SCALE_RUNS:-3}
TOOLS=${TOOLS:-vethctl,iproute2,ptp}
OUT=${OUT:-}
while getopts "n:t:p:s:R:T:o:h" opt; do
    case $opt in
    n) N=$OPTARG ;;
    t) TTFP_N=$OPTARG ;;
    p) PTP_N=$OPTARG ;;
    s) SCALE_N=$OPTARG ;;
    R) SCALE_RUNS=$OPTARG ;;
    T) TOOLS=$OPTARG ;;
    o) OUT=$OPTARG ;;
    *) sed -n '2,25p' "$0"; exit 2 ;;
    esac
done
PTP_N=${PTP_N:-$N}
export N TTFP_N PTP_N SCALE_N SCALE_RUNS TOOLS OUT

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VETHCTL=${VETHCTL:-$ROOT/target/release/vethctl}
PTP=${PTP:-/usr/lib/cni/ptp}
PROBE=${PROBE:-$ROOT/target/release/wiring-probe}
export VETHCTL PTP PROBE

if [[ -z ${WIRING_INNER:-} ]]; then
    [[ $(id -u) == 0 ]] || { echo "wiring.sh: needs root (namespaces)" >&2; exit 1; }
    if [[ ,$TOOLS, == *,vethctl,* ]]; then
        (cd "$ROOT" && cargo build --release -q -p vethctl) || exit 1
    fi
    if ((TTFP_N > 0)); then
        CARGO_TARGET_DIR=$ROOT/target cargo build --release -q \
            --manifest-path "$ROOT/bench/probe/Cargo.toml" || exit 1
    fi
    for t in strace nsenter unshare /usr/bin/time; do
        command -v "$t" >/dev/null || { echo "wiring.sh: $t is missing" >&2; exit 1; }
    done
    if [[ -n $OUT ]]; then OUT=$(realpath -m "$OUT"); export OUT; fi
    exec unshare --mount --net --propagation private env WIRING_INNER=1 bash "$0"
fi

# ---------------------------------------------------------------- inside the namespaces

if [[ -n ${WIRING_SCALE_DIR:-} ]]; then
    # One scaling pass (see run_scale_passes), in a host namespace of its own.
    T=$WIRING_SCALE_DIR
else
    T=$(mktemp -d /tmp/wiring.XXXXXX)
    mount -t tmpfs wiring-run /run    # private mount namespace: hides nothing outside
    mkdir -p /run/netns
fi
PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || :; done
    [[ -n ${WIRING_SCALE_DIR:-} ]] || rm -rf "$T"
}
trap cleanup EXIT

# The host: lo with addresses to ping, a stand-in uplink with a default route (proxy ARP
# answers for 169.254.1.1 only if the host has a route to it through another device).
HOST4=10.255.0.1
HOST6=fd00:ff::1
ip link set lo up
ip addr add $HOST4/32 dev lo
ip addr add $HOST6/128 dev lo
ip link add upl0 type veth peer name upl1
ip link set upl0 up
ip link set upl1 up
ip route add default dev upl0
sysctl -qw net.ipv4.ip_forward=1

log() { echo "[$(date +%T)] $*" >&2; }

# A new pod namespace: an `unshare -n sleep` process; its pid goes to $POD.
new_pod() {
    unshare -n sleep 100000 >/dev/null 2>&1 &
    POD=$!
    PIDS+=("$POD")
}
# Wait until pid $1 is in its own network namespace (unshare has run).
settle_pod() {
    local p=$1
    until [[ $(readlink /proc/$p/ns/net 2>/dev/null) != "$(readlink /proc/self/ns/net)" ]]; do
        sleep 0.01
    done
}

ip4_of() { # tool-specific ranges so tools never collide
    local base=$1 i=$2
    echo "10.$base.$((i / 250)).$((i % 250 + 1))"
}
ip6_of() { printf 'fd00:%x::%x' "$1" "$2"; }

# ---- the three tools: prepare_<tool> i pid (untimed), setup_<tool> i pid,
# teardown_<tool> i pid. Addresses are computed in prepare (command substitutions fork),
# so the timed region holds only the tool's own processes.
declare -A PRE4 PRE6

prepare_vethctl() { PRE4[$1]=$(ip4_of 99 "$1"); PRE6[$1]=$(ip6_of 20 "$1"); }
setup_vethctl() {
    "$VETHCTL" setup --container-id "pod$1" --netns "/proc/$2/ns/net" \
        --ip6 "${PRE6[$1]}" --ip4 "${PRE4[$1]}" >/dev/null
}
teardown_vethctl() {
    "$VETHCTL" teardown --container-id "pod$1" --ip6 "${PRE6[$1]}" --ip4 "${PRE4[$1]}" >/dev/null
}

# The 14 commands of docs/design.md ("The same wiring with iproute2"), verbatim but for the names
# and addresses. `ip -n` needs a named namespace: attached before the clock starts.
prepare_iproute2() {
    ip netns attach "p$1" "$2"
    PRE4[$1]=$(ip4_of 97 "$1")
    PRE6[$1]=$(ip6_of 21 "$1")
}
setup_iproute2() {
    local NS=p$1 H=vhb$1 A4=${PRE4[$1]} A6=${PRE6[$1]}
    ip link add $H type veth peer name eth0 netns $NS
    ip link set $H addrgenmode none
    ip -n $NS link set eth0 addrgenmode none
    sysctl -qw net.ipv4.conf.$H.proxy_arp=1 net.ipv4.conf.$H.forwarding=1 net.ipv6.conf.$H.forwarding=1
    ip addr add fe80::1/64 dev $H nodad
    ip link set $H up
    ip -n $NS addr add $A4/32 dev eth0
    ip -n $NS addr add $A6/128 dev eth0 nodad
    ip -n $NS link set eth0 up
    ip -n $NS route add 169.254.1.1 dev eth0 scope link
    ip -n $NS route add default via 169.254.1.1 dev eth0
    ip -n $NS -6 route add default via fe80::1 dev eth0
    ip route add $A4/32 dev $H scope link
    ip -6 route add $A6/128 dev $H
}
teardown_iproute2() { ip link del "vhb$1"; }

# CNI ptp with host-local IPAM, dual stack; host-local's state lives in the temp dir.
CNI_CONF='{"cniVersion":"1.0.0","name":"wiring-bench","type":"ptp","ipMasq":false,"mtu":1500,
 "ipam":{"type":"host-local","dataDir":"'$T'/cni","ranges":[[{"subnet":"10.98.0.0/16"}],
 [{"subnet":"fd00:22::/64"}]],"routes":[{"dst":"0.0.0.0/0"},{"dst":"::/0"}]}}'
prepare_ptp() { :; }
setup_ptp() {
    CNI_COMMAND=ADD CNI_NETNS=/proc/$2/ns/net CNI_IFNAME=eth0 CNI_CONTAINERID=ptp$1 \
        CNI_PATH=/usr/lib/cni "$PTP" <<<"$CNI_CONF" >/dev/null
}
teardown_ptp() {
    CNI_COMMAND=DEL CNI_NETNS=/proc/$2/ns/net CNI_IFNAME=eth0 CNI_CONTAINERID=ptp$1 \
        CNI_PATH=/usr/lib/cni "$PTP" <<<"$CNI_CONF" >/dev/null
}

# ---- statistics

median() { sort -n | awk '{v[NR]=$1} END {if (NR==0) {print "nan"; exit}
    if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
# pct P: the P-th percentile (nearest rank) of the numbers on stdin.
pct() { sort -n | awk -v p="$1" '{v[NR]=$1} END {if (NR==0) {print "nan"; exit}
    r=int((p*NR+99)/100); if (r<1) r=1; print v[r]}'; }
ms() { awk -v u="$1" 'BEGIN { if (u=="nan") print "n/a"; else printf "%.2f", u/1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b==0||a=="nan"||b=="nan") print "n/a"; else printf "%.2f", a/b }'; }

# ---- pass A: setup and teardown medians

# run_tool tool count: N pods set up one after the other (each while the previous ones
# exist), then torn down one after the other. Writes $T/<tool>.setup and .teardown (µs).
run_tool() {
    local tool=$1 n=$2 i t0 t1 pids=()
    : >"$T/$tool.setup"
    : >"$T/$tool.teardown"
    for ((i = 1; i <= n; i++)); do new_pod; pids[i]=$POD; done
    for ((i = 1; i <= n; i++)); do settle_pod "${pids[i]}"; "prepare_$tool" "$i" "${pids[i]}"; done
    log "$tool: setup of $n pods"
    for ((i = 1; i <= n; i++)); do
        t0=${EPOCHREALTIME/./}
        "setup_$tool" "$i" "${pids[i]}"
        t1=${EPOCHREALTIME/./}
        echo $((t1 - t0)) >>"$T/$tool.setup"
    done
    log "$tool: teardown of $n pods"
    for ((i = 1; i <= n; i++)); do
        t0=${EPOCHREALTIME/./}
        "teardown_$tool" "$i" "${pids[i]}"
        t1=${EPOCHREALTIME/./}
        echo $((t1 - t0)) >>"$T/$tool.teardown"
    done
    for ((i = 1; i <= n; i++)); do
        kill "${pids[i]}" 2>/dev/null || :
        [[ $tool == iproute2 ]] && ip netns delete "p$i" 2>/dev/null || :
    done
    wait 2>/dev/null || :
}

# ---- pass B: time to first packet

# A probe runs inside the pod from before the clock starts: bench/probe (wiring-probe)
# sends an ICMP echo request to the host's lo address every $PROBE_US µs (ppoll-timed),
# ignoring the send errors of a pod that has no route yet, and prints the arrival time of
# the first echo reply (µs since the epoch). Time to first packet = that time minus the
# start of setup, exact to within one send interval.
PROBE_US=${PROBE_US:-200}
start_prober() { # pid addr outfile
    timeout 30 nsenter -t "$1" -n "$PROBE" "$2" 20000 "$PROBE_US" >"$3" &
}
first_reply_us() { awk 'NR == 1 { print $1 }' "$1" 2>/dev/null; }

run_ttfp() {
    local tool=$1 n=$2 i p t0 t1 r4 r6 pids=()
    : >"$T/$tool.ttfp4"
    : >"$T/$tool.ttfp6"
    : >"$T/$tool.ttfp_setup"
    : >"$T/$tool.after4"
    : >"$T/$tool.after6"
    for ((i = 1; i <= n; i++)); do new_pod; pids[i]=$POD; done
    local base=$((500 + 0))
    for ((i = 1; i <= n; i++)); do
        settle_pod "${pids[i]}"
        "prepare_$tool" $((base + i)) "${pids[i]}"
    done
    log "$tool: time to first packet, $n pods"
    for ((i = 1; i <= n; i++)); do
        p=${pids[i]}
        start_prober "$p" $HOST4 "$T/ping4.$i"; local w4=$!
        start_prober "$p" $HOST6 "$T/ping6.$i"; local w6=$!
        sleep 0.05 # both probes are sending
        t0=${EPOCHREALTIME/./}
        "setup_$tool" $((base + i)) "$p"
        t1=${EPOCHREALTIME/./}
        echo $((t1 - t0)) >>"$T/$tool.ttfp_setup"
        wait "$w4" "$w6" || :
        r4=$(first_reply_us "$T/ping4.$i")
        r6=$(first_reply_us "$T/ping6.$i")
        [[ -n $r4 ]] && echo $((r4 - t0)) >>"$T/$tool.ttfp4" && echo $((r4 - t1)) >>"$T/$tool.after4"
        [[ -n $r6 ]] && echo $((r6 - t0)) >>"$T/$tool.ttfp6" && echo $((r6 - t1)) >>"$T/$tool.after6"
        [[ -n $r4 && -n $r6 ]] || log "$tool pod $i: no reply (v4 '${r4}', v6 '${r6}')"
    done
    for ((i = 1; i <= n; i++)); do
        "teardown_$tool" $((base + i)) "${pids[i]}" || :
        kill "${pids[i]}" 2>/dev/null || :
        [[ $tool == iproute2 ]] && ip netns delete "p$((base + i))" 2>/dev/null || :
    done
    wait 2>/dev/null || :
}

# ---- pass C: syscalls and netlink round trips of one `vethctl setup` process

run_syscalls() {
    local i p k=5 calls nl_send nl_recv rt
    : >"$T/sc.calls"; : >"$T/sc.nlsend"; : >"$T/sc.nlrecv"; : >"$T/sc.rt"
    for ((i = 901; i < 901 + k; i++)); do
        new_pod; p=$POD; settle_pod "$p"; prepare_vethctl "$i" "$p"
        # 1) the syscall summary
        strace -f -c -o "$T/strace.c.$i" "$VETHCTL" setup --container-id "pod$i" \
            --netns "/proc/$p/ns/net" --ip6 "${PRE6[$i]}" --ip4 "${PRE4[$i]}" >/dev/null
        awk '$NF == "total" { print $4 }' "$T/strace.c.$i" >>"$T/sc.calls"
        teardown_vethctl "$i" "$p"
        # 2) the netlink traffic, fds decoded (-yy names NETLINK sockets)
        strace -f -yy -e trace=sendmsg,sendto,sendmmsg,recvmsg,recvfrom,recvmmsg -o "$T/strace.nl.$i" \
            "$VETHCTL" setup --container-id "pod$i" --netns "/proc/$p/ns/net" \
            --ip6 "${PRE6[$i]}" --ip4 "${PRE4[$i]}" --json >"$T/json.$i"
        grep -cE '(sendmsg|sendto|sendmmsg)\([0-9]+<NETLINK' "$T/strace.nl.$i" >>"$T/sc.nlsend" || echo 0 >>"$T/sc.nlsend"
        grep -cE '(recvmsg|recvfrom|recvmmsg)\([0-9]+<NETLINK' "$T/strace.nl.$i" >>"$T/sc.nlrecv" || echo 0 >>"$T/sc.nlrecv"
        sed -n 's/.*"round_trips": *\([0-9]*\).*/\1/p' "$T/json.$i" >>"$T/sc.rt"
        teardown_vethctl "$i" "$p"
        kill "$p" 2>/dev/null || :
    done
    cp "$T/strace.c.901" "$T/strace-summary.txt"
}

# ---- pass D: scaling and peak RSS

# One pass of one tool, in a host namespace of its own (see run_scale_passes): n pods set
# up one after the other (pod 1 against pod n). Then the side-by-side part: SCALE_K more
# setups in this host (n pods present) alternate with SCALE_K setups in an empty host
# namespace, so both see the same machine at the same time. Each of those is timed by a
# small shell of its own inside its host namespace (no nsenter in the timed region, and
# the same fork cost on both sides: this script's shell, with a thousand children and
# their arrays, forks measurably slower). Peak RSS is measured for vethctl.
SCALE_K=${SCALE_K:-30}
# timer_shell NAME PID: a shell in the network namespace of PID that runs one timed setup
# per line written to fd ${NAME_IN} ("tool i pid ip6 ip4") and answers the µs on fd
# ${NAME_OUT}.
timer_shell() {
    local name=$1 pid=$2 in out
    mkfifo "$T/$name.in" "$T/$name.out"
    nsenter --net="/proc/$pid/ns/net" bash -c "$(declare -f setup_vethctl setup_iproute2)"'
        declare -A PRE4 PRE6
        while read -r tool i pid ip6 ip4; do
            PRE6[$i]=$ip6 PRE4[$i]=$ip4
            t0=${EPOCHREALTIME/./}
            "setup_$tool" "$i" "$pid" || echo "$tool: setup of pod $i failed" >&2
            t1=${EPOCHREALTIME/./}
            echo $((t1 - t0))
        done' <"$T/$name.in" >"$T/$name.out" &
    PIDS+=("$!")
    exec {in}>"$T/$name.in" {out}<"$T/$name.out"
    printf -v "${name}_IN" %s "$in"
    printf -v "${name}_OUT" %s "$out"
}
# timed NAME tool i pid FILE: one setup through timer shell NAME; its µs go to FILE.
timed() {
    local name=$1 in out us
    in=${name}_IN out=${name}_OUT
    echo "$2 $3 $4 ${PRE6[$3]} ${PRE4[$3]}" >&"${!in}"
    read -r us <&"${!out}"
    echo "$us" >>"$5"
}
run_scale() {
    local tool=$1 n=$2 i k t0 t1 us pids=() epids=() e base=2000
    : >"$T/scale.setup"
    : >"$T/scale.loaded"
    : >"$T/scale.empty"
    log "scale, $tool: starting $((n + 2 + 2 * SCALE_K)) pod namespaces"
    for ((i = 0; i <= n + 1 + SCALE_K; i++)); do new_pod; pids[i]=$POD; done
    for ((k = 1; k <= SCALE_K; k++)); do new_pod; epids[k]=$POD; done
    new_pod; e=$POD
    for ((i = 0; i <= n + 1 + SCALE_K; i++)); do settle_pod "${pids[i]}"; "prepare_$tool" $((base + i)) "${pids[i]}"; done
    for ((k = 1; k <= SCALE_K; k++)); do settle_pod "${epids[k]}"; "prepare_$tool" $((base + 5000 + k)) "${epids[k]}"; done
    settle_pod "$e"
    nsenter --net="/proc/$e/ns/net" ip link set lo up
    timer_shell EMPTY "$e"
    timer_shell LOADED $$
    if [[ $tool == vethctl ]]; then
        # Peak RSS with no pods present (pod 0, then removed again).
        /usr/bin/time -f %M -o "$T/rss.0" "$VETHCTL" setup --container-id pod$base \
            --netns "/proc/${pids[0]}/ns/net" --ip6 "${PRE6[$base]}" --ip4 "${PRE4[$base]}" >/dev/null
        teardown_vethctl $base "${pids[0]}"
    fi
    log "scale, $tool: setup of $n pods"
    for ((i = 1; i <= n; i++)); do
        t0=${EPOCHREALTIME/./}
        "setup_$tool" $((base + i)) "${pids[i]}"
        t1=${EPOCHREALTIME/./}
        echo $((t1 - t0)) >>"$T/scale.setup"
    done
    if [[ $tool == vethctl ]]; then
        # Peak RSS with n pods present.
        /usr/bin/time -f %M -o "$T/rss.n" "$VETHCTL" setup --container-id pod$((base + n + 1)) \
            --netns "/proc/${pids[n + 1]}/ns/net" --ip6 "${PRE6[$((base + n + 1))]}" \
            --ip4 "${PRE4[$((base + n + 1))]}" >/dev/null
    fi
    log "scale, $tool: $SCALE_K setups with $n pods present, alternating with $SCALE_K in an empty host"
    loaded() { timed LOADED "$tool" $((base + n + 1 + k)) "${pids[n + 1 + k]}" "$T/scale.loaded"; }
    empty() { timed EMPTY "$tool" $((base + 5000 + k)) "${epids[k]}" "$T/scale.empty"; }
    for ((k = 1; k <= SCALE_K; k++)); do
        if ((k % 2)); then loaded; empty; else empty; loaded; fi
    done
    exec {EMPTY_IN}>&- {LOADED_IN}>&-
    if [[ $tool == iproute2 ]]; then
        for ((i = 0; i <= n + 1 + SCALE_K; i++)); do ip netns delete "p$((base + i))" 2>/dev/null || :; done
        for ((k = 1; k <= SCALE_K; k++)); do ip netns delete "p$((base + 5000 + k))" 2>/dev/null || :; done
    fi
    log "scale, $tool: pass done (its namespaces go when it exits)"
}

# The scaling passes: each in a fresh host namespace (this script again, under
# `unshare --net`, which runs run_scale alone), so every pass starts from an empty host.
# The kernel destroys a finished pass's namespaces (1000 veths) in the background; each
# pass first waits until the CPUs are idle again.
wait_quiet() { # until 90% idle over 0.5 s (at most 2 minutes)
    local i j tot a b
    for ((i = 0; i < 240; i++)); do
        read -ra a </proc/stat
        sleep 0.5
        read -ra b </proc/stat
        tot=0
        for j in 1 2 3 4 5 6 7 8; do tot=$((tot + b[j] - a[j])); done
        ((tot > 0 && (b[4] - a[4]) * 100 >= 90 * tot)) && return 0
    done
    log "the machine did not become quiet within 2 minutes; going on"
}
SCALE_TOOLS=()
run_scale_passes() {
    local k tool
    for tool in vethctl iproute2; do
        has $tool || continue
        SCALE_TOOLS+=("$tool")
        for ((k = 1; k <= SCALE_RUNS; k++)); do
            wait_quiet
            mkdir -p "$T/scale-$tool-$k"
            log "scale, $tool: pass $k of $SCALE_RUNS, in a fresh host namespace"
            WIRING_SCALE_DIR=$T/scale-$tool-$k WIRING_SCALE_TOOL=$tool unshare --net bash "$0" ||
                log "scale, $tool: pass $k failed"
        done
    done
}
if [[ -n ${WIRING_SCALE_DIR:-} ]]; then
    run_scale "$WIRING_SCALE_TOOL" "$SCALE_N"
    exit 0
fi

# ---------------------------------------------------------------- run

has() { [[ ,$TOOLS, == *,$1,* ]]; }
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
for tool in vethctl iproute2 ptp; do
    has $tool || continue
    n=$N; [[ $tool == ptp ]] && n=$PTP_N
    run_tool $tool "$n"
done
if ((TTFP_N > 0)); then
    for tool in vethctl iproute2 ptp; do has $tool && run_ttfp $tool "$TTFP_N"; done
fi
has vethctl && run_syscalls
((SCALE_N > 0 && SCALE_RUNS > 0)) && run_scale_passes
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- report

med() { [[ -s $1 ]] && median <"$1" || echo nan; }
{
    echo "## Wiring benchmark"
    echo
    echo "Machine: $(nproc) CPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), Linux $(uname -r)."
    echo "Load average at start: $LOAD0; at end: $LOAD1. Pods: N=$N (ptp: $PTP_N), dual stack."
    echo
    echo "| tool | setup median (ms) | teardown median (ms) | setup vs vethctl |"
    echo "|---|---:|---:|---:|"
    vs=$(med "$T/vethctl.setup")
    for tool in vethctl iproute2 ptp; do
        has $tool || continue
        s=$(med "$T/$tool.setup"); d=$(med "$T/$tool.teardown")
        echo "| $tool | $(ms "$s") | $(ms "$d") | $(ratio "$s" "$vs")x |"
    done
    if ((TTFP_N > 0)); then
        echo
        echo "Time to first packet (start of setup to the first echo reply from the host's lo address, pod side; probe interval $PROBE_US µs), $TTFP_N pods per tool:"
        echo
        echo "| tool | IPv4 median (ms) | IPv4 p90 (ms) | IPv4 max (ms) | IPv6 median (ms) | IPv6 p90 (ms) | IPv6 max (ms) | setup in this pass, median (ms) | IPv4 after setup returned, median (ms) | IPv6 after setup returned, median (ms) |"
        echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        for tool in vethctl iproute2 ptp; do
            has $tool || continue
            row="| $tool"
            for f in ttfp4 ttfp6; do
                row+=" | $(ms "$(med "$T/$tool.$f")") | $(ms "$(pct 90 <"$T/$tool.$f")") | $(ms "$(pct 100 <"$T/$tool.$f")")"
            done
            echo "$row | $(ms "$(med "$T/$tool.ttfp_setup")") | $(ms "$(med "$T/$tool.after4")") | $(ms "$(med "$T/$tool.after6")") |"
        done
    fi
    if has vethctl; then
        echo
        echo "One \`vethctl setup\` process (5 pods; min / median / max):"
        echo
        echo "| measure | min | median | max |"
        echo "|---|---:|---:|---:|"
        for m in calls:"syscalls (strace -f -c)" nlsend:"netlink send calls (strace -yy)" \
            nlrecv:"netlink receive calls (strace -yy)" rt:"round trips (vethctl --json)"; do
            f=$T/sc.${m%%:*}
            echo "| ${m#*:} | $(sort -n "$f" | head -1) | $(med "$f") | $(sort -n "$f" | tail -1) |"
        done
        echo
        echo '```'
        cat "$T/strace-summary.txt"
        echo '```'
    fi
    if ((SCALE_N > 0 && SCALE_RUNS > 0)); then
        echo
        echo "Scaling: $SCALE_N pods set up one after the other in one host namespace; $SCALE_RUNS passes per tool, each in a fresh host namespace."
        echo "Side by side: then $SCALE_K setups with $SCALE_N pods present alternating with $SCALE_K in an empty host namespace (medians)."
        echo
        echo "| tool | pass | pod 1 (ms) | pod $SCALE_N (ms) | ratio | pods 1-10, median (ms) | pods $((SCALE_N - 9))-$SCALE_N, median (ms) | ratio | side by side: empty host (ms) | side by side: $SCALE_N pods (ms) | difference (ms) | ratio |"
        echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        for tool in "${SCALE_TOOLS[@]}"; do
            : >"$T/scale.r1"
            : >"$T/scale.r10"
            : >"$T/scale.rk"
            for ((k = 1; k <= SCALE_RUNS; k++)); do
                d=$T/scale-$tool-$k
                f=$d/scale.setup
                [[ -s $f ]] || { echo "| $tool | $k | pass failed | | | | | | | | | |"; continue; }
                first=$(head -1 "$f"); last=$(tail -1 "$f")
                m1=$(head -10 "$f" | median); mn=$(tail -10 "$f" | median)
                me=$(med "$d/scale.empty"); ml=$(med "$d/scale.loaded")
                echo "$(ratio "$last" "$first")" >>"$T/scale.r1"
                echo "$(ratio "$mn" "$m1")" >>"$T/scale.r10"
                echo "$(ratio "$ml" "$me")" >>"$T/scale.rk"
                echo "| $tool | $k | $(ms "$first") | $(ms "$last") | $(ratio "$last" "$first") | $(ms "$m1") | $(ms "$mn") | $(ratio "$mn" "$m1") | $(ms "$me") | $(ms "$ml") | $(ms "$(awk -v a="$ml" -v b="$me" 'BEGIN { print a - b }')") | $(ratio "$ml" "$me") |"
            done
            echo "| $tool | median of the passes | | | $(median <"$T/scale.r1") | | | $(median <"$T/scale.r10") | | | | $(median <"$T/scale.rk") |"
        done
        if has vethctl; then
            r0=$(cat "$T/scale-vethctl-1/rss.0" 2>/dev/null || echo nan)
            rn=$(cat "$T/scale-vethctl-1/rss.n" 2>/dev/null || echo nan)
            echo
            echo "Peak RSS of a vethctl setup process (\`/usr/bin/time -f %M\`, pass 1): $r0 KiB with no pod present, $rn KiB with $SCALE_N present ($(ratio "$rn" "$r0")x)."
        fi
    fi
} | tee "${OUT:-/dev/null}"
