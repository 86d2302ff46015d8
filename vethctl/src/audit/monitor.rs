//! `vethctl monitor`: the kernel's rtnetlink notifications, live, decoded and captured.
//!
//! A `NETLINK_ROUTE` socket (in `--netns` made by [`crate::netns::Netns::socket`]) joins
//! the multicast groups asked for (`NETLINK_ADD_MEMBERSHIP`, one per `RTNLGRP_*`). Each
//! datagram the kernel sends to them is one event: it is printed with the renderer of
//! `vethctl decode` (the tree, or JSON Lines that `vethctl encode` turns back into the
//! same bytes) and, with `--pcap`, appended to a `LINKTYPE_NETLINK` capture with the
//! cooked header nlmon writes ([`super::input::nlmon_header`]), which `decode --pcap`,
//! tcpdump and Wireshark read.
//!
//! Lost events are never silent. When the socket's receive queue overflows the kernel
//! drops notifications and the next receive fails with `ENOBUFS`; monitor then puts an
//! `NLMSG_OVERRUN` message (netlink's own "data lost" type) into every output at that
//! point: a `# overrun` line and the message in the tree, the message as a JSON line
//! (and a note on stderr), a packet in the capture. It then carries on with the next
//! event: what was lost cannot be known, only that something was.
//!
//! It ends cleanly (exit 0, the capture complete) on `SIGINT`/`SIGTERM` (read from a
//! `signalfd`, so no handler runs), after `--count` events or `--timeout` seconds.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::os::fd::{AsFd, AsRawFd};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime};

use netlink_codec::header::{
    msg_type_name, Messages, NlMsgHdr, NLMSG_DONE, NLMSG_ERROR, NLMSG_OVERRUN,
};
use nix::errno::Errno;
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sys::signal::{SigSet, SigmaskHow, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::socket::{bind, getsockopt, setsockopt, sockopt, NetlinkAddr};
use nix::{setsockopt_impl, sockopt_impl};
use pcap_file::pcap::{PcapHeader, PcapPacket, PcapWriter};
use pcap_file::{DataLink, Endianness};
use zerocopy::{FromBytes, IntoBytes};

use netlink_codec::group;

use super::error::{bail, AuditError, Context, Result};
use super::input::nlmon_header;
use super::resync::Dump;
use crate::nl::socket::{NlSocket, Queue, Received, Sender, Take};

sockopt_impl!(
    /// `NETLINK_ADD_MEMBERSHIP`: join one multicast group (`RTNLGRP_*`, also those above 31
    /// that `bind` cannot reach).
    AddMembership,
    SetOnly,
    libc::SOL_NETLINK,
    libc::NETLINK_ADD_MEMBERSHIP,
    u32
);

/// A group as `GROUPS` lists it: its number and its uapi name, from one identifier.
macro_rules! g {
    ($name:ident) => {
        (group::$name, stringify!($name))
    };
}

/// The groups `--groups` knows: a short name and the `RTNLGRP_*` groups it joins.
pub const GROUPS: &[(&str, &[(u32, &str)])] = &[
    ("link", &[g!(RTNLGRP_LINK)]),
    ("notify", &[g!(RTNLGRP_NOTIFY)]),
    ("neigh", &[g!(RTNLGRP_NEIGH)]),
    ("tc", &[g!(RTNLGRP_TC)]),
    ("addr", &[g!(RTNLGRP_IPV4_IFADDR), g!(RTNLGRP_IPV6_IFADDR)]),
    (
        "mroute",
        &[g!(RTNLGRP_IPV4_MROUTE), g!(RTNLGRP_IPV6_MROUTE)],
    ),
    ("route", &[g!(RTNLGRP_IPV4_ROUTE), g!(RTNLGRP_IPV6_ROUTE)]),
    ("rule", &[g!(RTNLGRP_IPV4_RULE), g!(RTNLGRP_IPV6_RULE)]),
    ("ipv6-ifinfo", &[g!(RTNLGRP_IPV6_IFINFO)]),
    ("prefix", &[g!(RTNLGRP_IPV6_PREFIX)]),
    ("nd-useropt", &[g!(RTNLGRP_ND_USEROPT)]),
    ("dcb", &[g!(RTNLGRP_DCB)]),
    (
        "netconf",
        &[g!(RTNLGRP_IPV4_NETCONF), g!(RTNLGRP_IPV6_NETCONF)],
    ),
    ("mdb", &[g!(RTNLGRP_MDB)]),
    ("mpls-route", &[g!(RTNLGRP_MPLS_ROUTE)]),
    ("nsid", &[g!(RTNLGRP_NSID)]),
    ("mpls-netconf", &[g!(RTNLGRP_MPLS_NETCONF)]),
    ("nexthop", &[g!(RTNLGRP_NEXTHOP)]),
    ("brvlan", &[g!(RTNLGRP_BRVLAN)]),
    ("tunnel", &[g!(RTNLGRP_TUNNEL)]),
    ("stats", &[g!(RTNLGRP_STATS)]),
];

/// What `--groups` is when not given (what a node's tooling changes).
pub const DEFAULT_GROUPS: &str = "link,addr,route,neigh,rule,nexthop,nsid,netconf";

/// One `--groups` entry: a short name from [`GROUPS`], or one group by its uapi name
/// (`RTNLGRP_IPV6_ROUTE`, any case). The groups it joins.
pub fn parse_group(s: &str) -> Result<Vec<(u32, &'static str)>, String> {
    let s = s.trim();
    if let Some((_, gs)) = GROUPS.iter().find(|(n, _)| n.eq_ignore_ascii_case(s)) {
        return Ok(gs.to_vec());
    }
    for (_, gs) in GROUPS {
        if let Some(g) = gs.iter().find(|(_, n)| n.eq_ignore_ascii_case(s)) {
            return Ok(vec![*g]);
        }
    }
    let known: Vec<&str> = GROUPS.iter().map(|(n, _)| *n).collect();
    Err(format!(
        "unknown group {s:?} (known: {}, or an RTNLGRP_* name)",
        known.join(", ")
    ))
}

/// The uapi name of group number `n`.
fn group_name(n: u32) -> Option<&'static str> {
    GROUPS
        .iter()
        .flat_map(|(_, gs)| gs.iter())
        .find(|(g, _)| *g == n)
        .map(|(_, name)| *name)
}

/// `vethctl monitor`: print the kernel's rtnetlink notifications as they arrive.
#[derive(Debug, Clone, clap::Args)]
pub struct MonitorArgs {
    /// Monitor the network namespace at PATH (`/run/netns/NAME`, `/proc/PID/ns/net`)
    /// instead of vethctl's own.
    #[arg(long, value_name = "PATH")]
    pub netns: Option<PathBuf>,
    /// The multicast groups to join, comma-separated: link, addr, route, neigh, rule,
    /// nexthop, nsid, netconf, mroute, prefix, mdb, tc, notify, ipv6-ifinfo,
    /// nd-useropt, dcb, mpls-route, mpls-netconf, brvlan, tunnel, stats, or an
    /// RTNLGRP_* name.
    #[arg(long, value_name = "LIST", value_delimiter = ',', value_parser = parse_group,
          default_value = DEFAULT_GROUPS)]
    pub groups: Vec<Vec<(u32, &'static str)>>,
    /// Print JSON Lines (one object per message, what `vethctl encode` reads) instead of
    /// the tree.
    #[arg(long)]
    pub json: bool,
    /// Also write every event to FILE as a pcap capture (LINKTYPE_NETLINK, as nlmon
    /// writes them), for `vethctl decode --pcap`, tcpdump and Wireshark.
    #[arg(long, value_name = "FILE")]
    pub pcap: Option<PathBuf>,
    /// Stop after N events (datagrams: the kernel sends each notification in its own).
    #[arg(long, value_name = "N")]
    pub count: Option<u64>,
    /// Stop after SECS seconds.
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<u64>,
    /// Ask for a receive buffer of BYTES (SO_RCVBUF; the kernel doubles it and keeps it
    /// within net.core.rmem_max). A small one makes overruns easy to see.
    #[arg(long, value_name = "BYTES")]
    pub rcvbuf: Option<usize>,
    /// After an overrun, dump the state the joined groups report on (links,
    /// addresses, routes, ...) into the stream, so what was lost shows again.
    #[arg(long)]
    pub resync: bool,
}

/// Why a monitor run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// `--count` events arrived.
    Count,
    /// `--timeout` passed.
    Timeout,
    /// A signal asked it to stop.
    Signal(Signal),
}

impl std::fmt::Display for End {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            End::Count => f.write_str("--count reached"),
            End::Timeout => f.write_str("--timeout passed"),
            End::Signal(s) => write!(f, "{s}"),
        }
    }
}

/// Where events go: stdout (tree or JSON Lines) and, with `--pcap`, a capture.
struct Sink {
    out: BufWriter<io::Stdout>,
    json: bool,
    /// Unbuffered, so each event is on disk once it is printed, whatever ends the run.
    pcap: Option<(PcapWriter<File>, PathBuf)>,
    events: u64,
    overruns: u64,
    undecodable: u64,
    /// `--resync`: say so in the overrun note.
    resync: bool,
}

impl Sink {
    fn new(args: &MonitorArgs) -> Result<Sink> {
        let pcap = match &args.pcap {
            None => None,
            Some(path) => {
                let file = File::create(path)
                    .with_context(|| format!("--pcap: cannot create {}", path.display()))?;
                let header = PcapHeader {
                    datalink: DataLink::NETLINK,
                    snaplen: SNAPLEN as u32,
                    // What tcpdump writes (the crate's default is big-endian).
                    endianness: Endianness::native(),
                    ..PcapHeader::default()
                };
                let w = PcapWriter::with_header(file, header)
                    .with_context(|| format!("--pcap: writing {}", path.display()))?;
                Some((w, path.clone()))
            }
        };
        Ok(Sink {
            out: BufWriter::new(io::stdout()),
            json: args.json,
            pcap,
            events: 0,
            overruns: 0,
            undecodable: 0,
            resync: args.resync,
        })
    }

    /// One notification from the kernel: capture it, then print it.
    fn event(&mut self, datagram: &[u8], groups: u32) -> Result<()> {
        self.events += 1;
        let n = self.events;
        let group = match groups.count_ones() {
            1 => group_name(groups.trailing_zeros() + 1)
                .map(|g| format!(", {g}"))
                .unwrap_or_default(),
            _ => String::new(),
        };
        let title = format!("event {n}, {} bytes from the kernel{group}", datagram.len());
        self.show(datagram, true, &title, &format!("event {n}"))
    }

    /// A datagram of a `--resync` exchange: a dump request sent, or its answer.
    fn resync_part(&mut self, datagram: &[u8], from_kernel: bool, title: &str) -> Result<()> {
        self.show(datagram, from_kernel, title, "resync")
    }

    /// Capture `datagram`, then print it under `# title`; `what` names it in errors.
    fn show(&mut self, datagram: &[u8], from_kernel: bool, title: &str, what: &str) -> Result<()> {
        self.capture(datagram, from_kernel)?;
        if !self.json {
            writeln!(self.out, "# {title}")?;
        }
        if super::decode_to(&mut self.out, datagram, self.json, &format!("{what}: "))?.is_err() {
            self.undecodable += 1;
            let hex = crate::render::hex(datagram);
            if self.json {
                eprintln!("vethctl: {what} as received: {hex}");
            } else {
                writeln!(self.out, "# {what} as received: {hex}")?;
            }
        }
        self.out.flush()?;
        Ok(())
    }

    /// The kernel dropped notifications (`ENOBUFS`): say so in every output.
    fn overrun(&mut self) -> Result<()> {
        self.overruns += 1;
        let k = self.overruns;
        let marker = NlMsgHdr {
            nlmsg_len: (NlMsgHdr::LEN as u32).into(),
            nlmsg_type: NLMSG_OVERRUN.into(),
            nlmsg_flags: 0.into(),
            nlmsg_seq: 0.into(),
            nlmsg_pid: 0.into(),
        };
        let marker = marker.as_bytes();
        self.capture(marker, true)?;
        let how = if self.resync {
            "by dumping the state again (--resync, below) and reading on"
        } else {
            "by reading on from the next event (what was lost is unknown: dump the state, \
             or run with --resync)"
        };
        let why = format!(
            "overrun {k}: events were lost after event {}: the receive queue was full and \
             the kernel dropped notifications (ENOBUFS); recovered {how}",
            self.events
        );
        if self.json {
            eprintln!("vethctl: monitor: {why}");
        } else {
            writeln!(self.out, "# {why}")?;
        }
        super::decode_to(&mut self.out, marker, self.json, "overrun: ")?
            .map_err(|_| AuditError::Msg("the NLMSG_OVERRUN marker did not decode".into()))?;
        self.out.flush()?;
        Ok(())
    }

    fn capture(&mut self, datagram: &[u8], from_kernel: bool) -> Result<()> {
        let Some((w, path)) = &mut self.pcap else {
            return Ok(());
        };
        let mut framed = nlmon_header(from_kernel).to_vec();
        framed.extend_from_slice(datagram);
        let now = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default();
        let len = u32::try_from(framed.len()).context("datagram too large for pcap")?;
        if framed.len() > SNAPLEN {
            eprintln!(
                "vethctl: monitor: event {}: the capture keeps {SNAPLEN} of its {len} bytes \
                 (the pcap snapshot length); stdout has all of it",
                self.events
            );
        }
        let kept = &framed[..framed.len().min(SNAPLEN)];
        w.write_packet(&PcapPacket::new(now, len, kept))
            .with_context(|| format!("--pcap: writing {}", path.display()))?;
        Ok(())
    }
}

/// How the monitor receives: one datagram at a time, whole, up to 1 MiB (a larger one is
/// reported, not cut).
const WHOLE: Take = Take::Whole { max: 1 << 20 };
/// The capture's snapshot length: the largest tcpdump and Wireshark accept (a longer
/// packet is kept up to it, with its full length recorded, and said so on stderr).
const SNAPLEN: usize = 262_144;

/// Run `vethctl monitor`. Exit code 1 when an event did not decode (it is still in the
/// capture, and printed as hex).
pub fn run_monitor(args: &MonitorArgs) -> Result<ExitCode> {
    let mut groups: Vec<(u32, &str)> = args.groups.iter().flatten().copied().collect();
    groups.sort_unstable();
    groups.dedup();
    let mut sink = Sink::new(args)?;

    // SIGINT and SIGTERM are blocked and read from a signalfd: the loop sees them
    // between events, and the capture is never left mid-record.
    let mut signals = SigSet::empty();
    signals.add(Signal::SIGINT);
    signals.add(Signal::SIGTERM);
    let mut old_mask = SigSet::empty();
    nix::sys::signal::pthread_sigmask(SigmaskHow::SIG_BLOCK, Some(&signals), Some(&mut old_mask))
        .context("blocking SIGINT and SIGTERM")?;
    let result = monitor(args, &groups, &signals, &mut sink);
    let _ = old_mask.thread_set_mask();

    let end = match result.and_then(|end| Ok(sink.out.flush().map(|()| end)?)) {
        Ok(end) => end,
        Err(e) => {
            return match e.into_io() {
                Ok(io) => super::write_failed(io),
                Err(e) => Err(e),
            }
        }
    };
    let lost = match sink.overruns {
        0 => String::new(),
        k => format!(", {k} overrun(s): events were lost"),
    };
    eprintln!(
        "vethctl: monitor: {} event(s){lost}; ended: {end}",
        sink.events
    );
    if sink.undecodable > 0 {
        eprintln!(
            "vethctl: monitor: {} event(s) did not decode",
            sink.undecodable
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// `--resync` under way: the dumps still to send, and the one being answered.
#[derive(Debug, Default)]
struct Resync {
    queue: VecDeque<Dump>,
    open: Option<Dump>,
    next_seq: u32,
    told_none: bool,
}

impl Resync {
    /// An overrun: (re)queue a dump for every joined group that has one.
    fn restart(&mut self, groups: &[(u32, &'static str)]) {
        let (dumps, none) = super::resync::dumps(groups, self.next_seq.max(1));
        self.next_seq = self.next_seq.max(1).wrapping_add(dumps.len() as u32);
        if !none.is_empty() && !self.told_none {
            self.told_none = true;
            eprintln!("vethctl: monitor: --resync: no dump for {}", none.join(" "));
        }
        self.queue = dumps.into();
    }

    /// Does `datagram` end the open dump (its `NLMSG_DONE`, or an error answer)?
    fn ends_open(&self, datagram: &[u8]) -> bool {
        let Some(d) = &self.open else { return false };
        Messages::new(datagram)
            .map_while(Result::ok)
            .any(|m| m.seq() == d.seq && matches!(m.msg_type(), NLMSG_DONE | NLMSG_ERROR))
    }
}

/// Join `groups`, then print events until one of the ends.
fn monitor(
    args: &MonitorArgs,
    groups: &[(u32, &'static str)],
    signals: &SigSet,
    sink: &mut Sink,
) -> Result<End> {
    let sigfd = SignalFd::with_flags(signals, SfdFlags::SFD_NONBLOCK | SfdFlags::SFD_CLOEXEC)
        .context("signalfd")?;
    let mut sock = super::send::socket(args.netns.as_deref())?;
    if let Some(bytes) = args.rcvbuf {
        setsockopt(&sock.fd(), sockopt::RcvBuf, &bytes).context("--rcvbuf: SO_RCVBUF")?;
    }
    // Bound (port chosen by the kernel) before joining: the kernel's broadcasts skip a
    // socket whose port is still 0, its own.
    bind(sock.fd().as_raw_fd(), &NetlinkAddr::new(0, 0)).context("bind(AF_NETLINK)")?;
    for (n, name) in groups {
        setsockopt(&sock.fd(), AddMembership, n)
            .with_context(|| format!("--groups: joining {name} (NETLINK_ADD_MEMBERSHIP)"))?;
    }
    let names: Vec<&str> = groups.iter().map(|(_, n)| *n).collect();
    eprintln!("vethctl: monitor: listening to {}", names.join(" "));

    let deadline = args
        .timeout
        .map(|s| Instant::now() + Duration::from_secs(s));
    let mut st = Reading::default();
    loop {
        if args.count.is_some_and(|c| sink.events >= c) {
            return Ok(End::Count);
        }
        if st.resync.open.is_none() {
            if let Some(d) = st.resync.queue.pop_front() {
                sock.send_datagram(&d.bytes, "monitor --resync")?;
                let ty = NlMsgHdr::ref_from_prefix(&d.bytes).map_or(0, |(h, _)| h.nlmsg_type.get());
                let name = msg_type_name(ty).unwrap_or("dump");
                let title = format!("resync: {name} dump request, for {}", d.group);
                sink.resync_part(&d.bytes, false, &title)?;
                st.resync.open = Some(d);
            }
        }
        let wait = match deadline {
            None => PollTimeout::NONE,
            Some(d) => {
                let left = d.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Ok(End::Timeout);
                }
                // Rounded up, so the deadline has passed when poll returns.
                let ms = left.as_micros().div_ceil(1000);
                PollTimeout::try_from(ms).unwrap_or(PollTimeout::MAX)
            }
        };
        let mut fds = [
            PollFd::new(sock.fd(), PollFlags::POLLIN),
            PollFd::new(sigfd.as_fd(), PollFlags::POLLIN),
        ];
        match poll(&mut fds, wait) {
            Ok(_) | Err(Errno::EINTR) => {}
            Err(e) => bail!("monitor: poll: {}", e.desc()),
        }
        let sock_error = fds[0]
            .revents()
            .is_some_and(|r| r.contains(PollFlags::POLLERR));
        if let Some(sig) = sigfd.read_signal().context("reading the signalfd")? {
            let sig = Signal::try_from(sig.ssi_signo as i32).unwrap_or(Signal::SIGTERM);
            return Ok(End::Signal(sig));
        }
        // Read what is waiting (up to --count), then look at the signals again.
        read_waiting(&mut sock, args, groups, sock_error, sink, &mut st)?;
    }
}

/// What reading carries from one wake-up to the next.
#[derive(Debug, Default)]
struct Reading {
    resync: Resync,
    /// Datagrams dropped as not the kernel's.
    foreign: u64,
}

/// Read what is waiting on `sock`, one datagram at a time, whole, up to `--count` events
/// (or until a `--resync` dump ends, to send the next). `sock_error`: poll saw an error
/// on the socket.
fn read_waiting(
    sock: &mut NlSocket,
    args: &MonitorArgs,
    groups: &[(u32, &'static str)],
    sock_error: bool,
    sink: &mut Sink,
    st: &mut Reading,
) -> Result<()> {
    let lost = |sink: &mut Sink, resync: &mut Resync| -> Result<()> {
        sink.overrun()?;
        if args.resync {
            resync.restart(groups);
        }
        Ok(())
    };
    while args.count.is_none_or(|c| sink.events < c) {
        let got = sock.receive_as(Queue::Answers, false, WHOLE, "monitor")?;
        if got == Received::Overrun {
            lost(sink, &mut st.resync)?;
            continue;
        }
        let Some(d) = sock.received().next() else {
            // An error poll saw that no receive returned: take it (SO_ERROR
            // clears it), so it is reported and poll does not spin on it.
            if sock_error {
                match getsockopt(&sock.fd(), sockopt::SocketError) {
                    Ok(0) => {}
                    Ok(libc::ENOBUFS) => lost(sink, &mut st.resync)?,
                    Ok(e) => bail!("monitor: {}", Errno::from_raw(e).desc()),
                    Err(e) => bail!("monitor: getsockopt(SO_ERROR): {}", e.desc()),
                }
            }
            return Ok(());
        };
        match d.sender {
            // An answer to this socket (no group): part of a --resync dump.
            Sender::Kernel if st.resync.open.is_some() => {
                let title = format!("resync: answer, {} bytes from the kernel", d.bytes.len());
                sink.resync_part(d.bytes, true, &title)?;
                if st.resync.ends_open(d.bytes) {
                    st.resync.open = None;
                    // Send the next dump before reading on.
                    return Ok(());
                }
            }
            Sender::Kernel | Sender::Group => sink.event(d.bytes, d.groups)?,
            Sender::Other => {
                st.foreign += 1;
                if st.foreign == 1 {
                    eprintln!("vethctl: monitor: dropped a datagram not sent by the kernel");
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[test]
    fn groups_by_short_or_uapi_name() {
        assert_eq!(
            parse_group("route").unwrap(),
            [(7, "RTNLGRP_IPV4_ROUTE"), (11, "RTNLGRP_IPV6_ROUTE")]
        );
        assert_eq!(
            parse_group("rtnlgrp_nexthop").unwrap(),
            [(32, "RTNLGRP_NEXTHOP")]
        );
        let e = parse_group("links").unwrap_err();
        assert!(
            e.starts_with("unknown group \"links\" (known: link, "),
            "{e}"
        );
        // Every short name parses, every number has one name.
        for (name, groups) in GROUPS {
            assert_eq!(parse_group(name).unwrap(), groups.to_vec());
            for (n, uapi) in groups.iter() {
                assert_eq!(group_name(*n), Some(*uapi));
            }
        }
    }

    #[test]
    fn default_groups_and_flags() {
        let cli = crate::cli::Cli::try_parse_from(["vethctl", "monitor"]).unwrap();
        let crate::cli::Command::Monitor(a) = cli.command else {
            panic!("not monitor")
        };
        let joined: Vec<&str> = a.groups.iter().flatten().map(|(_, n)| *n).collect();
        assert!(joined.contains(&"RTNLGRP_LINK") && joined.contains(&"RTNLGRP_NEXTHOP"));
        assert_eq!((a.json, a.count, a.timeout), (false, None, None));
        let e = crate::cli::Cli::try_parse_from(["vethctl", "monitor", "--groups", "link,nope"])
            .unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("unknown group \"nope\""), "{e}");
    }
}
