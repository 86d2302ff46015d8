//! The bytes of every request builder, for a spread of arguments, against a golden file
//! written by the builders as they were before they moved onto the codec's reprs: the
//! requests vethctl sends must stay byte for byte what they were.

use std::fmt::Write;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::*;

/// Every builder, named, with its bytes.
fn requests() -> Vec<(String, Vec<u8>)> {
    let v4: IpAddr = Ipv4Addr::new(10, 1, 2, 3).into();
    let v6: IpAddr = "fd00::5".parse::<Ipv6Addr>().unwrap().into();
    let ll: IpAddr = "fe80::1".parse::<Ipv6Addr>().unwrap().into();
    let gw: IpAddr = Ipv4Addr::new(169, 254, 1, 1).into();
    let mut out: Vec<(String, Res)> = vec![
        (
            "create_veth".into(),
            create_veth("vethabc", "eth0", 1400, 7),
        ),
        (
            "create_veth long".into(),
            create_veth("vh-0123456789a", "e", 9000, 0),
        ),
        ("get_link name".into(), get_link(Some("eth0"), 0)),
        ("get_link index".into(), get_link(None, 42)),
        ("get_link_in nsid".into(), get_link_in(3, Some(1))),
        ("get_link_in".into(), get_link_in(3, None)),
        ("get_nsid_of_task".into(), get_nsid_of_task(4242)),
        ("route_lookup v4".into(), route_lookup(v4)),
        ("route_lookup v6".into(), route_lookup(v6)),
        ("route_lookup_dev".into(), route_lookup_dev(ll, 7)),
        ("dump_addrs".into(), dump_addrs(AF_UNSPEC, 9)),
        ("dump_addrs v6".into(), dump_addrs(AF_INET6, 0)),
        ("dump_routes".into(), dump_routes(254)),
        ("get_addr6".into(), get_addr6("fe80::2".parse().unwrap(), 5)),
        ("dump_links".into(), dump_links()),
        ("set_group".into(), set_group(8, 77)),
        ("del_group".into(), del_group(77)),
        ("del_link".into(), del_link(8)),
        ("proxy_delay_zero".into(), proxy_delay_zero(9)),
    ];
    for (i, flags) in [IfaFlags::NODAD, IfaFlags::NODAD | IfaFlags::NOPREFIXROUTE]
        .into_iter()
        .enumerate()
    {
        for replace in [false, true] {
            for (ip, len) in [(v4, 32), (v6, 128), (ll, 64)] {
                let name = format!("new_addr {ip}/{len} flags{i} replace {replace}");
                out.push((name, new_addr(ip, len, 3, flags, replace)));
            }
        }
    }
    let changes = [
        LinkChange::default(),
        LinkChange {
            name: Some("eth0".into()),
            mtu: Some(1400),
            alias: Some("vethctl:pod".into()),
            up: Some(false),
            ..Default::default()
        },
        LinkChange {
            addr_gen_mode_none: true,
            ipv4_conf: true,
            up: Some(true),
            ..Default::default()
        },
        LinkChange {
            addr_gen_mode_none: true,
            ..Default::default()
        },
        LinkChange {
            ipv4_conf: true,
            mtu: Some(1500),
            ..Default::default()
        },
    ];
    for (i, c) in changes.iter().enumerate() {
        out.push((format!("set_link {i}"), set_link(12, c)));
    }
    let routes = [
        (None, false, 0, Some(gw), 5, false, None, 254),
        (Some(v4), false, 32, None, 5, true, None, 254),
        (Some(v6), true, 128, None, 5, true, Some(1024), 254),
        (None, true, 0, Some(ll), 6, false, Some(1024), 1000),
        (Some(gw), false, 32, None, 0, true, None, 100),
    ];
    for (i, (dst, v6, dst_len, gateway, oif, scope_link, priority, table)) in
        routes.into_iter().enumerate()
    {
        let r = RouteSpec {
            dst,
            v6,
            dst_len,
            gateway,
            oif,
            scope_link,
            priority,
            table,
        };
        out.push((format!("replace_route {i}"), replace_route(&r)));
        out.push((format!("del_route {i}"), del_route(&r)));
    }
    out.into_iter()
        .map(|(n, r)| (n, r.expect("the request builds")))
        .collect()
}

fn hex(b: &[u8]) -> String {
    b.iter().fold(String::new(), |mut s, x| {
        let _ = write!(s, "{x:02x}");
        s
    })
}

/// `name: hex` lines.
fn render() -> String {
    requests()
        .into_iter()
        .map(|(n, b)| format!("{n}: {}\n", hex(&b)))
        .collect()
}

#[test]
fn requests_are_byte_identical_to_the_previous_builders() {
    let golden = include_str!("golden.txt");
    let now = render();
    for (want, got) in golden.lines().zip(now.lines()) {
        assert_eq!(got, want);
    }
    assert_eq!(now.lines().count(), golden.lines().count());
}
