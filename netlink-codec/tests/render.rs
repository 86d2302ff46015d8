//! The renderer (feature `render`) over the whole golden corpus: every buffer renders as a
//! tree whose first line names its first message at offset 0, and its JSON Lines read back
//! (with [`message_from_json`]) to exactly its bytes, also with a zeroed tail after it.
#![cfg(feature = "render")]

mod common;

use netlink_codec::header::{msg_type_name, Messages};
use netlink_codec::render::{json_lines, message_from_json, parse_hex, text};

#[test]
fn every_corpus_buffer_renders_and_json_round_trips() {
    for (name, bytes) in common::corpus() {
        let tree = text(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let first = Messages::new(&bytes).next().unwrap().unwrap();
        let ty = msg_type_name(first.msg_type())
            .map_or_else(|| format!("type {}", first.msg_type()), str::to_owned);
        assert!(
            tree.starts_with(&format!("     0 {ty} len=")),
            "{name}: {}",
            tree.lines().next().unwrap_or("")
        );
        let mut back = Vec::new();
        for (i, line) in json_lines(&bytes).unwrap().lines().enumerate() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let m = message_from_json(&v).unwrap_or_else(|e| panic!("{name} line {i}: {e}"));
            m.emit(&mut back).unwrap();
        }
        assert_eq!(back, bytes, "{name}: JSON did not give the same bytes back");
    }
}

#[test]
fn malformed_input_is_an_error_naming_the_offset() {
    // A 16-byte header claiming 40 bytes, with 4 bytes after it.
    let mut bytes = 40u32.to_ne_bytes().to_vec();
    bytes.extend([0u8; 16]);
    let e = text(&bytes).unwrap_err();
    assert_eq!(e.offset, 0);
    assert_eq!(json_lines(&bytes).unwrap_err(), e);
}

#[test]
fn json_errors_name_the_field_by_its_path() {
    let v = serde_json::json!({
        "type": "RTM_NEWLINK",
        "attrs": [{ "type": "IFLA_IFNAME", "value": "a" }, { "type": "IFLA_FOO", "value": 1 }]
    });
    let e = message_from_json(&v).unwrap_err();
    assert_eq!(
        e.to_string(),
        "attrs[1].type: unknown attribute name \"IFLA_FOO\" in space IFLA"
    );
    assert_eq!(parse_hex("0x2000 ff").unwrap(), [0x20, 0, 0xff]);
    assert_eq!(parse_hex("abc").unwrap_err(), "odd number of hex digits");
}

#[test]
fn a_zeroed_tail_is_shown_and_read_back() {
    use netlink_codec::datagram::{Datagram, DatagramEnd};
    use netlink_codec::render::end_from_json;
    for (name, mut bytes) in common::corpus() {
        let len = bytes.len();
        bytes.resize(len + 128, 0);
        let tree = text(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let want = format!(
            "{len:>6} end: 128 zero bytes after the last message (the kernel ignores them)\n"
        );
        assert!(tree.ends_with(&want), "{name}: {tree}");
        let json = json_lines(&bytes).unwrap();
        let mut d = Datagram::default();
        for line in json.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            match end_from_json(&v).unwrap() {
                Some(end) => d.end = end,
                None => d.messages.push(message_from_json(&v).unwrap()),
            }
        }
        assert_eq!(d.end, DatagramEnd::ZeroTail(128), "{name}");
        assert_eq!(d.to_bytes().unwrap(), bytes, "{name}");
    }
}

/// An `RTM_NEWLINK` whose only attribute is `IFLA_MAX_PACING_OFFLOAD_HORIZON` (66) with
/// this payload.
fn link_with_pacing_horizon(payload: &[u8]) -> Vec<u8> {
    link_with(&attr(66, payload))
}

/// An `RTM_NEWLINK` holding `attrs` (whole attributes) after its `ifinfomsg`.
fn link_with(attrs: &[u8]) -> Vec<u8> {
    let len = 16 + 16 + attrs.len();
    let mut b = Vec::new();
    b.extend((len as u32).to_ne_bytes());
    b.extend(16u16.to_ne_bytes()); // RTM_NEWLINK
    b.extend([0u8; 10]);
    b.extend([0u8; 16]); // ifinfomsg
    b.extend(attrs);
    b
}

/// One attribute of type `kind`, zero-padded.
fn attr(kind: u16, payload: &[u8]) -> Vec<u8> {
    let mut b = Vec::new();
    b.extend(((4 + payload.len()) as u16).to_ne_bytes());
    b.extend(kind.to_ne_bytes());
    b.extend(payload);
    b.resize(b.len().next_multiple_of(4), 0);
    b
}

#[test]
fn a_variable_width_uint_keeps_its_width_through_json() {
    // 4 bytes, as `nla_put_uint` sends a small value; 8 bytes, as it sends a large one;
    // and a small value in 8 bytes, which only the hex form keeps.
    for payload in [
        5u32.to_ne_bytes().to_vec(),
        (1u64 << 40).to_ne_bytes().to_vec(),
        5u64.to_ne_bytes().to_vec(),
    ] {
        let bytes = link_with_pacing_horizon(&payload);
        let lines = json_lines(&bytes).unwrap();
        assert!(lines.contains("IFLA_MAX_PACING_OFFLOAD_HORIZON"), "{lines}");
        let v: serde_json::Value = serde_json::from_str(lines.trim()).unwrap();
        let mut back = Vec::new();
        message_from_json(&v).unwrap().emit(&mut back).unwrap();
        assert_eq!(back, bytes, "{lines}");
    }
}

/// iproute2 6.1's `ip route add ... encap ip id 6 dst 10.0.0.8 ttl 8 tos 4` leaves stale
/// bytes in the padding of `RTA_ENCAP_TYPE` and of the `__u8` `LWTUNNEL_IP_TTL`/`TOS`:
/// the tree shows them on the attribute's line, the JSON holds them as `"pad"`, and the
/// JSON reads back to the same bytes.
#[test]
fn stale_padding_is_shown_and_read_back() {
    let bytes = std::fs::read(common::corpus_dir().join("0406-req.bin")).unwrap();
    let tree = text(&bytes).unwrap();
    for line in [
        "    60     LWTUNNEL_IP_TTL [pad=f00100]: ",
        "    68     LWTUNNEL_IP_TOS [pad=e10100]: ",
        "    76   RTA_ENCAP_TYPE [pad=0100]: ",
    ] {
        assert!(tree.contains(line), "{line} not in\n{tree}");
    }
    let lines = json_lines(&bytes).unwrap();
    let v: serde_json::Value = serde_json::from_str(lines.trim()).unwrap();
    let encap_type = v["attrs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["type"] == "RTA_ENCAP_TYPE")
        .unwrap();
    assert_eq!(encap_type["pad"], "0100", "{lines}");
    let mut back = Vec::new();
    message_from_json(&v).unwrap().emit(&mut back).unwrap();
    assert_eq!(back, bytes, "{lines}");
}

/// A `"pad"` longer than any alignment padding is an error naming the field.
#[test]
fn a_pad_of_more_than_three_bytes_is_an_error() {
    let bytes = std::fs::read(common::corpus_dir().join("0406-req.bin")).unwrap();
    let lines = json_lines(&bytes).unwrap();
    let bad = lines.replace("\"pad\":\"0100\"", "\"pad\":\"01000000\"");
    assert_ne!(bad, lines);
    let v: serde_json::Value = serde_json::from_str(bad.trim()).unwrap();
    let e = message_from_json(&v).unwrap_err().to_string();
    assert!(e.contains("pad") && e.contains("at most 3 bytes"), "{e}");
}

/// A link whose `IFLA_INFO_KIND` is "ipvlan" then two NULs: no string attribute gives
/// those 8 bytes back, so the kind is kept raw (hex), yet it still names its kind up to
/// the first NUL, as the kernel reads it, and `IFLA_INFO_DATA` is shown with ipvlan's
/// names. The JSON reader must choose that space from the hex sibling too, or it cannot
/// read back the names the writer wrote.
#[test]
fn a_kind_kept_raw_still_chooses_the_data_space_in_json() {
    let mode = attr(1, &1u16.to_ne_bytes()); // IFLA_IPVLAN_MODE: IPVLAN_MODE_L3
    let info = [attr(1, b"ipvlan\0\0"), attr(2, &mode)].concat(); // KIND, DATA
    let bytes = link_with(&attr(18, &info)); // IFLA_LINKINFO
    let lines = json_lines(&bytes).unwrap();
    assert!(lines.contains(r#""hex":"6970766c616e0000""#), "{lines}");
    assert!(lines.contains("IFLA_IPVLAN_MODE"), "{lines}");
    let v: serde_json::Value = serde_json::from_str(lines.trim()).unwrap();
    let mut back = Vec::new();
    message_from_json(&v)
        .unwrap_or_else(|e| panic!("{e}\n{lines}"))
        .emit(&mut back)
        .unwrap();
    assert_eq!(back, bytes, "{lines}");
}
