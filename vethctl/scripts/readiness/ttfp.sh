#!/usr/bin/env bash
# ttfp.sh BIN N: time to first packet, dual stack, per family: from the start of setup to
# the end of the first successful `ping -c1 -W1` pod -> host lo address, pinging in a
# tight loop right after setup returns. Node-like host namespace (lo addresses, stand-in
# uplink with default routes). Prints per-family min/median/p90/max in ms.
set -u
BIN=$1; N=$2
if [[ -z ${RD_INNER:-} ]]; then
  exec unshare --mount --net --propagation private env RD_INNER=1 bash "$0" "$@"
fi
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
ip link set lo up; ip addr add 10.255.255.1/32 dev lo; ip addr add fd00:ffff::1/128 dev lo
exec {ufd}< <(unshare -n sh -c 'echo ready; exec sleep 3600'); read -r _ <&$ufd
UP=$(pgrep -n -f 'sleep 3600')
ip link add uplink0 type veth peer name uplink0 netns /proc/$UP/ns/net
ip link set uplink0 addrgenmode none; ip addr add 10.254.0.1/30 dev uplink0; ip addr add fd00:fffe::1/64 dev uplink0 nodad; ip link set uplink0 up
nsenter --net=/proc/$UP/ns/net sh -c 'ip link set uplink0 addrgenmode none; ip addr add 10.254.0.2/30 dev uplink0; ip addr add fd00:fffe::2/64 dev uplink0 nodad; ip link set uplink0 up'
ip route add default via 10.254.0.2 dev uplink0; ip -6 route add default via fd00:fffe::2 dev uplink0
: > $T/ttfp.4; : > $T/ttfp.6
for fam in 4 6; do
  for ((i=1;i<=N;i++)); do
    exec {fd}< <(unshare -n sh -c 'ip link set lo up; echo ready; exec sleep 600'); read -r _ <&$fd
    p=$(pgrep -n -f 'sleep 600'); ns=/proc/$p/ns/net
    if [[ $fam == 4 ]]; then dst=10.255.255.1; else dst=fd00:ffff::1; fi
    t0=$EPOCHREALTIME
    "$BIN" setup --container-id t$fam-$i --netns $ns --ip6 fd00:9::$i --ip4 10.9.$fam.$i >/dev/null || echo setup failed
    tries=1
    until nsenter --net=$ns ping -c1 -W1 -q $dst >/dev/null 2>&1; do tries=$((tries+1)); done
    t1=$EPOCHREALTIME
    echo "$(( (${t1/./}-${t0/./}) )) $tries" >> $T/ttfp.$fam
    kill $p; exec {fd}<&-
  done
done
kill $UP
for fam in 4 6; do
  sort -n $T/ttfp.$fam | awk -v f=$fam '{a[NR]=$1; if ($2 > 1) r++} END {printf "IPv%s n=%d min %.1f median %.1f p90 %.1f p99 %.1f max %.1f ms; first ping failed in %d\n", f, NR, a[1]/1000, a[int((NR+1)/2)]/1000, a[int(NR*0.9+0.5)]/1000, a[int(NR*0.99+0.5)]/1000, a[NR]/1000, r}'
done
