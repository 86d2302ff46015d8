//! Attribute values that are a uapi enum or set of flags show their kernel names in the
//! tree, as strace prints them (`RTA_ENCAP_TYPE: LWTUNNEL_ENCAP_SEG6_LOCAL`); their JSON
//! keeps the number, and the JSON reader takes the name (or a list of flags) back.
#![cfg(feature = "render")]

mod common;

use netlink_codec::render::{json_lines, message_from_json, text};
use serde_json::Value as Json;

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
