//! `decode --pcap`: captures as nlmon writes them (`LINKTYPE_NETLINK`), or taken on the
//! `any` device (`LINKTYPE_LINUX_SLL` / `LINUX_SLL2`), pcap and pcapng. This kernel has no
//! nlmon module, so the captures are written here from the golden corpus with the same
//! crate that reads them, in the layout nlmon uses.

mod audit_support;

use std::borrow::Cow;
use std::process::ExitCode;
use std::time::Duration;

use audit_support::{corpus, json_of, text_of, Rng};
use pcap_file::pcap::{PcapHeader, PcapPacket, PcapWriter};
use pcap_file::pcapng::blocks::enhanced_packet::EnhancedPacketBlock;
use pcap_file::pcapng::blocks::interface_description::InterfaceDescriptionBlock;
use pcap_file::pcapng::PcapNgWriter;
use pcap_file::DataLink;
use vethctl::audit::input::{nlmon_header, read_capture};
use vethctl::audit::{decode_input, DecodeArgs};

/// The corpus as (from_kernel, datagram) packets.
fn packets() -> Vec<(bool, Vec<u8>)> {
    corpus()
        .into_iter()
        .map(|(name, b)| (name.ends_with("-rep.bin"), b))
        .collect()
}

fn framed(link: DataLink, from_kernel: bool, data: &[u8]) -> Vec<u8> {
    let mut f = match link {
        DataLink::LINUX_SLL2 => {
            let mut h = vec![0u8; 20];
            h[8..10].copy_from_slice(&824u16.to_be_bytes()); // ARPHRD_NETLINK
            h[10] = if from_kernel { 7 } else { 6 };
            h
        }
        _ => nlmon_header(from_kernel).to_vec(),
    };
    f.extend_from_slice(data);
    f
}

fn pcap(link: DataLink, pkts: &[(bool, Vec<u8>)]) -> Vec<u8> {
    let header = PcapHeader {
        datalink: link,
        ..Default::default()
    };
    let mut w = PcapWriter::with_header(Vec::new(), header).unwrap();
    for (i, (k, d)) in pkts.iter().enumerate() {
        let f = framed(link, *k, d);
        let p = PcapPacket::new(Duration::from_millis(i as u64), f.len() as u32, &f);
        w.write_packet(&p).unwrap();
    }
    w.into_writer()
}

fn pcapng(link: DataLink, pkts: &[(bool, Vec<u8>)]) -> Vec<u8> {
    let mut w = PcapNgWriter::new(Vec::new()).unwrap();
    w.write_pcapng_block(InterfaceDescriptionBlock::new(link, 65535))
        .unwrap();
    for (i, (k, d)) in pkts.iter().enumerate() {
        let f = framed(link, *k, d);
        let epb = EnhancedPacketBlock {
            interface_id: 0,
            timestamp: Duration::from_millis(i as u64),
            original_len: f.len() as u32,
            data: Cow::Owned(f),
            options: vec![],
        };
        w.write_pcapng_block(epb).unwrap();
    }
    w.into_inner()
}

fn decode(input: &[u8], json: bool) -> (ExitCode, String) {
    let args = DecodeArgs {
        hex: false,
        pcap: true,
        json,
        file: None,
    };
    let mut out = Vec::new();
    let code = decode_input(&mut out, input, &args).unwrap();
    (code, String::from_utf8(out).unwrap())
}

#[test]
fn nlmon_captures_decode_like_the_raw_datagrams() {
    let pkts = packets();
    let mut want_text = String::new();
    let mut want_json = String::new();
    for (i, (k, d)) in pkts.iter().enumerate() {
        let dir = if *k {
            "PACKET_KERNEL: from the kernel"
        } else {
            "PACKET_USER: from user space"
        };
        want_text.push_str(&format!("# packet {} ({dir}), {} bytes\n", i + 1, d.len()));
        want_text.push_str(&text_of(d));
        want_json.push_str(&json_of(d));
    }
    for link in [DataLink::NETLINK, DataLink::LINUX_SLL, DataLink::LINUX_SLL2] {
        for (kind, file) in [("pcap", pcap(link, &pkts)), ("pcapng", pcapng(link, &pkts))] {
            let (code, text) = decode(&file, false);
            assert_eq!(code, ExitCode::SUCCESS);
            assert!(text == want_text, "{kind} {link:?}: tree differs");
            let (code, json) = decode(&file, true);
            assert_eq!(code, ExitCode::SUCCESS);
            assert!(json == want_json, "{kind} {link:?}: JSON differs");
            // ... and the JSON encodes back to the datagrams, back to back.
            let all: Vec<u8> = pkts.iter().flat_map(|(_, d)| d.clone()).collect();
            assert_eq!(vethctl::audit::encode_lines(&json).unwrap(), all);
        }
    }
}

#[test]
fn other_protocols_and_link_types_are_skipped_with_a_note() {
    let pkts = packets();
    let mut file = pcap(DataLink::NETLINK, &pkts[..3]);
    // Packet 4: NETLINK_GENERIC (16), which this decoder does not type.
    let mut generic = nlmon_header(false).to_vec();
    generic[14..16].copy_from_slice(&16u16.to_be_bytes());
    generic.extend_from_slice(&pkts[0].1);
    let mut w = PcapWriter::with_header(
        Vec::new(),
        PcapHeader {
            datalink: DataLink::NETLINK,
            ..Default::default()
        },
    )
    .unwrap();
    w.write_packet(&PcapPacket::new(
        Duration::ZERO,
        generic.len() as u32,
        &generic,
    ))
    .unwrap();
    file.extend_from_slice(&w.into_writer()[24..]); // append the record, not the header
    let cap = read_capture(&file).unwrap();
    assert_eq!(cap.packets.len(), 3);
    assert_eq!(
        cap.skipped,
        ["packet 4: netlink protocol 16 is not NETLINK_ROUTE (0)"]
    );

    let eth = pcap(DataLink::ETHERNET, &pkts[..1]);
    let cap = read_capture(&eth).unwrap();
    assert!(cap.packets.is_empty());
    assert!(
        cap.skipped[0].contains("is not netlink"),
        "{:?}",
        cap.skipped
    );
}

#[test]
fn a_malformed_packet_prints_what_came_before_and_names_the_packet() {
    let pkts = packets();
    let mut broken = pkts[..3].to_vec();
    broken[1].1.truncate(20); // the ENODEV answer, cut inside the nlmsgerr
    let (code, text) = decode(&pcap(DataLink::NETLINK, &broken), false);
    assert_eq!(code, ExitCode::FAILURE);
    assert!(text.contains("# packet 1 "), "{text}");
    assert!(text.contains("# packet 2 "), "{text}");
    assert!(!text.contains("# packet 3 "), "{text}");
    assert!(!text.contains("ENODEV"), "{text}");
}

#[test]
fn garbage_captures_are_errors_not_panics() {
    let file = pcapng(DataLink::NETLINK, &packets()[..6]);
    let plain = pcap(DataLink::NETLINK, &packets()[..6]);
    assert!(read_capture(b"not a capture at all").is_err());
    assert!(read_capture(&[]).is_err());
    let mut rng = Rng(0x9cab_0003);
    for round in 0..3000 {
        let mut b = if round % 2 == 0 {
            file.clone()
        } else {
            plain.clone()
        };
        match rng.below(3) {
            0 => b.truncate(rng.below(b.len())),
            1 => {
                let i = rng.below(b.len());
                b[i] = rng.next() as u8;
            }
            _ => {
                let i = rng.below(b.len() - 4);
                b[i..i + 4].copy_from_slice(&(rng.below(1 << 20) as u32).to_le_bytes());
            }
        }
        let r = std::panic::catch_unwind(|| {
            let args = DecodeArgs {
                hex: false,
                pcap: true,
                json: false,
                file: None,
            };
            let _ = decode_input(&mut Vec::new(), &b, &args);
        });
        assert!(r.is_ok(), "round {round} panicked");
    }
}

#[test]
fn hex_input_decodes_like_the_bytes() {
    let (_, b) = corpus().into_iter().nth(2).unwrap();
    let hex: String = b
        .chunks(16)
        .map(|c| c.iter().map(|x| format!("{x:02x} ")).collect::<String>() + "\n")
        .collect();
    let args = DecodeArgs {
        hex: true,
        pcap: false,
        json: false,
        file: None,
    };
    let mut out = Vec::new();
    assert_eq!(
        decode_input(&mut out, hex.as_bytes(), &args).unwrap(),
        ExitCode::SUCCESS
    );
    assert_eq!(String::from_utf8(out).unwrap(), text_of(&b));
    let err = decode_input(&mut Vec::new(), b"20 00 0g", &args).unwrap_err();
    assert_eq!(
        format!("{err:#}"),
        "hex input: line 1, column 8: 'g' is not a hex digit"
    );
}
