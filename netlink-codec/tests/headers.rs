//! The family headers' field tables (`HeaderDef`) agree with their zerocopy structs: every
//! field read through the table equals the struct's field of the same name, on every
//! corpus message and on headers whose every byte differs (so that a wrong offset, width or
//! signedness cannot hide behind zeros). And reading or writing a field of a short header
//! is `None`/an error, never a panic.

mod common;

use common::corpus;

use netlink_codec::addr::IfAddrMsg;
use netlink_codec::addrlabel::IfAddrLblMsg;
use netlink_codec::family::Family;
use netlink_codec::header::Messages;
use netlink_codec::link::{IfInfoMsg, IfStatsMsg, TunnelMsg};
use netlink_codec::mdb::{BrMdbEntry, BrPortMsg, MdbRouterPort};
use netlink_codec::neigh::{NdMsg, NdtMsg};
use netlink_codec::netconf::NetconfMsg;
use netlink_codec::nexthop::{NexthopGrp, NhMsg};
use netlink_codec::nsid::RtGenMsg;
use netlink_codec::route::{RtMsg, RtNexthop};
use netlink_codec::rule::{FibRuleHdr, FibRulePortRange};
use netlink_codec::schema::HeaderDef;
use netlink_codec::tc::{
    GnetStatsBasic, TcEstimator, TcHtbOpt, TcMirred, TcMsg, TcRatespec, TcSizespec, TcStats,
    TcTbfQopt, TcaMsg,
};
use netlink_codec::vlan::BrVlanMsg;
use zerocopy::FromBytes;

/// (uapi name, value) of each field, read from the struct by name, in struct order.
fn by_struct(def: &HeaderDef, bytes: &[u8]) -> Vec<(&'static str, i64)> {
    match def.name {
        "ifinfomsg" => {
            let h = IfInfoMsg::ref_from_prefix(bytes).unwrap().0;
            vec![
                ("ifi_family", h.ifi_family.into()),
                ("__ifi_pad", h.ifi_pad.into()),
                ("ifi_type", h.ifi_type.get().into()),
                ("ifi_index", h.ifi_index.get().into()),
                ("ifi_flags", h.ifi_flags.get().into()),
                ("ifi_change", h.ifi_change.get().into()),
            ]
        }
        "ifaddrmsg" => {
            let h = IfAddrMsg::ref_from_prefix(bytes).unwrap().0;
            vec![
                ("ifa_family", h.ifa_family.into()),
                ("ifa_prefixlen", h.ifa_prefixlen.into()),
                ("ifa_flags", h.ifa_flags.into()),
                ("ifa_scope", h.ifa_scope.into()),
                ("ifa_index", h.ifa_index.get().into()),
            ]
        }
        "rtmsg" => {
            let h = RtMsg::ref_from_prefix(bytes).unwrap().0;
            vec![
                ("rtm_family", h.rtm_family.into()),
                ("rtm_dst_len", h.rtm_dst_len.into()),
                ("rtm_src_len", h.rtm_src_len.into()),
                ("rtm_tos", h.rtm_tos.into()),
                ("rtm_table", h.rtm_table.into()),
                ("rtm_protocol", h.rtm_protocol.into()),
                ("rtm_scope", h.rtm_scope.into()),
                ("rtm_type", h.rtm_type.into()),
                ("rtm_flags", h.rtm_flags.get().into()),
            ]
        }
        "rtnexthop" => {
            let h = RtNexthop::ref_from_prefix(bytes).unwrap().0;
            vec![
                ("rtnh_len", h.rtnh_len.get().into()),
                ("rtnh_flags", h.rtnh_flags.into()),
                ("rtnh_hops", h.rtnh_hops.into()),
                ("rtnh_ifindex", h.rtnh_ifindex.get().into()),
            ]
        }
        "ndtmsg" => {
            let h = NdtMsg::ref_from_prefix(bytes).unwrap().0;
            vec![
                ("ndtm_family", h.ndtm_family.into()),
                ("ndtm_pad1", h.ndtm_pad1.into()),
                ("ndtm_pad2", h.ndtm_pad2.get().into()),
            ]
        }
        "rtgenmsg" => {
            let h = RtGenMsg::ref_from_prefix(bytes).unwrap().0;
            vec![("rtgen_family", h.rtgen_family.into())]
        }
        "nhmsg" => {
            let h = NhMsg::ref_from_prefix(bytes).unwrap().0;
            vec![
                ("nh_family", h.nh_family.into()),
                ("nh_scope", h.nh_scope.into()),
                ("nh_protocol", h.nh_protocol.into()),
                ("resvd", h.resvd.into()),
                ("nh_flags", h.nh_flags.get().into()),
            ]
        }
        "nexthop_grp" => {
            let h = NexthopGrp::ref_from_prefix(bytes).unwrap().0;
            vec![
                ("id", h.id.get().into()),
                ("weight", h.weight.into()),
                ("weight_high", h.weight_high.into()),
                ("resvd2", h.resvd2.get().into()),
            ]
        }
        "ndmsg" => {
            let h = NdMsg::ref_from_prefix(bytes).unwrap().0;
            vec![
                ("ndm_family", h.ndm_family.into()),
                ("ndm_pad1", h.ndm_pad1.into()),
                ("ndm_pad2", h.ndm_pad2.get().into()),
                ("ndm_ifindex", h.ndm_ifindex.get().into()),
                ("ndm_state", h.ndm_state.get().into()),
                ("ndm_flags", h.ndm_flags.into()),
                ("ndm_type", h.ndm_type.into()),
            ]
        }
        "fib_rule_hdr" => {
            let h = FibRuleHdr::ref_from_prefix(bytes).unwrap().0;
            vec![
                ("family", h.family.into()),
                ("dst_len", h.dst_len.into()),
                ("src_len", h.src_len.into()),
                ("tos", h.tos.into()),
                ("table", h.table.into()),
                ("res1", h.res1.into()),
                ("res2", h.res2.into()),
                ("action", h.action.into()),
                ("flags", h.flags.get().into()),
            ]
        }
        "fib_rule_port_range" => {
            let h = FibRulePortRange::ref_from_prefix(bytes).unwrap().0;
            vec![("start", h.start.get().into()), ("end", h.end.get().into())]
        }
        "netconfmsg" => {
            let h = NetconfMsg::ref_from_prefix(bytes).unwrap().0;
            vec![("ncm_family", h.ncm_family.into())]
        }
        "ifaddrlblmsg" => {
            let h = IfAddrLblMsg::ref_from_prefix(bytes).unwrap().0;
            vec![
                ("ifal_family", h.ifal_family.into()),
                ("__ifal_reserved", h.ifal_reserved.into()),
                ("ifal_prefixlen", h.ifal_prefixlen.into()),
                ("ifal_flags", h.ifal_flags.into()),
                ("ifal_index", h.ifal_index.get().into()),
                ("ifal_seq", h.ifal_seq.get().into()),
            ]
        }
        "if_stats_msg" => {
            let h = IfStatsMsg::ref_from_prefix(bytes).unwrap().0;
            vec![
                ("family", h.family.into()),
                ("pad1", h.pad1.into()),
                ("pad2", h.pad2.get().into()),
                ("ifindex", h.ifindex.get().into()),
                ("filter_mask", h.filter_mask.get().into()),
            ]
        }
        "tunnel_msg" => {
            let h = TunnelMsg::ref_from_prefix(bytes).unwrap().0;
            vec![
                ("family", h.family.into()),
                ("flags", h.flags.into()),
                ("reserved2", h.reserved2.get().into()),
                ("ifindex", h.ifindex.get().into()),
            ]
        }
        "br_port_msg" => {
            let h = BrPortMsg::ref_from_prefix(bytes).unwrap().0;
            let pad = h.pad.iter().fold(0i64, |a, &b| a << 8 | i64::from(b));
            vec![
                ("family", h.family.into()),
                ("__pad", pad),
                ("ifindex", h.ifindex.get().into()),
            ]
        }
        "br_mdb_entry" => {
            let h = BrMdbEntry::ref_from_prefix(bytes).unwrap().0;
            vec![
                ("ifindex", h.ifindex.get().into()),
                ("state", h.state.into()),
                ("flags", h.flags.into()),
                ("vid", h.vid.get().into()),
                // A byte array wider than a number: `read` gives nothing (see `by_table`).
                ("addr.proto", h.addr_proto.get().into()),
                ("__pad", h.pad.get().into()),
            ]
        }
        "MDBA_ROUTER_PORT" => {
            let h = MdbRouterPort::ref_from_prefix(bytes).unwrap().0;
            vec![("ifindex", h.ifindex.get().into())]
        }
        "br_vlan_msg" => {
            let h = BrVlanMsg::ref_from_prefix(bytes).unwrap().0;
            vec![
                ("family", h.family.into()),
                ("reserved1", h.reserved1.into()),
                ("reserved2", h.reserved2.get().into()),
                ("ifindex", h.ifindex.get().into()),
            ]
        }
        "tcmsg" => {
            let h = TcMsg::ref_from_prefix(bytes).unwrap().0;
            vec![
                ("tcm_family", h.tcm_family.into()),
                ("tcm__pad1", h.tcm_pad1.into()),
                ("tcm__pad2", h.tcm_pad2.get().into()),
                ("tcm_ifindex", h.tcm_ifindex.get().into()),
                ("tcm_handle", h.tcm_handle.get().into()),
                ("tcm_parent", h.tcm_parent.get().into()),
                ("tcm_info", h.tcm_info.get().into()),
            ]
        }
        "tcamsg" => {
            let h = TcaMsg::ref_from_prefix(bytes).unwrap().0;
            vec![
                ("tca_family", h.tca_family.into()),
                ("tca__pad1", h.tca_pad1.into()),
                ("tca__pad2", h.tca_pad2.get().into()),
            ]
        }
        "tc_stats" => {
            let h = TcStats::ref_from_prefix(bytes).unwrap().0;
            vec![
                ("bytes", h.bytes.get() as i64),
                ("packets", h.packets.get().into()),
                ("drops", h.drops.get().into()),
                ("overlimits", h.overlimits.get().into()),
                ("bps", h.bps.get().into()),
                ("pps", h.pps.get().into()),
                ("qlen", h.qlen.get().into()),
                ("backlog", h.backlog.get().into()),
                ("__pad", h.pad.get().into()),
            ]
        }
        "gnet_stats_basic" => {
            let h = GnetStatsBasic::ref_from_prefix(bytes).unwrap().0;
            vec![
                ("bytes", h.bytes.get() as i64),
                ("packets", h.packets.get().into()),
                ("__pad", h.pad.get().into()),
            ]
        }
        "tc_estimator" => {
            let h = TcEstimator::ref_from_prefix(bytes).unwrap().0;
            vec![
                ("interval", h.interval.into()),
                ("ewma_log", h.ewma_log.into()),
            ]
        }
        "tc_sizespec" => {
            let h = TcSizespec::ref_from_prefix(bytes).unwrap().0;
            vec![
                ("cell_log", h.cell_log.into()),
                ("size_log", h.size_log.into()),
                ("cell_align", h.cell_align.get().into()),
                ("overhead", h.overhead.get().into()),
                ("linklayer", h.linklayer.get().into()),
                ("mpu", h.mpu.get().into()),
                ("mtu", h.mtu.get().into()),
                ("tsize", h.tsize.get().into()),
            ]
        }
        "tc_htb_opt" => {
            let h = TcHtbOpt::ref_from_prefix(bytes).unwrap().0;
            let mut v = ratespec("rate", &h.rate);
            v.extend(ratespec("ceil", &h.ceil));
            v.extend([
                ("buffer", h.buffer.get().into()),
                ("cbuffer", h.cbuffer.get().into()),
                ("quantum", h.quantum.get().into()),
                ("level", h.level.get().into()),
                ("prio", h.prio.get().into()),
            ]);
            v
        }
        "tc_tbf_qopt" => {
            let h = TcTbfQopt::ref_from_prefix(bytes).unwrap().0;
            let mut v = ratespec("rate", &h.rate);
            v.extend(ratespec("peakrate", &h.peakrate));
            v.extend([
                ("limit", h.limit.get().into()),
                ("buffer", h.buffer.get().into()),
                ("mtu", h.mtu.get().into()),
            ]);
            v
        }
        "tc_mirred" => {
            let h = TcMirred::ref_from_prefix(bytes).unwrap().0;
            vec![
                ("index", h.index.get().into()),
                ("capab", h.capab.get().into()),
                ("action", h.action.get().into()),
                ("refcnt", h.refcnt.get().into()),
                ("bindcnt", h.bindcnt.get().into()),
                ("eaction", h.eaction.get().into()),
                ("ifindex", h.ifindex.get().into()),
            ]
        }
        other => panic!("no struct reading for {other}"),
    }
}

/// The fields of a `struct tc_ratespec` member, as the tables name them (`rate.mpu`).
fn ratespec(member: &str, r: &TcRatespec) -> Vec<(&'static str, i64)> {
    let name = |f: &str| -> &'static str { format!("{member}.{f}").leak() };
    vec![
        (name("cell_log"), r.cell_log.into()),
        (name("linklayer"), r.linklayer.into()),
        (name("overhead"), r.overhead.get().into()),
        (name("cell_align"), r.cell_align.get().into()),
        (name("mpu"), r.mpu.get().into()),
        (name("rate"), r.rate.get().into()),
    ]
}

/// The same, read through the table (the number fields: a byte array wider than any
/// number, `br_mdb_entry`'s `addr.u`, is compared by `byte_fields_read_what_the_struct_holds`).
fn by_table(def: &HeaderDef, bytes: &[u8]) -> Vec<(&'static str, i64)> {
    def.fields
        .iter()
        .filter(|f| !f.holds_bytes())
        .map(|f| (f.name, def.read(f, bytes).expect("field inside the header")))
        .collect()
}

#[test]
fn byte_fields_read_what_the_struct_holds() {
    let bytes: Vec<u8> = (0..BrMdbEntry::LEN).map(|i| 0x81 + i as u8).collect();
    let h = BrMdbEntry::ref_from_prefix(&bytes[..]).unwrap().0;
    let def = &BrMdbEntry::DEF;
    let u = def.fields.iter().find(|f| f.name == "addr.u").unwrap();
    assert!(u.holds_bytes());
    assert_eq!(def.bytes(u, &bytes), Some(&h.addr_u[..]));
    let mut back = bytes.clone();
    def.write_bytes(u, &mut back, &[1, 2, 3, 4]).unwrap();
    let h = BrMdbEntry::ref_from_prefix(&back[..]).unwrap().0;
    assert_eq!(h.addr_u[..4], [1, 2, 3, 4]);
    assert!(h.addr_u[4..].iter().all(|&b| b == 0), "written NUL-padded");
    assert_eq!(back[24..], bytes[24..], "the fields after the union stay");
}

const DEFS: [&HeaderDef; 28] = [
    &IfInfoMsg::DEF,
    &IfAddrMsg::DEF,
    &RtMsg::DEF,
    &RtNexthop::DEF,
    &NdtMsg::DEF,
    &RtGenMsg::DEF,
    &NhMsg::DEF,
    &NexthopGrp::DEF,
    &NdMsg::DEF,
    &FibRuleHdr::DEF,
    &FibRulePortRange::DEF,
    &NetconfMsg::DEF,
    &IfAddrLblMsg::DEF,
    &IfStatsMsg::DEF,
    &TunnelMsg::DEF,
    &BrVlanMsg::DEF,
    &BrPortMsg::DEF,
    &BrMdbEntry::DEF,
    &MdbRouterPort::DEF,
    &TcMsg::DEF,
    &TcaMsg::DEF,
    &TcStats::DEF,
    &GnetStatsBasic::DEF,
    &TcEstimator::DEF,
    &TcSizespec::DEF,
    &TcHtbOpt::DEF,
    &TcTbfQopt::DEF,
    &TcMirred::DEF,
];

#[test]
fn every_table_field_reads_what_the_struct_holds_on_distinct_bytes() {
    for def in DEFS {
        // 0x81, 0x82, ...: no two bytes alike, and the top bit set, so that a field read as
        // unsigned instead of signed (or the other way round) reads another value.
        let bytes: Vec<u8> = (0..def.len).map(|i| 0x81 + i as u8).collect();
        assert_eq!(
            by_table(def, &bytes),
            by_struct(def, &bytes),
            "{}",
            def.name
        );
        let covered: usize = def.fields.iter().map(|f| f.size).sum();
        assert_eq!(covered, def.len, "{}: the fields leave bytes out", def.name);
    }
}

#[test]
fn every_table_field_reads_what_the_struct_holds_on_the_corpus() {
    let mut checked = 0;
    for (name, bytes) in corpus() {
        for msg in Messages::new(&bytes) {
            let msg = msg.unwrap();
            let Some(family) = Family::of(msg.msg_type()) else {
                continue;
            };
            let def = family.header();
            let Some(header) = msg.payload().get(..def.len) else {
                continue;
            };
            assert_eq!(
                by_table(def, header),
                by_struct(def, header),
                "{name} {}",
                def.name
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} headers checked");
}

#[test]
fn fields_of_a_short_header_are_none_and_writing_them_fails() {
    for def in DEFS {
        let full = vec![0xa5; def.len];
        for len in 0..def.len {
            for f in def.fields {
                let fits = f.offset + f.size <= len;
                if f.holds_bytes() {
                    assert_eq!(def.bytes(f, &full[..len]).is_some(), fits);
                    let mut short = full[..len].to_vec();
                    assert_eq!(def.write_bytes(f, &mut short, &[]).is_ok(), fits);
                    continue;
                }
                assert_eq!(
                    def.read(f, &full[..len]).is_some(),
                    fits,
                    "{} {}",
                    def.name,
                    f.name
                );
                let mut short = full[..len].to_vec();
                assert_eq!(
                    def.write(f, &mut short, 0).is_ok(),
                    fits,
                    "{} {}",
                    def.name,
                    f.name
                );
            }
        }
    }
}

#[test]
fn writing_a_field_names_the_field_and_why_it_failed() {
    use netlink_codec::EncodeError;
    let def = &IfInfoMsg::DEF;
    let family = &def.fields[0];
    let mut b = vec![0u8; def.len];
    assert_eq!(
        def.write(family, &mut b, 300),
        Err(EncodeError::FieldOutOfRange {
            field: "ifi_family",
            value: 300,
            ty: "u8"
        })
    );
    assert_eq!(
        def.write(family, &mut b, 300).unwrap_err().to_string(),
        "300 is out of range for u8 field ifi_family"
    );
    assert_eq!(
        def.write(family, &mut [], 1),
        Err(EncodeError::FieldPastEnd {
            field: "ifi_family"
        })
    );
    assert_eq!(def.write(family, &mut b, 10), Ok(()));
    assert_eq!(b[0], 10);
}
