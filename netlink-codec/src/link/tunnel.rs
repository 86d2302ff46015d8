//! `IFLA_INFO_DATA` spaces of the IP tunnel kinds (`linux/if_tunnel.h`: gre, gretap,
//! ip6gre, ip6gretap, erspan, ip6erspan, ipip, sit, ip6tnl, vti, vti6) and of amt, wwan,
//! batadv and vxcan, wired into [`super::INFO_DATA_KINDS`] by kind name. Keys, flow
//! labels and ports are in network order, as the kernel's policies say (`nla_get_be32`).

use crate::attr_space;
use crate::schema::{AttrDef, Names, Shape, Space};

use super::values::{GRE_FLAG_NAMES, IP6_TNL_F_NAMES, TUNNEL_ENCAP_FLAG_NAMES, TUNNEL_ENCAP_NAMES};
use crate::af::IPPROTO_NAMES;

attr_space! {
    /// The GRE family's `IFLA_INFO_DATA` (gre, gretap, ip6gre, ip6gretap, erspan,
    /// ip6erspan), `IFLA_GRE_*`. `IFLAGS`/`OFLAGS` are `GRE_*` bits in network order;
    /// `FLAGS` is ip6gre's `IP6_TNL_F_*`, in host order.
    pub static GRE = "IFLA_GRE" {
        IFLA_GRE_UNSPEC = 0 => Raw,
        IFLA_GRE_LINK = 1 => U32,
        IFLA_GRE_IFLAGS = 2 => Be16; Flags(GRE_FLAG_NAMES),
        IFLA_GRE_OFLAGS = 3 => Be16; Flags(GRE_FLAG_NAMES),
        IFLA_GRE_IKEY = 4 => Be32,
        IFLA_GRE_OKEY = 5 => Be32,
        IFLA_GRE_LOCAL = 6 => Ip,
        IFLA_GRE_REMOTE = 7 => Ip,
        IFLA_GRE_TTL = 8 => U8,
        IFLA_GRE_TOS = 9 => U8,
        IFLA_GRE_PMTUDISC = 10 => U8,
        IFLA_GRE_ENCAP_LIMIT = 11 => U8,
        IFLA_GRE_FLOWINFO = 12 => Be32,
        IFLA_GRE_FLAGS = 13 => U32; Flags(IP6_TNL_F_NAMES),
        IFLA_GRE_ENCAP_TYPE = 14 => U16; Enum(TUNNEL_ENCAP_NAMES),
        IFLA_GRE_ENCAP_FLAGS = 15 => U16; Flags(TUNNEL_ENCAP_FLAG_NAMES),
        IFLA_GRE_ENCAP_SPORT = 16 => Be16,
        IFLA_GRE_ENCAP_DPORT = 17 => Be16,
        IFLA_GRE_COLLECT_METADATA = 18 => Flag,
        IFLA_GRE_IGNORE_DF = 19 => U8,
        IFLA_GRE_FWMARK = 20 => U32,
        IFLA_GRE_ERSPAN_INDEX = 21 => U32,
        IFLA_GRE_ERSPAN_VER = 22 => U8,
        IFLA_GRE_ERSPAN_DIR = 23 => U8,
        IFLA_GRE_ERSPAN_HWID = 24 => U16,
    }
}

attr_space! {
    /// ipip's and sit's `IFLA_INFO_DATA`, `IFLA_IPTUN_*` (`IFLA_IPTUN_FLAGS` is a `__be16`
    /// here, which sit reads and writes with `nla_get_be16` / `nla_put_be16`; ip6tnl's
    /// [`IP6TNL`] has it as a host-order `__u32`).
    pub static IPTUN = "IFLA_IPTUN" {
        IFLA_IPTUN_UNSPEC = 0 => Raw,
        IFLA_IPTUN_LINK = 1 => U32,
        IFLA_IPTUN_LOCAL = 2 => Ip,
        IFLA_IPTUN_REMOTE = 3 => Ip,
        IFLA_IPTUN_TTL = 4 => U8,
        IFLA_IPTUN_TOS = 5 => U8,
        IFLA_IPTUN_ENCAP_LIMIT = 6 => U8,
        IFLA_IPTUN_FLOWINFO = 7 => Be32,
        IFLA_IPTUN_FLAGS = 8 => Be16,
        IFLA_IPTUN_PROTO = 9 => U8; Enum(IPPROTO_NAMES),
        IFLA_IPTUN_PMTUDISC = 10 => U8,
        IFLA_IPTUN_6RD_PREFIX = 11 => Ip,
        IFLA_IPTUN_6RD_RELAY_PREFIX = 12 => Ip,
        IFLA_IPTUN_6RD_PREFIXLEN = 13 => U16,
        IFLA_IPTUN_6RD_RELAY_PREFIXLEN = 14 => U16,
        IFLA_IPTUN_ENCAP_TYPE = 15 => U16; Enum(TUNNEL_ENCAP_NAMES),
        IFLA_IPTUN_ENCAP_FLAGS = 16 => U16; Flags(TUNNEL_ENCAP_FLAG_NAMES),
        IFLA_IPTUN_ENCAP_SPORT = 17 => Be16,
        IFLA_IPTUN_ENCAP_DPORT = 18 => Be16,
        IFLA_IPTUN_COLLECT_METADATA = 19 => Flag,
        IFLA_IPTUN_FWMARK = 20 => U32,
    }
}

/// ip6tnl's `IFLA_INFO_DATA`: the `IFLA_IPTUN_*` types of [`IPTUN`], except that
/// ip6tnl's policy takes `IFLA_IPTUN_FLAGS` as a `__u32` (`IP6_TNL_F_*`).
pub static IP6TNL: Space = Space {
    name: "IFLA_IPTUN6",
    attrs: &[
        AttrDef {
            kind: IFLA_IPTUN_UNSPEC,
            name: "IFLA_IPTUN_UNSPEC",
            shape: Shape::Raw,
            names: Names::None,
        },
        AttrDef {
            kind: IFLA_IPTUN_LINK,
            name: "IFLA_IPTUN_LINK",
            shape: Shape::U32,
            names: Names::None,
        },
        AttrDef {
            kind: IFLA_IPTUN_LOCAL,
            name: "IFLA_IPTUN_LOCAL",
            shape: Shape::Ip,
            names: Names::None,
        },
        AttrDef {
            kind: IFLA_IPTUN_REMOTE,
            name: "IFLA_IPTUN_REMOTE",
            shape: Shape::Ip,
            names: Names::None,
        },
        AttrDef {
            kind: IFLA_IPTUN_TTL,
            name: "IFLA_IPTUN_TTL",
            shape: Shape::U8,
            names: Names::None,
        },
        AttrDef {
            kind: IFLA_IPTUN_TOS,
            name: "IFLA_IPTUN_TOS",
            shape: Shape::U8,
            names: Names::None,
        },
        AttrDef {
            kind: IFLA_IPTUN_ENCAP_LIMIT,
            name: "IFLA_IPTUN_ENCAP_LIMIT",
            shape: Shape::U8,
            names: Names::None,
        },
        AttrDef {
            kind: IFLA_IPTUN_FLOWINFO,
            name: "IFLA_IPTUN_FLOWINFO",
            shape: Shape::Be32,
            names: Names::None,
        },
        AttrDef {
            kind: IFLA_IPTUN_FLAGS,
            name: "IFLA_IPTUN_FLAGS",
            shape: Shape::U32,
            names: Names::Flags(IP6_TNL_F_NAMES),
        },
        AttrDef {
            kind: IFLA_IPTUN_PROTO,
            name: "IFLA_IPTUN_PROTO",
            shape: Shape::U8,
            names: Names::Enum(IPPROTO_NAMES),
        },
        AttrDef {
            kind: IFLA_IPTUN_PMTUDISC,
            name: "IFLA_IPTUN_PMTUDISC",
            shape: Shape::U8,
            names: Names::None,
        },
        AttrDef {
            kind: IFLA_IPTUN_6RD_PREFIX,
            name: "IFLA_IPTUN_6RD_PREFIX",
            shape: Shape::Ip,
            names: Names::None,
        },
        AttrDef {
            kind: IFLA_IPTUN_6RD_RELAY_PREFIX,
            name: "IFLA_IPTUN_6RD_RELAY_PREFIX",
            shape: Shape::Ip,
            names: Names::None,
        },
        AttrDef {
            kind: IFLA_IPTUN_6RD_PREFIXLEN,
            name: "IFLA_IPTUN_6RD_PREFIXLEN",
            shape: Shape::U16,
            names: Names::None,
        },
        AttrDef {
            kind: IFLA_IPTUN_6RD_RELAY_PREFIXLEN,
            name: "IFLA_IPTUN_6RD_RELAY_PREFIXLEN",
            shape: Shape::U16,
            names: Names::None,
        },
        AttrDef {
            kind: IFLA_IPTUN_ENCAP_TYPE,
            name: "IFLA_IPTUN_ENCAP_TYPE",
            shape: Shape::U16,
            names: Names::Enum(TUNNEL_ENCAP_NAMES),
        },
        AttrDef {
            kind: IFLA_IPTUN_ENCAP_FLAGS,
            name: "IFLA_IPTUN_ENCAP_FLAGS",
            shape: Shape::U16,
            names: Names::Flags(TUNNEL_ENCAP_FLAG_NAMES),
        },
        AttrDef {
            kind: IFLA_IPTUN_ENCAP_SPORT,
            name: "IFLA_IPTUN_ENCAP_SPORT",
            shape: Shape::Be16,
            names: Names::None,
        },
        AttrDef {
            kind: IFLA_IPTUN_ENCAP_DPORT,
            name: "IFLA_IPTUN_ENCAP_DPORT",
            shape: Shape::Be16,
            names: Names::None,
        },
        AttrDef {
            kind: IFLA_IPTUN_COLLECT_METADATA,
            name: "IFLA_IPTUN_COLLECT_METADATA",
            shape: Shape::Flag,
            names: Names::None,
        },
        AttrDef {
            kind: IFLA_IPTUN_FWMARK,
            name: "IFLA_IPTUN_FWMARK",
            shape: Shape::U32,
            names: Names::None,
        },
    ],
};

attr_space! {
    /// vti's and vti6's `IFLA_INFO_DATA`, `IFLA_VTI_*`.
    pub static VTI = "IFLA_VTI" {
        IFLA_VTI_UNSPEC = 0 => Raw,
        IFLA_VTI_LINK = 1 => U32,
        IFLA_VTI_IKEY = 2 => Be32,
        IFLA_VTI_OKEY = 3 => Be32,
        IFLA_VTI_LOCAL = 4 => Ip,
        IFLA_VTI_REMOTE = 5 => Ip,
        IFLA_VTI_FWMARK = 6 => U32,
    }
}

attr_space! {
    /// amt's `IFLA_INFO_DATA`, `IFLA_AMT_*` (`linux/amt.h`).
    pub static AMT = "IFLA_AMT" {
        IFLA_AMT_UNSPEC = 0 => Raw,
        IFLA_AMT_MODE = 1 => U32,
        IFLA_AMT_RELAY_PORT = 2 => Be16,
        IFLA_AMT_GATEWAY_PORT = 3 => Be16,
        IFLA_AMT_LINK = 4 => U32,
        IFLA_AMT_LOCAL_IP = 5 => Ip,
        IFLA_AMT_REMOTE_IP = 6 => Ip,
        IFLA_AMT_DISCOVERY_IP = 7 => Ip,
        IFLA_AMT_MAX_TUNNELS = 8 => U32,
    }
}

attr_space! {
    /// wwan's `IFLA_INFO_DATA`, `IFLA_WWAN_*`.
    pub static WWAN = "IFLA_WWAN" {
        IFLA_WWAN_UNSPEC = 0 => Raw,
        IFLA_WWAN_LINK_ID = 1 => U32,
    }
}

attr_space! {
    /// batadv's `IFLA_INFO_DATA`, `IFLA_BATADV_*` (`linux/batman_adv.h`).
    pub static BATADV = "IFLA_BATADV" {
        IFLA_BATADV_UNSPEC = 0 => Raw,
        IFLA_BATADV_ALGO_NAME = 1 => Str,
    }
}

attr_space! {
    /// vxcan's `IFLA_INFO_DATA`, `VXCAN_INFO_*` (`linux/can/vxcan.h`): like veth's.
    pub static VXCAN = "VXCAN_INFO" {
        VXCAN_INFO_UNSPEC = 0 => Raw,
        VXCAN_INFO_PEER = 1 => Peer(&super::LINK),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ip6tnl_is_iptun_but_for_its_u32_flags() {
        assert_eq!(IP6TNL.attrs.len(), IPTUN.attrs.len());
        for (a, b) in IP6TNL.attrs.iter().zip(IPTUN.attrs) {
            assert_eq!((a.kind, a.name), (b.kind, b.name));
            let same = core::mem::discriminant(&a.shape) == core::mem::discriminant(&b.shape);
            assert_eq!(same, a.kind != IFLA_IPTUN_FLAGS, "{}", a.name);
        }
    }
}
