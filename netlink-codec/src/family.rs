//! Which family header and attribute space a message type carries.

use crate::schema::{HeaderDef, Space};

/// The rtnetlink message families the codec types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// `RTM_*LINK`: `ifinfomsg` + `IFLA_*`.
    Link,
    /// `RTM_*ADDR`: `ifaddrmsg` + `IFA_*`.
    Addr,
    /// `RTM_*ROUTE`: `rtmsg` + `RTA_*`.
    Route,
    /// `RTM_*NEIGHTBL`: `ndtmsg` + `NDTA_*`.
    NeighTbl,
    /// `RTM_*NSID`: `rtgenmsg` + `NETNSA_*`.
    Nsid,
}

impl Family {
    /// The family of an `nlmsg_type`, if the codec types it.
    pub const fn of(msg_type: u16) -> Option<Family> {
        use crate::header::*;
        match msg_type {
            RTM_NEWLINK..=RTM_SETLINK => Some(Family::Link),
            RTM_NEWADDR..=RTM_GETADDR => Some(Family::Addr),
            RTM_NEWROUTE..=RTM_GETROUTE => Some(Family::Route),
            RTM_NEWNEIGHTBL..=RTM_SETNEIGHTBL => Some(Family::NeighTbl),
            RTM_NEWNSID..=RTM_GETNSID => Some(Family::Nsid),
            _ => None,
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
        }
    }
}
