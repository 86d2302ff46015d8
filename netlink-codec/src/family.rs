//! Which family header and attribute space a message type carries.

use crate::schema::{HeaderDef, Space};

/// The rtnetlink message families the codec types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Family {
    /// `RTM_*LINK`: `ifinfomsg` + `IFLA_*`.
    Link,
    /// `RTM_*ADDR`, and `RTM_*MULTICAST` / `RTM_*ANYCAST`: `ifaddrmsg` + `IFA_*`.
    Addr,
    /// `RTM_*ROUTE`: `rtmsg` + `RTA_*`.
    Route,
    /// `RTM_*NEIGHTBL`: `ndtmsg` + `NDTA_*`.
    NeighTbl,
    /// `RTM_*NSID`: `rtgenmsg` + `NETNSA_*`.
    Nsid,
    /// `RTM_*NEXTHOP`: `nhmsg` + `NHA_*`.
    Nexthop,
    /// `RTM_*NEIGH`: `ndmsg` + `NDA_*`.
    Neigh,
    /// `RTM_*RULE`: `fib_rule_hdr` + `FRA_*`.
    Rule,
    /// `RTM_*NETCONF`: `netconfmsg` + `NETCONFA_*`.
    Netconf,
    /// `RTM_*ADDRLABEL`: `ifaddrlblmsg` + `IFAL_*`.
    AddrLabel,
    /// `RTM_NEWSTATS`: `if_stats_msg` + `IFLA_STATS_*` (the kernel's answers).
    Stats,
    /// `RTM_GETSTATS`, `RTM_SETSTATS`: `if_stats_msg` + `IFLA_STATS_GETSET_*` (requests).
    StatsRequest,
    /// `RTM_*TUNNEL`: `tunnel_msg` + `VXLAN_VNIFILTER_*` (a VXLAN device's VNI filter).
    Tunnel,
    /// `RTM_NEWVLAN`, `RTM_DELVLAN`: `br_vlan_msg` + `BRIDGE_VLANDB_*` (bridge VLANs).
    Vlan,
    /// `RTM_GETVLAN` (a dump request): `br_vlan_msg` + `BRIDGE_VLANDB_DUMP_*`.
    VlanDump,
    /// `RTM_*MDB` from the kernel (dumps, whose messages are `RTM_GETMDB`, and events):
    /// `br_port_msg` + `MDBA_*`.
    Mdb,
    /// `RTM_NEWMDB`, `RTM_DELMDB` requests: `br_port_msg` + `MDBA_SET_ENTRY_*`.
    MdbSet,
    /// `RTM_GETMDB` requests (a get; a dump request has no attributes): `br_port_msg` +
    /// `MDBA_GET_ENTRY_*`.
    MdbGet,
    /// `RTM_*QDISC`, `RTM_*TCLASS`, `RTM_*TFILTER`, `RTM_*CHAIN`: `tcmsg` + `TCA_*`
    /// (traffic control: qdiscs, classes, filters, filter chains).
    Tc,
    /// `RTM_*ACTION`: `tcamsg` + `TCA_ROOT_*` (standalone traffic-control actions).
    Action,
}

impl Family {
    /// The family of an `nlmsg_type`, if the codec types it.
    pub const fn of(msg_type: u16) -> Option<Family> {
        use crate::header::*;
        match msg_type {
            // Alternative names (`ip link property`): ifinfomsg + IFLA_PROP_LIST, parsed
            // with the link policy (rtnl_newlinkprop).
            RTM_NEWLINK..=RTM_SETLINK | RTM_NEWLINKPROP..=RTM_GETLINKPROP => Some(Family::Link),
            RTM_NEWADDR..=RTM_GETADDR => Some(Family::Addr),
            // IPv6 multicast and anycast addresses: ifaddrmsg + IFA_* (IFA_MULTICAST,
            // IFA_ANYCAST, IFA_CACHEINFO), as dumps (RTM_GET*) and, since 6.13, events.
            RTM_NEWMULTICAST..=RTM_GETMULTICAST | RTM_NEWANYCAST..=RTM_GETANYCAST => {
                Some(Family::Addr)
            }
            RTM_NEWROUTE..=RTM_GETROUTE => Some(Family::Route),
            RTM_NEWNEIGHTBL..=RTM_SETNEIGHTBL => Some(Family::NeighTbl),
            RTM_NEWNSID..=RTM_GETNSID => Some(Family::Nsid),
            // A resilient group's buckets (`ip nexthop bucket`): nhmsg + NHA_ID and
            // NHA_RES_BUCKET (rtm_dump_nexthop_bucket, nh_valid_get_bucket_req).
            RTM_NEWNEXTHOP..=RTM_GETNEXTHOP | RTM_NEWNEXTHOPBUCKET..=RTM_GETNEXTHOPBUCKET => {
                Some(Family::Nexthop)
            }
            RTM_NEWNEIGH..=RTM_GETNEIGH => Some(Family::Neigh),
            RTM_NEWRULE..=RTM_GETRULE => Some(Family::Rule),
            RTM_NEWNETCONF..=RTM_GETNETCONF => Some(Family::Netconf),
            RTM_NEWADDRLABEL..=RTM_GETADDRLABEL => Some(Family::AddrLabel),
            RTM_NEWSTATS => Some(Family::Stats),
            RTM_GETSTATS | RTM_SETSTATS => Some(Family::StatsRequest),
            RTM_NEWTUNNEL..=RTM_GETTUNNEL => Some(Family::Tunnel),
            RTM_NEWVLAN | RTM_DELVLAN => Some(Family::Vlan),
            RTM_GETVLAN => Some(Family::VlanDump),
            // By the type alone, the kernel's side: see `of_message` for the requests.
            RTM_NEWMDB..=RTM_GETMDB => Some(Family::Mdb),
            RTM_NEWQDISC..=RTM_GETQDISC
            | RTM_NEWTCLASS..=RTM_GETTCLASS
            | RTM_NEWTFILTER..=RTM_GETTFILTER
            | RTM_NEWCHAIN..=RTM_GETCHAIN => Some(Family::Tc),
            RTM_NEWACTION..=RTM_GETACTION => Some(Family::Action),
            _ => None,
        }
    }

    /// The family of a message with `nlmsg_type` `msg_type` and `nlmsg_flags` `flags`:
    /// [`Family::of`], except where the type alone cannot tell a request from an answer.
    /// This is the one place that choice is made; every decoder, renderer and the JSON
    /// reader ask here.
    ///
    /// `RTM_*MDB`: the kernel parses the attributes of `RTM_NEWMDB` and `RTM_DELMDB` as
    /// `MDBA_SET_ENTRY*` (`br_mdb_policy`) and those of a `RTM_GETMDB` get as
    /// `MDBA_GET_ENTRY*` (`mdba_get_policy`), while what it sends (dump answers, typed
    /// `RTM_GETMDB`; `RTM_NEWMDB` / `RTM_DELMDB` events) carries `MDBA_MDB` and
    /// `MDBA_ROUTER`, numbered from 1 as well. Only a request carries `NLM_F_REQUEST`,
    /// and the kernel never sets it, so it decides.
    pub const fn of_message(msg_type: u16, flags: u16) -> Option<Family> {
        use crate::header::*;
        let request = flags & NlmFlags::REQUEST.bits() != 0;
        match msg_type {
            RTM_NEWMDB | RTM_DELMDB if request => Some(Family::MdbSet),
            RTM_GETMDB if request => Some(Family::MdbGet),
            _ => Family::of(msg_type),
        }
    }
    /// Its fixed header.
    pub const fn header(self) -> &'static HeaderDef {
        match self {
            Family::Link => &crate::link::IfInfoMsg::DEF,
            Family::Addr => &crate::addr::IfAddrMsg::DEF,
            Family::Route => &crate::route::RtMsg::DEF,
            Family::NeighTbl => &crate::neigh::NdtMsg::DEF,
            Family::Nsid => &crate::nsid::RtGenMsg::DEF,
            Family::Nexthop => &crate::nexthop::NhMsg::DEF,
            Family::Neigh => &crate::neigh::NdMsg::DEF,
            Family::Rule => &crate::rule::FibRuleHdr::DEF,
            Family::Netconf => &crate::netconf::NetconfMsg::DEF,
            Family::AddrLabel => &crate::addrlabel::IfAddrLblMsg::DEF,
            Family::Stats | Family::StatsRequest => &crate::link::IfStatsMsg::DEF,
            Family::Tunnel => &crate::link::TunnelMsg::DEF,
            Family::Vlan | Family::VlanDump => &crate::vlan::BrVlanMsg::DEF,
            Family::Mdb | Family::MdbSet | Family::MdbGet => &crate::mdb::BrPortMsg::DEF,
            Family::Tc => &crate::tc::TcMsg::DEF,
            Family::Action => &crate::tc::TcaMsg::DEF,
        }
    }
    /// Its top-level attribute space.
    pub fn space(self) -> &'static Space {
        match self {
            Family::Link => &crate::link::LINK,
            Family::Addr => &crate::addr::ADDR,
            Family::Route => &crate::route::ROUTE,
            Family::NeighTbl => &crate::neigh::NEIGHTBL,
            Family::Nsid => &crate::nsid::NSID,
            Family::Nexthop => &crate::nexthop::NEXTHOP,
            Family::Neigh => &crate::neigh::NEIGH,
            Family::Rule => &crate::rule::RULE,
            Family::Netconf => &crate::netconf::NETCONF,
            Family::AddrLabel => &crate::addrlabel::ADDRLABEL,
            Family::Stats => &crate::link::STATS,
            Family::StatsRequest => &crate::link::STATS_GETSET,
            Family::Tunnel => &crate::link::VNIFILTER,
            Family::Vlan => &crate::vlan::VLANDB,
            Family::VlanDump => &crate::vlan::VLANDB_DUMP,
            Family::Mdb => &crate::mdb::MDBA,
            Family::MdbSet => &crate::mdb::SET_ENTRY,
            Family::MdbGet => &crate::mdb::GET_ENTRY,
            Family::Tc => &crate::tc::TC,
            Family::Action => &crate::tc::TC_ROOT,
        }
    }
}

/// Every attribute space the codec names, one table per `*_MAX`-bounded uapi enum: the
/// top-level spaces of the typed families and of `NLMSG_ERROR`, the spaces nested inside
/// them, and the spaces of messages the codec keeps raw (prefixes, ND user options).
/// Renderers and tests walk this list.
pub static SPACES: &[&Space] = {
    use crate::{
        ack, addr, addrlabel, link, lwtunnel, mdb, neigh, netconf, nexthop, nsid, route, rtnl,
        rule, tc, vlan,
    };
    &[
        // links (`linux/if_link.h`, `linux/veth.h`)
        &link::LINK,
        &link::LINKINFO,
        &link::VETH,
        &link::AF_SPEC,
        &link::INET,
        &link::INET6,
        &link::IPV4_DEVCONF,
        &link::IPV6_DEVCONF,
        &link::PROTO_DOWN_REASON,
        &link::DEVLINK_PORT,
        &link::DPLL_PIN,
        &link::XDP,
        &link::BRIDGE,
        &link::BRIDGE_QUERIER,
        &link::BRPORT,
        &link::VLAN,
        &link::VLAN_QOS,
        &link::MACVLAN,
        &link::VRF,
        &link::VRF_PORT,
        &link::MACSEC,
        &link::XFRM,
        &link::IPVLAN,
        &link::NETKIT,
        &link::VNIFILTER_ENTRY_STATS,
        &link::VNIFILTER_ENTRY,
        &link::VNIFILTER,
        &link::VXLAN,
        &link::GENEVE,
        &link::BAREUDP,
        &link::PPP,
        &link::GTP,
        &link::CAIF,
        &link::BOND,
        &link::BOND_AD_INFO,
        &link::BOND_SLAVE,
        &link::IPOIB,
        &link::HSR,
        &link::TUN,
        &link::RMNET,
        &link::MCTP,
        &link::DSA,
        &link::OVPN,
        &link::GRE,
        &link::IPTUN,
        &link::IP6TNL,
        &link::VTI,
        &link::AMT,
        &link::WWAN,
        &link::BATADV,
        &link::VXCAN,
        &link::CAN,
        &link::CAN_TDC,
        &link::CAN_CTRLMODE_EXT,
        &link::BRIDGE_AF,
        &link::BRIDGE_VLAN_TUNNEL,
        &link::BRIDGE_MRP,
        &link::BRIDGE_MRP_INSTANCE,
        &link::BRIDGE_MRP_PORT_STATE,
        &link::BRIDGE_MRP_PORT_ROLE,
        &link::BRIDGE_MRP_RING_STATE,
        &link::BRIDGE_MRP_RING_ROLE,
        &link::BRIDGE_MRP_START_TEST,
        &link::BRIDGE_MRP_INFO,
        &link::BRIDGE_MRP_IN_STATE,
        &link::BRIDGE_MRP_IN_ROLE,
        &link::BRIDGE_MRP_START_IN_TEST,
        &link::BRIDGE_CFM,
        &link::BRIDGE_CFM_MEP_CREATE,
        &link::BRIDGE_CFM_MEP_DELETE,
        &link::BRIDGE_CFM_MEP_CONFIG,
        &link::BRIDGE_CFM_CC_CONFIG,
        &link::BRIDGE_CFM_CC_PEER_MEP,
        &link::BRIDGE_CFM_CC_RDI,
        &link::BRIDGE_CFM_CC_CCM_TX,
        &link::BRIDGE_CFM_MEP_STATUS,
        &link::BRIDGE_CFM_CC_PEER_STATUS,
        &link::BRIDGE_MST,
        &link::BRIDGE_MST_ENTRY,
        &link::VFINFO_LIST,
        &link::VF,
        &link::VF_VLAN_LIST,
        &link::VF_STATS,
        &link::VF_PORTS,
        &link::PORT,
        &link::STATS,
        &link::STATS_AF_SPEC,
        &link::MPLS_STATS,
        &link::STATS_GETSET,
        &link::STATS_GET_FILTERS,
        &link::LINK_XSTATS,
        &link::BRIDGE_XSTATS,
        &link::BOND_XSTATS,
        &link::BOND_3AD_STAT,
        &link::OFFLOAD_XSTATS,
        &link::OFFLOAD_XSTATS_HW_S_INFO,
        &link::IPSTATS_MIB,
        &link::ICMP6_MIB,
        // addresses (`linux/if_addr.h`)
        &addr::ADDR,
        // routes and the rest of `linux/rtnetlink.h`
        &route::ROUTE,
        &route::METRICS,
        // lightweight tunnels of RTA_ENCAP / NHA_ENCAP (`linux/lwtunnel.h`)
        &lwtunnel::MPLS_IPTUNNEL,
        &lwtunnel::LWTUNNEL_IP,
        &lwtunnel::LWTUNNEL_IP6,
        &lwtunnel::IP_OPTS,
        &lwtunnel::LWTUNNEL_IP_OPT_GENEVE,
        &lwtunnel::LWTUNNEL_IP_OPT_VXLAN,
        &lwtunnel::LWTUNNEL_IP_OPT_ERSPAN,
        &lwtunnel::ILA,
        &lwtunnel::SEG6_IPTUNNEL,
        &lwtunnel::SEG6_LOCAL,
        &lwtunnel::SEG6_LOCAL_BPF_PROGRAM,
        &lwtunnel::SEG6_LOCAL_CNT,
        &lwtunnel::SEG6_LOCAL_FLV,
        &lwtunnel::LWT_BPF,
        &lwtunnel::LWT_BPF_PROG,
        &lwtunnel::RPL_IPTUNNEL,
        &lwtunnel::IOAM6_IPTUNNEL,
        &lwtunnel::LWT_XFRM,
        &rtnl::PREFIX,
        &rtnl::NDUSEROPT,
        // traffic control and its actions (`linux/pkt_sched.h`, `linux/gen_stats.h`,
        // `linux/pkt_cls.h`)
        &tc::TC,
        &tc::STATS,
        &tc::STAB,
        &tc::TC_ROOT,
        &tc::ACT,
        &tc::HTB,
        &tc::TBF,
        &tc::U32,
        &tc::MIRRED,
        // neighbour entries and tables (`linux/neighbour.h`)
        &neigh::NEIGH,
        &neigh::FDB_EXT,
        &neigh::NEIGHTBL,
        &neigh::NEIGHTBL_PARMS,
        // namespace ids (`linux/net_namespace.h`)
        &nsid::NSID,
        // next-hop objects (`linux/nexthop.h`)
        &nexthop::NEXTHOP,
        &nexthop::RES_GROUP,
        &nexthop::RES_BUCKET,
        &nexthop::GROUP_STATS,
        &nexthop::GROUP_STATS_ENTRY,
        // policy routing rules (`linux/fib_rules.h`)
        &rule::RULE,
        // per-device IP configuration (`linux/netconf.h`)
        &netconf::NETCONF,
        // IPv6 address labels (`linux/if_addrlabel.h`)
        &addrlabel::ADDRLABEL,
        // the bridge multicast database (`linux/if_bridge.h`)
        &mdb::MDBA,
        &mdb::MDB,
        &mdb::MDB_ENTRY,
        &mdb::MDBA_MDB_EATTR,
        &mdb::MDBA_MDB_SRCLIST,
        &mdb::MDBA_MDB_SRCATTR,
        &mdb::ROUTER,
        &mdb::MDBA_ROUTER_PATTR,
        &mdb::SET_ENTRY,
        &mdb::GET_ENTRY,
        &mdb::MDBE_ATTR,
        &mdb::MDBE_SRC_LIST,
        &mdb::MDBE_SRCATTR,
        // extended ACK (`linux/netlink.h`)
        &ack::EXT_ACK,
        &ack::POLICY,
        // bridge VLANs (`linux/if_bridge.h`)
        &vlan::VLANDB,
        &vlan::VLANDB_DUMP,
        &vlan::VLANDB_ENTRY,
        &vlan::VLANDB_TINFO,
        &vlan::VLANDB_STATS,
        &vlan::VLANDB_GOPTS,
    ]
};
