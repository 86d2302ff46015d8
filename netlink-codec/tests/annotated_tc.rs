//! Traffic control, annotated byte by byte in the style of `annotated_families.rs`: a
//! `struct tcmsg` request as iproute2 6.1's `tc` sends it (corpus `0600`) parses to the
//! expected owned message, emits exactly those bytes, and is what the builder writes; and
//! the generic statistics payloads (`TCA_STATS`'s `struct tc_stats`, `TCA_STATS2`'s
//! `TCA_STATS_*`, `TCA_STAB`, `TCA_RATE`), laid out field by field as the uapi declares
//! them, parse to typed values, show their fields in the text tree and the JSON, and come
//! back byte-exact through the JSON.
//!
//! The bytes are native-endian as netlink is; they are written for a little-endian host.
#![cfg(all(feature = "render", target_endian = "little"))]

mod common;

use netlink_codec::af::AF_UNSPEC;
use netlink_codec::build::MessageBuilder;
use netlink_codec::header::{NlmFlags, RTM_GETACTION, RTM_NEWQDISC};
use netlink_codec::model::{AttrValue, Body, Header, Message, Node};
use netlink_codec::render::{json_lines, message_from_json, text};
use netlink_codec::tc::{
    TcEstimator, TcMsg, TcaMsg, TCA_ACT_INDEX, TCA_ACT_KIND, TCA_ACT_STATS, TCA_HTB_INIT, TCA_KIND,
    TCA_OPTIONS, TCA_RATE, TCA_ROOT_COUNT, TCA_ROOT_TAB, TCA_STAB, TCA_STAB_BASE, TCA_STAB_DATA,
    TCA_STATS, TCA_STATS2, TCA_STATS_APP, TCA_STATS_BASIC, TCA_STATS_BASIC_HW, TCA_STATS_PKT64,
    TCA_STATS_QUEUE, TCA_STATS_RATE_EST, TCA_STATS_RATE_EST64,
};
use serde_json::{json, Value as Json};
use zerocopy::IntoBytes;

use common::parse_one as parse;

/// `NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE`.
const CREATE: NlmFlags = NlmFlags::REQUEST
    .union(NlmFlags::ACK)
    .union(NlmFlags::EXCL)
    .union(NlmFlags::CREATE);

// ---- a qdisc add -----------------------------------------------------------------------

/// `tc qdisc add dev t0 root handle 1: estimator 1sec 8sec htb default 10` (corpus 0600;
/// `t0` had index 3).
#[rustfmt::skip]
const QDISC_ADD: &[u8] = &[
    // nlmsghdr
    0x50, 0x00, 0x00, 0x00, // nlmsg_len 80
    0x24, 0x00,             // nlmsg_type RTM_NEWQDISC (36)
    0x05, 0x06,             // nlmsg_flags NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE
    0x48, 0xec, 0x0f, 0x6b, // nlmsg_seq 1796205640
    0x00, 0x00, 0x00, 0x00, // nlmsg_pid 0
    // tcmsg
    0x00,                   // tcm_family AF_UNSPEC
    0x00,                   // tcm__pad1
    0x00, 0x00,             // tcm__pad2
    0x03, 0x00, 0x00, 0x00, // tcm_ifindex 3
    0x00, 0x00, 0x01, 0x00, // tcm_handle 0x00010000 ("1:")
    0xff, 0xff, 0xff, 0xff, // tcm_parent TC_H_ROOT
    0x00, 0x00, 0x00, 0x00, // tcm_info 0
    0x08, 0x00, 0x01, 0x00, // TCA_KIND (1), 8 bytes
    b'h', b't', b'b', 0x00, // "htb"
    0x06, 0x00, 0x05, 0x00, // TCA_RATE (5), 6 bytes: struct tc_estimator
    0x00,                   // interval 0 (1 s: 250 ms << (interval + 2))
    0x03,                   // ewma_log 3 (8 s)
    0x00, 0x00,             // 2 bytes padding
    0x1c, 0x00, 0x02, 0x00, // TCA_OPTIONS (2), 28 bytes: htb's own (TCA_HTB_*, by TCA_KIND)
    0x18, 0x00, 0x02, 0x00, //   TCA_HTB_INIT (2), 24 bytes: struct tc_htb_glob
    0x03, 0x00, 0x00, 0x00, //   version 3
    0x0a, 0x00, 0x00, 0x00, //   rate2quantum 10
    0x10, 0x00, 0x00, 0x00, //   defcls 0x10 ("default 10" is hex)
    0x00, 0x00, 0x00, 0x00, //   debug 0
    0x00, 0x00, 0x00, 0x00, //   direct_pkts 0
];

fn qdisc_header() -> TcMsg {
    TcMsg {
        tcm_family: AF_UNSPEC,
        tcm_ifindex: 3.into(),
        tcm_handle: 0x0001_0000.into(),
        tcm_parent: u32::MAX.into(),
        ..TcMsg::default()
    }
}

/// htb's `TCA_OPTIONS` payload: the last 24 bytes of [`QDISC_ADD`].
fn htb_options() -> &'static [u8] {
    &QDISC_ADD[QDISC_ADD.len() - 24..]
}

fn qdisc_add() -> Message {
    let estimator = TcEstimator {
        interval: 0,
        ewma_log: 3,
    };
    let attrs = vec![
        Node::new(TCA_KIND, AttrValue::Str("htb".into(), true)),
        Node::new(TCA_RATE, AttrValue::Structs(estimator.as_bytes().to_vec())),
        Node::new(
            TCA_OPTIONS,
            AttrValue::Nested(vec![Node::new(
                TCA_HTB_INIT,
                AttrValue::U32s(vec![3, 10, 0x10, 0, 0]),
            )]),
        ),
    ];
    Message::request(
        RTM_NEWQDISC,
        CREATE,
        1796205640,
        Body::Tc(Header(qdisc_header()), attrs),
    )
}

#[test]
fn the_annotation_is_the_capture() {
    let captured = std::fs::read(common::corpus_dir().join("0600-req.bin")).unwrap();
    assert_eq!(captured, QDISC_ADD);
}

#[test]
fn qdisc_add_parses_to_the_expected_message() {
    assert_eq!(parse(QDISC_ADD), qdisc_add());
}

#[test]
fn qdisc_add_emits_the_annotated_bytes() {
    assert_eq!(qdisc_add().to_bytes().unwrap(), QDISC_ADD);
}

#[test]
fn qdisc_add_is_what_the_builder_writes() {
    let mut buf = Vec::new();
    let mut m = MessageBuilder::new(&mut buf, RTM_NEWQDISC, CREATE, 1796205640).unwrap();
    m.family_header(&qdisc_header()).unwrap();
    let a = m.attrs();
    a.str(TCA_KIND, "htb").unwrap();
    a.attr(TCA_RATE, &[0, 3]).unwrap();
    a.attr(TCA_OPTIONS, htb_options()).unwrap();
    assert_eq!(m.finish().unwrap(), QDISC_ADD.len());
    assert_eq!(buf, QDISC_ADD);
}

#[test]
fn qdisc_add_shows_tcmsg_and_the_estimator_by_name() {
    let tree = text(QDISC_ADD).unwrap();
    for l in [
        "tcmsg: tcm_family=AF_UNSPEC tcm__pad1=0 tcm__pad2=0 tcm_ifindex=3 tcm_handle=65536 \
         tcm_parent=4294967295 tcm_info=0",
        "TCA_KIND: \"htb\"",
        "tc_estimator: interval=0 ewma_log=3",
        "TCA_OPTIONS:",
        "TCA_HTB_INIT: 5 elements",
        "rate2quantum = 10",
        "defcls = 16",
    ] {
        assert!(tree.contains(l), "text lacks {l:?}:\n{tree}");
    }
    let json: Json = serde_json::from_str(json_lines(QDISC_ADD).unwrap().trim_end()).unwrap();
    assert_eq!(
        json["header"],
        json!({"tcm_family": 0, "tcm__pad1": 0, "tcm__pad2": 0, "tcm_ifindex": 3,
               "tcm_handle": 65536, "tcm_parent": 4294967295u32, "tcm_info": 0})
    );
    assert_eq!(
        find(&json, "TCA_RATE").unwrap()["value"],
        json!([{"interval": 0, "ewma_log": 3}])
    );
    assert_eq!(
        find(&json, "TCA_HTB_INIT").unwrap()["value"],
        json!({"version": 3, "rate2quantum": 10, "defcls": 16, "debug": 0, "direct_pkts": 0})
    );
    assert_eq!(via_json(QDISC_ADD), QDISC_ADD);
}

// ---- statistics payloads ---------------------------------------------------------------

/// The message's bytes, after a trip through its JSON (`decode --json`, then `encode`).
fn via_json(bytes: &[u8]) -> Vec<u8> {
    let line = json_lines(bytes).unwrap();
    let v: serde_json::Value = serde_json::from_str(line.trim_end()).unwrap();
    message_from_json(&v).unwrap().to_bytes().unwrap()
}

/// A qdisc dump answer (`RTM_NEWQDISC`, for `t0`, "htb") carrying `attrs`, which the
/// caller gives raw: the parse must type them.
fn qdisc_with(attrs: Vec<Node>) -> Vec<u8> {
    let mut all = vec![Node::new(TCA_KIND, AttrValue::Str("htb".into(), true))];
    all.extend(attrs);
    Message {
        msg_type: RTM_NEWQDISC,
        flags: NlmFlags::MULTI.bits(),
        seq: 7,
        pid: 4242,
        body: Body::Tc(Header(qdisc_header()), all),
    }
    .to_bytes()
    .unwrap()
}

fn raw(kind: u16, payload: &[u8]) -> Node {
    Node::new(kind, AttrValue::Raw(payload.to_vec()))
}

/// The first attribute of type name `ty` in a message's JSON, depth first.
fn find<'j>(j: &'j Json, ty: &str) -> Option<&'j Json> {
    let attrs = j.get("attrs")?.as_array()?;
    attrs
        .iter()
        .find(|a| a["type"] == ty)
        .or_else(|| attrs.iter().find_map(|a| find(a, ty)))
}

/// `bytes` renders every one of the text `lines`, its JSON has each attribute of `values`
/// (its type name, then its `value` or `hex`) as given, and it comes back byte-exact
/// through the model and through JSON.
fn shows(bytes: &[u8], lines: &[&str], values: &[(&str, Json)]) {
    assert_eq!(parse(bytes).to_bytes().unwrap(), bytes, "lossless");
    let tree = text(bytes).unwrap();
    for l in lines {
        assert!(tree.contains(l), "text lacks {l:?}:\n{tree}");
    }
    let json: Json = serde_json::from_str(json_lines(bytes).unwrap().trim_end()).unwrap();
    for (ty, want) in values {
        let a = find(&json, ty).unwrap_or_else(|| panic!("no {ty} in {json}"));
        let got = a.get("value").or_else(|| a.get("hex"));
        assert_eq!(got, Some(want), "{ty} in {json}");
    }
    assert_eq!(via_json(bytes), bytes, "decode --json -> encode");
}

/// `struct tc_stats`: every field a different value, so that no offset can be swapped.
#[rustfmt::skip]
const TC_STATS: &[u8] = &[
    0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x01, // bytes 0x0122334455667788
    0x0b, 0x00, 0x00, 0x00, // packets 11
    0x0c, 0x00, 0x00, 0x00, // drops 12
    0x0d, 0x00, 0x00, 0x00, // overlimits 13
    0x0e, 0x00, 0x00, 0x00, // bps 14
    0x0f, 0x00, 0x00, 0x00, // pps 15
    0x10, 0x00, 0x00, 0x00, // qlen 16
    0x11, 0x00, 0x00, 0x00, // backlog 17
    0x00, 0x00, 0x00, 0x00, // tail padding to the __u64's alignment (40 bytes in all)
];

#[test]
fn tca_stats_is_struct_tc_stats() {
    let bytes = qdisc_with(vec![raw(TCA_STATS, TC_STATS)]);
    let m = parse(&bytes);
    assert_eq!(
        m.attrs().unwrap()[1].value,
        AttrValue::Structs(TC_STATS.to_vec()),
        "typed, not raw"
    );
    shows(
        &bytes,
        &[
            "tc_stats: bytes=81684111829661576 packets=11 drops=12 overlimits=13 bps=14 pps=15 \
           qlen=16 backlog=17 __pad=0",
        ],
        &[(
            "TCA_STATS",
            json!([{"bytes":0x0122_3344_5566_7788_u64,"packets":11,"drops":12,"overlimits":13,"bps":14,"pps":15,"qlen":16,"backlog":17,"__pad":0}]),
        )],
    );
}

#[test]
fn a_tc_stats_of_another_length_stays_raw() {
    // 36 bytes: a 32-bit sender's struct without the tail padding.
    let bytes = qdisc_with(vec![raw(TCA_STATS, &TC_STATS[..36])]);
    let m = parse(&bytes);
    assert!(matches!(m.attrs().unwrap()[1].value, AttrValue::Raw(_)));
    assert_eq!(m.to_bytes().unwrap(), bytes);
}

#[rustfmt::skip]
const BASIC: &[u8] = &[
    0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // bytes 4096
    0x20, 0x00, 0x00, 0x00, // packets 32
    0x00, 0x00, 0x00, 0x00, // padding: the kernel copies sizeof(struct gnet_stats_basic), 16
];
#[rustfmt::skip]
const BASIC_HW: &[u8] = &[
    0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // bytes 512
    0x04, 0x00, 0x00, 0x00, // packets 4
    0x00, 0x00, 0x00, 0x00, // padding
];
#[rustfmt::skip]
const RATE_EST: &[u8] = &[
    0xe8, 0x03, 0x00, 0x00, // bps 1000
    0x05, 0x00, 0x00, 0x00, // pps 5
];
#[rustfmt::skip]
const QUEUE: &[u8] = &[
    0x01, 0x00, 0x00, 0x00, // qlen 1
    0x02, 0x00, 0x00, 0x00, // backlog 2
    0x03, 0x00, 0x00, 0x00, // drops 3
    0x04, 0x00, 0x00, 0x00, // requeues 4
    0x05, 0x00, 0x00, 0x00, // overlimits 5
];
#[rustfmt::skip]
const RATE_EST64: &[u8] = &[
    0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, // bps 1 << 32
    0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // pps 6
];
#[rustfmt::skip]
const PKT64: &[u8] = &[
    0x21, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, // 0x100000021 packets
];
/// htb's `struct tc_htb_xstats` (20 bytes): the qdisc's own, raw.
const APP: &[u8] = &[
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x40, 0x0d, 3, 0, 0x40, 0x0d, 3, 0,
];

#[test]
fn tca_stats2_is_a_nest_of_gnet_stats() {
    let stats2 = Node::new(
        TCA_STATS2,
        AttrValue::Nested(vec![
            raw(TCA_STATS_BASIC, BASIC),
            raw(TCA_STATS_RATE_EST, RATE_EST),
            raw(TCA_STATS_QUEUE, QUEUE),
            raw(TCA_STATS_RATE_EST64, RATE_EST64),
            raw(TCA_STATS_BASIC_HW, BASIC_HW),
            raw(TCA_STATS_PKT64, PKT64),
            raw(TCA_STATS_APP, APP),
        ]),
    );
    let bytes = qdisc_with(vec![stats2]);
    let m = parse(&bytes);
    let AttrValue::Nested(c) = &m.attrs().unwrap()[1].value else {
        panic!("TCA_STATS2 is not a nest: {m:?}")
    };
    let values: Vec<&AttrValue> = c.iter().map(|n| &n.value).collect();
    assert_eq!(
        values,
        [
            &AttrValue::Structs(BASIC.to_vec()),
            &AttrValue::U32s(vec![1000, 5]),
            &AttrValue::U32s(vec![1, 2, 3, 4, 5]),
            &AttrValue::U64s(vec![1 << 32, 6]),
            &AttrValue::Structs(BASIC_HW.to_vec()),
            &AttrValue::U64(0x1_0000_0021),
            &AttrValue::Raw(APP.to_vec()),
        ]
    );
    shows(
        &bytes,
        &[
            "TCA_STATS2:",
            "TCA_STATS_BASIC: 1 elements",
            "gnet_stats_basic: bytes=4096 packets=32 __pad=0",
            "TCA_STATS_RATE_EST: 2 elements",
            "bps = 1000",
            "TCA_STATS_QUEUE: 5 elements",
            "requeues = 4",
            "overlimits = 5",
            "TCA_STATS_RATE_EST64: 2 elements",
            "bps = 4294967296",
            "TCA_STATS_BASIC_HW: 1 elements",
            "gnet_stats_basic: bytes=512 packets=4 __pad=0",
            "TCA_STATS_PKT64: 4294967329",
            "TCA_STATS_APP: hex 000000000000000000000000400d0300400d0300",
        ],
        &[
            (
                "TCA_STATS_BASIC",
                json!([{"bytes":4096,"packets":32,"__pad":0}]),
            ),
            ("TCA_STATS_RATE_EST", json!({"bps":1000,"pps":5})),
            (
                "TCA_STATS_QUEUE",
                json!({"qlen":1,"backlog":2,"drops":3,"requeues":4,"overlimits":5}),
            ),
            ("TCA_STATS_RATE_EST64", json!({"bps": 1u64 << 32,"pps":6})),
            ("TCA_STATS_PKT64", json!(0x1_0000_0021_u64)),
            (
                "TCA_STATS_APP",
                json!("000000000000000000000000400d0300400d0300"),
            ),
        ],
    );
}

#[rustfmt::skip]
const SIZESPEC: &[u8] = &[
    0x03,                   // cell_log 3
    0x01,                   // size_log 1
    0xff, 0xff,             // cell_align -1
    0xec, 0xff, 0xff, 0xff, // overhead -20
    0x02, 0x00, 0x00, 0x00, // linklayer TC_LINKLAYER_ATM (2)
    0x40, 0x00, 0x00, 0x00, // mpu 64
    0xdc, 0x05, 0x00, 0x00, // mtu 1500
    0x03, 0x00, 0x00, 0x00, // tsize 3: TCA_STAB_DATA holds 3 __u16
];

#[test]
fn tca_stab_is_a_sizespec_and_its_table() {
    let stab = Node::new(
        TCA_STAB,
        AttrValue::Nested(vec![
            raw(TCA_STAB_BASE, SIZESPEC),
            raw(TCA_STAB_DATA, &[0x30, 0, 0x60, 0, 0x90, 0]),
        ]),
    );
    let bytes = qdisc_with(vec![stab]);
    let m = parse(&bytes);
    let AttrValue::Nested(c) = &m.attrs().unwrap()[1].value else {
        panic!("TCA_STAB is not a nest: {m:?}")
    };
    assert_eq!(c[0].value, AttrValue::Structs(SIZESPEC.to_vec()));
    assert_eq!(c[1].value, AttrValue::U16s(vec![0x30, 0x60, 0x90]));
    shows(
        &bytes,
        &[
            "tc_sizespec: cell_log=3 size_log=1 cell_align=-1 overhead=-20 \
           linklayer=TC_LINKLAYER_ATM mpu=64 mtu=1500 tsize=3",
        ],
        &[
            (
                "TCA_STAB_BASE",
                json!([{"cell_log":3,"size_log":1,"cell_align":-1,"overhead":-20,"linklayer":2,"mpu":64,"mtu":1500,"tsize":3}]),
            ),
            // The table has no element names: its elements are keyed by position.
            ("TCA_STAB_DATA", json!({"0": 0x30, "1": 0x60, "2": 0x90})),
        ],
    );
}

// ---- an action dump --------------------------------------------------------------------

#[test]
fn an_action_dump_holds_tca_act_nests_by_order() {
    // What `tc -s actions ls action mirred` reads (corpus 0636, shortened): TCA_ROOT_COUNT,
    // then TCA_ROOT_TAB with the actions as nests of type 0, 1, ... (the order).
    let action = |order: u16, index: u32| {
        Node::new(
            order,
            AttrValue::Nested(vec![
                Node::new(TCA_ACT_KIND, AttrValue::Str("mirred".into(), true)),
                Node::new(TCA_ACT_INDEX, AttrValue::U32(index)),
                Node::new(
                    TCA_ACT_STATS,
                    AttrValue::Nested(vec![raw(TCA_STATS_BASIC, BASIC)]),
                ),
            ]),
        )
    };
    let m = Message {
        msg_type: RTM_GETACTION,
        flags: NlmFlags::MULTI.bits(),
        seq: 9,
        pid: 4242,
        body: Body::Action(
            Header(TcaMsg::default()),
            vec![
                Node::new(TCA_ROOT_COUNT, AttrValue::U32(2)),
                Node::new(
                    TCA_ROOT_TAB,
                    AttrValue::Nested(vec![action(0, 7), action(1, 8)]),
                ),
            ],
        ),
    };
    let bytes = m.to_bytes().unwrap();
    let back = parse(&bytes);
    let AttrValue::Nested(tab) = &back.attrs().unwrap()[1].value else {
        panic!("TCA_ROOT_TAB is not a nest")
    };
    let AttrValue::Nested(stats) = &tab[1].as_nested()[2].value else {
        panic!("TCA_ACT_STATS is not a nest")
    };
    assert_eq!(stats[0].value, AttrValue::Structs(BASIC.to_vec()), "typed");
    shows(
        &bytes,
        &[
            "tcamsg: tca_family=AF_UNSPEC tca__pad1=0 tca__pad2=0",
            "TCA_ROOT_COUNT: 2",
            "[1]:",
            "TCA_ACT_KIND: \"mirred\"",
            "TCA_ACT_INDEX: 8",
            "gnet_stats_basic: bytes=4096 packets=32 __pad=0",
        ],
        &[("TCA_ACT_INDEX", json!(7))],
    );
}

trait AsNested {
    fn as_nested(&self) -> &[Node];
}

impl AsNested for Node {
    fn as_nested(&self) -> &[Node] {
        match &self.value {
            AttrValue::Nested(c) => c,
            v => panic!("not a nest: {v:?}"),
        }
    }
}
