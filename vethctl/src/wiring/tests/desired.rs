//! The desired state as a value: everything the comparators want, built from the spec.

use std::net::{IpAddr, Ipv4Addr};

use netlink_codec::link::IN6_ADDR_GEN_MODE_NONE;

use super::spec;
use crate::config::Spec;
use crate::wiring::desired::{
    default_route, host_route, Desired, HostSysctls, POD_ADDR_FLAGS, V4_GATEWAY, V6_GATEWAY,
    V6_GATEWAY_FLAGS,
};

#[test]
fn a_dual_stack_pod_wants_every_piece() {
    let s = Spec {
        mtu: 1400,
        ..spec()
    };
    let d = Desired::of(&s);
    assert_eq!((d.host.name.as_str(), d.pod.name.as_str()), ("vh1", "eth0"));
    assert_eq!((d.host.mtu, d.pod.mtu), (1400, 1400));
    assert_eq!(d.host.addr_gen_mode, IN6_ADDR_GEN_MODE_NONE);
    assert_eq!(d.alias, "vethctl:c1");
    assert_eq!(
        d.sysctls,
        HostSysctls {
            proxy_arp: 1,
            forwarding4: 1,
            proxy_delay: 0,
            forwarding6: Some(1),
            force_forwarding6: Some(1),
        }
    );
    let gw6 = d.gateway6.unwrap();
    assert_eq!(
        (gw6.ip, gw6.prefix_len, gw6.flags),
        (IpAddr::V6(V6_GATEWAY), 64, V6_GATEWAY_FLAGS)
    );
    let ip6: IpAddr = "fd00::5".parse().unwrap();
    let ip4 = IpAddr::V4(Ipv4Addr::new(10, 1, 2, 3));
    let addrs: Vec<_> = d
        .pod_addrs
        .iter()
        .map(|a| (a.ip, a.prefix_len, a.flags))
        .collect();
    assert_eq!(
        addrs,
        [(ip6, 128, POD_ADDR_FLAGS), (ip4, 32, POD_ADDR_FLAGS)]
    );
    assert_eq!(d.host_routes, [host_route(ip6, 0), host_route(ip4, 0)]);
    assert!(d.host_routes[1].scope_link && !d.host_routes[0].scope_link);
    assert_eq!(d.onlink4, Some(host_route(IpAddr::V4(V4_GATEWAY), 0)));
    assert_eq!(
        d.default_routes,
        [
            default_route(IpAddr::V4(V4_GATEWAY), 0),
            default_route(IpAddr::V6(V6_GATEWAY), 0)
        ]
    );
}

#[test]
fn an_ipv4_pod_without_defaults_wants_nothing_ipv6_and_no_gateway_routes() {
    let s = Spec {
        ip6: None,
        default_routes: false,
        ..spec()
    };
    let d = Desired::of(&s);
    assert!(!d.ipv6 && d.ip6().is_none() && d.gateway6.is_none());
    assert_eq!(
        (d.sysctls.forwarding6, d.sysctls.force_forwarding6),
        (None, None)
    );
    assert_eq!(d.ip4(), Some(Ipv4Addr::new(10, 1, 2, 3)));
    assert_eq!(d.host_routes.len(), 1);
    assert!(d.onlink4.is_none() && d.default_routes.is_empty());
}
