//! The live state of each side as read ([`super::observe`] fills it), and how its values
//! are shown in reports.

use std::fmt::Write as _;

use netlink_codec::route::RT_SCOPE_LINK;

use crate::state::{Addr, Link, Route};

/// The host side as read.
#[derive(Debug, Clone, Default)]
pub struct HostView {
    /// The host link (`None`: absent).
    pub link: Option<Link>,
    /// The host link's IPv6 addresses (`None`: not read).
    pub addrs: Option<Vec<Addr>>,
    /// `proxy_delay` of the host link, in `USER_HZ` (`None`: not read).
    pub proxy_delay: Option<u64>,
    /// The route the host uses for the pod's IPv6 address.
    pub route6: Option<Route>,
    /// The route the host uses for the pod's IPv4 address.
    pub route4: Option<Route>,
    /// The host link was created by this very setup: nothing on it predates the watch
    /// for its routes, so a notification will report each one.
    pub fresh: bool,
}

/// The pod side as read.
#[derive(Debug, Clone, Default)]
pub struct PodView {
    /// The peer (`None`: absent).
    pub link: Option<Link>,
    /// The id the pod's namespace gives the host's (-1: none; `None`: not read).
    pub host_nsid: Option<i32>,
    /// The peer's addresses.
    pub addrs: Vec<Addr>,
    /// The pod's routes (all tables).
    pub routes: Vec<Route>,
}

/// A value read from the kernel, or "not reported".
pub(crate) fn shown<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(|| "not reported".to_owned(), |v| v.to_string())
}

/// `IN6_ADDR_GEN_MODE_*` by name.
pub(crate) fn gen_mode(v: Option<u8>) -> String {
    match v {
        Some(0) => "eui64".into(),
        Some(1) => "none".into(),
        Some(2) => "stable_secret".into(),
        Some(3) => "random".into(),
        other => shown(other),
    }
}

/// A route as `ip route` shows it, with link names from `name`.
pub(crate) fn show_route(r: &Route, name: &dyn Fn(u32) -> String) -> String {
    let mut s = match r.dst {
        Some(d) if r.dst_len > 0 => format!("{d}/{}", r.dst_len),
        _ => "default".to_owned(),
    };
    if let Some(g) = r.gateway {
        let _ = write!(s, " via {g}");
    }
    if let Some(o) = r.oif {
        let _ = write!(s, " dev {}", name(o));
    }
    if r.scope == RT_SCOPE_LINK {
        s.push_str(" scope link");
    }
    if r.priority != 0 {
        let _ = write!(s, " metric {}", r.priority);
    }
    s
}

/// Names the link `ours` `name`, any other by its index.
pub(crate) fn link_namer(ours: u32, name: &str) -> impl Fn(u32) -> String + '_ {
    move |i| {
        if i == ours {
            name.to_owned()
        } else {
            format!("ifindex {i}")
        }
    }
}
