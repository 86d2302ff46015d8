//! Which codec table each YNL name stands for. Edit here: a spec set, struct or sub-message
//! the test meets must be in exactly one list, or the test says which one to add it to.

use netlink_codec::schema::{HeaderDef, Space};
use netlink_codec::{addr, link, nsid, route};

/// A YNL attribute set, the codec space it describes, and the uapi prefix of its names
/// (YNL writes `ifla-` as `name-prefix` on some sets, inside the names on others, or not at
/// all: `vfinfo-attrs` is `IFLA_VF_*`).
pub(crate) struct SetMap {
    pub(crate) set: &'static str,
    pub(crate) space: &'static Space,
    pub(crate) prefix: &'static str,
}

const fn set(set: &'static str, space: &'static Space, prefix: &'static str) -> SetMap {
    SetMap { set, space, prefix }
}

/// Every spec attribute set that has a codec space.
pub(crate) static SETS: &[SetMap] = &[
    // rt-link
    set("link-attrs", &link::LINK, "IFLA_"),
    set("prop-list-link-attrs", &link::LINK, "IFLA_"),
    set("af-spec-attrs", &link::AF_SPEC, "AF_"),
    set("vfinfo-list-attrs", &link::VFINFO_LIST, "IFLA_VF_"),
    set("vfinfo-attrs", &link::VF, "IFLA_VF_"),
    set("vf-stats-attrs", &link::VF_STATS, "IFLA_VF_STATS_"),
    set("vf-vlan-attrs", &link::VF_VLAN_LIST, "IFLA_VF_VLAN_"),
    set("vf-ports-attrs", &link::VF_PORTS, "IFLA_VF_PORT_"),
    set("port-self-attrs", &link::PORT, "IFLA_PORT_"),
    set("linkinfo-attrs", &link::LINKINFO, "IFLA_INFO_"),
    set("linkinfo-bond-attrs", &link::BOND, "IFLA_BOND_"),
    set(
        "bond-ad-info-attrs",
        &link::BOND_AD_INFO,
        "IFLA_BOND_AD_INFO_",
    ),
    set("bond-slave-attrs", &link::BOND_SLAVE, "IFLA_BOND_SLAVE_"),
    set("linkinfo-bridge-attrs", &link::BRIDGE, "IFLA_BR_"),
    set("linkinfo-brport-attrs", &link::BRPORT, "IFLA_BRPORT_"),
    set("linkinfo-geneve-attrs", &link::GENEVE, "IFLA_GENEVE_"),
    set("linkinfo-tun-attrs", &link::TUN, "IFLA_TUN_"),
    set("linkinfo-vlan-attrs", &link::VLAN, "IFLA_VLAN_"),
    set("ifla-vlan-qos", &link::VLAN_QOS, "IFLA_VLAN_QOS_"),
    set("linkinfo-vrf-attrs", &link::VRF, "IFLA_VRF_"),
    set("xdp-attrs", &link::XDP, "IFLA_XDP_"),
    set("ifla-attrs", &link::INET, "IFLA_INET_"),
    set("ifla6-attrs", &link::INET6, "IFLA_INET6_"),
    set("mctp-attrs", &link::MCTP, "IFLA_MCTP_"),
    set("stats-attrs", &link::STATS, "IFLA_STATS_"),
    set(
        "link-offload-xstats",
        &link::OFFLOAD_XSTATS,
        "IFLA_OFFLOAD_XSTATS_",
    ),
    set(
        "hw-s-info-one",
        &link::OFFLOAD_XSTATS_HW_S_INFO,
        "IFLA_OFFLOAD_XSTATS_HW_S_INFO_",
    ),
    set("linkinfo-netkit-attrs", &link::NETKIT, "IFLA_NETKIT_"),
    // rt-addr
    set("addr-attrs", &addr::ADDR, ""),
    // rt-route
    set("route-attrs", &route::ROUTE, ""),
    set("rta-metrics", &route::METRICS, ""),
];

/// Spec attribute sets with no codec space yet: (set, why).
pub(crate) static UNMAPPED: &[(&str, &str)] = &[
    (
        "linkinfo-gre-attrs",
        "pending (helper `link`): gre/gretap/erspan INFO_DATA",
    ),
    (
        "linkinfo-iptun-attrs",
        "pending (helper `link`): ipip/sit INFO_DATA",
    ),
    (
        "link-dpll-pin-attrs",
        "IFLA_DPLL_PIN nests the dpll genetlink family's DPLL_A_PIN_*; the codec keeps it raw",
    ),
];

/// Spec struct definitions that are codec family headers.
pub(crate) static HEADERS: &[(&str, &HeaderDef)] = &[
    ("ifinfomsg", &link::IfInfoMsg::DEF),
    ("ifaddrmsg", &addr::IfAddrMsg::DEF),
    ("rtmsg", &route::RtMsg::DEF),
    ("rtgenmsg", &nsid::RtGenMsg::DEF),
];

/// Spec sub-messages and the codec's (kind, space) tables they correspond to.
pub(crate) static SUB_MESSAGES: &[(&str, &[(&str, &Space)])] = &[
    ("linkinfo-data-msg", link::INFO_DATA_KINDS),
    ("linkinfo-member-data-msg", link::INFO_SLAVE_DATA_KINDS),
];

/// The codec space of a spec set.
pub(crate) fn space_of(set: &str) -> Option<&'static Space> {
    SETS.iter().find(|m| m.set == set).map(|m| m.space)
}

/// The codec table of a spec sub-message.
pub(crate) fn sub_message_table(name: &str) -> Option<&'static [(&'static str, &'static Space)]> {
    SUB_MESSAGES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
}

/// The uapi name of a spec attribute: `IFLA_` + `alt-ifname` is `IFLA_ALT_IFNAME`.
pub(crate) fn c_name(prefix: &str, name: &str) -> String {
    format!("{prefix}{}", name.to_uppercase().replace('-', "_"))
}
