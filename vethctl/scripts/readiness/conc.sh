#!/usr/bin/env bash
# conc.sh BIN N: N pods set up at once in one host namespace, each checked with
# `ip -j -6 route show table local` (pod, then host) right after its setup returns.
set -u
BIN=$1; N=$2
if [[ -z ${RD_INNER:-} ]]; then exec unshare --mount --net --propagation private env RD_INNER=1 bash "$0" "$@"; fi
ip link set lo up
me=$(readlink /proc/self/ns/net)
pids=()
for ((i=1;i<=N;i++)); do unshare -n sleep 600 & pids+=($!); done
for p in ${pids[@]}; do until [[ $(readlink /proc/$p/ns/net 2>/dev/null) != "$me" ]]; do sleep 0.001; done; done
work=()
for ((i=1;i<=N;i++)); do
  ns=/proc/${pids[$((i-1))]}/ns/net; ip6=fd00:6::$i
  ( "$BIN" setup --container-id c$i --netns $ns --ip6 $ip6 --ip4 10.6.0.$i --host-iface ch$i >/dev/null &&
    pr=$(nsenter --net=$ns ip -j -6 route show table local) && hr=$(ip -j -6 route show table local dev ch$i) &&
    { [[ $pr == *"\"$ip6\""* ]] || echo "MISS pod $i"; [[ $hr == *'"fe80::1"'* ]] || echo "MISS host $i"; } ) &
  work+=($!)
done
wait ${work[@]}
kill ${pids[@]} 2>/dev/null
