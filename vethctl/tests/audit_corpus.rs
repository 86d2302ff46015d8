//! `decode` / `encode` over the golden corpus: every buffer survives
//! `decode --json | encode` byte for byte, and every name strace gives for a buffer is in
//! our output for it.

mod audit_support;

use audit_support::{corpus, json_of, manifest, text_of};
use netlink_codec::model::{AttrValue, Message};
use vethctl::audit::encode_lines;

#[test]
fn decode_json_then_encode_reproduces_every_buffer() {
    let mut messages = 0;
    for (name, bytes) in corpus() {
        let json = json_of(&bytes);
        messages += json.lines().count();
        let again = encode_lines(&json).unwrap_or_else(|e| panic!("{name}: {e:#}"));
        assert!(
            again == bytes,
            "{name}: encode gave different bytes\n{json}"
        );
    }
    assert!(messages >= 136, "{messages} messages");
}

/// The names strace printed for a buffer: attribute types, array element labels, message
/// types and errno names.
fn strace_names(strace: &str) -> Vec<String> {
    let word = |s: &str| -> String {
        if !s.starts_with(|c: char| c.is_ascii_uppercase()) {
            return String::new();
        }
        s.chars()
            .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_')
            .collect()
    };
    let mut names = Vec::new();
    for key in ["nla_type=", "nlmsg_type=", "error=-"] {
        for (i, _) in strace.match_indices(key) {
            // `nla_type=NLA_F_NESTED|IFLA_FOO`: the flag is not a type name.
            for part in strace[i + key.len()..].split('|').take(2) {
                let w = word(part);
                if !w.is_empty() && !w.starts_with("NLA_F_") {
                    names.push(w);
                }
                if !part.starts_with("NLA_F_") {
                    break;
                }
            }
        }
    }
    // Array elements: `[DEVCONF_FORWARDING]=0`, `[IPV4_DEVCONF_FORWARDING-1]=0`.
    for (i, _) in strace.match_indices('[') {
        let w = word(&strace[i + 1..]);
        let rest = &strace[i + 1 + w.len()..];
        if w.len() > 1 && (rest.starts_with("]=") || rest.starts_with("-1]=")) {
            names.push(w);
        }
    }
    names.sort();
    names.dedup();
    names
}

#[test]
fn every_name_strace_gives_is_in_our_output() {
    let buffers: std::collections::HashMap<_, _> = corpus().into_iter().collect();
    let mut checked = 0;
    let mut missing = Vec::new();
    for (file, strace) in manifest() {
        let bytes = &buffers[&file];
        let json = json_of(bytes);
        let text = text_of(bytes);
        // strace reads the ndmsg of a `bridge fdb show` request as the legacy ifinfomsg
        // the kernel also accepts there: its IFLA_ names are not in the message.
        let legacy_fdb_dump =
            strace.contains("nlmsg_type=RTM_GETNEIGH") && strace.contains("{ifi_family=");
        // strace reads a stats request's IFLA_STATS_GETSET_* attributes as the replies'
        // IFLA_STATS_* (IFLA_STATS_GET_FILTERS as IFLA_STATS_LINK_64): not in the message.
        let stats_request = strace.contains("nlmsg_type=RTM_GETSTATS");
        // strace 6.1 reads an MDB request's (or its echo's) MDBA_SET_ENTRY* attributes as
        // the answers' MDBA_* (MDBA_SET_ENTRY as MDBA_MDB): not in the message, which the
        // codec reads as the kernel does (`Family::of_message`).
        let mdb_request = ["RTM_NEWMDB", "RTM_DELMDB", "RTM_GETMDB"]
            .iter()
            .any(|t| strace.contains(&format!("nlmsg_type={t}, nlmsg_flags=NLM_F_REQUEST")));
        // strace 6.1 reads the top level of RTM_*ACTION (TCA_ROOT_*) with its TCA_ACT_*
        // table (TCA_ROOT_COUNT as TCA_ACT_INDEX): those names are not the message's.
        let action = ["RTM_NEWACTION", "RTM_DELACTION", "RTM_GETACTION"]
            .iter()
            .any(|t| strace.contains(&format!("nlmsg_type={t}")));
        // `tc` sends a dump request's nlmsghdr and tcmsg in two iovecs; strace reads the
        // second as a message header of its own: its nlmsg_type is not in the message.
        let split = strace.contains("msg_iovlen=2");
        let first_type = strace_names(&strace[..strace.find("}, iov_len=").unwrap_or(0)]);
        for n in strace_names(&strace) {
            if action && n.starts_with("TCA_ACT_") {
                continue;
            }
            if split && !first_type.contains(&n) {
                continue;
            }
            if legacy_fdb_dump && n.starts_with("IFLA_") {
                continue;
            }
            if stats_request && n.starts_with("IFLA_STATS_") {
                continue;
            }
            if mdb_request && n.starts_with("MDBA_") {
                continue;
            }
            checked += 1;
            let quoted = format!("\"{n}\"");
            // An element of an array member (`struct br_mcast_stats`'s `igmp_v1queries
            // [BR_MCAST_DIR_RX]`) is labelled `member[NAME]`.
            let element = format!("[{n}]\"");
            if !json.contains(&quoted) && !json.contains(&element) {
                missing.push(format!("{file}: {n} not in JSON"));
            }
            let in_text = text.match_indices(&n).any(|(i, _)| {
                let after = text[i + n.len()..].chars().next();
                !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            });
            if !in_text {
                missing.push(format!("{file}: {n} not in the tree"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "{} missing:\n{}",
        missing.len(),
        missing.join("\n")
    );
    assert!(checked > 1800, "only {checked} names checked");
}

#[test]
fn strace_name_extraction_finds_what_it_should() {
    let s = r#"[{nla_len=8, nla_type=NLA_F_NESTED|IFLA_FOO}, [{nla_len=5, nla_type=0x43 /* IFLA_??? */}], [[DEVCONF_A]=0, [IPV4_DEVCONF_B-1]=1], {nlmsg_len=52, nlmsg_type=NLMSG_ERROR}, {error=-ENODEV, msg=[]}"#;
    assert_eq!(
        strace_names(s),
        [
            "DEVCONF_A",
            "ENODEV",
            "IFLA_FOO",
            "IPV4_DEVCONF_B",
            "NLMSG_ERROR"
        ]
    );
}

fn corpus_file(name: &str) -> Vec<u8> {
    corpus().into_iter().find(|(n, _)| n == name).unwrap().1
}

#[test]
fn tree_shows_nesting_values_and_errors() {
    // ip link add vh-pod1 type veth peer name eth0 netns pod1
    let t = text_of(&corpus_file("0002-req.bin"));
    let line = |needle: &str| {
        t.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no {needle:?} in\n{t}"))
            .to_owned()
    };
    let indent = |l: &str| l[6..].len() - l[6..].trim_start().len();
    assert!(line("RTM_NEWLINK").contains("flags=NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE"));
    assert_eq!(
        line("IFLA_INFO_KIND").trim(),
        "48     IFLA_INFO_KIND: \"veth\" (no NUL)"
    );
    let peer = line("VETH_INFO_PEER");
    let peer_name = line("\"eth0\"");
    assert!(peer_name.contains("IFLA_IFNAME"));
    assert_eq!(indent(&peer_name), indent(&peer) + 2, "{t}");
    assert!(line("IFLA_NET_NS_FD").ends_with("IFLA_NET_NS_FD: 4"));

    // The kernel's EEXIST with an extended-ACK message, echoing the request.
    let t = text_of(&corpus_file("0067-rep.bin"));
    assert!(t.contains("error: -17 EEXIST (File exists)"), "{t}");
    assert!(t.contains("request: RTM_NEWADDR"), "{t}");
    assert!(t.contains("IFA_LOCAL: 10.10.0.10"), "{t}");
    assert!(
        t.contains("NLMSGERR_ATTR_MSG: \"ipv4: Address already assigned\""),
        "{t}"
    );

    // A capped ACK: the request is only its header.
    let t = text_of(&corpus_file("0003-rep.bin"));
    assert!(t.contains("error: 0 (ACK)"), "{t}");
    assert!(t.contains("request: RTM_NEWLINK len=100"), "{t}");
    assert!(t.contains("(header only)"), "{t}");
}

#[test]
fn json_has_the_issue_shape() {
    let j: serde_json::Value =
        serde_json::from_str(json_of(&corpus_file("0002-req.bin")).trim()).unwrap();
    let keys: Vec<_> = j.as_object().unwrap().keys().cloned().collect();
    assert_eq!(
        keys,
        ["len", "type", "flags", "seq", "pid", "header", "attrs"]
    );
    assert_eq!(j["len"], 100);
    assert_eq!(j["type"], "RTM_NEWLINK");
    assert_eq!(
        j["flags"],
        serde_json::json!(["NLM_F_REQUEST", "NLM_F_ACK", "NLM_F_EXCL", "NLM_F_CREATE"])
    );
    assert_eq!(j["header"]["ifi_index"], 0);
    assert_eq!(
        j["attrs"][0],
        serde_json::json!({"type": "IFLA_IFNAME", "value": "vh-pod1"})
    );
    assert_eq!(j["attrs"][1]["type"], "IFLA_LINKINFO");
    assert_eq!(
        j["attrs"][1]["attrs"][0],
        serde_json::json!({"type": "IFLA_INFO_KIND", "value": "veth", "nul": false})
    );

    let e: serde_json::Value =
        serde_json::from_str(json_of(&corpus_file("0067-rep.bin")).trim()).unwrap();
    assert_eq!(e["type"], "NLMSG_ERROR");
    assert_eq!(e["error"], -17);
    assert_eq!(e["errno"], "EEXIST");
    assert_eq!(e["request"]["type"], "RTM_NEWADDR");
    assert_eq!(e["request"]["attrs"][0]["value"], "10.10.0.10");
    assert_eq!(
        e["attrs"][0],
        serde_json::json!({"type": "NLMSGERR_ATTR_MSG", "value": "ipv4: Address already assigned"})
    );
}

#[test]
fn hand_edited_json_encodes_the_edit() {
    // Change the veth's MTU in the kernel's answer to `ip link show vh-pod1`.
    let bytes = corpus_file("0007-rep.bin");
    let json = json_of(&bytes);
    assert!(
        json.contains(r#"{"type":"IFLA_MTU","value":1500}"#),
        "{json}"
    );
    let edited = json.replace(
        r#"{"type":"IFLA_MTU","value":1500}"#,
        r#"{"type":"IFLA_MTU","value":9000}"#,
    );
    let out = encode_lines(&edited).unwrap();
    assert_eq!(out.len(), bytes.len());
    let m = &Message::parse_all(&out).unwrap()[0];
    let mtu = m
        .attrs()
        .unwrap()
        .iter()
        .find(|n| n.kind() == netlink_codec::link::IFLA_MTU)
        .unwrap();
    assert_eq!(mtu.value, AttrValue::U32(9000));
    let diff: Vec<_> = (0..out.len()).filter(|&i| out[i] != bytes[i]).collect();
    assert_eq!(diff.len(), 2, "only the MTU's bytes change: {diff:?}");

    // A hand-written request: names or numbers, missing header fields are zero, len is
    // computed.
    let line = r#"{"type":"RTM_NEWLINK","flags":["NLM_F_REQUEST","NLM_F_ACK"],"seq":7,"header":{"ifi_index":3},"attrs":[{"type":"IFLA_MTU","value":1400},{"type":4,"hex":"78050000"}]}"#;
    let out = encode_lines(line).unwrap();
    let m = &Message::parse_all(&out).unwrap()[0];
    assert_eq!(out.len(), 16 + 16 + 8 + 8);
    assert_eq!(m.seq, 7);
    assert_eq!(m.flags, 0x5);
    assert_eq!(&out[20..24], &3i32.to_ne_bytes());
    assert_eq!(&out[32..40], &[8, 0, 4, 0, 0x78, 0x05, 0, 0]);
}

#[test]
fn bad_json_names_the_line_and_the_field() {
    let good = r#"{"type":"RTM_GETLINK","flags":["NLM_F_REQUEST"],"seq":1,"pid":0,"header":{},"attrs":[]}"#;
    let cases = [
        (
            r#"{"type":"RTM_NEWLINK","attrs":[{"type":"IFLA_IFNAME","value":"a"},{"type":"IFLA_MTU","value":1},{"type":"IFLA_FOO","value":1}]}"#,
            r#"line 3: attrs[2].type: unknown attribute name "IFLA_FOO" in space IFLA"#,
        ),
        (
            r#"{"type":"RTM_NEWLINK","attrs":[{"type":"IFLA_MTU","value":"big"}]}"#,
            r#"line 3: attrs[0].value: expected an integer, got "big""#,
        ),
        (
            r#"{"type":"RTM_NEWLINK","attrs":[{"type":"IFLA_MTU","value":4294967296}]}"#,
            "line 3: attrs[0].value: 4294967296 is out of range for u32",
        ),
        (
            r#"{"type":"RTM_NEWLINK","header":{"ifi_famly":0}}"#,
            "line 3: header.ifi_famly: unknown field of ifinfomsg",
        ),
        (
            r#"{"type":"RTM_NEWFOO"}"#,
            r#"line 3: type: unknown message type name "RTM_NEWFOO""#,
        ),
        (
            r#"{"type":"RTM_NEWLINK","flags":["NLM_F_NOPE"]}"#,
            r#"line 3: flags[0]: unknown flag name "NLM_F_NOPE""#,
        ),
        (
            r#"{"type":"RTM_NEWLINK","attrs":[{"type":"IFLA_LINKINFO","attrs":[{"type":"IFLA_INFO_KIND","value":"veth"},{"type":"IFLA_INFO_DATA","attrs":[{"type":"VETH_INFO_PEER","header":{},"attrs":[{"type":"IFLA_ADDRESS","value":"zz:00"}]}]}]}]}"#,
            r#"line 3: attrs[0].attrs[1].attrs[0].attrs[0].value: bad link-layer address "zz:00""#,
        ),
        (
            r#"{"type":"RTM_NEWADDR","attrs":[{"type":"IFA_LOCAL","value":"10.0.0.300"}]}"#,
            r#"line 3: attrs[0].value: expected an IPv4 or IPv6 address, got "10.0.0.300""#,
        ),
        (
            r#"{"type":"NLMSG_ERROR","error":-17,"errno":"ENOENT","request":{"hex":""}}"#,
            "line 3: errno: does not match error -17 (it is -2)",
        ),
        (
            r#"{"type":"RTM_NEWLINK","attrs":[{"type":"IFLA_MTU"}]}"#,
            r#"line 3: attrs[0]: needs one of "value", "attrs", "nexthops" or "hex""#,
        ),
        (
            r#"{"type":"RTM_NEWLINK","attrs":[{"type":"IFLA_MTU","hex":"0g"}]}"#,
            "line 3: attrs[0].hex: line 1, column 2: 'g' is not a hex digit",
        ),
        (
            r#"{"type":"RTM_NEWNEXTHOP","attrs":[{"type":"NHA_GROUP","value":7}]}"#,
            "line 3: attrs[0].value: expected an array of nexthop_grp objects",
        ),
        (
            r#"{"type":"RTM_NEWNEXTHOP","attrs":[{"type":"NHA_GROUP","value":[{"id":7},{"id":8,"weight":256}]}]}"#,
            "line 3: attrs[0].value[1].weight: 256 is out of range for u8",
        ),
        (
            r#"{"type":"RTM_NEWNEXTHOP","attrs":[{"type":"NHA_GROUP","value":[{"idd":7}]}]}"#,
            "line 3: attrs[0].value[0].idd: unknown field of nexthop_grp",
        ),
        (r#"{"type":"RTM_NEWLINK","#, "line 3: not JSON"),
    ];
    for (bad, want) in cases {
        let input = format!("{good}\n\n{bad}\n{good}\n");
        let err = format!("{:#}", encode_lines(&input).unwrap_err());
        assert!(err.starts_with(want), "got  {err}\nwant {want}");
    }
}

#[test]
fn ext_ack_offset_names_the_attribute_it_points_at() {
    use netlink_codec::ack::{NLMSGERR_ATTR_MSG, NLMSGERR_ATTR_OFFS};
    use netlink_codec::header::{NlmFlags, NLMSG_ERROR};
    use netlink_codec::model::{Body, Node};
    // The veth create of 0002, refused at its IFLA_LINKINFO (offset 44 in the request).
    let request = corpus_file("0002-req.bin");
    let m = Message {
        msg_type: NLMSG_ERROR,
        flags: NlmFlags::ACK_TLVS.bits(),
        seq: 1,
        pid: 4242,
        body: Body::Error {
            error: -22,
            request,
            ext_ack: vec![
                Node::new(
                    NLMSGERR_ATTR_MSG,
                    AttrValue::Str("Attribute failed policy validation".into(), true),
                ),
                Node::new(NLMSGERR_ATTR_OFFS, AttrValue::U32(44)),
            ],
        },
    };
    let bytes = m.to_bytes().unwrap();
    let t = text_of(&bytes);
    assert!(t.contains("error: -22 EINVAL (Invalid argument)"), "{t}");
    // The request starts at byte 20 of the answer: offset 44 is byte 64 here.
    assert!(t.contains("    64     IFLA_LINKINFO:"), "{t}");
    assert!(
        t.contains("offset 44 in the request is byte 64 here: IFLA_LINKINFO"),
        "{t}"
    );
    assert!(
        t.contains("NLMSGERR_ATTR_MSG: \"Attribute failed policy validation\""),
        "{t}"
    );
    assert_eq!(encode_lines(&json_of(&bytes)).unwrap(), bytes);
}

#[test]
fn a_new_route_notification_names_the_create_flags_it_carries() {
    use netlink_codec::header::{NlmFlags, RTM_NEWROUTE};
    use netlink_codec::model::{Body, Header};
    use netlink_codec::route::RtMsg;
    // What `ip monitor` sees after `ip route add`: the kernel's RTM_NEWROUTE carries the
    // request's NLM_F_EXCL|NLM_F_CREATE and no NLM_F_REQUEST.
    let notification = Message {
        msg_type: RTM_NEWROUTE,
        flags: (NlmFlags::EXCL | NlmFlags::CREATE).bits(),
        seq: 7,
        pid: 0,
        body: Body::Route(Header(RtMsg::default()), Vec::new()),
    };
    let t = text_of(&notification.to_bytes().unwrap());
    assert!(t.contains("flags=NLM_F_EXCL|NLM_F_CREATE "), "{t}");
    let j = json_of(&notification.to_bytes().unwrap());
    assert!(
        j.contains(r#""flags":["NLM_F_EXCL","NLM_F_CREATE"]"#),
        "{j}"
    );
}
