#!/usr/bin/env bash
# loop.sh BIN N MODE: N fresh dual-stack setups in throwaway namespaces; rdcheck (built
# from rdcheck.c with gcc) looks for the pod's and the host's IPv6 local routes the
# moment setup exits. Prints one line per pod: ifindexes, pod=1|0 host=1|0, setup time.
# Misses: grep -c -e 'pod=0' -e 'host=0 '. Run ./churn.sh alongside for RTNL contention.
#   MODE collide: a fresh host namespace per pod (host and pod ifindex both 2)
#   MODE distinct: one host namespace (host ifindex 2, 3, 4, ...; pod 2)
set -u
BIN=$1; N=$2; MODE=$3
CHECK=${CHECK:-${TMPDIR:-/tmp}/vethctl-rdcheck}
[[ -x $CHECK ]] || gcc -O2 -o "$CHECK" "$(dirname "$0")/rdcheck.c" || exit 1
export CHECK
if [[ -z ${RD_INNER:-} ]]; then
  exec unshare --mount --net --propagation private env RD_INNER=1 bash "$0" "$@"
fi
ip link set lo up
one() { # i
  local i=$1 fd p
  exec {fd}< <(unshare -n sh -c 'ip link set lo up; echo ready; exec sleep 600')
  read -r _ <&$fd
  p=$(pgrep -n -f 'sleep 600')
  local ns=/proc/$p/ns/net
  local ip6=fd00:7::$(printf %x $i) ip4=10.77.$((i/250)).$((i%250+1))
  local r; r=$($CHECK $ns $ip6 rdh$i -- "$BIN" setup --container-id rd$i --netns $ns --ip6 $ip6 --ip4 $ip4 --host-iface rdh$i) || echo "setup $i failed"
  local l; l=$(ip -o link show dev rdh$i); local hi=${l%%:*} pi=${l#*@if}; pi=${pi%%:*}
  echo "$i host=$hi pod=$pi $r"
  kill $p; exec {fd}<&-
}
for ((i=1;i<=N;i++)); do
  if [[ $MODE == collide ]]; then
    unshare -n bash -c "ip link set lo up; $(declare -f one); BIN=$BIN; CHECK=$CHECK; one $i"
  else
    one $i
    ip link del rdh$i 2>/dev/null
  fi
done
