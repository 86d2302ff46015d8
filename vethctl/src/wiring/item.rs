//! The pieces of the desired state, each named by a typed key: the plan, the executor
//! and the report refer to a piece by its [`ItemKey`], never by its display text.

use serde::Serialize;

use super::desired::Family;

/// Which namespace a piece of state or a request belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The namespace vethctl runs in.
    Host,
    /// The pod's namespace.
    Pod,
}

impl Side {
    /// `host` / `pod`.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Host => "host",
            Side::Pod => "pod",
        }
    }
}

/// An address on the host veth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HostAddr {
    /// `fe80::1/64`, the pod's IPv6 gateway.
    Gateway6,
}

/// One piece of the desired state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKey {
    /// The veth pair itself.
    HostLink,
    /// The host veth's MTU.
    HostMtu,
    /// `addr_gen_mode none` on the host veth.
    HostAddrGenMode,
    /// `net.ipv4.conf.HOST.proxy_arp = 1`.
    HostProxyArp,
    /// `net.ipv4.conf.HOST.forwarding = 1`.
    HostForwarding4,
    /// `net.ipv6.conf.HOST.forwarding = 1`.
    HostForwarding6,
    /// `net.ipv6.conf.HOST.force_forwarding = 1`.
    HostForceForwarding6,
    /// `net.ipv4.neigh.HOST.proxy_delay = 0`.
    HostProxyDelay,
    /// The owner tag.
    HostAlias,
    /// The host veth up.
    HostUp,
    /// An address on the host veth.
    HostAddr(HostAddr),
    /// The host route to the pod's address of a family.
    HostRoute(Family),
    /// The peer, named as asked.
    PodLink,
    /// The peer's MTU.
    PodMtu,
    /// `addr_gen_mode none` on the peer.
    PodAddrGenMode,
    /// The peer up.
    PodUp,
    /// The pod's address of a family.
    PodAddr(Family),
    /// `169.254.1.1/32 dev IFNAME scope link`.
    PodOnLinkRoute4,
    /// The pod's default route of a family.
    PodDefaultRoute(Family),
}

impl ItemKey {
    /// The namespace the piece lives in.
    pub fn side(self) -> Side {
        use ItemKey::*;
        match self {
            HostLink | HostMtu | HostAddrGenMode | HostProxyArp | HostForwarding4
            | HostForwarding6 | HostForceForwarding6 | HostProxyDelay | HostAlias | HostUp
            | HostAddr(_) | HostRoute(_) => Side::Host,
            PodLink | PodMtu | PodAddrGenMode | PodUp | PodAddr(_) | PodOnLinkRoute4
            | PodDefaultRoute(_) => Side::Pod,
        }
    }

    /// A setting of a link: reported as created when setup created the link.
    pub fn is_link_setting(self) -> bool {
        use ItemKey::*;
        !matches!(
            self,
            HostAddr(_) | HostRoute(_) | PodAddr(_) | PodOnLinkRoute4 | PodDefaultRoute(_)
        )
    }
}

/// How one piece of the desired state looks in the live state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Have {
    /// As desired.
    Ok,
    /// Not there.
    Missing,
    /// There, but different: how.
    Wrong(String),
}

impl Have {
    /// `Ok` when `ok`, else `Wrong(how())`.
    pub(crate) fn wanted(ok: bool, how: impl FnOnce() -> String) -> Have {
        if ok {
            Have::Ok
        } else {
            Have::Wrong(how())
        }
    }
}

/// One piece of the desired state and how it looks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Which piece.
    pub key: ItemKey,
    /// What it is, for people (`route 10.1.2.3/32 dev vethX scope link`).
    pub what: String,
    /// How it looks.
    pub have: Have,
}

impl Item {
    /// The piece `key`, described as `what`, as it looks (`have`).
    pub fn new(key: ItemKey, what: String, have: Have) -> Item {
        Item { key, what, have }
    }

    /// Host or pod.
    pub fn side(&self) -> Side {
        self.key.side()
    }

    /// The line `check` prints for a difference.
    pub fn drift_line(&self) -> Option<String> {
        let side = self.side().as_str();
        match &self.have {
            Have::Ok => None,
            Have::Missing => Some(format!("{side}: {}: missing", self.what)),
            Have::Wrong(how) => Some(format!("{side}: {}: {how}", self.what)),
        }
    }

    /// `side: what`, as the report lists it.
    pub fn label(&self) -> String {
        format!("{}: {}", self.side().as_str(), self.what)
    }
}
