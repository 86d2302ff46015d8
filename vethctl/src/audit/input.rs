//! Reading what people audit: raw bytes, hex text, and pcap/pcapng captures taken on an
//! nlmon device.
//!
//! An nlmon capture (`tcpdump -i nlmon0 -w`) is `LINKTYPE_NETLINK` (253): each packet is
//! a 16-byte cooked header, then the netlink messages of one datagram:
//!
//! ```text
//! +--------------------+--------------------+-----------------------------+----------------+
//! | pkttype (2)        | ARPHRD type (2, BE)| unused (10)                 | protocol (2,BE)|
//! | 6 PACKET_USER,     | 824 ARPHRD_NETLINK |                             | 0 NETLINK_ROUTE|
//! | 7 PACKET_KERNEL    |                    |                             |                |
//! +--------------------+--------------------+-----------------------------+----------------+
//! ```
//!
//! Captured on the `any` device instead, the same packets come as `LINKTYPE_LINUX_SLL`
//! (113, the same 16-byte layout) or `LINKTYPE_LINUX_SLL2` (276: protocol at 0, ARPHRD
//! type at 8, pkttype at 10, 20 bytes). Only `NETLINK_ROUTE` packets are decoded.

use std::io::Cursor;
use std::ops::ControlFlow;

use super::error::{bail, Context, Result};
use pcap_file::pcap::PcapReader;
use pcap_file::pcapng::{Block, PcapNgReader};
use pcap_file::DataLink;

/// `ARPHRD_NETLINK`: the hardware type of an nlmon device.
const ARPHRD_NETLINK: u16 = 824;
/// `NETLINK_ROUTE`: the protocol number of rtnetlink.
const NETLINK_ROUTE: u16 = 0;
/// pcapng section header block type; pcap files start with other magics.
const PCAPNG_MAGIC: [u8; 4] = [0x0a, 0x0d, 0x0d, 0x0a];

/// Hex text to bytes (the codec's reader of `hex` fields, also for `--hex`).
pub use netlink_codec::render::parse_hex;

/// One captured datagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packet {
    /// 1-based packet number in the capture (counting every packet, also skipped ones).
    pub number: usize,
    /// Who sent it, from the cooked header's packet type, if it says.
    pub direction: Option<&'static str>,
    /// The netlink messages.
    pub data: Vec<u8>,
}

/// What a capture held: the `NETLINK_ROUTE` datagrams, and notes on packets skipped.
#[derive(Debug, Default)]
pub struct Capture {
    /// The datagrams, in capture order.
    pub packets: Vec<Packet>,
    /// Why packets were left out (another netlink protocol, another link type).
    pub skipped: Vec<String>,
}

/// One record of a capture, as [`for_each_record`] hands it on.
#[derive(Debug)]
pub enum Record {
    /// A `NETLINK_ROUTE` datagram.
    Packet(Packet),
    /// A packet left out, and why (another netlink protocol, another link type).
    Skipped(String),
}

/// Read a pcap or pcapng capture (told apart by their magic numbers) into memory.
pub fn read_capture(bytes: &[u8]) -> Result<Capture> {
    let mut cap = Capture::default();
    for_each_record(bytes, |r| {
        match r {
            Record::Packet(p) => cap.packets.push(p),
            Record::Skipped(note) => cap.skipped.push(note),
        }
        Ok(ControlFlow::Continue(()))
    })?;
    Ok(cap)
}

/// Hand each record of a pcap or pcapng capture to `each`, in order, until it says
/// stop; only one packet is held at a time. An error in the capture's framing ends the
/// walk after the records before it.
pub fn for_each_record(
    bytes: &[u8],
    mut each: impl FnMut(Record) -> Result<ControlFlow<()>>,
) -> Result<()> {
    if bytes.starts_with(&PCAPNG_MAGIC) {
        let mut r = PcapNgReader::new(Cursor::new(bytes)).context("not a pcapng capture")?;
        let mut n = 0;
        while let Some(block) = r.next_block() {
            let block = block.with_context(|| format!("pcapng block after packet {n}"))?;
            let (iface_id, data) = match &block {
                Block::EnhancedPacket(p) => (p.interface_id as usize, p.data.to_vec()),
                Block::SimplePacket(p) => (0, p.data.to_vec()),
                Block::Packet(p) => (usize::from(p.interface_id), p.data.to_vec()),
                _ => continue,
            };
            drop(block);
            let Some(link) = r.interfaces().get(iface_id).map(|i| i.linktype) else {
                bail!(
                    "packet {}: interface {iface_id} is not described in the capture",
                    n + 1
                );
            };
            n += 1;
            if each(record(n, link, data)?)?.is_break() {
                return Ok(());
            }
        }
    } else {
        let mut r = PcapReader::new(Cursor::new(bytes))
            .context("not a pcap or pcapng capture (bad magic number or header)")?;
        let link = r.header().datalink;
        let mut n = 0;
        while let Some(p) = r.next_packet() {
            let p = p.with_context(|| format!("pcap record after packet {n}"))?;
            n += 1;
            if each(record(n, link, p.data.to_vec())?)?.is_break() {
                return Ok(());
            }
        }
    }
    Ok(())
}

/// Packet `number` of link type `link`: a `NETLINK_ROUTE` datagram, or why it is skipped.
fn record(number: usize, link: DataLink, mut data: Vec<u8>) -> Result<Record> {
    let be16 = |b: &[u8], i: usize| b.get(i..i + 2).map(|x| u16::from_be_bytes([x[0], x[1]]));
    // (header length, ARPHRD type, protocol, packet type)
    let (hlen, hatype, proto, pkttype) = match link {
        DataLink::NETLINK | DataLink::LINUX_SLL => {
            (16, be16(&data, 2), be16(&data, 14), be16(&data, 0))
        }
        DataLink::LINUX_SLL2 => (
            20,
            be16(&data, 8),
            be16(&data, 0),
            data.get(10).map(|&b| b.into()),
        ),
        other => {
            return Ok(Record::Skipped(format!(
                "packet {number}: link type {other:?} is not netlink (want LINKTYPE_NETLINK)"
            )));
        }
    };
    let (Some(hatype), Some(proto)) = (hatype, proto) else {
        bail!(
            "packet {number}: {} bytes, shorter than its {hlen}-byte cooked header",
            data.len()
        );
    };
    if hatype != ARPHRD_NETLINK {
        return Ok(Record::Skipped(format!(
            "packet {number}: ARPHRD type {hatype} is not ARPHRD_NETLINK (824)"
        )));
    }
    if proto != NETLINK_ROUTE {
        return Ok(Record::Skipped(format!(
            "packet {number}: netlink protocol {proto} is not NETLINK_ROUTE (0)"
        )));
    }
    let direction = match pkttype {
        Some(6) => Some("PACKET_USER: from user space"),
        Some(7) => Some("PACKET_KERNEL: from the kernel"),
        _ => None,
    };
    data.drain(..hlen);
    Ok(Record::Packet(Packet {
        number,
        direction,
        data,
    }))
}

/// The 16-byte cooked header nlmon puts before each datagram (`LINKTYPE_NETLINK`), for
/// writing captures: `from_kernel` picks `PACKET_KERNEL` over `PACKET_USER`.
pub fn nlmon_header(from_kernel: bool) -> [u8; 16] {
    let mut h = [0u8; 16];
    h[..2].copy_from_slice(&(if from_kernel { 7u16 } else { 6 }).to_be_bytes());
    h[2..4].copy_from_slice(&ARPHRD_NETLINK.to_be_bytes());
    h[14..16].copy_from_slice(&NETLINK_ROUTE.to_be_bytes());
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_with_any_whitespace() {
        assert_eq!(
            parse_hex("20 00\n0 0 1 0\t ff").unwrap(),
            [0x20, 0, 0, 0x10, 0xff]
        );
        assert_eq!(parse_hex("0x2000 0xFF").unwrap(), [0x20, 0, 0xff]);
        assert_eq!(
            parse_hex("2000\n00zz").unwrap_err(),
            "line 2, column 3: 'z' is not a hex digit"
        );
        assert_eq!(parse_hex("abc").unwrap_err(), "odd number of hex digits");
    }
}
