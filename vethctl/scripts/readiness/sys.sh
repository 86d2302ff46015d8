#!/usr/bin/env bash
# sys.sh BIN: for dual stack, IPv4 only and IPv6 only: strace a fresh setup and a rerun in
# throwaway namespaces: sendmsg calls (netlink round trips, from `strace -f`) and the
# syscall total of `strace -f -c` (a second pod, same steps).
set -u
BIN=$1
if [[ -z ${RD_INNER:-} ]]; then exec unshare --mount --net --propagation private env RD_INNER=1 bash "$0" "$@"; fi
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
ip link set lo up
n=0
for ip in "--ip6 fd00:8::1 --ip4 10.8.0.1" "--ip4 10.8.0.2" "--ip6 fd00:8::3"; do
  n=$((n+1))
  exec {fd}< <(unshare -n sh -c 'ip link set lo up; echo ready; exec sleep 600'); read -r _ <&$fd
  p=$(pgrep -n -f 'sleep 600'); ns=/proc/$p/ns/net
  for run in fresh rerun; do
    strace -f -o $T/strace.$n.$run "$BIN" setup --container-id s$n --netns $ns $ip >/dev/null
    echo "$ip $run: sendmsg=$(grep -c 'sendmsg(' $T/strace.$n.$run)"
  done
  unshare -n sleep 600 & q=$!; until [[ $(readlink /proc/$q/ns/net) != $(readlink /proc/self/ns/net) ]]; do sleep 0.001; done
  for run in fresh rerun; do
    strace -f -c -o $T/count "$BIN" setup --container-id c$n --netns /proc/$q/ns/net $ip >/dev/null
    echo "$ip $run: syscalls=$(awk '/total$/ {print $4}' $T/count) (strace -f -c)"
  done
  kill $p $q
done
