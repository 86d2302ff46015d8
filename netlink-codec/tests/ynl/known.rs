//! Known differences between the YNL specs and the codec, itemised so that the test fails
//! for any other difference, and for an entry here that no longer differs (remove it).
//! Each entry is (spec set, struct or sub-message; uapi name, member or kind, or "*" for
//! every item of the set; why). The uapi name is the spec's name with the set's prefix
//! (`ynl/map.rs`), so a misspelt spec name appears as the spec spells it.

/// Differences in areas other work is changing: the merger shrinks this list.
pub(crate) static PENDING: &[(&str, &str, &str)] = &[];

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
    // Value names: YNL names netkit's policies after what they do; the uapi's `enum
    // netkit_action` calls them NETKIT_PASS (0) and NETKIT_DROP (2).
    (
        "linkinfo-netkit-attrs.IFLA_NETKIT_POLICY",
        "*",
        "uapi NETKIT_PASS / NETKIT_DROP; YNL forward / blackhole",
    ),
    (
        "linkinfo-netkit-attrs.IFLA_NETKIT_PEER_POLICY",
        "*",
        "uapi NETKIT_PASS / NETKIT_DROP; YNL forward / blackhole",
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
        "neighbour-attrs",
        "NDA_PORT",
        "__be16 (nla_get_be16 in vxlan_fdb_parse, nla_put_be16 in vxlan_fdb_info)",
    ),
    (
        "fib-rule-attrs",
        "FRA_TUN_ID",
        "__be64 (nla_get_be64 / nla_put_be64 in fib_rules.c); the spec says u64",
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
        "vf-vlan-attrs",
        "IFLA_VF_VLAN_INFO",
        "uapi struct ifla_vf_vlan_info has `__be16 vlan_proto` (then 2 bytes of padding); \
         the spec says u32",
    ),
    (
        "vfinfo-attrs",
        "IFLA_VF_IB_NODE_GUID",
        "struct ifla_vf_guid: C puts `__u64 guid` at offset 8 (its alignment), as the \
         kernel sends it; the spec's members, packed, put it at 4",
    ),
    (
        "vfinfo-attrs",
        "IFLA_VF_IB_PORT_GUID",
        "struct ifla_vf_guid: C puts `__u64 guid` at offset 8 (its alignment), as the \
         kernel sends it; the spec's members, packed, put it at 4",
    ),
    // Names: YNL drops the uapi's prefix of struct members.
    (
        "ndt-attrs",
        "NDTA_CONFIG",
        "struct ndt_config: the codec's fields keep the uapi's `ndtc_` prefix",
    ),
    // Payloads the spec leaves binary that the codec types by their context.
    (
        "linkinfo-attrs",
        "IFLA_INFO_XSTATS",
        "chosen by IFLA_INFO_KIND: can's struct can_device_stats (can_fill_xstats, the only \
         fill_xstats); the spec says binary",
    ),
    // Request and reply spaces.
    (
        "getstats",
        "RTM_GETSTATS",
        "the kernel parses a stats request's attributes as IFLA_STATS_GETSET_* \
         (rtnl_stats_get_parse: nlmsg_parse to IFLA_STATS_GETSET_MAX), which no spec set \
         describes; only the answer, RTM_NEWSTATS, carries stats-attrs",
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
