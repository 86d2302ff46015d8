//! Known differences between the YNL specs and the codec, itemised so that the test fails
//! for any other difference, and for an entry here that no longer differs (remove it).
//! Each entry is (spec set, struct or sub-message; uapi name, member or kind, or "*" for
//! every item of the set; why). The uapi name is the spec's name with the set's prefix
//! (`ynl/map.rs`), so a misspelt spec name appears as the spec spells it.

/// Differences in areas other work is changing: the merger shrinks this list.
pub(crate) static PENDING: &[(&str, &str, &str)] = &[
    // helper `link`: IFLA_PROTINFO, IFLA_MAP, bridge ids, each link kind's INFO_DATA.
    (
        "link-attrs",
        "IFLA_PROTINFO",
        "link: per-family nest, raw for now (the spec's `string` is wrong: move to DIFFERS)",
    ),
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
];

/// Differences the codec keeps on purpose, or where the spec is wrong.
pub(crate) static DIFFERS: &[(&str, &str, &str)] = &[
    // Names: the codec uses the uapi's, YNL respells a few.
    ("rtgenmsg", "family", "YNL drops the uapi's `rtgen_` prefix"),
    (
        "ifla6-attrs",
        "IFLA_INET6_ICMP6_STATS",
        "YNL `icmp6-stats`; uapi IFLA_INET6_ICMP6STATS",
    ),
    (
        "linkinfo-bridge-attrs",
        "IFLA_BR_NF_CALL_IP6_TABLES",
        "uapi IFLA_BR_NF_CALL_IP6TABLES",
    ),
    (
        "linkinfo-vlan-attrs",
        "IFLA_VLAN_FLAG",
        "YNL `flag`; uapi IFLA_VLAN_FLAGS",
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
    (
        "linkinfo-geneve-attrs",
        "IFLA_GENEVE_PORT",
        "__be16 (nla_put_be16)",
    ),
    (
        "linkinfo-geneve-attrs",
        "IFLA_GENEVE_LABEL",
        "__be32 (nla_put_be32)",
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
        "link-attrs",
        "IFLA_COST",
        "never sent or parsed by the kernel: no type to give",
    ),
    (
        "link-attrs",
        "IFLA_PRIORITY",
        "never sent or parsed by the kernel: no type to give",
    ),
    (
        "link-attrs",
        "IFLA_WIRELESS",
        "wireless extension events: binary, not a string",
    ),
    (
        "ifla6-attrs",
        "IFLA_INET6_CACHEINFO",
        "uapi struct ifla_cacheinfo is all __u32; the spec makes reachable_time s32",
    ),
    (
        "ifla6-attrs",
        "IFLA_INET6_CONF",
        "an __s32 array (ipv6_store_devconf); the spec's struct says u32",
    ),
    (
        "ifla6-attrs",
        "IFLA_INET6_STATS",
        "element 0 is the count (IPSTATS_MIB_NUM) the spec's struct leaves out",
    ),
    (
        "ifla6-attrs",
        "IFLA_INET6_ICMP6_STATS",
        "element 0 is the count (ICMP6_MIB_NUM) the spec's struct leaves out",
    ),
    // What the codec keeps raw on purpose.
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

/// Codec attributes the 6.12 specs lack: (codec space, names, why).
pub(crate) static EXTRAS: &[(&str, &[&str], &str)] = &[
    (
        "IFLA",
        &[
            "IFLA_MAX_PACING_OFFLOAD_HORIZON",
            "IFLA_NETNS_IMMUTABLE",
            "IFLA_HEADROOM",
            "IFLA_TAILROOM",
        ],
        "newer than the 6.12 spec (in the 6.18 uapi)",
    ),
    ("RTA", &["RTA_FLOWLABEL"], "newer than the 6.12 spec"),
    (
        "IFLA_BOND",
        &["IFLA_BOND_BROADCAST_NEIGH"],
        "newer than the 6.12 spec",
    ),
    (
        "IFLA_BOND_SLAVE",
        &["IFLA_BOND_SLAVE_ACTOR_PORT_PRIO"],
        "newer than the 6.12 spec",
    ),
    (
        "IFLA_GENEVE",
        &["IFLA_GENEVE_PORT_RANGE"],
        "newer than the 6.12 spec",
    ),
    (
        "IFLA_MCTP",
        &["IFLA_MCTP_PHYS_BINDING"],
        "newer than the 6.12 spec",
    ),
    (
        "IFLA_NETKIT",
        &[
            "IFLA_NETKIT_SCRUB",
            "IFLA_NETKIT_PEER_SCRUB",
            "IFLA_NETKIT_HEADROOM",
            "IFLA_NETKIT_TAILROOM",
        ],
        "not in the 6.12 spec",
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
