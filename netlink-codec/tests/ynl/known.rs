//! Known differences between the YNL specs and the codec, itemised so that the test fails
//! for any other difference, and for an entry here that no longer differs (remove it).
//! Each entry is (spec set, struct or sub-message; uapi name, member or kind, or "*" for
//! every item of the set; why). The uapi name is the spec's name with the set's prefix
//! (`ynl/map.rs`), so a misspelt spec name appears as the spec spells it.

/// Differences in areas other work is changing: the merger shrinks this list.
pub(crate) static PENDING: &[(&str, &str, &str)] = &[
    // helper `link`: IFLA_MAP, bridge ids, each link kind's INFO_DATA, GENEVE's port range.
    (
        "link-attrs",
        "IFLA_MAP",
        "link: struct rtnl_link_ifmap, raw for now",
    ),
    (
        "linkinfo-bridge-attrs",
        "IFLA_BR_ROOT_ID",
        "link: struct ifla_bridge_id",
    ),
    (
        "linkinfo-bridge-attrs",
        "IFLA_BR_BRIDGE_ID",
        "link: struct ifla_bridge_id",
    ),
    (
        "linkinfo-brport-attrs",
        "IFLA_BRPORT_ROOT_ID",
        "link: struct ifla_bridge_id",
    ),
    (
        "linkinfo-brport-attrs",
        "IFLA_BRPORT_BRIDGE_ID",
        "link: struct ifla_bridge_id",
    ),
    (
        "linkinfo-bond-attrs",
        "IFLA_BOND_ARP_IP_TARGET",
        "link: bond INFO_DATA, a nest of __be32 by position",
    ),
    (
        "linkinfo-bond-attrs",
        "IFLA_BOND_NS_IP6_TARGET",
        "link: bond INFO_DATA, a nest of IPv6 addresses by position",
    ),
    (
        "linkinfo-data-msg",
        "gre",
        "link: gre INFO_DATA (then map linkinfo-gre-attrs)",
    ),
    ("linkinfo-data-msg", "gretap", "link: gre INFO_DATA"),
    ("linkinfo-data-msg", "erspan", "link: gre INFO_DATA"),
    (
        "linkinfo-data-msg",
        "ipip",
        "link: iptun INFO_DATA (then map linkinfo-iptun-attrs)",
    ),
    ("linkinfo-data-msg", "sit", "link: iptun INFO_DATA"),
    (
        "linkinfo-data-msg",
        "ip6gre",
        "link: gre INFO_DATA (then map linkinfo-gre6-attrs)",
    ),
    (
        "linkinfo-data-msg",
        "ip6tnl",
        "link: iptun INFO_DATA (then map linkinfo-ip6tnl-attrs)",
    ),
    (
        "linkinfo-data-msg",
        "vti",
        "link: vti INFO_DATA (then map linkinfo-vti-attrs)",
    ),
    (
        "linkinfo-data-msg",
        "vti6",
        "link: vti INFO_DATA (then map linkinfo-vti6-attrs)",
    ),
    (
        "linkinfo-geneve-attrs",
        "IFLA_GENEVE_PORT_RANGE",
        "link: struct ifla_geneve_port_range (like VXLAN's port range), raw for now",
    ),
    // Branch `fam` adds the neighbour and rule families (then map neighbour-attrs,
    // fib-rule-attrs, ndmsg and fib-rule-hdr in ynl/map.rs). Checked against its tables,
    // the specs then differ at NDA_PORT (__be16, nla_put_be16; the spec says u16) and
    // FRA_TUN_ID (__be64, nla_put_be64; the spec says u64, the codec keeps it raw): DIFFERS.
    ("newneigh", "*", "family added by branch fam"),
    ("delneigh", "*", "family added by branch fam"),
    ("getneigh", "*", "family added by branch fam"),
    ("newrule", "*", "family added by branch fam"),
    ("delrule", "*", "family added by branch fam"),
    ("getrule", "*", "family added by branch fam"),
    // Family::of lives in family.rs, which branch `fam` edits.
    (
        "getmulticast",
        "RTM_GETMULTICAST",
        "RTM_*MULTICAST stay raw: after merging fam, one arm in Family::of makes them Addr",
    ),
];

/// Differences the codec keeps on purpose, or where the spec is wrong.
pub(crate) static DIFFERS: &[(&str, &str, &str)] = &[
    // Names: the codec uses the uapi's, YNL respells a few.
    ("rtgenmsg", "family", "YNL drops the uapi's `rtgen_` prefix"),
    ("ndtmsg", "family", "YNL drops the uapi's `ndtm_` prefix"),
    (
        "rtgenmsg",
        "(size)",
        "rt-rule pads its rtgenmsg to 4 bytes (no operation uses it); uapi and rt-link: 1",
    ),
    (
        "ifinfomsg.ifinfo-flags",
        "point-to-point",
        "uapi IFF_POINTOPOINT",
    ),
    // Byte order: the kernel reads and writes these with nla_{get,put}_be16/be32; the spec
    // says u16/u32 without `byte-order: big-endian`.
    ("route-attrs", "RTA_SPORT", "__be16 (nla_get_be16)"),
    ("route-attrs", "RTA_DPORT", "__be16 (nla_get_be16)"),
    (
        "linkinfo-bridge-attrs",
        "IFLA_BR_VLAN_PROTOCOL",
        "__be16 (nla_put_be16)",
    ),
    // Types the spec gets wrong (the kernel's policy or fill function says otherwise).
    (
        "addr-attrs",
        "IFA_TARGET_NETNSID",
        "policy NLA_S32; the spec says binary",
    ),
    (
        "bond-slave-attrs",
        "IFLA_BOND_SLAVE_PRIO",
        "policy NLA_S32, nla_put_s32",
    ),
    (
        "linkinfo-bridge-attrs",
        "IFLA_BR_FDB_FLUSH",
        "policy NLA_FLAG; the spec says binary",
    ),
    (
        "link-attrs",
        "IFLA_PROTO_DOWN_REASON",
        "a nest of IFLA_PROTO_DOWN_REASON_*",
    ),
    (
        "ifla6-attrs",
        "IFLA_INET6_CACHEINFO",
        "uapi struct ifla_cacheinfo is all __u32; the spec makes reachable_time s32",
    ),
    (
        "link-attrs",
        "IFLA_MAX_PACING_OFFLOAD_HORIZON",
        "nla_put_uint: 4 bytes, or 8 above u32::MAX; the codec has no variable-width shape \
         and reads the 4-byte form only",
    ),
    // Newer than the 6.18 uapi the codec follows (the specs are a 6.19 tree's).
    ("addr-attrs", "IFA_MC_USERS", "newer than the 6.18 uapi"),
    ("route-attrs", "RTA_DEL_REASON", "newer than the 6.18 uapi"),
    (
        "linkinfo-bond-attrs",
        "IFLA_BOND_LACP_STRICT",
        "newer than the 6.18 uapi",
    ),
    (
        "linkinfo-bridge-attrs",
        "IFLA_BR_STP_MODE",
        "newer than the 6.18 uapi",
    ),
    (
        "linkinfo-brport-attrs",
        "IFLA_BRPORT_NEIGH_FORWARD_GRAT",
        "newer than the 6.18 uapi",
    ),
    (
        "linkinfo-geneve-attrs",
        "IFLA_GENEVE_GRO_HINT",
        "newer than the 6.18 uapi",
    ),
    (
        "linkinfo-geneve-attrs",
        "IFLA_GENEVE_LOCAL",
        "newer than the 6.18 uapi",
    ),
    (
        "linkinfo-geneve-attrs",
        "IFLA_GENEVE_LOCAL6",
        "newer than the 6.18 uapi",
    ),
    (
        "linkinfo-netkit-attrs",
        "IFLA_NETKIT_PAIRING",
        "newer than the 6.18 uapi",
    ),
    // What the codec keeps raw on purpose.
    (
        "ndt-attrs",
        "NDTA_CONFIG",
        "struct ndt_config mixes __u16 and __u32",
    ),
    (
        "getstats",
        "*",
        "RTM_*STATS stay raw: the codec names IFLA_STATS_* but has no if_stats_msg header",
    ),
    (
        "link-attrs",
        "IFLA_DPLL_PIN",
        "a nest of the dpll genetlink family's DPLL_A_PIN_*, which the codec does not name",
    ),
    (
        "link-offload-xstats",
        "IFLA_OFFLOAD_XSTATS_HW_S_INFO",
        "an indexed array (no Shape for it); its entries are OFFLOAD_XSTATS_HW_S_INFO",
    ),
    (
        "vfinfo-attrs",
        "IFLA_VF_MAC",
        "struct ifla_vf_mac mixes __u32 and __u8[32]",
    ),
    (
        "vfinfo-attrs",
        "IFLA_VF_IB_NODE_GUID",
        "struct ifla_vf_guid mixes __u32 and __u64",
    ),
    (
        "vfinfo-attrs",
        "IFLA_VF_IB_PORT_GUID",
        "struct ifla_vf_guid mixes __u32 and __u64",
    ),
    (
        "vf-vlan-attrs",
        "IFLA_VF_VLAN_INFO",
        "struct ifla_vf_vlan_info mixes __u32 and __be16",
    ),
];

/// Codec attributes the specs lack: (codec space, names, why).
pub(crate) static EXTRAS: &[(&str, &[&str], &str)] = &[
    (
        "IFLA_BOND_SLAVE",
        &["IFLA_BOND_SLAVE_ACTOR_PORT_PRIO"],
        "6.18 uapi; the spec's bond-slave-attrs stops at prio",
    ),
    (
        "IFLA_VF_PORT",
        &["IFLA_VF_PORT"],
        "the spec leaves vf-ports-attrs empty",
    ),
    (
        "IFLA_PORT",
        &[
            "IFLA_PORT_VF",
            "IFLA_PORT_PROFILE",
            "IFLA_PORT_VSI_TYPE",
            "IFLA_PORT_INSTANCE_UUID",
            "IFLA_PORT_HOST_UUID",
            "IFLA_PORT_REQUEST",
            "IFLA_PORT_RESPONSE",
        ],
        "the spec leaves port-self-attrs empty",
    ),
];
