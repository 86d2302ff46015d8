//! The pod wiring: setup, check, teardown and plan over two netlink sockets, one in the
//! host's namespace and one in the pod's (and, with IPv6, a notification socket beside
//! each).
//!
//! The kernel is the only state: every operation starts by reading it, compares it with
//! the desired state ([`assess`]) and sends only what differs, so it is safe to repeat and
//! to rerun after a crash at any point. How setup does it in four round trips, the
//! ownership rule ([`ours_by_host`], [`ours`]), IPv4-only pods, IPv6 readiness
//! ([`READY_TIMEOUT`], [`NlSocket::watch_local_route`]) and the crash-safety test hook
//! (`VETHCTL_TEST_ABORT_AFTER`) are described in `docs/design.md`.

use std::fmt::Write as _;
use std::io::{Read, Write as _};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use netlink_codec::addr::IfaFlags;
use netlink_codec::af::AF_INET;
use netlink_codec::link::IN6_ADDR_GEN_MODE_NONE;
use netlink_codec::route::{
    RTN_LOCAL, RTPROT_KERNEL, RT_SCOPE_LINK, RT_TABLE_LOCAL, RT_TABLE_MAIN,
};
use netlink_codec::Errno;
use serde::Serialize;

use crate::config::Spec;
use crate::error::{Error, Result};
use crate::msgs::{self, LinkChange, RouteSpec};
use crate::netns::Netns;
use crate::request::{Answer, Policy, Request, Status};
use crate::socket::NlSocket;
use crate::state::{self, Addr, Link, Route};

/// The pod's IPv4 gateway: proxy ARP on the host veth answers for it.
pub const V4_GATEWAY: Ipv4Addr = Ipv4Addr::new(169, 254, 1, 1);
/// The pod's IPv6 gateway, on the host veth.
pub const V6_GATEWAY: Ipv6Addr = Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 1);
/// The flags of `fe80::1/64` on the host veth: no DAD, and no `fe80::/64` prefix route
/// (the pod has no link-local address, host-to-pod traffic uses the pod's `/128` host
/// route; with 1000 pods, inserting 1000 `fe80::/64` routes side by side costs time).
pub const V6_GATEWAY_FLAGS: IfaFlags = IfaFlags::NODAD.union(IfaFlags::NOPREFIXROUTE);
/// The flags of the pod's addresses.
const POD_ADDR_FLAGS: IfaFlags = IfaFlags::NODAD;
/// The metric the kernel gives an IPv6 route added without one (`IP6_RT_PRIO_USER`).
pub const V6_METRIC: u32 = 1024;
/// The smallest MTU a link can have IPv6 on (`IPV6_MIN_MTU`): the kernel gives a link
/// under it no IPv6 at all.
pub const IPV6_MIN_MTU: u32 = 1280;
/// The environment variable of the test-only abort hook.
pub const ABORT_ENV: &str = "VETHCTL_TEST_ABORT_AFTER";

/// Which namespace a piece of state or a request belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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

/// One step of a plan: a netlink request, or a write under `/proc/sys` (the only knobs
/// without a netlink equivalent: per-device IPv6 `forwarding` and `force_forwarding`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A netlink request.
    Netlink(Request),
    /// Write `value` to `path`.
    Sysctl {
        /// What it is for.
        what: String,
        /// The file.
        path: PathBuf,
        /// The value.
        value: &'static str,
        /// The file may not exist (a setting this kernel may not have): a missing file is
        /// not an error, it is recorded ([`Exec::absent`]).
        if_present: bool,
    },
}

impl Step {
    /// What the step is for.
    pub fn what(&self) -> &str {
        match self {
            Step::Netlink(r) => &r.what,
            Step::Sysctl { what, .. } => what,
        }
    }
}

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
    /// The pod's main routing table.
    pub routes: Vec<Route>,
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

/// One piece of the desired state and how it looks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Host or pod.
    pub side: Side,
    /// What it is (`route 10.1.2.3/32 dev vethX scope link`).
    pub what: String,
    /// How it looks.
    pub have: Have,
    /// A setting of a link (reported as created when the link was created).
    pub link_setting: bool,
}

impl Item {
    /// The line `check` prints for a difference.
    pub fn drift_line(&self) -> Option<String> {
        match &self.have {
            Have::Ok => None,
            Have::Missing => Some(format!("{}: {}: missing", self.side.as_str(), self.what)),
            Have::Wrong(how) => Some(format!("{}: {}: {how}", self.side.as_str(), self.what)),
        }
    }
    fn label(&self) -> String {
        format!("{}: {}", self.side.as_str(), self.what)
    }
}

/// The comparison of live and desired state, and the steps that close the gap.
#[derive(Debug, Clone, Default)]
pub struct Assessment {
    /// Every piece of the desired state.
    pub items: Vec<Item>,
    /// Host steps, in order.
    pub host: Vec<Step>,
    /// Pod steps, in order.
    pub pod: Vec<Step>,
    /// When the host's addresses were not read: the index in `host` of the `fe80::1`
    /// create whose EEXIST is verified by the read of that address at the next index.
    pub verify_gateway: Option<usize>,
    /// Address creates whose EEXIST means the item was in place after all (an IPv4
    /// address on a down link reads as missing): `(side, step index, item what)`.
    pub exist_ok: Vec<(Side, usize, String)>,
    /// What the caller should know but vethctl does not change (node-wide settings).
    pub notes: Vec<String>,
    /// With an IPv6 address and a host batch (always in setup, which verifies
    /// `fe80::1`): watch for `fe80::1`'s local route on the host veth (is the pod's
    /// gateway usable?).
    pub host_watch: bool,
    /// The index in `host` of the lookup of that route. `None`: no watch, or a fresh
    /// link, where the notification is sure to come (a lookup among the local routes of
    /// `fe80::1`, one per pod, costs the kernel time that grows with the pods).
    pub host_ready_read: Option<usize>,
    /// With an IPv6 address: the index in `pod` of the lookup of the pod address's local
    /// route. `None`: no IPv6, or the route was read in place and nothing in `pod` can
    /// take it away.
    pub pod_ready_read: Option<usize>,
}

/// What an operation did, for `--json` and the human summary.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// `setup`, `check`, `teardown`.
    pub operation: &'static str,
    /// The host interface.
    pub host_iface: String,
    /// The pod interface (not known to teardown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ifname: Option<String>,
    /// What was created.
    pub created: Vec<String>,
    /// What was changed.
    pub changed: Vec<String>,
    /// What was already in place.
    pub in_place: Vec<String>,
    /// What was removed (teardown).
    pub removed: Vec<String>,
    /// What teardown found already gone.
    pub already_gone: Vec<String>,
    /// Differences from the desired state (check).
    pub drift: Vec<String>,
    /// What the caller should know but vethctl does not change (node-wide settings).
    pub notes: Vec<String>,
    /// Netlink round trips (`sendmsg` calls).
    pub round_trips: u32,
    /// Requests sent.
    pub requests: usize,
    /// Messages dropped by the sockets (not from the kernel, unknown sequence number).
    pub dropped: u64,
}

/// A plan: what setup would send, phase by phase.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// `(phase label, side, steps)`.
    pub phases: Vec<(String, Side, Vec<Step>)>,
    /// Notes about values only known at run time.
    pub notes: Vec<String>,
}

/// A request labelled `what`, or the encode error naming it.
pub(crate) fn req(
    what: impl Into<String>,
    msg: Result<Vec<u8>, netlink_codec::EncodeError>,
    policy: Policy,
) -> Result<Request> {
    let what = what.into();
    match msg {
        Ok(m) => Ok(Request::new(what, m, policy)),
        Err(source) => Err(Error::Encode { op: what, source }),
    }
}

fn full(ip: IpAddr) -> u8 {
    if ip.is_ipv6() {
        128
    } else {
        32
    }
}

/// The host route for the pod's address `ip` on link `oif`.
fn host_route(ip: IpAddr, oif: u32) -> RouteSpec {
    RouteSpec {
        dst: Some(ip),
        v6: ip.is_ipv6(),
        dst_len: full(ip),
        gateway: None,
        oif,
        scope_link: !ip.is_ipv6(),
        priority: None,
        table: u32::from(RT_TABLE_MAIN),
    }
}

fn default_route(gw: IpAddr, oif: u32) -> RouteSpec {
    RouteSpec {
        dst: None,
        v6: gw.is_ipv6(),
        dst_len: 0,
        gateway: Some(gw),
        oif,
        scope_link: false,
        priority: None,
        table: u32::from(RT_TABLE_MAIN),
    }
}

/// The metric a route of ours gets when added without one.
fn our_metric(v6: bool) -> u32 {
    if v6 {
        V6_METRIC
    } else {
        0
    }
}

/// `RouteSpec` that deletes exactly the route `r`.
fn exact(r: &Route) -> RouteSpec {
    RouteSpec {
        dst: r.dst,
        v6: r.v6,
        dst_len: r.dst_len,
        gateway: r.gateway,
        oif: r.oif.unwrap_or(0),
        scope_link: false,
        priority: Some(r.priority),
        table: r.table,
    }
}

fn show_route(r: &Route, name: &dyn Fn(u32) -> String) -> String {
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

/// Prefix of the owner tag vethctl puts in the host veth's `IFLA_IFALIAS`: `vethctl:ID`.
pub const ALIAS_PREFIX: &str = "vethctl:";
/// Prefix of the owner tag of an id too long for an alias: `vethctl-sha256:HEX`. Its own
/// prefix, so that no literal id can produce it: `vethctl:sha256:HEX`, what older
/// versions wrote for a long id, is also the tag of the literal id `sha256:HEX`, so such a
/// tag is read as that literal id's (the only unambiguous reading).
pub const HASHED_ALIAS_PREFIX: &str = "vethctl-sha256:";
/// The longest container id that is its own tag; longer ones are hashed.
pub const ALIAS_ID_MAX: usize = 200;

/// The owner tag of the host veth of `container_id`: `vethctl:ID`, or for an id over
/// [`ALIAS_ID_MAX`] bytes `vethctl-sha256:HEX` (the SHA-256 of the id).
pub fn owner_alias(container_id: &str) -> String {
    if container_id.len() <= ALIAS_ID_MAX {
        format!("{ALIAS_PREFIX}{container_id}")
    } else {
        use sha2::{Digest, Sha256};
        let d = Sha256::digest(container_id.as_bytes());
        let hex: String = d.iter().map(|b| format!("{b:02x}")).collect();
        format!("{HASHED_ALIAS_PREFIX}{hex}")
    }
}

/// Is `alias` an owner tag of vethctl's (of any container)?
pub fn is_owner_tag(alias: &str) -> bool {
    alias.starts_with(ALIAS_PREFIX) || alias.starts_with(HASHED_ALIAS_PREFIX)
}

/// A host link tagged as another container's (`vethctl:OTHER`), or as anything not ours:
/// the reason to leave it alone. Untagged links pass (a crash can leave our veth before
/// its tag was set).
fn foreign_alias(spec: &Spec, link: &Link) -> Option<String> {
    let want = owner_alias(&spec.container_id);
    match &link.alias {
        None => None,
        Some(a) if a.is("") || a.is(&want) => None,
        Some(a) => Some(format!(
            "host interface {} is tagged \"{a}\", not {want:?}: it belongs to someone else; \
             leaving it alone",
            spec.host_iface
        )),
    }
}

/// Could `link` be our host veth, as far as the host can tell: a veth, not tagged for
/// another container, with its peer in another namespace? [`ours`] completes the proof
/// from the pod's side.
pub fn ours_by_host(spec: &Spec, link: &Link, netns: &str) -> Result<(), String> {
    let h = &spec.host_iface;
    match link.kind.as_deref() {
        Some("veth") => {}
        Some(k) => {
            return Err(format!(
                "host interface {h} exists and is a {k}, not our veth; leaving it alone"
            ))
        }
        None => {
            return Err(format!(
                "host interface {h} exists and is not a veth; leaving it alone"
            ))
        }
    }
    if let Some(why) = foreign_alias(spec, link) {
        return Err(why);
    }
    match (link.link_netnsid, link.link) {
        (Some(_), Some(_)) => Ok(()),
        (None, _) => Err(format!(
            "host interface {h} is a veth whose peer is in the host namespace, not in {netns}; \
             leaving it alone"
        )),
        (Some(_), None) => Err(format!(
            "host interface {h} is a veth that reports no peer (IFLA_LINK); leaving it alone"
        )),
    }
}

/// Is `link` our host veth: a veth whose peer lives in the pod's namespace? Besides
/// [`ours_by_host`], the pod's side of the proof: the pod's link at the index the host
/// link names as its peer (`IFLA_LINK`) is a veth whose own peer is the host link, in the
/// namespace the pod calls the host's. A veth pair is symmetric, so that pins the host
/// link's peer in the pod. (The host could compare its `IFLA_LINK_NETNSID` with the id it
/// gives the pod's namespace instead, but finding that id walks every id the host has
/// given out, one per pod; the pod has given out few.)
pub fn ours(spec: &Spec, link: &Link, pod: &PodView, netns: &str) -> Result<(), String> {
    ours_by_host(spec, link, netns)?;
    peer_in_pod(spec, link, pod, netns)
}

/// The pod's side of [`ours`], for callers that checked [`ours_by_host`] already.
fn peer_in_pod(spec: &Spec, link: &Link, pod: &PodView, netns: &str) -> Result<(), String> {
    let back = pod.link.as_ref().is_some_and(|pl| {
        pl.kind.as_deref() == Some("veth")
            && pl.link == Some(link.index.unsigned_abs())
            && pod.host_nsid.is_some_and(|id| id >= 0)
            && pl.link_netnsid == pod.host_nsid
    });
    if back {
        Ok(())
    } else {
        Err(format!(
            "host interface {} is a veth whose peer is in another network namespace \
             (nsid {}), not in {netns}; leaving it alone",
            spec.host_iface,
            shown(link.link_netnsid)
        ))
    }
}

/// With `--ip6`, why `link` cannot take the pod's IPv6 wiring, if it cannot: IPv6
/// disabled on it (`disable_ipv6`, which a new link inherits from its namespace's
/// `default`), or no IPv6 at all (an MTU under 1280).
fn ipv6_impossible(spec: &Spec, side: Side, link: &Link) -> Option<String> {
    spec.ip6?;
    let (name, where_) = (&link.name, side.as_str());
    if link.ipv6_disabled == Some(true) {
        Some(format!(
            "IPv6 is disabled on the {where_}'s interface {name} \
             (net.ipv6.conf.{name}.disable_ipv6 = 1): cannot wire --ip6"
        ))
    } else if !link.inet6 {
        Some(format!(
            "the {where_}'s interface {name} has no IPv6 (mtu {}, IPv6 needs \
             {IPV6_MIN_MTU}): cannot wire --ip6",
            shown(link.mtu)
        ))
    } else {
        None
    }
}

/// A host route setup must not take over, and whose it is: the node's own address (a
/// `local` route: the node would keep the pod's traffic), or a host route through another
/// container's veth (tagged for it: that pod's traffic would break). Only the latter
/// needs a read (of the link the route goes through, when it is not ours). A route
/// through any other device is replaced, as before.
fn route_conflict(
    s: &mut Session,
    spec: &Spec,
    host: &HostView,
    ours: u32,
) -> Result<Option<String>> {
    for (ip, found) in [
        (spec.ip6.map(IpAddr::V6), &host.route6),
        (spec.ip4.map(IpAddr::V4), &host.route4),
    ] {
        let (Some(ip), Some(r)) = (ip, found) else {
            continue;
        };
        if r.rtype == RTN_LOCAL {
            return Ok(Some(format!(
                "{ip} is an address of the node itself (route {} in table {}): not the \
                 pod's to take; leaving it alone",
                show_route(r, &|i| format!("ifindex {i}")),
                r.table
            )));
        }
        let host_route =
            r.dst == Some(ip) && r.dst_len == full(ip) && r.table == u32::from(RT_TABLE_MAIN);
        let Some(oif) = r.oif.filter(|&o| host_route && o != ours) else {
            continue;
        };
        let read = [req(
            format!("read ifindex {oif}, which the host route to {ip} goes through"),
            msgs::get_link(None, i32::try_from(oif).unwrap_or(0)),
            Policy::LINK_LOOKUP,
        )?];
        let answers = s.exec.batch(&mut s.host, &read)?;
        let Some(other) = state::link_of(&answers[0], "read the route's link")? else {
            continue;
        };
        let tag = other.alias.as_ref().and_then(|a| a.as_str()).unwrap_or("");
        if other.kind.as_deref() == Some("veth")
            && is_owner_tag(tag)
            && tag != owner_alias(&spec.container_id)
        {
            return Ok(Some(format!(
                "the host route {ip}/{} goes through {}, the veth of another pod (tagged \
                 {tag:?}): {ip} is that pod's; leaving it alone",
                full(ip),
                other.name
            )));
        }
    }
    Ok(None)
}

/// Setup stops before its first change but the veth it just created: that one goes
/// again, so the refusal leaves everything as it was.
fn refuse(s: &mut Session, created: bool, link: &Link, why: String) -> Error {
    match undo_create(s, created, link) {
        Ok(()) => Error::Conflict(why),
        Err(e) => Error::Conflict(format!(
            "{why}; removing the veth setup just created failed too: {e}"
        )),
    }
}

/// Remove the veth this setup created (`created`), which nothing else has touched yet.
fn undo_create(s: &mut Session, created: bool, link: &Link) -> Result<()> {
    if created {
        let undo = req(
            format!("delete the veth {} setup just created", link.name),
            msgs::del_link(link.index),
            Policy::GONE_OK,
        )?;
        s.exec.batch(&mut s.host, &[undo])?;
    }
    Ok(())
}

/// Teardown's proof that `link` is ours (see [`teardown`]).
fn teardown_owns(s: &mut Session, spec: &Spec, link: &Link, netns: Option<&Path>) -> Result<()> {
    let h = &spec.host_iface;
    let shown = netns.map_or_else(|| "the pod".to_owned(), |p| p.display().to_string());
    ours_by_host(spec, link, &shown).map_err(Error::Conflict)?;
    let tagged = link
        .alias
        .as_ref()
        .is_some_and(|a| a.is(&owner_alias(&spec.container_id)));
    if tagged {
        return Ok(());
    }
    let Some(path) = netns else {
        return Err(Error::Conflict(format!(
            "host interface {h} is a veth without the tag {:?}: nothing proves it is this \
             container's (a setup that crashed before tagging it leaves one; --netns of the \
             pod proves it); leaving it alone",
            owner_alias(&spec.container_id)
        )));
    };
    let ns = Netns::open(path)?;
    let mut sock = ns.socket()?;
    let peer = link
        .link
        .ok_or_else(|| Error::Unexpected(format!("veth {h} reports no peer (IFLA_LINK)")))?;
    let answers = s.exec.batch(&mut sock, &ownership_reads(peer)?)?;
    let mut pod = PodView::default();
    read_ownership(&mut pod, &answers[0], &answers[1])?;
    peer_in_pod(spec, link, &pod, &shown).map_err(Error::Conflict)
}

/// A value read from the kernel, or "not reported".
fn shown<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(|| "not reported".to_owned(), |v| v.to_string())
}

/// `IN6_ADDR_GEN_MODE_*` by name.
fn gen_mode(v: Option<u8>) -> String {
    match v {
        Some(0) => "eui64".into(),
        Some(1) => "none".into(),
        Some(2) => "stable_secret".into(),
        Some(3) => "random".into(),
        other => shown(other),
    }
}

/// Whether an address has the flags `want` (IPv6 only; IPv4 addresses are not checked).
fn addr_ok(a: &Addr, want: IfaFlags) -> Result<(), String> {
    if a.ip.is_ipv6() {
        let mut bad = Vec::new();
        if want.contains(IfaFlags::NODAD) && !a.flags.contains(IfaFlags::NODAD) {
            bad.push("without nodad");
        }
        if want.contains(IfaFlags::NOPREFIXROUTE) && !a.flags.contains(IfaFlags::NOPREFIXROUTE) {
            bad.push("without noprefixroute");
        }
        if a.flags.contains(IfaFlags::TENTATIVE) {
            bad.push("tentative");
        }
        if a.flags.contains(IfaFlags::DADFAILED) {
            bad.push("dadfailed");
        }
        if !bad.is_empty() {
            return Err(bad.join(", "));
        }
    }
    Ok(())
}

/// Compare the live state with the desired state; return every item and the steps that
/// make the live state right. `host.link` and `pod.link` must be present (a link about to
/// be created is described as the kernel creates it).
pub fn assess(spec: &Spec, host: &HostView, pod: &PodView) -> Result<Assessment> {
    let (Some(hl), Some(pl)) = (&host.link, &pod.link) else {
        return Err(Error::Unexpected("assess needs both links".into()));
    };
    let h = spec.host_iface.as_str();
    let p = spec.ifname.as_str();
    let hi = hl.index;
    let pi = pl.index;
    let hi_u = hi.unsigned_abs();
    let pi_u = pi.unsigned_abs();
    let mut out = Assessment::default();
    let mut item = |side, what: String, have: Have, link_setting: bool| {
        out.items.push(Item {
            side,
            what,
            have,
            link_setting,
        })
    };
    let want = |ok: bool, how: String| if ok { Have::Ok } else { Have::Wrong(how) };

    // ---- host link settings ----
    item(
        Side::Host,
        format!("veth {h} with peer {p} in the pod"),
        Have::Ok,
        true,
    );
    let mut hc = LinkChange::default();
    let mtu_ok = hl.mtu == Some(spec.mtu);
    if !mtu_ok {
        hc.mtu = Some(spec.mtu);
    }
    item(
        Side::Host,
        format!("mtu {} on {h}", spec.mtu),
        want(mtu_ok, format!("mtu is {}", shown(hl.mtu))),
        true,
    );
    // IPv6: everything with --ip6. Without it nothing of IPv6 is needed (a node or a pod
    // may have IPv6 disabled, a link under 1280 bytes has none), only addr_gen_mode none
    // on a link that has IPv6, which keeps the kernel from giving it a link-local address.
    let v6 = spec.ip6.is_some();
    if v6 || hl.inet6 {
        let agm_ok = hl.addr_gen_mode == Some(IN6_ADDR_GEN_MODE_NONE);
        hc.addr_gen_mode_none = !agm_ok;
        item(
            Side::Host,
            format!("addr_gen_mode none on {h}"),
            want(
                agm_ok,
                format!("addr_gen_mode is {}", gen_mode(hl.addr_gen_mode)),
            ),
            true,
        );
    }
    let parp_ok = hl.ipv4_proxy_arp == Some(1);
    let fwd4_ok = hl.ipv4_forwarding == Some(1);
    hc.ipv4_conf = !parp_ok || !fwd4_ok;
    item(
        Side::Host,
        format!("net.ipv4.conf.{h}.proxy_arp = 1"),
        want(
            parp_ok,
            format!("proxy_arp is {}", shown(hl.ipv4_proxy_arp)),
        ),
        true,
    );
    item(
        Side::Host,
        format!("net.ipv4.conf.{h}.forwarding = 1"),
        want(
            fwd4_ok,
            format!("forwarding is {}", shown(hl.ipv4_forwarding)),
        ),
        true,
    );
    let fwd6_ok = !v6 || hl.ipv6_forwarding == Some(1);
    if v6 {
        item(
            Side::Host,
            format!("net.ipv6.conf.{h}.forwarding = 1"),
            want(
                fwd6_ok,
                format!("IPv6 forwarding is {}", shown(hl.ipv6_forwarding)),
            ),
            true,
        );
    }
    // IPv6 forwards a packet only when `all.forwarding` is on, whatever the device says;
    // `force_forwarding` (Linux 6.17+) is the per-device switch that forwards anyway.
    let ffwd_path = PathBuf::from(format!("/proc/sys/net/ipv6/conf/{h}/force_forwarding"));
    let ffwd_what = format!("net.ipv6.conf.{h}.force_forwarding = 1");
    let ffwd_step = match (hl.ipv6_force_forwarding, hl.ipv6_forwarding) {
        _ if !v6 => None,
        (Some(1), _) => {
            item(Side::Host, ffwd_what, Have::Ok, true);
            None
        }
        (Some(v), _) => {
            item(
                Side::Host,
                ffwd_what,
                Have::Wrong(format!("IPv6 force_forwarding is {v}")),
                true,
            );
            Some(false)
        }
        // The link reports its IPv6 settings without force_forwarding: this kernel has
        // none. Nothing to set; pod-to-pod IPv6 then depends on the node.
        (None, Some(_)) => {
            out.notes.push(no_force_forwarding_note(h));
            None
        }
        // Not known (a link not created yet): write it if the kernel has it.
        (None, None) => {
            item(Side::Host, ffwd_what, Have::Missing, true);
            Some(true)
        }
    };
    let delay_ok = host.proxy_delay == Some(0);
    item(
        Side::Host,
        format!("net.ipv4.neigh.{h}.proxy_delay = 0"),
        match host.proxy_delay {
            Some(0) => Have::Ok,
            Some(v) => Have::Wrong(format!("proxy_delay is {v}")),
            None => Have::Missing,
        },
        true,
    );
    let alias = owner_alias(&spec.container_id);
    let alias_ok = hl.alias.as_ref().is_some_and(|a| a.is(&alias));
    if !alias_ok {
        hc.alias = Some(alias.clone());
    }
    item(
        Side::Host,
        format!("alias {alias:?} on {h}"),
        want(alias_ok, format!("alias is {}", shown(hl.alias.as_ref()))),
        true,
    );
    let up_ok = hl.is_up();
    item(
        Side::Host,
        format!("link {h} up"),
        want(up_ok, "link is down (want up)".into()),
        true,
    );

    if !fwd6_ok {
        out.host.push(Step::Sysctl {
            what: format!("IPv6 forwarding on {h}"),
            path: PathBuf::from(format!("/proc/sys/net/ipv6/conf/{h}/forwarding")),
            value: "1",
            if_present: false,
        });
    }
    if let Some(if_present) = ffwd_step {
        out.host.push(Step::Sysctl {
            what: format!("IPv6 force_forwarding on {h}"),
            path: ffwd_path,
            value: "1",
            if_present,
        });
    }
    if hc != LinkChange::default() {
        out.host.push(Step::Netlink(req(
            format!("set {} on {h}", hc.describe()),
            msgs::set_link(hi, &hc),
            Policy::STRICT,
        )?));
    }
    if !delay_ok {
        out.host.push(Step::Netlink(req(
            format!("set proxy_delay 0 on {h}"),
            msgs::proxy_delay_zero(hi),
            Policy::STRICT,
        )?));
    }
    if !up_ok {
        out.host.push(Step::Netlink(req(
            format!("set {h} up"),
            msgs::set_link(
                hi,
                &LinkChange {
                    up: Some(true),
                    ..Default::default()
                },
            ),
            Policy::STRICT,
        )?));
    }

    // ---- host gateway address ----
    let gw6 = IpAddr::V6(V6_GATEWAY);
    let gw_what = format!("address fe80::1/64 nodad noprefixroute on {h}");
    match &host.addrs {
        _ if !v6 => {}
        Some(addrs) => {
            let found = addrs
                .iter()
                .find(|a| a.ip == gw6 && a.prefix_len == 64 && a.index == hi_u);
            let (have, replace) = match found {
                None => (Have::Missing, false),
                Some(a) => match addr_ok(a, V6_GATEWAY_FLAGS) {
                    Ok(()) => (Have::Ok, false),
                    Err(why) => (Have::Wrong(format!("fe80::1 is {why}")), true),
                },
            };
            if have != Have::Ok {
                out.exist_ok
                    .push((Side::Host, out.host.len(), gw_what.clone()));
                out.host.push(Step::Netlink(req(
                    format!("add fe80::1/64 nodad noprefixroute on {h}"),
                    msgs::new_addr(gw6, 64, hi_u, V6_GATEWAY_FLAGS, replace),
                    Policy::EXIST_OK,
                )?));
            }
            item(Side::Host, gw_what, have, false);
        }
        None => {
            // Not read: create it, and read back in the same batch what an EEXIST found.
            out.verify_gateway = Some(out.host.len());
            out.host.push(Step::Netlink(req(
                format!("add fe80::1/64 nodad noprefixroute on {h}"),
                msgs::new_addr(gw6, 64, hi_u, V6_GATEWAY_FLAGS, false),
                Policy::EXIST_VERIFY,
            )?));
            out.host.push(Step::Netlink(req(
                format!("read address fe80::1 on {h}"),
                msgs::get_addr6(V6_GATEWAY, hi_u),
                Policy::ADDR_LOOKUP,
            )?));
            item(Side::Host, gw_what, Have::Missing, false);
        }
    }

    // ---- host routes ----
    let name = |i: u32| -> String {
        if i == hi_u {
            h.to_owned()
        } else {
            format!("ifindex {i}")
        }
    };
    let mut stale = Vec::new();
    for (ip, found) in [
        (spec.ip6.map(IpAddr::V6), &host.route6),
        (spec.ip4.map(IpAddr::V4), &host.route4),
    ] {
        let Some(ip) = ip else { continue };
        let want_r = host_route(ip, hi_u);
        let what = if ip.is_ipv6() {
            format!("route {ip}/128 dev {h}")
        } else {
            format!("route {ip}/32 dev {h} scope link")
        };
        let have = match found {
            Some(r)
                if r.dst == Some(ip)
                    && r.dst_len == full(ip)
                    && r.table == u32::from(RT_TABLE_MAIN) =>
            {
                let right = r.oif == Some(hi_u)
                    && r.gateway.is_none()
                    && (ip.is_ipv6() || r.scope == RT_SCOPE_LINK);
                if right {
                    Have::Ok
                } else {
                    if r.priority != our_metric(ip.is_ipv6()) {
                        stale.push(*r);
                    }
                    Have::Wrong(format!("the route is {}", show_route(r, &name)))
                }
            }
            _ => Have::Missing,
        };
        if have != Have::Ok {
            out.host.push(Step::Netlink(req(
                format!("add {what}"),
                msgs::replace_route(&want_r),
                Policy::STRICT,
            )?));
        }
        item(Side::Host, what, have, false);
    }
    for r in stale {
        out.host.push(Step::Netlink(req(
            format!("delete the stale route {}", show_route(&r, &name)),
            msgs::del_route(&exact(&r)),
            Policy::GONE_OK,
        )?));
    }
    // IPv6 readiness of the gateway: the kernel adds fe80::1's local route on its own
    // (from a work queue), after the request that added the address was answered,
    // possibly before the pod side is up. Watched during the host batch, which setup
    // always sends (it verifies fe80::1); on a link that existed before, also read at the
    // end of that batch, since the route may predate the watch.
    out.host_watch = spec.ip6.is_some() && !out.host.is_empty();
    if out.host_watch && !host.fresh {
        out.host_ready_read = Some(out.host.len());
        out.host.push(Step::Netlink(req(
            format!("look up the local route of fe80::1 on {h} (is the gateway ready?)"),
            msgs::route_lookup_dev(gw6, hi_u),
            Policy::ROUTE_LOOKUP,
        )?));
    }

    // ---- pod link ----
    item(
        Side::Pod,
        format!("link {p}, the peer of {h}"),
        want(
            pl.name.is(p),
            format!("the peer is named {} (want {p})", pl.name),
        ),
        true,
    );
    let mut up_now = pl.is_up();
    if !pl.name.is(p) {
        if up_now {
            out.pod.push(Step::Netlink(req(
                format!("set {} down to rename it", pl.name),
                msgs::set_link(
                    pi,
                    &LinkChange {
                        up: Some(false),
                        ..Default::default()
                    },
                ),
                Policy::STRICT,
            )?));
            up_now = false;
        }
        out.pod.push(Step::Netlink(req(
            format!("rename {} to {p}", pl.name),
            msgs::set_link(
                pi,
                &LinkChange {
                    name: Some(p.to_owned()),
                    ..Default::default()
                },
            ),
            Policy::STRICT,
        )?));
    }
    let mut pc = LinkChange::default();
    let pmtu_ok = pl.mtu == Some(spec.mtu);
    if !pmtu_ok {
        pc.mtu = Some(spec.mtu);
    }
    item(
        Side::Pod,
        format!("mtu {} on {p}", spec.mtu),
        want(pmtu_ok, format!("mtu is {}", shown(pl.mtu))),
        true,
    );
    if v6 || pl.inet6 {
        let pagm_ok = pl.addr_gen_mode == Some(IN6_ADDR_GEN_MODE_NONE);
        pc.addr_gen_mode_none = !pagm_ok;
        item(
            Side::Pod,
            format!("addr_gen_mode none on {p}"),
            want(
                pagm_ok,
                format!("addr_gen_mode is {}", gen_mode(pl.addr_gen_mode)),
            ),
            true,
        );
    }
    if pc != LinkChange::default() {
        out.pod.push(Step::Netlink(req(
            format!("set {} on {p}", pc.describe()),
            msgs::set_link(pi, &pc),
            Policy::STRICT,
        )?));
    }
    item(
        Side::Pod,
        format!("link {p} up"),
        want(pl.is_up(), "link is down (want up)".into()),
        true,
    );
    if !up_now {
        out.pod.push(Step::Netlink(req(
            format!("set {p} up"),
            msgs::set_link(
                pi,
                &LinkChange {
                    up: Some(true),
                    ..Default::default()
                },
            ),
            Policy::STRICT,
        )?));
    }

    let went_up = !up_ok || !pl.is_up();

    // A link went up: read both links back, which makes the kernel settle their carrier
    // state now (operstate, routes' linkdown) instead of up to a second later. Before the
    // addresses: IPv6 then finds the pod's link ready and brings the addresses up at once.
    if went_up {
        out.pod.push(Step::Netlink(req(
            format!("read {p} back (settles its carrier state)"),
            msgs::get_link_in(pi, None),
            Policy::STRICT,
        )?));
        if let Some(host_id) = pl.link_netnsid {
            out.pod.push(Step::Netlink(req(
                format!("read {h} back through the pod (settles its carrier state)"),
                msgs::get_link_in(hi, Some(host_id)),
                Policy::STRICT,
            )?));
        }
    }

    // ---- pod addresses ----
    let mut v6_addr_ok = false;
    for ip in [spec.ip6.map(IpAddr::V6), spec.ip4.map(IpAddr::V4)]
        .into_iter()
        .flatten()
    {
        let len = full(ip);
        let what = if ip.is_ipv6() {
            format!("address {ip}/{len} nodad on {p}")
        } else {
            format!("address {ip}/{len} on {p}")
        };
        let found = pod
            .addrs
            .iter()
            .find(|a| a.ip == ip && a.prefix_len == len && a.index == pi_u);
        let (have, replace) = match found {
            None => (Have::Missing, false),
            Some(a) => match addr_ok(a, POD_ADDR_FLAGS) {
                Ok(()) => (Have::Ok, false),
                Err(why) => (Have::Wrong(format!("{ip} is {why}")), true),
            },
        };
        if ip.is_ipv6() {
            v6_addr_ok = have == Have::Ok;
        }
        if have != Have::Ok {
            out.exist_ok.push((Side::Pod, out.pod.len(), what.clone()));
            out.pod.push(Step::Netlink(req(
                format!("add {}", what.strip_prefix("address ").unwrap_or(&what)),
                msgs::new_addr(ip, len, pi_u, POD_ADDR_FLAGS, replace),
                Policy::EXIST_OK,
            )?));
        }
        item(Side::Pod, what, have, false);
    }

    // ---- pod routes ----
    let pname = |i: u32| -> String {
        if i == pi_u {
            p.to_owned()
        } else {
            format!("ifindex {i}")
        }
    };
    let main: Vec<&Route> = pod
        .routes
        .iter()
        .filter(|r| r.table == u32::from(RT_TABLE_MAIN))
        .collect();
    // The on-link route to 169.254.1.1 serves the IPv4 default route only.
    if spec.default_routes && spec.ip4.is_some() {
        let gw = IpAddr::V4(V4_GATEWAY);
        let what = format!("route 169.254.1.1/32 dev {p} scope link");
        let onlink = main.iter().any(|r| {
            !r.v6
                && r.dst == Some(gw)
                && r.dst_len == 32
                && r.oif == Some(pi_u)
                && r.gateway.is_none()
                && r.scope == RT_SCOPE_LINK
        });
        let have = if onlink { Have::Ok } else { Have::Missing };
        if !onlink {
            let mut r = host_route(gw, pi_u);
            r.scope_link = true;
            out.pod.push(Step::Netlink(req(
                format!("add {what}"),
                msgs::replace_route(&r),
                Policy::STRICT,
            )?));
        }
        item(Side::Pod, what, have, false);
    }
    for (wanted, gw) in [
        (
            spec.default_routes && spec.ip4.is_some(),
            IpAddr::V4(V4_GATEWAY),
        ),
        (
            spec.default_routes && spec.ip6.is_some(),
            IpAddr::V6(V6_GATEWAY),
        ),
    ] {
        if !wanted {
            continue;
        }
        let v6 = gw.is_ipv6();
        let fam = if v6 { "IPv6" } else { "IPv4" };
        let what = format!("{fam} default route via {gw} dev {p}");
        let defaults: Vec<&&Route> = main
            .iter()
            .filter(|r| r.v6 == v6 && r.dst_len == 0)
            .collect();
        let is_ours = |r: &Route| {
            r.gateway == Some(gw) && r.oif == Some(pi_u) && r.priority == our_metric(v6)
        };
        let have_ours = defaults.iter().any(|r| is_ours(r));
        let others: Vec<&Route> = defaults
            .iter()
            .map(|r| **r)
            .filter(|r| !is_ours(r))
            .collect();
        let have = match (have_ours, others.is_empty()) {
            (true, true) => Have::Ok,
            (false, true) => Have::Missing,
            (_, false) => Have::Wrong(format!(
                "found {}",
                others
                    .iter()
                    .map(|r| show_route(r, &pname))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        };
        if !have_ours {
            // NLM_F_REPLACE: a wrong default with our metric is replaced in one step.
            out.pod.push(Step::Netlink(req(
                format!("add (replace) {what}"),
                msgs::replace_route(&default_route(gw, pi_u)),
                Policy::STRICT,
            )?));
        }
        for r in &others {
            if have_ours || r.priority != our_metric(v6) {
                out.pod.push(Step::Netlink(req(
                    format!("delete the wrong default route {}", show_route(r, &pname)),
                    msgs::del_route(&exact(r)),
                    Policy::GONE_OK,
                )?));
            }
        }
        item(Side::Pod, what, have, false);
    }

    // IPv6 readiness of the pod's address: like the gateway's, its local route comes
    // from a work queue. Read in place (the route dump of phase A) and not disturbed: the
    // link stays up, the address stays. Otherwise read it at the end of the pod batch.
    if let Some(ip6) = spec.ip6 {
        let routed = pod.routes.iter().any(|r| {
            r.v6 && r.rtype == RTN_LOCAL
                && r.table == u32::from(RT_TABLE_LOCAL)
                && r.dst == Some(IpAddr::V6(ip6))
                && r.oif == Some(pi_u)
        });
        let in_place = routed && v6_addr_ok && pl.is_up() && pl.name.is(p);
        if !in_place {
            out.pod_ready_read = Some(out.pod.len());
            out.pod.push(Step::Netlink(req(
                format!("look up the local route of {ip6} (is the address ready?)"),
                msgs::route_lookup(IpAddr::V6(ip6)),
                Policy::ROUTE_LOOKUP,
            )?));
        }
    }
    Ok(out)
}

/// The note for a kernel without `net.ipv6.conf.<dev>.force_forwarding`.
fn no_force_forwarding_note(h: &str) -> String {
    format!(
        "this kernel has no net.ipv6.conf.{h}.force_forwarding (Linux 6.17+): pod-to-pod \
         IPv6 needs net.ipv6.conf.all.forwarding=1 on the node (a node-wide setting vethctl \
         does not change)"
    )
}

/// Runs requests, counting them for the test-only abort hook.
#[derive(Debug, Default)]
pub struct Exec {
    abort_after: Option<usize>,
    sent: usize,
    absent: Vec<PathBuf>,
}

impl Exec {
    /// An executor; `abort_after` is the test-only hook's k.
    pub fn new(abort_after: Option<usize>) -> Exec {
        Exec {
            abort_after,
            sent: 0,
            absent: Vec::new(),
        }
    }

    /// The hook's k from the environment ([`ABORT_ENV`]); test-only.
    pub fn abort_after_from_env() -> Option<usize> {
        std::env::var(ABORT_ENV).ok()?.trim().parse().ok()
    }

    /// Requests sent so far.
    pub fn sent(&self) -> usize {
        self.sent
    }

    /// The `if_present` sysctl files that did not exist.
    pub fn absent(&self) -> &[PathBuf] {
        &self.absent
    }

    /// Send one batch (cut short by the abort hook).
    pub fn batch(&mut self, sock: &mut NlSocket, reqs: &[Request]) -> Result<Vec<Answer>> {
        if reqs.is_empty() {
            return Ok(Vec::new());
        }
        if let Some(k) = self.abort_after {
            let left = k.saturating_sub(self.sent);
            if left < reqs.len() {
                if left > 0 {
                    sock.batch(&reqs[..left])?;
                }
                self.sent += left;
                return Err(Error::TestAbort(k));
            }
        }
        let answers = sock.batch(reqs)?;
        self.sent += reqs.len();
        if self.abort_after == Some(self.sent) {
            return Err(Error::TestAbort(self.sent));
        }
        Ok(answers)
    }

    /// Run steps in order: runs of netlink requests as one batch each, sysctl writes in
    /// between. The answers come back at the index of their step.
    pub fn steps(&mut self, sock: &mut NlSocket, steps: &[Step]) -> Result<Vec<Option<Answer>>> {
        let mut out: Vec<Option<Answer>> = Vec::with_capacity(steps.len());
        let mut run: Vec<Request> = Vec::new();
        for s in steps {
            match s {
                Step::Netlink(r) => run.push(r.clone()),
                Step::Sysctl {
                    path,
                    value,
                    if_present,
                    ..
                } => {
                    let answers = self.batch(sock, &run)?;
                    out.extend(answers.into_iter().map(Some));
                    run.clear();
                    if !write_proc(path, value, *if_present)? {
                        self.absent.push(path.clone());
                    }
                    out.push(None);
                    self.sent += 1;
                    if self.abort_after == Some(self.sent) {
                        return Err(Error::TestAbort(self.sent));
                    }
                }
            }
        }
        let answers = self.batch(sock, &run)?;
        out.extend(answers.into_iter().map(Some));
        Ok(out)
    }
}

/// Write `value` to `path` (open, write, close). `if_present`: a missing file is not an
/// error; the answer is whether the file was there (decided by the open, no extra stat).
fn write_proc(path: &PathBuf, value: &str, if_present: bool) -> Result<bool> {
    let io = |source| Error::Proc {
        op: "writing",
        path: path.clone(),
        source,
    };
    let mut f = match std::fs::OpenOptions::new().write(true).open(path) {
        Ok(f) => f,
        Err(e) if if_present && e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(io(e)),
    };
    f.write_all(value.as_bytes()).map_err(io)?;
    Ok(true)
}

/// `proxy_delay` of `iface` from `/proc/sys/net/ipv4/neigh/IFACE/proxy_delay`.
pub fn read_proxy_delay(iface: &str) -> Result<u64> {
    let path = PathBuf::from(format!("/proc/sys/net/ipv4/neigh/{iface}/proxy_delay"));
    let io = |source| Error::Proc {
        op: "reading",
        path: path.clone(),
        source,
    };
    let mut buf = [0u8; 32];
    let n = std::fs::File::open(&path)
        .and_then(|mut f| f.read(&mut buf))
        .map_err(io)?;
    let text = std::str::from_utf8(&buf[..n]).unwrap_or("").trim();
    text.parse().map_err(|_| {
        io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not a number: {text:?}"),
        ))
    })
}

/// The two sockets and the request counter of one operation.
struct Session {
    host: NlSocket,
    pod: Option<NlSocket>,
    exec: Exec,
}

impl Session {
    fn report(&self, operation: &'static str, spec: &Spec, pod_side: bool) -> Report {
        let pod = self.pod.as_ref();
        Report {
            operation,
            host_iface: spec.host_iface.clone(),
            ifname: pod_side.then(|| spec.ifname.clone()),
            round_trips: self.host.round_trips() + pod.map_or(0, NlSocket::round_trips),
            requests: self.exec.sent(),
            dropped: self.host.dropped() + pod.map_or(0, NlSocket::dropped),
            ..Default::default()
        }
    }
}

fn nsfd(netns: &Netns) -> u32 {
    netns.fd().as_raw_fd().unsigned_abs()
}

/// Phase A's host reads (after an optional create): the link, the route lookups.
fn host_reads(spec: &Spec) -> Result<Vec<Request>> {
    let h = &spec.host_iface;
    let mut v = vec![req(
        format!("read link {h}"),
        msgs::get_link(Some(h), 0),
        Policy::LINK_LOOKUP,
    )?];
    for ip in [spec.ip6.map(IpAddr::V6), spec.ip4.map(IpAddr::V4)]
        .into_iter()
        .flatten()
    {
        v.push(req(
            format!("look up the host route to {ip}"),
            msgs::route_lookup(ip),
            Policy::ROUTE_LOOKUP,
        )?);
    }
    Ok(v)
}

/// Fill a [`HostView`] from the answers of [`host_reads`].
fn read_host(spec: &Spec, answers: &[Answer]) -> Result<HostView> {
    let mut it = answers.iter();
    let mut next = || {
        it.next()
            .ok_or_else(|| Error::Unexpected("fewer answers than requests".into()))
    };
    let link = state::link_of(next()?, "read host link")?;
    let mut view = HostView {
        link,
        ..Default::default()
    };
    if spec.ip6.is_some() {
        view.route6 = state::routes_of(next()?, "route lookup")?
            .into_iter()
            .next();
    }
    if spec.ip4.is_some() {
        view.route4 = state::routes_of(next()?, "route lookup")?
            .into_iter()
            .next();
    }
    Ok(view)
}

/// Phase A's pod reads. One batch can hold only one dump that is not empty (the next
/// dump would find the socket busy), so the route dump, of all tables, comes last and
/// the rest are single-object reads: the peer, the id the pod gives the host's namespace
/// (`RTM_GETNSID` of this thread's namespace, after the peer's read, which assigns it),
/// the peer's IPv6 address (`RTM_GETADDR` of that address). The IPv4 address shows as its
/// `local` route in the dump.
fn pod_reads(spec: &Spec, peer: Option<u32>) -> Result<Vec<Request>> {
    let mut v = Vec::new();
    if let Some(i) = peer {
        v.extend(ownership_reads(i)?);
        if let Some(ip) = spec.ip6 {
            v.push(req(
                format!("read address {ip} on ifindex {i}"),
                msgs::get_addr6(ip, i),
                Policy::ADDR_LOOKUP,
            )?);
        }
    }
    v.push(req(
        "read the routes (all tables)",
        msgs::dump_routes(0),
        Policy::STRICT,
    )?);
    Ok(v)
}

/// The pod's reads that [`peer_in_pod`] decides on: the link at the index `peer` (the
/// host link's `IFLA_LINK`), then the id the pod gives the host's namespace
/// (`RTM_GETNSID` of this thread's namespace, after the link's read, which assigns it).
fn ownership_reads(peer: u32) -> Result<[Request; 2]> {
    Ok([
        req(
            format!("read the peer (ifindex {peer})"),
            msgs::get_link(None, i32::try_from(peer).unwrap_or(0)),
            Policy::LINK_LOOKUP,
        )?,
        req(
            "read the id the pod gives the host's namespace",
            msgs::get_nsid_of_task(nix::unistd::gettid().as_raw().unsigned_abs()),
            Policy::STRICT,
        )?,
    ])
}

/// The answers of [`ownership_reads`] into `view`.
fn read_ownership(view: &mut PodView, link: &Answer, nsid: &Answer) -> Result<()> {
    view.link = state::link_of(link, "read the peer")?;
    view.host_nsid = state::nsid_of(nsid, "read the host's nsid")?;
    Ok(())
}

/// The pod as read by [`pod_reads`]. The IPv4 address is known from the routes: its
/// `local` route on the peer, and the prefix route the kernel adds for a prefix shorter
/// than /32 (an IPv4 address of a down link has no routes: then it reads as missing, and
/// setup's create answers EEXIST, which its policy accepts).
fn read_pod(spec: &Spec, answers: &[Answer], peer: Option<u32>) -> Result<PodView> {
    let mut view = PodView::default();
    let mut it = answers.iter();
    let mut next = || {
        it.next()
            .ok_or_else(|| Error::Unexpected("fewer answers than requests".into()))
    };
    if let Some(pi) = peer {
        let link = next()?;
        read_ownership(&mut view, link, next()?)?;
        if spec.ip6.is_some() {
            view.addrs = state::addrs_of(next()?, "read the peer's IPv6 address")?;
            view.addrs.retain(|a| a.index == pi);
        }
    }
    view.routes = state::routes_of(next()?, "read the pod's routes")?;
    if let (Some(ip4), Some(pi)) = (spec.ip4, peer) {
        let ip = IpAddr::V4(ip4);
        let local = view.routes.iter().any(|r| {
            r.rtype == RTN_LOCAL && r.dst == Some(ip) && r.dst_len == 32 && r.oif == Some(pi)
        });
        if local {
            let prefix = view
                .routes
                .iter()
                .filter(|r| {
                    r.table == u32::from(RT_TABLE_MAIN)
                        && r.protocol == RTPROT_KERNEL
                        && r.prefsrc == Some(ip)
                        && r.oif == Some(pi)
                })
                .map(|r| r.dst_len)
                .min()
                .unwrap_or(32);
            view.addrs.push(Addr {
                index: pi,
                prefix_len: prefix,
                flags: IfaFlags::empty(),
                ip,
            });
        }
    }
    Ok(view)
}

/// `setup`: create or converge the wiring. See the module docs for the round trips.
pub fn setup(spec: &Spec, netns: &Netns, abort_after: Option<usize>) -> Result<Report> {
    // With IPv6, each side watches a route: its notifications on a descriptor of their own.
    let (host, pod) = if spec.ip6.is_some() {
        (NlSocket::open_watching()?, netns.watching_socket()?)
    } else {
        (NlSocket::open()?, netns.socket()?)
    };
    let mut s = Session {
        host,
        pod: Some(pod),
        exec: Exec::new(abort_after),
    };
    let h = &spec.host_iface;
    let shown = netns.path().display().to_string();

    // Phase A, host: create, then read what is there now.
    let mut a = vec![req(
        format!(
            "create veth {h} (mtu {}) with peer {} born in the pod",
            spec.mtu, spec.ifname
        ),
        msgs::create_veth(h, &spec.ifname, spec.mtu, nsfd(netns)),
        Policy::EXIST_VERIFY,
    )?];
    a.extend(host_reads(spec)?);
    let answers = s.exec.batch(&mut s.host, &a)?;
    let created = answers[0].status == Status::Ok;
    let mut host = read_host(spec, &answers[1..])?;
    let Some(link) = host.link.clone() else {
        // The create said EEXIST, yet no host link has the name: the pod's side is taken.
        return Err(Error::Conflict(format!(
            "{}: EEXIST (File exists): no host link is named {h}, so the name {} is taken \
             in the pod's namespace; leaving it alone",
            a[0].what, spec.ifname
        )));
    };
    // What the host can tell of ownership now; the pod's reads below complete the proof
    // before anything changes (a veth this setup created is ours anyway).
    ours_by_host(spec, &link, &shown).map_err(Error::Conflict)?;
    if let Some(why) = ipv6_impossible(spec, Side::Host, &link) {
        return Err(refuse(&mut s, created, &link, why));
    }
    if let Some(why) = route_conflict(&mut s, spec, &host, link.index.unsigned_abs())? {
        return Err(refuse(&mut s, created, &link, why));
    }
    let peer = link
        .link
        .ok_or_else(|| Error::Unexpected(format!("veth {h} reports no peer (IFLA_LINK)")))?;

    // Phase A, pod. A peer created just now gets its IPv6 address here already, ahead of
    // the reads (which then see it): the kernel brings the address up from a work queue
    // (nodad, even on a down link), and that happens while phase B runs on the host. The
    // pod's routes, added in phase B, must not exist while the address is tentative: a
    // pod already sending would pick ::1 as its source and solicit its gateway with
    // that, which the host drops, and the next solicitation follows a second later.
    let pod_sock = s
        .pod
        .as_mut()
        .ok_or_else(|| Error::Unexpected("no pod socket".into()))?;
    let early_v6 = spec.ip6.filter(|_| created);
    let mut a = Vec::new();
    if let Some(ip6) = early_v6 {
        pod_sock.watch_local_route(ip6, peer)?;
        a.push(early_addr(ip6, peer)?);
    }
    let early = a.len();
    a.extend(pod_reads(spec, Some(peer))?);
    let answers = match s.exec.batch(pod_sock, &a) {
        Ok(answers) => answers,
        // The pod refused the new peer's IPv6 address (IPv6 disabled in the pod: EACCES):
        // the veth goes again, and the kernel's error is the answer.
        Err(e @ Error::Kernel { .. }) if early_v6.is_some() => {
            undo_create(&mut s, created, &link)?;
            return Err(e);
        }
        Err(e) => return Err(e),
    };
    let early_added = early == 1 && answers[0].status == Status::Ok;
    let pod = read_pod(spec, &answers[early..], Some(peer))?;
    peer_in_pod(spec, &link, &pod, &shown).map_err(Error::Conflict)?;
    if let Some(why) = pod
        .link
        .as_ref()
        .and_then(|pl| ipv6_impossible(spec, Side::Pod, pl))
    {
        return Err(refuse(&mut s, created, &link, why));
    }
    if let Some(ip6) = early_v6 {
        let routed = pod.routes.iter().any(|r| {
            r.v6 && r.rtype == RTN_LOCAL
                && r.table == u32::from(RT_TABLE_LOCAL)
                && r.dst == Some(IpAddr::V6(ip6))
                && r.oif == Some(peer)
        });
        if routed {
            pod_sock.saw_local_route();
        }
    }
    if created {
        host.addrs = Some(Vec::new());
        host.fresh = true;
    } else {
        host.proxy_delay = Some(read_proxy_delay(h)?);
    }

    // Phase B. With IPv6, each socket first starts watching for the local route that
    // makes its side's address usable (the kernel adds it from a work queue, after the
    // request that added the address was answered): the gateway's always, the pod
    // address's unless phase A read it in place and phase B leaves it alone.
    let plan = assess(spec, &host, &pod)?;
    let hi = link.index.unsigned_abs();
    if plan.host_watch {
        s.host.watch_local_route(V6_GATEWAY, hi)?;
    }
    let host_answers = s.exec.steps(&mut s.host, &plan.host)?;
    if local_route_read(&host_answers, plan.host_ready_read, V6_GATEWAY, hi)? {
        s.host.saw_local_route();
    }
    // The pod's default route must not exist before both ends of it are usable: a
    // neighbour solicitation for a tentative fe80::1 is ignored (the host has not even
    // joined its solicited-node group yet), a tentative pod address makes the pod solicit
    // from ::1, and the pod's next solicitation follows only a second later. So wait for
    // the gateway's local route and for that of the address phase A added (usually up by
    // now); the notifications cost no round trip.
    let mut ready_first = Vec::new();
    if plan.host_watch {
        ready_first.push(Side::Host);
    }
    if early_v6.is_some() {
        ready_first.push(Side::Pod);
    }
    if !ready_first.is_empty() {
        wait_until_ready(&mut s, spec, &ready_first)?;
    }
    let pod_sock = s
        .pod
        .as_mut()
        .ok_or_else(|| Error::Unexpected("no pod socket".into()))?;
    // (A watch that saw the route of the address phase A added stays: phase B leaves that
    // address alone, and its lookup may find the same address on another link first.)
    if let (Some(ip6), Some(_)) = (spec.ip6, plan.pod_ready_read) {
        if !(early_added && pod_sock.local_route_seen()) {
            pod_sock.watch_local_route(ip6, peer)?;
        }
    }
    let pod_answers = s.exec.steps(pod_sock, &plan.pod)?;
    if let Some(ip6) = spec.ip6 {
        if local_route_read(&pod_answers, plan.pod_ready_read, ip6, peer)? {
            pod_sock.saw_local_route();
        }
    }

    let mut report = s.report("setup", spec, true);
    report.notes.clone_from(&plan.notes);
    let ffwd = format!("/proc/sys/net/ipv6/conf/{h}/force_forwarding");
    if spec.ip6.is_some()
        && s.exec
            .absent()
            .iter()
            .any(|p| p.as_os_str() == ffwd.as_str())
    {
        report.notes.push(no_force_forwarding_note(h));
    }
    let mut gateway_changed = false;
    let mut gateway_in_place = false;
    if let Some(i) = plan.verify_gateway {
        let status = host_answers
            .get(i)
            .and_then(|a| a.as_ref())
            .map(|a| a.status);
        if let Some(Status::Verify(_)) = status {
            let dump = host_answers
                .get(i + 1)
                .and_then(|a| a.as_ref())
                .ok_or_else(|| Error::Unexpected("missing the address read-back".into()))?;
            let addrs = state::addrs_of(dump, "read the host's IPv6 addresses")?;
            let gw = IpAddr::V6(V6_GATEWAY);
            let good = addrs
                .iter()
                .find(|a| a.ip == gw && a.prefix_len == 64)
                .is_some_and(|a| addr_ok(a, V6_GATEWAY_FLAGS).is_ok());
            if good {
                gateway_in_place = true;
            } else {
                // EEXIST, but not as wanted (no nodad or noprefixroute, or another
                // prefix): fix it. NLM_F_REPLACE sets the flags; the kernel then deletes
                // the fe80::/64 prefix route the address had.
                let fix = [req(
                    format!("fix fe80::1/64 nodad noprefixroute on {h}"),
                    msgs::new_addr(gw, 64, link.index.unsigned_abs(), V6_GATEWAY_FLAGS, true),
                    Policy::STRICT,
                )?];
                s.exec.batch(&mut s.host, &fix)?;
                gateway_changed = true;
            }
        }
    }
    let existed: Vec<&str> = plan
        .exist_ok
        .iter()
        .filter(|(side, i, _)| {
            let answers = match side {
                Side::Host => &host_answers,
                Side::Pod => &pod_answers,
            };
            matches!(
                answers.get(*i).and_then(|a| a.as_ref()).map(|a| a.status),
                Some(Status::Tolerated(Errno::EEXIST))
            )
        })
        .map(|(_, _, what)| what.as_str())
        .collect();
    let early_what = early_v6.map(|ip| format!("address {ip}/128 nodad on {}", spec.ifname));
    for it in &plan.items {
        let label = it.label();
        let gateway = it.what.starts_with("address fe80::1/64");
        if early_added && it.side == Side::Pod && Some(&it.what) == early_what.as_ref() {
            report.created.push(label);
        } else if existed.contains(&it.what.as_str()) {
            report.in_place.push(label);
        } else if created && it.link_setting {
            report.created.push(label);
        } else if gateway && gateway_in_place {
            report.in_place.push(label);
        } else if gateway && gateway_changed {
            report.changed.push(label);
        } else {
            match it.have {
                Have::Ok => report.in_place.push(label),
                Have::Missing => report.created.push(label),
                Have::Wrong(_) => report.changed.push(label),
            }
        }
    }
    if spec.ip6.is_some() {
        wait_until_ready(&mut s, spec, &[Side::Host, Side::Pod])?;
    }
    let totals = s.report("setup", spec, true);
    report.round_trips = totals.round_trips;
    report.requests = totals.requests;
    report.dropped = totals.dropped;
    Ok(report)
}

/// How long setup waits for the kernel to finish bringing up the IPv6 addresses.
pub const READY_TIMEOUT: Duration = Duration::from_secs(2);

/// Does the answer at `at` (a `RTM_F_FIB_MATCH` lookup) show the local route of `ip` on
/// link `oif`?
fn local_route_read(
    answers: &[Option<Answer>],
    at: Option<usize>,
    ip: Ipv6Addr,
    oif: u32,
) -> Result<bool> {
    let Some(a) = at.and_then(|i| answers.get(i)).and_then(Option::as_ref) else {
        return Ok(false);
    };
    Ok(state::routes_of(a, "look up a local route")?
        .iter()
        .any(|r| {
            r.v6 && r.rtype == RTN_LOCAL
                && r.table == u32::from(RT_TABLE_LOCAL)
                && r.dst == Some(IpAddr::V6(ip))
                && r.oif == Some(oif)
        }))
}

/// Return once the local routes watched on `sides` exist (usually at once: the
/// notifications came while the batches were answered). A side whose watch lost
/// notifications (the kernel dropped some) looks its route up at once: found, it is
/// ready; not found, its notifications tell again. After [`READY_TIMEOUT`], one lookup
/// per side still missing decides; a route still missing is [`Error::NotReady`].
fn wait_until_ready(s: &mut Session, spec: &Spec, sides: &[Side]) -> Result<()> {
    let deadline = Instant::now() + READY_TIMEOUT;
    loop {
        let done = {
            let mut socks: Vec<&mut NlSocket> = Vec::new();
            if sides.contains(&Side::Host) {
                socks.push(&mut s.host);
            }
            if sides.contains(&Side::Pod) {
                socks.extend(s.pod.as_mut());
            }
            crate::socket::wait_local_routes(&mut socks, deadline)?
        };
        if done {
            return Ok(());
        }
        let late = Instant::now() >= deadline;
        let all: [(Side, Option<&mut NlSocket>); 2] =
            [(Side::Host, Some(&mut s.host)), (Side::Pod, s.pod.as_mut())];
        for (side, sock) in all {
            if !sides.contains(&side) {
                continue;
            }
            let Some(sock) = sock else { continue };
            let Some(w) = sock.watch().filter(|w| !w.seen && (w.lost || late)) else {
                continue;
            };
            let what = match side {
                Side::Host => format!("IPv6 gateway fe80::1 on {}", spec.host_iface),
                Side::Pod => format!("IPv6 address {} on {} in the pod", w.dst, spec.ifname),
            };
            if local_route_lookup(&mut s.exec, sock, side, &what, w)? {
                sock.saw_local_route();
            } else if late {
                return Err(Error::NotReady {
                    what,
                    secs: READY_TIMEOUT.as_secs(),
                });
            } else {
                sock.resynced();
            }
        }
        if late {
            return Ok(());
        }
    }
}

/// Look up the watched route `w` of `side` (what = the address, for the request's name):
/// does it exist?
fn local_route_lookup(
    exec: &mut Exec,
    sock: &mut NlSocket,
    side: Side,
    what: &str,
    w: crate::socket::RouteWatch,
) -> Result<bool> {
    let lookup = match side {
        Side::Host => msgs::route_lookup_dev(IpAddr::V6(w.dst), w.oif),
        Side::Pod => msgs::route_lookup(IpAddr::V6(w.dst)),
    };
    let r = [req(
        format!("look up the local route of {what}"),
        lookup,
        Policy::ROUTE_LOOKUP,
    )?];
    let answers: Vec<Option<Answer>> = exec.batch(sock, &r)?.into_iter().map(Some).collect();
    local_route_read(&answers, Some(0), w.dst, w.oif)
}

/// Read everything `check` and `plan` compare: host link and lookups, the pod's peer, its
/// id of the host's namespace (ownership), addresses and routes, then the host's
/// addresses and proxy_delay.
fn read_all(
    s: &mut Session,
    spec: &Spec,
    netns: &Netns,
) -> Result<(HostView, PodView, Option<String>)> {
    let answers = s.exec.batch(&mut s.host, &host_reads(spec)?)?;
    let mut host = read_host(spec, &answers)?;
    let shown = netns.path().display().to_string();
    // What would stop setup before its first change stops check and plan too.
    let ours_index = host.link.as_ref().map_or(0, |l| l.index.unsigned_abs());
    if let Some(why) = route_conflict(s, spec, &host, ours_index)? {
        return Ok((host, PodView::default(), Some(why)));
    }
    let pod_sock = s
        .pod
        .as_mut()
        .ok_or_else(|| Error::Unexpected("no pod socket".into()))?;
    let Some(link) = host.link.clone() else {
        let answers = s.exec.batch(pod_sock, &pod_reads(spec, None)?)?;
        return Ok((host, read_pod(spec, &answers, None)?, None));
    };
    let host_why = ours_by_host(spec, &link, &shown)
        .err()
        .or_else(|| ipv6_impossible(spec, Side::Host, &link));
    if let Some(why) = host_why {
        return Ok((host, PodView::default(), Some(why)));
    }
    let answers = s.exec.batch(pod_sock, &pod_reads(spec, link.link)?)?;
    let mut pod = read_pod(spec, &answers, link.link)?;
    let pod_why = peer_in_pod(spec, &link, &pod, &shown).err().or_else(|| {
        pod.link
            .as_ref()
            .and_then(|pl| ipv6_impossible(spec, Side::Pod, pl))
    });
    if let Some(why) = pod_why {
        return Ok((host, PodView::default(), Some(why)));
    }
    if let (Some(pi), true) = (link.link, spec.ip4.is_some()) {
        // The IPv4 address exactly, also on a down link: one more round trip.
        let dump = [req(
            format!("read the IPv4 addresses of ifindex {pi}"),
            msgs::dump_addrs(AF_INET, pi),
            Policy::STRICT,
        )?];
        let answers = s.exec.batch(pod_sock, &dump)?;
        pod.addrs.retain(|a| a.ip.is_ipv6());
        pod.addrs.extend(state::addrs_of(
            &answers[0],
            "read the peer's IPv4 addresses",
        )?);
    }
    host.addrs = Some(Vec::new());
    if spec.ip6.is_some() {
        let gw = [req(
            format!("read address fe80::1 on {}", spec.host_iface),
            msgs::get_addr6(V6_GATEWAY, link.index.unsigned_abs()),
            Policy::ADDR_LOOKUP,
        )?];
        let answers = s.exec.batch(&mut s.host, &gw)?;
        host.addrs = Some(state::addrs_of(&answers[0], "read host addresses")?);
    }
    host.proxy_delay = Some(read_proxy_delay(&spec.host_iface)?);
    Ok((host, pod, None))
}

/// `check`: compare the live state with the desired state. The report's `drift` has one
/// line per difference (empty: all in place).
pub fn check(spec: &Spec, netns: &Netns) -> Result<Report> {
    let mut s = Session {
        host: NlSocket::open()?,
        pod: Some(netns.socket()?),
        exec: Exec::new(None),
    };
    let (host, pod, conflict) = read_all(&mut s, spec, netns)?;
    let mut report = s.report("check", spec, true);
    if let Some(why) = conflict {
        report.drift.push(format!("host: {why}"));
        return Ok(report);
    }
    if host.link.is_none() {
        report.drift.push(format!(
            "host: veth {} with peer {} in the pod: missing",
            spec.host_iface, spec.ifname
        ));
        return Ok(report);
    }
    let a = assess(spec, &host, &pod)?;
    report.notes = a.notes;
    for it in &a.items {
        match it.drift_line() {
            Some(line) => report.drift.push(line),
            None => report.in_place.push(it.label()),
        }
    }
    Ok(report)
}

/// How the kernel creates the links (for `plan` when they do not exist yet).
fn as_created(spec: &Spec) -> (Link, Link) {
    let host = Link {
        index: 0,
        name: spec.host_iface.as_str().into(),
        kind: Some("veth".into()),
        mtu: Some(spec.mtu),
        link: Some(0),
        inet6: spec.mtu >= IPV6_MIN_MTU,
        ..Default::default()
    };
    let pod = Link {
        index: 0,
        name: spec.ifname.as_str().into(),
        kind: Some("veth".into()),
        mtu: Some(spec.mtu),
        link: Some(0),
        link_netnsid: Some(0),
        inet6: spec.mtu >= IPV6_MIN_MTU,
        ..Default::default()
    };
    (host, pod)
}

/// Pod phase A's first request when setup created the veth: the pod's IPv6 address on the
/// new peer, so that it is usable before phase B adds the routes that use it.
fn early_addr(ip6: Ipv6Addr, peer: u32) -> Result<Request> {
    req(
        format!("add {ip6}/128 nodad on ifindex {peer} (the new peer, before its routes)"),
        msgs::new_addr(IpAddr::V6(ip6), 128, peer, POD_ADDR_FLAGS, false),
        Policy::EXIST_OK,
    )
}

/// `plan`: read the live state and list the requests setup would send. Changes nothing.
pub fn plan(spec: &Spec, netns: &Netns) -> Result<Plan> {
    let mut s = Session {
        host: NlSocket::open()?,
        pod: Some(netns.socket()?),
        exec: Exec::new(None),
    };
    let (mut host, mut pod, conflict) = read_all(&mut s, spec, netns)?;
    if let Some(why) = conflict {
        return Err(Error::Conflict(format!("setup would fail: {why}")));
    }
    let h = &spec.host_iface;
    let mut out = Plan::default();
    let mut phase_a = vec![Step::Netlink(req(
        format!(
            "create veth {h} (mtu {}) with peer {} born in the pod",
            spec.mtu, spec.ifname
        ),
        msgs::create_veth(h, &spec.ifname, spec.mtu, nsfd(netns)),
        Policy::EXIST_VERIFY,
    )?)];
    phase_a.extend(host_reads(spec)?.into_iter().map(Step::Netlink));
    out.phases
        .push(("phase A: create and read".into(), Side::Host, phase_a));
    let fresh = host.link.is_none();
    if fresh {
        let (hl, pl) = as_created(spec);
        host.link = Some(hl);
        host.addrs = Some(Vec::new());
        host.fresh = true;
        pod.link = Some(pl);
        pod.addrs.clear();
        out.notes.push(format!(
            "{h} does not exist yet: ifindex 0 below stands for the indexes the kernel \
             assigns at creation"
        ));
    }
    let peer = host.link.as_ref().and_then(|l| l.link);
    let mut pod_a = Vec::new();
    let mut label = "phase A: read";
    if let (true, Some(ip6), Some(pi)) = (fresh, spec.ip6, peer) {
        // As setup does on a veth it created: the IPv6 address first, then the reads,
        // which see it.
        pod_a.push(Step::Netlink(early_addr(ip6, pi)?));
        pod.addrs.push(Addr {
            index: pi,
            prefix_len: 128,
            flags: POD_ADDR_FLAGS,
            ip: IpAddr::V6(ip6),
        });
        label = "phase A: add the IPv6 address, read";
    }
    pod_a.extend(pod_reads(spec, peer)?.into_iter().map(Step::Netlink));
    out.phases.push((label.into(), Side::Pod, pod_a));
    if !fresh {
        // Setup does not read the host's addresses; it verifies an EEXIST instead.
        host.addrs = None;
    }
    let a = assess(spec, &host, &pod)?;
    out.notes.extend(a.notes);
    out.phases
        .push(("phase B: change".into(), Side::Host, a.host));
    out.phases
        .push(("phase B: change".into(), Side::Pod, a.pod));
    Ok(out)
}

/// `teardown`: remove the host veth (its peer goes with it) and the host routes to the
/// pod's addresses. What is already gone is success, and needs no pod namespace.
///
/// A link is removed only when it is provably ours, by the rule setup follows
/// ([`ours_by_host`], then `peer_in_pod`): a veth, its peer in another namespace, and
/// either tagged for this container (only setup sets the tag, once it has proved the peer
/// in the pod) or, untagged (a setup that crashed before it tagged the link), with its
/// peer in the pod `netns` names (`--netns`, opened only then). Anything else is
/// [`Error::Conflict`], and nothing is touched.
pub fn teardown(spec: &Spec, netns: Option<&Path>) -> Result<Report> {
    let mut s = Session {
        host: NlSocket::open()?,
        pod: None,
        exec: Exec::new(None),
    };
    let h = &spec.host_iface;
    let answers = s.exec.batch(&mut s.host, &host_reads(spec)?)?;
    let host = read_host(spec, &answers)?;
    let mut report = s.report("teardown", spec, false);
    let Some(link) = host.link else {
        report.already_gone.push(format!("host: veth {h}"));
        for ip in [spec.ip6.map(IpAddr::V6), spec.ip4.map(IpAddr::V4)]
            .into_iter()
            .flatten()
        {
            report
                .already_gone
                .push(format!("host: route {ip}/{} dev {h}", full(ip)));
        }
        return Ok(report);
    };
    teardown_owns(&mut s, spec, &link, netns)?;
    let hi = link.index.unsigned_abs();
    let mut reqs = Vec::new();
    let mut labels = Vec::new();
    for (ip, r) in [
        (spec.ip6.map(IpAddr::V6), &host.route6),
        (spec.ip4.map(IpAddr::V4), &host.route4),
    ] {
        let Some(ip) = ip else { continue };
        let label = format!("host: route {ip}/{} dev {h}", full(ip));
        match r {
            Some(r) if r.dst == Some(ip) && r.dst_len == full(ip) && r.oif == Some(hi) => {
                reqs.push(req(
                    format!("delete route {ip}/{} dev {h}", full(ip)),
                    msgs::del_route(&exact(r)),
                    Policy::GONE_OK,
                )?);
                labels.push(label);
            }
            _ => report.already_gone.push(label),
        }
    }
    reqs.push(req(
        format!("delete veth {h} (and its peer)"),
        msgs::del_link(link.index),
        Policy::GONE_OK,
    )?);
    labels.push(format!("host: veth {h}"));
    let answers = s.exec.batch(&mut s.host, &reqs)?;
    for (label, a) in labels.into_iter().zip(&answers) {
        match a.status {
            Status::Ok => report.removed.push(label),
            _ => report.already_gone.push(label),
        }
    }
    let totals = s.report("teardown", spec, false);
    report.round_trips = totals.round_trips;
    report.requests = totals.requests;
    report.dropped = totals.dropped;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Text;
    use netlink_codec::header::{
        NlMsgHdr, NlmFlags, RTM_DELROUTE, RTM_GETLINK, RTM_GETROUTE, RTM_NEWADDR, RTM_NEWLINK,
        RTM_NEWROUTE,
    };
    use netlink_codec::link::Iff;
    use zerocopy::FromBytes;

    fn spec() -> Spec {
        Spec::new(
            "c1",
            Some("vh1"),
            "eth0",
            Some("fd00::5".parse().unwrap()),
            Some(Ipv4Addr::new(10, 1, 2, 3)),
            1500,
            true,
        )
        .unwrap()
    }

    /// The kernel dropped the watched route's notification (the watch's buffer was full
    /// of others): the wait notices, looks the route up at once, and finds it ready.
    #[test]
    fn a_route_whose_notification_was_dropped_is_looked_up() {
        use crate::socket::tests::{churn_ipv6_routes, in_new_netns, lo_up, req};
        in_new_netns("a_route_whose_notification_was_dropped", || {
            let mut churn = NlSocket::open().unwrap();
            churn.batch(&[lo_up()]).unwrap();
            let ip: Ipv6Addr = "fd00::7".parse().unwrap();
            let spec = Spec::new("c1", Some("lo"), "eth0", Some(ip), None, 1500, true).unwrap();
            let mut s = Session {
                host: NlSocket::open_watching().unwrap(),
                pod: None,
                exec: Exec::new(None),
            };
            s.host.watch_rcvbuf(0);
            s.host.watch_local_route(ip, 1).unwrap();
            // The watch overflows, then the address (and its local route) comes.
            churn_ipv6_routes(&mut churn, 200);
            let add = msgs::new_addr(IpAddr::V6(ip), 128, 1, IfaFlags::NODAD, false).unwrap();
            churn
                .batch(&[req("add fd00::7", add, Policy::STRICT)])
                .unwrap();
            let start = Instant::now();
            wait_until_ready(&mut s, &spec, &[Side::Host]).unwrap();
            assert!(
                start.elapsed() < READY_TIMEOUT,
                "waited out the timeout instead of looking at once"
            );
            assert!(s.host.local_route_seen());
            // (The lookup may come before the kernel's work queue added the route: then
            // the watch, drained by now, sees the route's notification.)
            assert!(
                s.host.round_trips() >= 1,
                "ready without a look at the route"
            );
        });
    }

    fn wired(spec: &Spec) -> (HostView, PodView) {
        let hl = Link {
            index: 10,
            name: spec.host_iface.as_str().into(),
            flags: Iff::UP,
            kind: Some("veth".into()),
            mtu: Some(1500),
            link: Some(2),
            link_netnsid: Some(0),
            addr_gen_mode: Some(1),
            ipv4_forwarding: Some(1),
            ipv4_proxy_arp: Some(1),
            ipv6_forwarding: Some(1),
            ipv6_force_forwarding: Some(1),
            inet6: true,
            ipv6_disabled: Some(false),
            alias: Some(owner_alias(&spec.container_id).into()),
        };
        let pl = Link {
            index: 2,
            name: "eth0".into(),
            flags: Iff::UP,
            kind: Some("veth".into()),
            mtu: Some(1500),
            link: Some(10),
            link_netnsid: Some(0),
            addr_gen_mode: Some(1),
            inet6: true,
            ..Default::default()
        };
        let hr = |ip: IpAddr| Route {
            v6: ip.is_ipv6(),
            dst_len: full(ip),
            table: u32::from(RT_TABLE_MAIN),
            scope: if ip.is_ipv6() { 0 } else { RT_SCOPE_LINK },
            rtype: 1,
            dst: Some(ip),
            gateway: None,
            oif: Some(10),
            priority: our_metric(ip.is_ipv6()),
            prefsrc: None,
            protocol: 3,
        };
        let host = HostView {
            link: Some(hl),
            addrs: Some(vec![Addr {
                index: 10,
                prefix_len: 64,
                flags: V6_GATEWAY_FLAGS.union(IfaFlags::PERMANENT),
                ip: IpAddr::V6(V6_GATEWAY),
            }]),
            proxy_delay: Some(0),
            route6: Some(hr(IpAddr::V6(spec.ip6.unwrap()))),
            route4: Some(hr(IpAddr::V4(spec.ip4.unwrap()))),
            fresh: false,
        };
        let mut onlink = hr(IpAddr::V4(V4_GATEWAY));
        onlink.oif = Some(2);
        let def = |gw: IpAddr| Route {
            v6: gw.is_ipv6(),
            dst_len: 0,
            table: u32::from(RT_TABLE_MAIN),
            scope: 0,
            rtype: 1,
            dst: None,
            gateway: Some(gw),
            oif: Some(2),
            priority: our_metric(gw.is_ipv6()),
            prefsrc: None,
            protocol: 3,
        };
        let pod = PodView {
            link: Some(pl),
            host_nsid: Some(0),
            addrs: vec![
                Addr {
                    index: 2,
                    prefix_len: 128,
                    flags: IfaFlags::NODAD | IfaFlags::PERMANENT,
                    ip: IpAddr::V6(spec.ip6.unwrap()),
                },
                Addr {
                    index: 2,
                    prefix_len: 32,
                    flags: IfaFlags::PERMANENT,
                    ip: IpAddr::V4(spec.ip4.unwrap()),
                },
            ],
            routes: vec![
                onlink,
                def(IpAddr::V4(V4_GATEWAY)),
                def(IpAddr::V6(V6_GATEWAY)),
                // The kernel's local route of the IPv6 address: it is usable.
                Route {
                    v6: true,
                    dst_len: 128,
                    table: u32::from(RT_TABLE_LOCAL),
                    scope: 0,
                    rtype: RTN_LOCAL,
                    dst: spec.ip6.map(IpAddr::V6),
                    gateway: None,
                    oif: Some(2),
                    priority: 0,
                    prefsrc: None,
                    protocol: 2,
                },
            ],
        };
        (host, pod)
    }

    fn hdr(s: &Step) -> NlMsgHdr {
        match s {
            Step::Netlink(r) => *NlMsgHdr::ref_from_prefix(&r.msg).unwrap().0,
            Step::Sysctl { .. } => panic!("not netlink"),
        }
    }

    #[test]
    fn wired_state_needs_nothing() {
        let spec = spec();
        let (host, pod) = wired(&spec);
        let a = assess(&spec, &host, &pod).unwrap();
        assert!(a.host.is_empty(), "{:?}", a.host);
        assert!(a.pod.is_empty(), "{:?}", a.pod);
        assert!(a.items.iter().all(|i| i.have == Have::Ok), "{:?}", a.items);
        assert!(a.items.len() >= 15);
    }

    #[test]
    fn drift_is_named_and_repaired() {
        let spec = spec();
        let (mut host, mut pod) = wired(&spec);
        host.link.as_mut().unwrap().flags = Iff::empty();
        host.link.as_mut().unwrap().ipv4_proxy_arp = Some(0);
        host.link.as_mut().unwrap().ipv6_forwarding = Some(0);
        host.proxy_delay = Some(80);
        host.route4 = None;
        pod.routes.retain(|r| r.dst_len != 0 || r.v6);
        pod.routes.push(Route {
            v6: false,
            dst_len: 0,
            table: u32::from(RT_TABLE_MAIN),
            scope: 0,
            rtype: 1,
            dst: None,
            gateway: Some(Ipv4Addr::new(169, 254, 1, 2).into()),
            oif: Some(2),
            priority: 0,
            prefsrc: None,
            protocol: 3,
        });
        // A second wrong IPv6 default with another metric must be deleted.
        pod.routes.push(Route {
            v6: true,
            dst_len: 0,
            table: u32::from(RT_TABLE_MAIN),
            scope: 0,
            rtype: 1,
            dst: None,
            gateway: Some("fe80::2".parse().unwrap()),
            oif: Some(2),
            priority: 2048,
            prefsrc: None,
            protocol: 3,
        });
        let a = assess(&spec, &host, &pod).unwrap();
        let lines: Vec<String> = a.items.iter().filter_map(Item::drift_line).collect();
        let text = lines.join("\n");
        for word in [
            "proxy_arp",
            "proxy_delay",
            "forwarding",
            "down",
            "10.1.2.3",
            "169.254.1.2",
            "fe80::2",
        ] {
            assert!(text.contains(word), "{word} not in:\n{text}");
        }
        // Host: the sysctl write comes first, then one setlink with AF_SPEC, the
        // neighbour table, up, the route, and (the pod side is up) the lookup of the
        // gateway's local route.
        assert!(matches!(&a.host[0], Step::Sysctl { value: "1", .. }));
        let types: Vec<u16> = a.host[1..]
            .iter()
            .map(|s| hdr(s).nlmsg_type.get())
            .collect();
        assert_eq!(
            types,
            [RTM_NEWLINK, 67, RTM_NEWLINK, RTM_NEWROUTE, RTM_GETROUTE]
        );
        assert_eq!(a.host_ready_read, Some(5));
        let route = hdr(&a.host[4]);
        assert_eq!(
            route.flags(),
            NlmFlags::REQUEST | NlmFlags::ACK | NlmFlags::CREATE | NlmFlags::REPLACE
        );
        // Pod: (the host link went up) read both links back to settle their carrier
        // state, replace the IPv4 default, delete the extra IPv6 default. The IPv6
        // address's local route was read in place: no lookup.
        let types: Vec<u16> = a.pod.iter().map(|s| hdr(s).nlmsg_type.get()).collect();
        assert_eq!(
            types,
            [RTM_GETLINK, RTM_GETLINK, RTM_NEWROUTE, RTM_DELROUTE]
        );
        assert_eq!(a.pod_ready_read, None);
        let Step::Netlink(del) = &a.pod[3] else {
            panic!()
        };
        assert_eq!(del.policy, Policy::GONE_OK);
    }

    #[test]
    fn gateway_without_noprefixroute_is_replaced() {
        // fe80::1 as an older vethctl added it: nodad, but with its fe80::/64 route.
        let spec = spec();
        let (mut host, pod) = wired(&spec);
        host.addrs.as_mut().unwrap()[0].flags = IfaFlags::NODAD | IfaFlags::PERMANENT;
        let a = assess(&spec, &host, &pod).unwrap();
        let lines: Vec<String> = a.items.iter().filter_map(Item::drift_line).collect();
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].contains("without noprefixroute"), "{}", lines[0]);
        assert!(!lines[0].contains("without nodad"), "{}", lines[0]);
        let new: Vec<&Step> = a
            .host
            .iter()
            .filter(|s| matches!(s, Step::Netlink(_)) && hdr(s).nlmsg_type.get() == RTM_NEWADDR)
            .collect();
        assert_eq!(new.len(), 1, "{:?}", a.host);
        assert_eq!(
            hdr(new[0]).flags(),
            NlmFlags::REQUEST | NlmFlags::ACK | NlmFlags::CREATE | NlmFlags::REPLACE
        );
        assert!(a.pod.is_empty(), "{:?}", a.pod);
    }

    /// The views of a pair just created (ifindexes as in [`wired`]): nothing set yet.
    fn created(spec: &Spec) -> (HostView, PodView) {
        let (mut hl, mut pl) = as_created(spec);
        hl.index = 10;
        pl.index = 2;
        let host = HostView {
            link: Some(hl),
            addrs: Some(Vec::new()),
            ..Default::default()
        };
        let pod = PodView {
            link: Some(pl),
            host_nsid: Some(0),
            ..Default::default()
        };
        (host, pod)
    }

    #[test]
    fn fresh_link_gets_everything_in_order() {
        let spec = spec();
        let (host, pod) = created(&spec);
        let a = assess(&spec, &host, &pod).unwrap();
        let kinds: Vec<String> = a.pod.iter().map(|s| s.what().to_owned()).collect();
        // addr_gen_mode is set before the link goes up; addresses before routes.
        assert!(kinds[0].starts_with("set addr_gen_mode none"), "{kinds:?}");
        assert!(kinds[1].starts_with("set eth0 up"), "{kinds:?}");
        let pos = |p: &str| kinds.iter().position(|k| k.contains(p)).unwrap();
        assert!(pos("fd00::5/128") < pos("169.254.1.1/32"));
        assert!(pos("169.254.1.1/32") < pos("IPv4 default"));
        let host_kinds: Vec<&str> = a.host.iter().map(Step::what).collect();
        assert_eq!(host_kinds.len(), 9, "{host_kinds:?}");
        assert!(host_kinds[8].starts_with("look up the local route of fe80::1"));
        // A link not read yet: force_forwarding is written if this kernel has it.
        assert!(
            matches!(&a.host[1], Step::Sysctl { path, if_present: true, .. }
                if path.ends_with("vh1/force_forwarding")),
            "{host_kinds:?}"
        );
        let addr = a
            .host
            .iter()
            .find(|s| hdr_ok(s) == Some(RTM_NEWADDR))
            .unwrap();
        let Step::Netlink(r) = addr else { panic!() };
        assert_eq!(r.policy, Policy::EXIST_OK);
    }

    #[test]
    fn force_forwarding_is_set_checked_or_noted() {
        let spec = spec();
        let (mut host, pod) = wired(&spec);
        // Off: named as drift, written (the kernel has it: no if_present).
        host.link.as_mut().unwrap().ipv6_force_forwarding = Some(0);
        let a = assess(&spec, &host, &pod).unwrap();
        let lines: Vec<String> = a.items.iter().filter_map(Item::drift_line).collect();
        assert_eq!(
            lines,
            ["host: net.ipv6.conf.vh1.force_forwarding = 1: IPv6 force_forwarding is 0"]
        );
        assert!(matches!(
            &a.host[0],
            Step::Sysctl { path, value: "1", if_present: false, .. }
                if path.ends_with("vh1/force_forwarding")
        ));
        assert!(a.notes.is_empty());
        // A kernel without it (IPv6 settings reported, force_forwarding not among them):
        // nothing to write or report as drift, a note for IPv6 pods.
        host.link.as_mut().unwrap().ipv6_force_forwarding = None;
        let a = assess(&spec, &host, &pod).unwrap();
        assert!(a.items.iter().all(|i| i.have == Have::Ok), "{:?}", a.items);
        assert!(a.host.is_empty(), "{:?}", a.host);
        assert_eq!(a.notes.len(), 1);
        assert!(
            a.notes[0].contains("net.ipv6.conf.all.forwarding=1"),
            "{}",
            a.notes[0]
        );
        // An IPv4-only pod needs no IPv6 forwarding: no note.
        let mut v4 = spec.clone();
        v4.ip6 = None;
        assert!(assess(&v4, &host, &pod).unwrap().notes.is_empty());
    }

    #[test]
    fn ipv6_readiness_is_read_where_it_is_not_known() {
        let spec = spec();
        // Fresh links: the gateway's local route is watched, not looked up (the
        // notification is sure to come); the pod batch reads both links back before
        // adding the addresses, and ends with the lookup of the pod address's local
        // route.
        let (mut host, pod) = created(&spec);
        host.fresh = true;
        let a = assess(&spec, &host, &pod).unwrap();
        assert!(a.host_watch);
        assert_eq!(a.host_ready_read, None);
        assert!(a.host.iter().all(|s| hdr_ok(s) != Some(RTM_GETROUTE)));
        // The same links, not created by this setup: the route may predate the watch.
        host.fresh = false;
        let b = assess(&spec, &host, &pod).unwrap();
        assert_eq!(b.host_ready_read, Some(b.host.len() - 1));
        assert_eq!(
            hdr(&b.host[b.host.len() - 1]).nlmsg_type.get(),
            RTM_GETROUTE
        );
        let types: Vec<u16> = a.pod.iter().map(|s| hdr(s).nlmsg_type.get()).collect();
        let first_addr = types.iter().position(|&t| t == RTM_NEWADDR).unwrap();
        let readbacks: Vec<usize> = (0..types.len())
            .filter(|&i| types[i] == RTM_GETLINK)
            .collect();
        assert_eq!(readbacks.len(), 2, "{types:?}");
        assert!(readbacks.iter().all(|&i| i < first_addr), "{types:?}");
        assert_eq!(a.pod_ready_read, Some(a.pod.len() - 1));
        assert_eq!(*types.last().unwrap(), RTM_GETROUTE);

        // Wired, host steps to send (the gateway's EEXIST is verified): the gateway is
        // looked up at the end of the host batch; the pod address's route was read.
        let (mut host, pod) = wired(&spec);
        host.addrs = None;
        let a = assess(&spec, &host, &pod).unwrap();
        assert_eq!(a.host_ready_read, Some(a.host.len() - 1));
        assert!(a.pod.is_empty(), "{:?}", a.pod);
        assert_eq!(a.pod_ready_read, None);

        // The pod address is there but its local route is not (yet): look it up.
        let (host, mut pod) = wired(&spec);
        pod.routes.retain(|r| r.table != u32::from(RT_TABLE_LOCAL));
        let a = assess(&spec, &host, &pod).unwrap();
        assert_eq!(a.pod_ready_read, Some(0));
        assert_eq!(a.pod.len(), 1);

        // IPv4 only: nothing to wait for.
        let mut v4 = spec.clone();
        v4.ip6 = None;
        let (mut host, pod) = wired(&spec);
        host.addrs = None;
        let a = assess(&v4, &host, &pod).unwrap();
        assert_eq!((a.host_ready_read, a.pod_ready_read), (None, None));
        assert!(!a.host_watch);
        assert!(a
            .host
            .iter()
            .chain(&a.pod)
            .all(|s| hdr_ok(s) != Some(RTM_GETROUTE)));
    }

    fn hdr_ok(s: &Step) -> Option<u16> {
        match s {
            Step::Netlink(r) => Some(r.msg_type()),
            _ => None,
        }
    }

    #[test]
    fn unknown_host_addresses_are_verified() {
        let spec = spec();
        let (mut host, pod) = wired(&spec);
        host.addrs = None;
        let a = assess(&spec, &host, &pod).unwrap();
        let i = a.verify_gateway.unwrap();
        let Step::Netlink(create) = &a.host[i] else {
            panic!()
        };
        assert_eq!(create.policy, Policy::EXIST_VERIFY);
        let Step::Netlink(read) = &a.host[i + 1] else {
            panic!()
        };
        // A read of that one address, not a dump: a batch holds at most one dump.
        assert!(read.is_read() && !read.is_dump());
        assert_eq!(read.policy, Policy::ADDR_LOOKUP);
        assert!(a.host.iter().all(|s| match s {
            Step::Netlink(r) => !r.is_dump(),
            Step::Sysctl { .. } => true,
        }));
    }

    fn host_link_of(spec: &Spec) -> Link {
        wired(spec).0.link.unwrap()
    }

    #[test]
    fn ownership() {
        let spec = spec();
        let (host, pod) = wired(&spec);
        let l = host.link.unwrap();
        assert!(ours(&spec, &l, &pod, "/x").is_ok());
        // The pod gives the host's namespace another id than its peer's peer lives in: the
        // peer's own peer is some other namespace's link with the same index.
        let other_ns = PodView {
            host_nsid: Some(3),
            ..pod.clone()
        };
        let e = ours(&spec, &l, &other_ns, "/x").unwrap_err();
        assert!(e.contains("another network namespace"), "{e}");
        // No id for the host at all, or the id not read.
        for id in [Some(-1), None] {
            let unknown = PodView {
                host_nsid: id,
                ..pod.clone()
            };
            assert!(ours(&spec, &l, &unknown, "/x").is_err(), "{id:?}");
        }
        // The pod's link at that index points at another host link, is no veth (a
        // macvlan on the host link reports the same IFLA_LINK), or is missing.
        let mut elsewhere = pod.clone();
        elsewhere.link.as_mut().unwrap().link = Some(11);
        assert!(ours(&spec, &l, &elsewhere, "/x").is_err());
        let mut macvlan = pod.clone();
        macvlan.link.as_mut().unwrap().kind = Some("macvlan".into());
        assert!(ours(&spec, &l, &macvlan, "/x").is_err());
        let missing = PodView {
            link: None,
            ..pod.clone()
        };
        assert!(ours(&spec, &l, &missing, "/x").is_err());
        // Host-side refusals need no pod reads.
        let mut local = l.clone();
        local.link_netnsid = None;
        assert!(ours_by_host(&spec, &local, "/x")
            .unwrap_err()
            .contains("host namespace"));
        assert!(ours(&spec, &local, &pod, "/x").is_err());
        let mut bridge = l;
        bridge.kind = Some("bridge".into());
        assert!(ours_by_host(&spec, &bridge, "/x")
            .unwrap_err()
            .contains("bridge"));
        // Tagged for another container: not ours, even with the peer in the pod.
        let mut theirs = host_link_of(&spec);
        theirs.alias = Some("vethctl:other".into());
        let e = ours(&spec, &theirs, &pod, "/x").unwrap_err();
        assert!(e.contains("someone else"), "{e}");
        // Untagged (a crash before the tag was set): still ours.
        theirs.alias = None;
        assert!(ours(&spec, &theirs, &pod, "/x").is_ok());
        assert_eq!(owner_alias("c1"), "vethctl:c1");
        assert!(owner_alias(&"x".repeat(300)).len() < 256);
    }

    #[test]
    fn names_and_aliases_that_are_not_utf8_are_drift_or_foreign() {
        let spec = spec();
        // The pod renamed its eth0 to bytes that are not UTF-8: drift, renamed back.
        let (host, mut pod) = wired(&spec);
        pod.link.as_mut().unwrap().name = Text::NotUtf8(vec![0xff, 0xfe]);
        let a = assess(&spec, &host, &pod).unwrap();
        let lines: Vec<String> = a.items.iter().filter_map(Item::drift_line).collect();
        assert!(
            lines
                .iter()
                .any(|l| l.contains("\\xff\\xfe (not UTF-8) (want eth0)")),
            "{lines:?}"
        );
        assert!(a
            .pod
            .iter()
            .any(|s| s.what() == "rename \\xff\\xfe (not UTF-8) to eth0"));
        // A host link whose alias is not UTF-8 is not tagged for us: leave it alone.
        let mut l = host_link_of(&spec);
        l.alias = Some(Text::NotUtf8(vec![0xff]));
        assert!(ours_by_host(&spec, &l, "/x")
            .unwrap_err()
            .contains("someone else"));
    }

    #[test]
    fn ipv4_only_needs_nothing_of_ipv6() {
        let mut v4 = spec();
        v4.ip6 = None;
        v4.mtu = 68;
        let (mut host, mut pod) = created(&v4);
        assert!(!host.link.as_ref().unwrap().inet6, "no IPv6 under 1280");
        host.fresh = true;
        let a = assess(&v4, &host, &pod).unwrap();
        let all: Vec<String> = a
            .items
            .iter()
            .map(Item::label)
            .chain(a.host.iter().chain(&a.pod).map(|s| s.what().to_owned()))
            .collect();
        for word in ["ipv6", "IPv6", "fe80", "addr_gen_mode", "force_forwarding"] {
            assert!(all.iter().all(|l| !l.contains(word)), "{word}: {all:?}");
        }
        assert!(a.host.iter().all(|s| matches!(s, Step::Netlink(_))));
        assert!(a.notes.is_empty() && a.verify_gateway.is_none());
        // A link that has IPv6 (disabled or not) still gets addr_gen_mode none, and only
        // that.
        for l in [host.link.as_mut().unwrap(), pod.link.as_mut().unwrap()] {
            l.inet6 = true;
            l.ipv6_disabled = Some(true);
        }
        let a = assess(&v4, &host, &pod).unwrap();
        let v6_items: Vec<String> = a
            .items
            .iter()
            .map(Item::label)
            .filter(|l| l.contains("ipv6") || l.contains("addr_gen_mode") || l.contains("fe80"))
            .collect();
        assert_eq!(
            v6_items,
            [
                "host: addr_gen_mode none on vh1",
                "pod: addr_gen_mode none on eth0"
            ]
        );
        assert!(ipv6_impossible(&v4, Side::Host, host.link.as_ref().unwrap()).is_none());
        // With --ip6, such a link is named as the reason setup cannot go on.
        let why = ipv6_impossible(&spec(), Side::Host, host.link.as_ref().unwrap()).unwrap();
        assert!(why.contains("net.ipv6.conf.vh1.disable_ipv6 = 1"), "{why}");
    }

    #[test]
    fn owner_tags_do_not_collide() {
        // A long id is hashed; the literal id that spells that hash must get another tag.
        let long = "x".repeat(ALIAS_ID_MAX + 1);
        let hashed = owner_alias(&long);
        let hex = hashed.rsplit(':').next().unwrap().to_owned();
        assert_eq!(hex.len(), 64, "{hashed}");
        assert_ne!(hashed, owner_alias(&format!("sha256:{hex}")));
        // At the limit the id is its own tag, one byte over it is not.
        let at = "y".repeat(ALIAS_ID_MAX);
        assert_eq!(owner_alias(&at), format!("vethctl:{at}"));
        assert!(owner_alias(&format!("{at}y")).starts_with(HASHED_ALIAS_PREFIX));
        assert!(is_owner_tag(&hashed) && is_owner_tag(&owner_alias("c1")));
        assert!(!is_owner_tag("eth0 uplink"));
        // A host veth tagged by the literal id is not the long id's.
        let spec = Spec {
            container_id: long,
            ..spec()
        };
        let mut l = host_link_of(&spec);
        l.alias = Some(owner_alias(&format!("sha256:{hex}")).into());
        assert!(ours_by_host(&spec, &l, "/x")
            .unwrap_err()
            .contains("someone else"));
    }
}
