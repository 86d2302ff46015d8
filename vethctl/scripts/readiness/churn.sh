#!/usr/bin/env bash
# Background churn: namespaces holding 40 veth pairs each, created and destroyed in a loop.
# Their teardown (cleanup_net) holds the RTNL for long stretches, as on a node where other
# pods come and go. Runs until killed.
exec unshare -n bash -c 'while :; do unshare -n sh -c "for j in \$(seq 1 40); do ip link add name va\$j type veth peer name vb\$j; ip link set va\$j up; ip link set vb\$j up; done" >/dev/null 2>&1; done'
