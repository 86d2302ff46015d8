//! `wiring-probe ADDR [TIMEOUT_MS [INTERVAL_US]]`, run inside a pod's network namespace by
//! `bench/wiring.sh`: send an ICMP (or ICMPv6) echo request to ADDR every INTERVAL_US
//! (default 200 µs) until the first echo reply arrives, then print the reply's arrival time
//! in microseconds since the Unix epoch and the number of requests sent, and exit 0 (exit 1
//! on timeout, default 10 s).
//!
//! Send errors are ignored: while the pod has no interface or route yet, `sendto` fails
//! with ENETUNREACH, and the probe simply tries again one interval later. So the probe can
//! be started before setup, and the first reply marks the moment the wiring carried a packet
//! both ways, to within one send interval.
//!
//! The wait between two requests is `ppoll` with a `timespec`, which the kernel serves with
//! a high-resolution timer. An earlier version waited with `SO_RCVTIMEO`, which the kernel
//! rounds up to whole jiffies: with `CONFIG_HZ=250` its "500 µs" was 4 ms, and it sent a
//! request only every 4 to 8 ms, which added that much to every time to first packet.

use std::net::IpAddr;
use std::os::fd::{AsFd, AsRawFd};
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use nix::poll::{ppoll, PollFd, PollFlags};
use nix::sys::socket::{
    recv, sendto, socket, AddressFamily, MsgFlags, SockFlag, SockProtocol, SockType, SockaddrIn,
    SockaddrIn6,
};
use nix::sys::time::TimeSpec;

fn checksum(b: &[u8]) -> u16 {
    let mut sum: u32 = b
        .chunks(2)
        .map(|c| u32::from(u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])))
        .sum();
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(addr) = args.next().and_then(|a| a.parse::<IpAddr>().ok()) else {
        eprintln!("usage: wiring-probe ADDR [TIMEOUT_MS [INTERVAL_US]]");
        return ExitCode::from(2);
    };
    let timeout = Duration::from_millis(args.next().and_then(|t| t.parse().ok()).unwrap_or(10_000));
    let interval = Duration::from_micros(args.next().and_then(|t| t.parse().ok()).unwrap_or(200));
    let (family, proto, request_type, reply_type) = match addr {
        IpAddr::V4(_) => (AddressFamily::Inet, SockProtocol::Icmp, 8u8, 0u8),
        IpAddr::V6(_) => (AddressFamily::Inet6, SockProtocol::IcmpV6, 128u8, 129u8),
    };
    let fd = match socket(family, SockType::Raw, SockFlag::SOCK_NONBLOCK, proto) {
        Ok(fd) => fd,
        Err(e) => {
            eprintln!("wiring-probe: raw ICMP socket: {e} (needs root)");
            return ExitCode::from(2);
        }
    };
    let id = (std::process::id() & 0xffff) as u16;
    let v4 = SockaddrIn::from(std::net::SocketAddrV4::new(
        match addr {
            IpAddr::V4(a) => a,
            IpAddr::V6(_) => std::net::Ipv4Addr::UNSPECIFIED,
        },
        0,
    ));
    let v6 = SockaddrIn6::from(std::net::SocketAddrV6::new(
        match addr {
            IpAddr::V6(a) => a,
            IpAddr::V4(_) => std::net::Ipv6Addr::UNSPECIFIED,
        },
        0,
        0,
        0,
    ));
    let start = Instant::now();
    let mut buf = [0u8; 1500];
    let mut seq: u16 = 0;
    while start.elapsed() < timeout {
        seq = seq.wrapping_add(1);
        let mut pkt = [0u8; 16];
        pkt[0] = request_type;
        pkt[4..6].copy_from_slice(&id.to_be_bytes());
        pkt[6..8].copy_from_slice(&seq.to_be_bytes());
        if addr.is_ipv4() {
            let c = checksum(&pkt);
            pkt[2..4].copy_from_slice(&c.to_be_bytes());
            let _ = sendto(fd.as_raw_fd(), &pkt, &v4, MsgFlags::empty());
        } else {
            // The kernel fills in the ICMPv6 checksum on raw ICMPv6 sockets.
            let _ = sendto(fd.as_raw_fd(), &pkt, &v6, MsgFlags::empty());
        }
        let next = Instant::now() + interval;
        loop {
            let left = next.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            let mut fds = [PollFd::new(fd.as_fd(), PollFlags::POLLIN)];
            if !matches!(ppoll(&mut fds, Some(TimeSpec::from_duration(left)), None), Ok(n) if n > 0)
            {
                continue;
            }
            let Ok(n) = recv(fd.as_raw_fd(), &mut buf, MsgFlags::empty()) else {
                continue;
            };
            let icmp = if addr.is_ipv4() {
                let ihl = usize::from(buf[0] & 0x0f) * 4;
                if n < ihl + 8
                    || buf[12..16]
                        != *match addr {
                            IpAddr::V4(a) => a.octets(),
                            IpAddr::V6(_) => [0; 4],
                        }
                        .as_slice()
                {
                    continue;
                }
                &buf[ihl..n]
            } else {
                &buf[..n]
            };
            if icmp.len() >= 8 && icmp[0] == reply_type && icmp[4..6] == id.to_be_bytes() {
                let now = SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .unwrap_or_default();
                println!("{} {seq}", now.as_micros());
                return ExitCode::SUCCESS;
            }
        }
    }
    ExitCode::from(1)
}
