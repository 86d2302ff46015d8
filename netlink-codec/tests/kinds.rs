//! Link-kind coverage: the codec's `IFLA_INFO_DATA` / `IFLA_INFO_SLAVE_DATA` tables against
//! the in-tree link kinds (each `rtnl_link_ops.kind` of a 6.18 tree) whose data the uapi
//! headers define. A kind added to either side without the other fails here, so the list
//! below is the record of what the codec covers and what has nothing to cover.

mod common;

use netlink_codec::header::RTM_NEWLINK;
use netlink_codec::link::{
    IfInfoMsg, IFLA_CAIF_IPV4_CONNID, IFLA_CAIF_IPV6_CONNID, IFLA_CAIF_LOOPBACK, IFLA_INFO_DATA,
    IFLA_INFO_KIND, IFLA_LINKINFO, INFO_DATA_KINDS, INFO_SLAVE_DATA_KINDS,
};
use netlink_codec::model::{AttrValue, Body, Header, Message, Node};
use netlink_codec::schema::Shape;

/// In-tree kinds with `IFLA_INFO_DATA` (their `rtnl_link_ops` has a `maxtype` and policy):
/// (kind, the codec space's name: the uapi enum's prefix, where the enum is).
const WITH_DATA: &[(&str, &str, &str)] = &[
    ("amt", "IFLA_AMT", "linux/if_link.h"),
    ("bareudp", "IFLA_BAREUDP", "linux/if_link.h"),
    ("batadv", "IFLA_BATADV", "linux/if_link.h"),
    ("bond", "IFLA_BOND", "linux/if_link.h"),
    ("bridge", "IFLA_BR", "linux/if_link.h"),
    ("caif", "IFLA_CAIF", "linux/caif/if_caif.h"),
    ("can", "IFLA_CAN", "linux/can/netlink.h"),
    ("dsa", "IFLA_DSA", "linux/if_link.h"),
    ("erspan", "IFLA_GRE", "linux/if_tunnel.h"),
    ("geneve", "IFLA_GENEVE", "linux/if_link.h"),
    ("gre", "IFLA_GRE", "linux/if_tunnel.h"),
    ("gretap", "IFLA_GRE", "linux/if_tunnel.h"),
    ("gtp", "IFLA_GTP", "linux/if_link.h"),
    ("hsr", "IFLA_HSR", "linux/if_link.h"),
    ("ip6erspan", "IFLA_GRE", "linux/if_tunnel.h"),
    ("ip6gre", "IFLA_GRE", "linux/if_tunnel.h"),
    ("ip6gretap", "IFLA_GRE", "linux/if_tunnel.h"),
    // ip6_tunnel.c's IFLA_IPTUN_* (its own flags and encap limit), a space of its own.
    ("ip6tnl", "IFLA_IPTUN6", "linux/if_tunnel.h"),
    ("ipip", "IFLA_IPTUN", "linux/if_tunnel.h"),
    ("ipoib", "IFLA_IPOIB", "linux/if_link.h"),
    ("ipvlan", "IFLA_IPVLAN", "linux/if_link.h"),
    ("ipvtap", "IFLA_IPVLAN", "linux/if_link.h"),
    ("macsec", "IFLA_MACSEC", "linux/if_link.h"),
    ("macvlan", "IFLA_MACVLAN", "linux/if_link.h"),
    ("macvtap", "IFLA_MACVLAN", "linux/if_link.h"),
    ("netkit", "IFLA_NETKIT", "linux/if_link.h"),
    ("ovpn", "IFLA_OVPN", "linux/if_link.h"),
    ("ppp", "IFLA_PPP", "linux/if_link.h"),
    ("rmnet", "IFLA_RMNET", "linux/if_link.h"),
    ("sit", "IFLA_IPTUN", "linux/if_tunnel.h"),
    ("tun", "IFLA_TUN", "linux/if_link.h"),
    ("veth", "VETH_INFO", "linux/veth.h"),
    ("vlan", "IFLA_VLAN", "linux/if_link.h"),
    ("vrf", "IFLA_VRF", "linux/if_link.h"),
    ("vti", "IFLA_VTI", "linux/if_tunnel.h"),
    ("vti6", "IFLA_VTI", "linux/if_tunnel.h"),
    ("vxcan", "VXCAN_INFO", "linux/can/vxcan.h"),
    ("vxlan", "IFLA_VXLAN", "linux/if_link.h"),
    ("wwan", "IFLA_WWAN", "linux/if_link.h"),
    ("xfrm", "IFLA_XFRM", "linux/if_link.h"),
];

/// In-tree kinds with `IFLA_INFO_SLAVE_DATA` (a `slave_maxtype`): (kind, space name).
const WITH_SLAVE_DATA: &[(&str, &str)] = &[
    ("bond", "IFLA_BOND_SLAVE"),
    ("bridge", "IFLA_BRPORT"),
    ("vrf", "IFLA_VRF_PORT"),
];

/// In-tree kinds whose `rtnl_link_ops` has no `maxtype`: nothing in `IFLA_INFO_DATA` to
/// type (listed so that a kind is never just forgotten).
const WITHOUT_DATA: &[&str] = &[
    "dummy",
    "ifb",
    "lowpan",
    // drivers/net/netdevsim/netdev.c: `nsim_link_ops` only refuses `ip link add`; its
    // devices carry their devlink port in IFLA_DEVLINK_PORT instead.
    "netdevsim",
    "nlmon",
    "pfcp",
    "team",
    "vcan",
    "virt_wifi",
    "vsockmon",
    "wireguard",
];

/// The (kind, space name) pairs of a codec table of nests.
fn table(t: &[(&str, Shape)]) -> Vec<(String, String)> {
    t.iter()
        .map(|(k, s)| ((*k).to_owned(), s.child_space().name.to_owned()))
        .collect()
}

fn pairs<'a>(v: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<(String, String)> {
    v.into_iter()
        .map(|(k, s)| (k.to_owned(), s.to_owned()))
        .collect()
}

#[test]
fn every_kind_with_data_has_its_table_and_no_other() {
    let kernel = pairs(WITH_DATA.iter().map(|(k, s, _)| (*k, *s)));
    assert_eq!(table(INFO_DATA_KINDS), kernel);
}

#[test]
fn every_kind_with_slave_data_has_its_table_and_no_other() {
    assert_eq!(
        table(INFO_SLAVE_DATA_KINDS),
        pairs(WITH_SLAVE_DATA.iter().copied())
    );
}

#[test]
fn kinds_without_data_have_no_table() {
    for kind in WITHOUT_DATA {
        assert!(
            !INFO_DATA_KINDS.iter().any(|(k, _)| k == kind),
            "{kind} has no IFLA_INFO_DATA in the kernel"
        );
    }
}

// ---- a kind the tables lacked: caif (net/caif/chnl_net.c, ipcaif_fill_info) -------------

/// A caif link as `ipcaif_fill_info` dumps it: connection id 3 for both families, no
/// loopback.
#[cfg(target_endian = "little")]
#[rustfmt::skip]
const CAIF: &[u8] = &[
    0x4c, 0x00, 0x00, 0x00, // nlmsg_len 76
    0x10, 0x00,             // nlmsg_type RTM_NEWLINK (16)
    0x00, 0x00,             // flags
    0x01, 0x00, 0x00, 0x00, // nlmsg_seq 1
    0x00, 0x00, 0x00, 0x00, // nlmsg_pid
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // ifinfomsg: all zero
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x2c, 0x00, 0x12, 0x00, // IFLA_LINKINFO (18), 44 bytes
      0x09, 0x00, 0x01, 0x00, // IFLA_INFO_KIND (1), 9 bytes
      b'c', b'a', b'i', b'f', 0x00, // "caif"
      0x00, 0x00, 0x00,       // padding
      0x1c, 0x00, 0x02, 0x00, // IFLA_INFO_DATA (2), 28 bytes: IFLA_CAIF_*
        0x08, 0x00, 0x01, 0x00, 0x03, 0x00, 0x00, 0x00, // IFLA_CAIF_IPV4_CONNID (1): u32 3
        0x08, 0x00, 0x02, 0x00, 0x03, 0x00, 0x00, 0x00, // IFLA_CAIF_IPV6_CONNID (2): u32 3
        0x05, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, // IFLA_CAIF_LOOPBACK (3): u8 0
];

#[cfg(target_endian = "little")]
#[test]
fn a_caif_link_is_typed() {
    let data = vec![
        Node::new(IFLA_CAIF_IPV4_CONNID, AttrValue::U32(3)),
        Node::new(IFLA_CAIF_IPV6_CONNID, AttrValue::U32(3)),
        Node::new(IFLA_CAIF_LOOPBACK, AttrValue::U8(0)),
    ];
    let info = vec![
        Node::new(IFLA_INFO_KIND, AttrValue::Str("caif".into(), true)),
        Node::new(IFLA_INFO_DATA, AttrValue::Nested(data)),
    ];
    let expected = Message {
        msg_type: RTM_NEWLINK,
        flags: 0,
        seq: 1,
        pid: 0,
        body: Body::Link(
            Header(IfInfoMsg::default()),
            vec![Node::new(IFLA_LINKINFO, AttrValue::Nested(info))],
        ),
    };
    assert_eq!(common::parse_one(CAIF), expected);
    assert_eq!(expected.to_bytes().unwrap(), CAIF);
}
