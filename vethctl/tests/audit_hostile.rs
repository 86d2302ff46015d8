//! Hostile captures through the real binary: nesting thousands of levels deep (which
//! overflowed the stack of `decode`, `decode --json` and `decode --pcap`), and what
//! `decode --json` prints for it read back by `encode`, byte for byte.

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use pcap_file::pcap::{PcapHeader, PcapPacket, PcapWriter};
use pcap_file::DataLink;
use vethctl::audit::input::nlmon_header;

const RTM_NEWLINK: u16 = 16;
const RTM_NEWROUTE: u16 = 24;
const NLMSG_ERROR: u16 = 2;
const IFLA_PROP_LIST: u16 = 52;
const RTA_MULTIPATH: u16 = 9;

fn vethctl(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vethctl"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run vethctl");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

/// A netlink message: header, then `body` (already aligned).
fn message(msg_type: u16, body: &[u8]) -> Vec<u8> {
    let len = u32::try_from(16 + body.len()).unwrap();
    let mut m = len.to_ne_bytes().to_vec();
    m.extend_from_slice(&msg_type.to_ne_bytes());
    m.extend_from_slice(&1u16.to_ne_bytes()); // NLM_F_REQUEST
    m.extend_from_slice(&7u32.to_ne_bytes()); // seq
    m.extend_from_slice(&0u32.to_ne_bytes()); // pid
    m.extend_from_slice(body);
    m
}

/// `levels` attributes of type `kind`, each holding the next after `fixed` bytes of its
/// own (0 for a nest; an 8-byte `rtnexthop` for `RTA_MULTIPATH`).
fn chain(levels: usize, kind: u16, fixed: impl Fn(usize) -> Vec<u8>) -> Vec<u8> {
    let mut inner = Vec::new();
    for _ in 0..levels {
        let head = fixed(inner.len());
        let len = u16::try_from(4 + head.len() + inner.len()).unwrap();
        let mut outer = [len.to_ne_bytes(), kind.to_ne_bytes()].concat();
        outer.extend_from_slice(&head);
        outer.extend_from_slice(&inner);
        inner = outer;
    }
    inner
}

/// An `RTM_NEWLINK` holding `levels` nested `IFLA_PROP_LIST`s (4 bytes a level).
fn prop_lists(levels: usize) -> Vec<u8> {
    let mut body = vec![0u8; 16]; // ifinfomsg
    body.extend(chain(levels, IFLA_PROP_LIST, |_| Vec::new()));
    message(RTM_NEWLINK, &body)
}

/// An `RTM_NEWROUTE` whose `RTA_MULTIPATH` next hop holds an `RTA_MULTIPATH`, `levels`
/// deep (12 bytes a level): the deepest JSON per byte that `decode --json` can print.
fn multipaths(levels: usize) -> Vec<u8> {
    let mut body = vec![0u8; 12]; // rtmsg
    body.extend(chain(levels, RTA_MULTIPATH, |rest| {
        let len = u16::try_from(8 + rest).unwrap();
        let mut nh = len.to_ne_bytes().to_vec();
        nh.extend_from_slice(&[0, 0, 1, 0, 0, 0]); // flags, hops, ifindex 1
        nh
    }));
    message(RTM_NEWROUTE, &body)
}

/// `levels` `NLMSG_ERROR`s, each echoing the next, around an empty `RTM_NEWLINK`.
fn echoes(levels: usize) -> Vec<u8> {
    let mut m = message(RTM_NEWLINK, &[0; 16]);
    for _ in 0..levels {
        let mut body = (-22i32).to_ne_bytes().to_vec();
        body.extend_from_slice(&m);
        m = message(NLMSG_ERROR, &body);
    }
    m
}

fn pcap_of(datagram: &[u8]) -> Vec<u8> {
    let header = PcapHeader {
        datalink: DataLink::NETLINK,
        snaplen: 262_144,
        ..Default::default()
    };
    let mut w = PcapWriter::with_header(Vec::new(), header).unwrap();
    let mut f = nlmon_header(false).to_vec();
    f.extend_from_slice(datagram);
    let p = PcapPacket::new(Duration::ZERO, u32::try_from(f.len()).unwrap(), &f);
    w.write_packet(&p).unwrap();
    w.into_writer()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every form of `decode` succeeds on `bytes`, and `decode --json | encode` gives back
/// exactly `bytes`.
fn decodes_and_round_trips(what: &str, bytes: &[u8]) {
    let text = vethctl(&["decode"], bytes);
    assert!(text.status.success(), "{what}: decode: {}", stderr(&text));
    assert!(!text.stdout.is_empty(), "{what}: decode printed nothing");
    let pcap = vethctl(&["decode", "--pcap"], &pcap_of(bytes));
    assert!(pcap.status.success(), "{what}: --pcap: {}", stderr(&pcap));
    assert!(
        pcap.stdout.ends_with(&text.stdout),
        "{what}: --pcap differs"
    );
    let json = vethctl(&["decode", "--json"], bytes);
    assert!(json.status.success(), "{what}: --json: {}", stderr(&json));
    let back = vethctl(&["encode"], &json.stdout);
    assert!(back.status.success(), "{what}: encode: {}", stderr(&back));
    assert!(back.stdout == bytes, "{what}: encode gave other bytes");
}

#[test]
fn nesting_thousands_deep_decodes_in_every_form() {
    // 56 KB: 14,000 levels. Each form aborted with a stack overflow before.
    let bytes = prop_lists(14_000);
    decodes_and_round_trips("prop lists", &bytes);
    let tree = String::from_utf8(vethctl(&["decode"], &bytes).stdout).unwrap();
    // Past the bound (16 levels) the payload is shown as bytes, all of it.
    let raw = tree
        .lines()
        .find_map(|l| l.split_once("IFLA_PROP_LIST: hex ").map(|(_, h)| h))
        .expect("a level shown as hex");
    assert_eq!(raw.len(), (14_000 - 16) * 4 * 2, "{tree}");
    decodes_and_round_trips("multipath", &multipaths(5_000));
    decodes_and_round_trips("echoes", &echoes(2_500));
}

#[test]
fn whatever_decode_json_prints_encode_reads_back() {
    // 63 levels (268 bytes) failed in encode: the JSON nested past serde_json's 128.
    for levels in [1, 15, 16, 17, 31, 32, 33, 63, 64, 200] {
        decodes_and_round_trips(&format!("{levels} prop lists"), &prop_lists(levels));
        decodes_and_round_trips(&format!("{levels} next hops"), &multipaths(levels));
        decodes_and_round_trips(&format!("{levels} echoes"), &echoes(levels));
    }
}

#[test]
fn encode_refuses_json_nested_past_the_bound() {
    // Hand-written: 20 IFLA_PROP_LISTs inside each other (decode prints at most 15 typed
    // ones, then hex).
    let mut attrs = String::from("[]");
    for _ in 0..20 {
        attrs = format!(r#"[{{"type":"IFLA_PROP_LIST","attrs":{attrs}}}]"#);
    }
    let line = format!(r#"{{"type":"RTM_NEWLINK","attrs":{attrs}}}"#);
    let o = vethctl(&["encode"], line.as_bytes());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("line 1: cannot encode: attributes nested deeper than 16 levels"),
        "{}",
        stderr(&o)
    );
}
