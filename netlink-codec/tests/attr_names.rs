//! Attribute values that are a uapi enum or set of flags show their kernel names in the
//! tree, as strace prints them (`RTA_ENCAP_TYPE: LWTUNNEL_ENCAP_SEG6_LOCAL`); their JSON
//! keeps the number, and the JSON reader takes the name (or a list of flags) back.
#![cfg(feature = "render")]

mod common;

use netlink_codec::af::{AF_BRIDGE, AF_INET};
use netlink_codec::link::*;
use netlink_codec::lwtunnel::*;
use netlink_codec::model::{AttrValue, Body, Header, Message, Node};
use netlink_codec::render::{json_lines, message_from_json, text};
use netlink_codec::route::{RtMsg, RTA_ENCAP, RTA_ENCAP_TYPE};
use serde_json::{json, Value as Json};

/// The tree of corpus buffer `name` (`0462-req`).
fn tree_of(name: &str) -> String {
    let path = common::corpus_dir().join(format!("{name}.bin"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Whether a line of `tree` ends with `attr: value` (after its offset and indent).
fn shows(tree: &str, attr: &str, value: &str) -> bool {
    let want = format!("{attr}: {value}");
    tree.lines().any(|l| {
        l.trim_start_matches([' ', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
            .trim_start()
            == want
    })
}

#[test]
fn enum_and_flag_attributes_show_their_kernel_names() {
    let cases = [
        (
            "0462-req",
            "SEG6_LOCAL_ACTION",
            "SEG6_LOCAL_ACTION_END_B6_ENCAP",
        ),
        (
            "0462-req",
            "RTA_ENCAP_TYPE [pad=0100]",
            "LWTUNNEL_ENCAP_SEG6_LOCAL",
        ),
        ("0346-req", "RTA_ENCAP_TYPE", "LWTUNNEL_ENCAP_SEG6"),
        ("0356-req", "NHA_ENCAP_TYPE", "LWTUNNEL_ENCAP_MPLS"),
        ("0112-rep", "RTA_PREF", "ICMPV6_ROUTER_PREF_MEDIUM"),
        ("0033-rep", "IFLA_OPERSTATE", "IF_OPER_UP"),
        ("0007-rep", "IFLA_LINKMODE", "IF_LINK_MODE_DEFAULT"),
        ("0007-rep", "IFLA_XDP_ATTACHED", "XDP_ATTACHED_NONE"),
        (
            "0008-req",
            "IFLA_INET6_ADDR_GEN_MODE",
            "IN6_ADDR_GEN_MODE_NONE",
        ),
        ("0053-rep", "IFLA_INET6_FLAGS", "IF_RS_SENT|IF_READY"),
        ("0094-rep", "IFA_FLAGS", "IFA_F_NODAD|IFA_F_PERMANENT"),
        ("0335-rep", "IFLA_BRPORT_STATE", "BR_STATE_FORWARDING"),
        (
            "0335-rep",
            "IFLA_BRPORT_MULTICAST_ROUTER",
            "MDB_RTR_TYPE_TEMP_QUERY",
        ),
        ("0324-req", "IFLA_MACVLAN_MODE", "MACVLAN_MODE_BRIDGE"),
        ("0326-req", "IFLA_IPVLAN_MODE", "IPVLAN_MODE_L2"),
        ("0331-rep", "IFLA_VXLAN_DF", "VXLAN_DF_UNSET"),
        ("0255-rep", "FRA_PROTOCOL", "RTPROT_KERNEL"),
        ("0255-rep", "FRA_TABLE", "RT_TABLE_LOCAL"),
        ("0231-rep", "NDA_FLAGS_EXT", "0"),
        ("0246-req", "FRA_IP_PROTO", "IPPROTO_TCP"),
        (
            "0006-req",
            "IFLA_EXT_MASK",
            "RTEXT_FILTER_VF|RTEXT_FILTER_SKIP_STATS",
        ),
        ("0149-rep", "NHA_GROUP_TYPE", "NEXTHOP_GRP_TYPE_MPATH"),
        (
            "0304-req",
            "IFLA_GRE_ENCAP_FLAGS",
            "TUNNEL_ENCAP_FLAG_CSUM6",
        ),
        ("0308-req", "IFLA_IPTUN_ENCAP_TYPE", "TUNNEL_ENCAP_FOU"),
        ("0310-req", "IFLA_IPTUN_PROTO", "IPPROTO_IPV6"),
        (
            "0312-req",
            "IFLA_IPTUN_ENCAP_FLAGS",
            "TUNNEL_ENCAP_FLAG_CSUM6",
        ),
        (
            "0333-rep",
            "IFLA_BR_MCAST_ROUTER",
            "MDB_RTR_TYPE_TEMP_QUERY",
        ),
        ("0331-rep", "IFLA_VXLAN_LABEL_POLICY", "VXLAN_LABEL_FIXED"),
        // `__be16` in network order: the names apply to the value as decoded.
        ("0300-req", "IFLA_GRE_IFLAGS", "GRE_KEY"),
        ("0301-rep", "IFLA_GRE_OFLAGS", "GRE_KEY"),
        ("0307-rep", "IFLA_GRE_IFLAGS", "GRE_KEY|GRE_SEQ"),
        ("0305-rep", "IFLA_GRE_FLAGS", "0"),
        ("0345-rep", "LWTUNNEL_IP_FLAGS", "0"),
    ];
    let missing: Vec<String> = cases
        .iter()
        .filter(|(buf, attr, value)| !shows(&tree_of(buf), attr, value))
        .map(|(buf, attr, value)| format!("{buf}: {attr}: {value}"))
        .collect();
    assert!(missing.is_empty(), "not shown:\n{}", missing.join("\n"));
}

/// The JSON of `0462-req`'s one message.
fn json_0462() -> Json {
    let bytes = std::fs::read(common::corpus_dir().join("0462-req.bin")).unwrap();
    serde_json::from_str(json_lines(&bytes).unwrap().lines().next().unwrap()).unwrap()
}

/// The `value` of the attribute `name` anywhere in the JSON tree `v`.
fn value_of<'a>(v: &'a mut Json, name: &str) -> Option<&'a mut Json> {
    match v {
        Json::Object(o) => {
            if o.get("type").and_then(Json::as_str) == Some(name) {
                return o.get_mut("value");
            }
            o.values_mut().find_map(|c| value_of(c, name))
        }
        Json::Array(a) => a.iter_mut().find_map(|c| value_of(c, name)),
        _ => None,
    }
}

#[test]
fn json_keeps_numbers_and_reads_names_back() {
    let mut j = json_0462();
    let bytes = std::fs::read(common::corpus_dir().join("0462-req.bin")).unwrap();
    assert_eq!(
        value_of(&mut j, "RTA_ENCAP_TYPE").cloned(),
        Some(Json::from(7))
    );
    assert_eq!(
        value_of(&mut j, "SEG6_LOCAL_ACTION").cloned(),
        Some(Json::from(10))
    );
    // The names instead of the numbers: the same bytes, and `RTA_ENCAP_TYPE` by name still
    // chooses the space of `RTA_ENCAP`.
    *value_of(&mut j, "RTA_ENCAP_TYPE").unwrap() = Json::from("LWTUNNEL_ENCAP_SEG6_LOCAL");
    *value_of(&mut j, "SEG6_LOCAL_ACTION").unwrap() = Json::from("SEG6_LOCAL_ACTION_END_B6_ENCAP");
    let mut back = Vec::new();
    message_from_json(&j).unwrap().emit(&mut back).unwrap();
    assert_eq!(back, bytes);
    // An unknown name is an error that says so.
    *value_of(&mut j, "SEG6_LOCAL_ACTION").unwrap() = Json::from("SEG6_LOCAL_ACTION_NOPE");
    let e = message_from_json(&j).unwrap_err().to_string();
    assert!(e.contains("unknown name"), "{e}");
}

#[test]
fn flag_attributes_read_a_list_of_names_and_bits() {
    let bytes = std::fs::read(common::corpus_dir().join("0094-rep.bin")).unwrap();
    let mut back = Vec::new();
    for line in json_lines(&bytes).unwrap().lines() {
        let mut j: Json = serde_json::from_str(line).unwrap();
        if let Some(v) = value_of(&mut j, "IFA_FLAGS") {
            let n = v.as_u64().unwrap();
            assert_eq!(n, 0x82, "the corpus message's flags");
            *v = serde_json::json!(["IFA_F_PERMANENT", 2]);
        }
        message_from_json(&j).unwrap().emit(&mut back).unwrap();
    }
    assert_eq!(back, bytes);
}

/// Where a [`Named`] attribute is sent: the nest, and the message, around it.
#[derive(Clone, Copy)]
enum In {
    /// `IFLA_LINKINFO` / `IFLA_INFO_DATA` of this kind.
    Data(&'static str),
    /// `IFLA_LINKINFO` / `IFLA_INFO_SLAVE_DATA` of this kind.
    SlaveData(&'static str),
    /// An `AF_BRIDGE` link's `IFLA_AF_SPEC`, inside `IFLA_BRIDGE_MRP` / `_CFM` and this
    /// nest of it.
    Bridge(u16, u16),
    /// A route's `RTA_ENCAP` of this `LWTUNNEL_ENCAP_*` type.
    Encap(u16),
}

/// An attribute whose number has names: where it goes, its type and value, what the tree
/// shows, and the name (or list of flags) the JSON reader takes for the number.
struct Named {
    at: In,
    name: &'static str,
    kind: u16,
    value: AttrValue,
    text: &'static str,
    json: Json,
}

fn named(at: In, name: &'static str, kind: u16, value: AttrValue, text: &'static str) -> Named {
    // One name, or a list of flags (and the bits without a name, as numbers) from the
    // tree's `A|B|0x100`.
    let part = |p: &str| match p.strip_prefix("0x") {
        Some(hex) => json!(u64::from_str_radix(hex, 16).unwrap()),
        None => json!(p),
    };
    let json = match text.split('|').collect::<Vec<_>>()[..] {
        [one] => part(one),
        ref many => Json::Array(many.iter().map(|p| part(p)).collect()),
    };
    Named {
        at,
        name,
        kind,
        value,
        text,
        json,
    }
}

/// The bytes of a message that carries `n`'s attribute where `n.at` says.
fn message_of(n: &Named) -> Vec<u8> {
    let attr = Node::new(n.kind, n.value.clone());
    let link = |family: u8, attrs: Vec<Node>| Message {
        msg_type: netlink_codec::header::RTM_NEWLINK,
        flags: 0,
        seq: 1,
        pid: 0,
        body: Body::Link(
            Header(IfInfoMsg {
                ifi_family: family,
                ifi_index: 7.into(),
                ..IfInfoMsg::default()
            }),
            attrs,
        ),
    };
    let info = |kind_type: u16, kind: &str, data_type: u16| {
        let kind = Node::new(kind_type, AttrValue::Str(kind.into(), true));
        let data = Node::new(data_type, AttrValue::Nested(vec![attr.clone()]));
        link(
            0,
            vec![Node::new(
                IFLA_LINKINFO,
                AttrValue::Nested(vec![kind, data]),
            )],
        )
    };
    let m = match n.at {
        In::Data(kind) => info(IFLA_INFO_KIND, kind, IFLA_INFO_DATA),
        In::SlaveData(kind) => info(IFLA_INFO_SLAVE_KIND, kind, IFLA_INFO_SLAVE_DATA),
        In::Bridge(outer, inner) => {
            let inner = Node::new(inner, AttrValue::Nested(vec![attr.clone()]));
            let outer = Node::new(outer, AttrValue::Nested(vec![inner]));
            link(
                AF_BRIDGE,
                vec![Node::new(IFLA_AF_SPEC, AttrValue::Nested(vec![outer]))],
            )
        }
        In::Encap(ty) => {
            let h = RtMsg {
                rtm_family: AF_INET,
                ..RtMsg::default()
            };
            Message {
                msg_type: netlink_codec::header::RTM_NEWROUTE,
                flags: 0,
                seq: 1,
                pid: 0,
                body: Body::Route(
                    Header(h),
                    vec![
                        Node::new(RTA_ENCAP, AttrValue::Nested(vec![attr.clone()])),
                        Node::new(RTA_ENCAP_TYPE, AttrValue::U16(ty)),
                    ],
                ),
            }
        }
    };
    m.to_bytes().unwrap()
}

/// The number a scalar attribute value holds.
fn number(v: &AttrValue) -> u64 {
    match *v {
        AttrValue::U8(x) => x.into(),
        AttrValue::U16(x) | AttrValue::Be16(x) => x.into(),
        AttrValue::U32(x) => x.into(),
        AttrValue::U64(x) => x,
        ref v => panic!("not a named number: {v:?}"),
    }
}

/// Each table added for bonds, bridge MRP and CFM, GRE and ip6 tunnels, lightweight
/// tunnels, MACsec, tun and IPoIB, on bytes the codec encodes: the tree shows the kernel's
/// name, the JSON keeps the number, and the JSON with the name instead reads back to the
/// same bytes.
#[test]
fn link_kind_and_tunnel_values_show_and_read_their_names() {
    use AttrValue::{Be16, U16, U32, U64, U8};
    let bond = In::Data("bond");
    let port = In::SlaveData("bond");
    let mrp = |nest| In::Bridge(IFLA_BRIDGE_MRP, nest);
    let cfm = |nest| In::Bridge(IFLA_BRIDGE_CFM, nest);
    let (gre, ip6gre, ip6tnl) = (In::Data("gre"), In::Data("ip6gre"), In::Data("ip6tnl"));
    let cases = [
        named(
            bond,
            "IFLA_BOND_ARP_VALIDATE",
            IFLA_BOND_ARP_VALIDATE,
            U32(5),
            "BOND_ARP_FILTER_ACTIVE",
        ),
        named(
            bond,
            "IFLA_BOND_ARP_ALL_TARGETS",
            IFLA_BOND_ARP_ALL_TARGETS,
            U32(1),
            "BOND_ARP_TARGETS_ALL",
        ),
        named(
            bond,
            "IFLA_BOND_PRIMARY_RESELECT",
            IFLA_BOND_PRIMARY_RESELECT,
            U8(2),
            "BOND_PRI_RESELECT_FAILURE",
        ),
        named(
            bond,
            "IFLA_BOND_FAIL_OVER_MAC",
            IFLA_BOND_FAIL_OVER_MAC,
            U8(2),
            "BOND_FOM_FOLLOW",
        ),
        named(
            bond,
            "IFLA_BOND_XMIT_HASH_POLICY",
            IFLA_BOND_XMIT_HASH_POLICY,
            U8(1),
            "BOND_XMIT_POLICY_LAYER34",
        ),
        named(
            bond,
            "IFLA_BOND_XMIT_HASH_POLICY",
            IFLA_BOND_XMIT_HASH_POLICY,
            U8(5),
            "BOND_XMIT_POLICY_VLAN_SRCMAC",
        ),
        named(
            bond,
            "IFLA_BOND_AD_LACP_RATE",
            IFLA_BOND_AD_LACP_RATE,
            U8(1),
            "AD_LACP_FAST",
        ),
        named(
            bond,
            "IFLA_BOND_AD_SELECT",
            IFLA_BOND_AD_SELECT,
            U8(2),
            "BOND_AD_COUNT",
        ),
        named(
            bond,
            "IFLA_BOND_MODE",
            IFLA_BOND_MODE,
            U8(4),
            "BOND_MODE_8023AD",
        ),
        named(
            port,
            "IFLA_BOND_SLAVE_STATE",
            IFLA_BOND_SLAVE_STATE,
            U8(1),
            "BOND_STATE_BACKUP",
        ),
        named(
            port,
            "IFLA_BOND_SLAVE_MII_STATUS",
            IFLA_BOND_SLAVE_MII_STATUS,
            U8(2),
            "BOND_LINK_DOWN",
        ),
        named(
            port,
            "IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE",
            IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE,
            U8(0x3d),
            "LACP_STATE_LACP_ACTIVITY|LACP_STATE_AGGREGATION|LACP_STATE_SYNCHRONIZATION|\
             LACP_STATE_COLLECTING|LACP_STATE_DISTRIBUTING",
        ),
        named(
            port,
            "IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE",
            IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE,
            U16(0x42),
            "LACP_STATE_LACP_TIMEOUT|LACP_STATE_DEFAULTED",
        ),
        named(
            mrp(IFLA_BRIDGE_MRP_RING_ROLE),
            "IFLA_BRIDGE_MRP_RING_ROLE_ROLE",
            IFLA_BRIDGE_MRP_RING_ROLE_ROLE,
            U32(2),
            "BR_MRP_RING_ROLE_MRM",
        ),
        named(
            mrp(IFLA_BRIDGE_MRP_RING_STATE),
            "IFLA_BRIDGE_MRP_RING_STATE_STATE",
            IFLA_BRIDGE_MRP_RING_STATE_STATE,
            U32(1),
            "BR_MRP_RING_STATE_CLOSED",
        ),
        named(
            mrp(IFLA_BRIDGE_MRP_PORT_ROLE),
            "IFLA_BRIDGE_MRP_PORT_ROLE_ROLE",
            IFLA_BRIDGE_MRP_PORT_ROLE_ROLE,
            U32(2),
            "BR_MRP_PORT_ROLE_INTER",
        ),
        named(
            mrp(IFLA_BRIDGE_MRP_PORT_STATE),
            "IFLA_BRIDGE_MRP_PORT_STATE_STATE",
            IFLA_BRIDGE_MRP_PORT_STATE_STATE,
            U32(3),
            "BR_MRP_PORT_STATE_NOT_CONNECTED",
        ),
        named(
            mrp(IFLA_BRIDGE_MRP_IN_ROLE),
            "IFLA_BRIDGE_MRP_IN_ROLE_ROLE",
            IFLA_BRIDGE_MRP_IN_ROLE_ROLE,
            U32(2),
            "BR_MRP_IN_ROLE_MIM",
        ),
        named(
            mrp(IFLA_BRIDGE_MRP_IN_STATE),
            "IFLA_BRIDGE_MRP_IN_STATE_STATE",
            IFLA_BRIDGE_MRP_IN_STATE_STATE,
            U32(1),
            "BR_MRP_IN_STATE_CLOSED",
        ),
        named(
            mrp(IFLA_BRIDGE_MRP_INFO),
            "IFLA_BRIDGE_MRP_INFO_RING_ROLE",
            IFLA_BRIDGE_MRP_INFO_RING_ROLE,
            U32(1),
            "BR_MRP_RING_ROLE_MRC",
        ),
        named(
            mrp(IFLA_BRIDGE_MRP_INFO),
            "IFLA_BRIDGE_MRP_INFO_RING_STATE",
            IFLA_BRIDGE_MRP_INFO_RING_STATE,
            U32(0),
            "BR_MRP_RING_STATE_OPEN",
        ),
        named(
            mrp(IFLA_BRIDGE_MRP_INFO),
            "IFLA_BRIDGE_MRP_INFO_IN_ROLE",
            IFLA_BRIDGE_MRP_INFO_IN_ROLE,
            U32(1),
            "BR_MRP_IN_ROLE_MIC",
        ),
        named(
            mrp(IFLA_BRIDGE_MRP_INFO),
            "IFLA_BRIDGE_MRP_INFO_IN_STATE",
            IFLA_BRIDGE_MRP_INFO_IN_STATE,
            U32(1),
            "BR_MRP_IN_STATE_CLOSED",
        ),
        named(
            cfm(IFLA_BRIDGE_CFM_MEP_CREATE),
            "IFLA_BRIDGE_CFM_MEP_CREATE_DOMAIN",
            IFLA_BRIDGE_CFM_MEP_CREATE_DOMAIN,
            U32(0),
            "BR_CFM_PORT",
        ),
        named(
            cfm(IFLA_BRIDGE_CFM_MEP_CREATE_INFO),
            "IFLA_BRIDGE_CFM_MEP_CREATE_DIRECTION",
            IFLA_BRIDGE_CFM_MEP_CREATE_DIRECTION,
            U32(1),
            "BR_CFM_MEP_DIRECTION_UP",
        ),
        named(
            cfm(IFLA_BRIDGE_CFM_CC_CONFIG),
            "IFLA_BRIDGE_CFM_CC_CONFIG_EXP_INTERVAL",
            IFLA_BRIDGE_CFM_CC_CONFIG_EXP_INTERVAL,
            U32(4),
            "BR_CFM_CCM_INTERVAL_1_SEC",
        ),
        named(
            gre,
            "IFLA_GRE_IFLAGS",
            IFLA_GRE_IFLAGS,
            Be16(0xa000),
            "GRE_CSUM|GRE_KEY",
        ),
        // A name of several bits only when all are set; a part of it stays a number.
        named(
            gre,
            "IFLA_GRE_OFLAGS",
            IFLA_GRE_OFLAGS,
            Be16(0x2700),
            "GRE_KEY|GRE_REC",
        ),
        named(
            gre,
            "IFLA_GRE_OFLAGS",
            IFLA_GRE_OFLAGS,
            Be16(0x2100),
            "GRE_KEY|0x100",
        ),
        named(
            ip6gre,
            "IFLA_GRE_FLAGS",
            IFLA_GRE_FLAGS,
            U32(0x11),
            "IP6_TNL_F_IGN_ENCAP_LIMIT|IP6_TNL_F_RCV_DSCP_COPY",
        ),
        named(
            ip6tnl,
            "IFLA_IPTUN_FLAGS",
            IFLA_IPTUN_FLAGS,
            U32(0x40),
            "IP6_TNL_F_ALLOW_LOCAL_REMOTE",
        ),
        named(
            In::Encap(LWTUNNEL_ENCAP_IP),
            "LWTUNNEL_IP_FLAGS",
            LWTUNNEL_IP_FLAGS,
            Be16(0x05),
            "TUNNEL_CSUM|TUNNEL_KEY",
        ),
        named(
            In::Encap(LWTUNNEL_ENCAP_IP6),
            "LWTUNNEL_IP6_FLAGS",
            LWTUNNEL_IP6_FLAGS,
            Be16(0x0c),
            "TUNNEL_KEY|TUNNEL_SEQ",
        ),
        named(
            In::Data("macsec"),
            "IFLA_MACSEC_CIPHER_SUITE",
            IFLA_MACSEC_CIPHER_SUITE,
            U64(0x0080_c200_0100_0004),
            "MACSEC_CIPHER_ID_GCM_AES_XPN_256",
        ),
        named(
            In::Data("tun"),
            "IFLA_TUN_TYPE",
            IFLA_TUN_TYPE,
            U8(2),
            "IFF_TAP",
        ),
        named(
            In::Data("ipoib"),
            "IFLA_IPOIB_MODE",
            IFLA_IPOIB_MODE,
            U16(1),
            "IPOIB_MODE_CONNECTED",
        ),
    ];
    let mut wrong = Vec::new();
    for n in &cases {
        let bytes = message_of(n);
        let tree = text(&bytes).unwrap();
        if !shows(&tree, n.name, n.text) {
            wrong.push(format!("{}: not shown as {}:\n{tree}", n.name, n.text));
            continue;
        }
        let mut j: Json = serde_json::from_str(json_lines(&bytes).unwrap().trim_end()).unwrap();
        let v = value_of(&mut j, n.name).unwrap();
        if *v != json!(number(&n.value)) {
            wrong.push(format!("{}: JSON {v}, not the number", n.name));
            continue;
        }
        *v = n.json.clone();
        let mut back = Vec::new();
        message_from_json(&j).unwrap().emit(&mut back).unwrap();
        if back != bytes {
            wrong.push(format!("{}: {} reads back to other bytes", n.name, n.json));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// `LWTUNNEL_IP_FLAGS` is sent in network order, as the kernel's `nla_put_be16`: the flags
/// the JSON names become the bytes `00 05`.
#[test]
fn lwtunnel_flags_are_network_order() {
    let n = named(
        In::Encap(LWTUNNEL_ENCAP_IP),
        "LWTUNNEL_IP_FLAGS",
        LWTUNNEL_IP_FLAGS,
        AttrValue::Be16(0),
        "0",
    );
    let mut j: Json =
        serde_json::from_str(json_lines(&message_of(&n)).unwrap().trim_end()).unwrap();
    *value_of(&mut j, "LWTUNNEL_IP_FLAGS").unwrap() = json!(["TUNNEL_CSUM", "TUNNEL_KEY"]);
    let bytes = message_from_json(&j).unwrap().to_bytes().unwrap();
    // nla_len 6, nla_type LWTUNNEL_IP_FLAGS, then the value.
    let attr = [6, 0, LWTUNNEL_IP_FLAGS as u8, 0, 0x00, 0x05];
    assert!(bytes.windows(attr.len()).any(|w| w == attr), "{bytes:02x?}");
}
