//! The IPv6 readiness wait (docs/design.md, "IPv6 readiness").

use std::net::{IpAddr, Ipv6Addr};
use std::time::{Duration, Instant};

use netlink_codec::route::{RTN_LOCAL, RT_TABLE_LOCAL};

use super::item::Side;
use super::observe::{Observed, Read};
use super::step::{Done, Planned, Purpose};
use super::Session;
use crate::error::{Error, Result};
use crate::socket::{NlSocket, RouteWatch};
use crate::state::Route;
use crate::wiring::desired::Desired;

/// How long setup waits for the kernel to finish bringing up the IPv6 addresses.
pub const READY_TIMEOUT: Duration = Duration::from_secs(2);

/// Is `r` the local route of `ip` on link `oif`, the one that makes `ip` usable?
pub(crate) fn is_local_route6(r: &Route, ip: Ipv6Addr, oif: u32) -> bool {
    r.v6 && r.rtype == RTN_LOCAL
        && r.table == u32::from(RT_TABLE_LOCAL)
        && r.dst == Some(IpAddr::V6(ip))
        && r.oif == Some(oif)
}

/// Did a readiness lookup among `done` find its route?
pub(crate) fn lookup_found(done: &[Done]) -> Result<bool> {
    for d in done {
        let (Purpose::Read(read @ Read::LocalRoute { ip, oif, .. }), Some(a)) =
            (&d.purpose, &d.answer)
        else {
            continue;
        };
        if let Observed::Routes(routes) = read.decode(a)? {
            return Ok(routes.iter().any(|r| is_local_route6(r, *ip, *oif)));
        }
    }
    Ok(false)
}

/// Return once the local routes watched on `sides` exist (usually at once: the
/// notifications came while the batches were answered). A side whose watch lost
/// notifications looks its route up at once; after [`READY_TIMEOUT`], one lookup per
/// side still missing decides, and a route still missing is [`Error::NotReady`].
pub(crate) fn wait_until_ready(s: &mut Session, d: &Desired, sides: &[Side]) -> Result<()> {
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
            let Some(sock) = sock.filter(|_| sides.contains(&side)) else {
                continue;
            };
            let Some(w) = sock.watch().filter(|w| !w.seen && (w.lost || late)) else {
                continue;
            };
            let what = match side {
                Side::Host => format!("IPv6 gateway fe80::1 on {}", d.host.name),
                Side::Pod => format!("IPv6 address {} on {} in the pod", w.dst, d.pod.name),
            };
            if look_up(&mut s.exec, sock, side, &what, w)? {
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

/// Look up the watched route `w` of `side` (`what`: the address, for the request's
/// name): does it exist?
fn look_up(
    exec: &mut super::exec::Exec,
    sock: &mut NlSocket,
    side: Side,
    what: &str,
    w: RouteWatch,
) -> Result<bool> {
    let read = Read::LocalRoute {
        ip: w.dst,
        oif: w.oif,
        on_dev: side == Side::Host,
    };
    let step = Planned::netlink(
        read.named(format!("look up the local route of {what}"))?,
        Purpose::Read(read),
    );
    lookup_found(&exec.run(sock, &[step])?)
}
