//! Message-type coverage: every rtnetlink message type the codec names is either read with
//! the family header and attribute space the kernel parses it with (`Family::of`), or is
//! listed below as kept raw, with why. A type mapped or unmapped without this list fails
//! here, so the list is the record of what `decode` shows as bytes.

mod common;

use netlink_codec::family::Family;
use netlink_codec::header::{msg_type_name, RTM_BASE};

/// Types the codec keeps raw after the `nlmsghdr`: (type name, why).
const KEPT_RAW: &[(&str, &str)] = &[
    (
        "RTM_NEWPREFIX",
        "IPv6 RA prefixes: struct prefixmsg, multicast only",
    ),
    (
        "RTM_NEWNDUSEROPT",
        "RA options for user space: struct nduseroptmsg, multicast only",
    ),
    (
        "RTM_GETDCB",
        "data center bridging: struct dcbmsg, hardware only",
    ),
    ("RTM_SETDCB", "data center bridging"),
    (
        "RTM_NEWCACHEREPORT",
        "multicast routing cache reports, multicast only",
    ),
];

/// Every rtnetlink type the codec names.
fn rtm_types() -> impl Iterator<Item = (u16, &'static str)> {
    (RTM_BASE..=u16::from(u8::MAX)).filter_map(|t| msg_type_name(t).map(|n| (t, n)))
}

#[test]
fn every_rtnetlink_type_has_a_family_or_is_listed_as_kept_raw() {
    let mut wrong = Vec::new();
    for (t, name) in rtm_types() {
        let listed = KEPT_RAW.iter().any(|(n, _)| *n == name);
        match (Family::of(t), listed) {
            (Some(f), true) => wrong.push(format!("{name} is typed ({f:?}): unlist it")),
            (None, false) => wrong.push(format!("{name} is raw: type it or list it")),
            _ => {}
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_listed_type_is_a_type_the_codec_names() {
    for (name, _) in KEPT_RAW {
        assert!(
            rtm_types().any(|(_, n)| n == *name),
            "{name} is not an rtnetlink type name"
        );
    }
}

/// The text tree of a corpus buffer.
#[cfg(feature = "render")]
fn corpus_text(file: &str) -> String {
    let bytes = std::fs::read(common::corpus_dir().join(file)).unwrap();
    netlink_codec::render::text(&bytes).unwrap()
}

#[cfg(feature = "render")]
#[test]
fn link_properties_and_nexthop_buckets_are_read_with_their_kernel_policies() {
    // `ip link property add` (RTM_NEWLINKPROP): ifinfomsg + IFLA_PROP_LIST, parsed by
    // rtnl_newlinkprop with the link policy.
    let tree = corpus_text("0560-req.bin");
    assert!(tree.contains("  ifinfomsg: ifi_family=AF_UNSPEC"), "{tree}");
    assert!(
        tree.contains("IFLA_ALT_IFNAME: \"p1-alternative-name\""),
        "{tree}"
    );
    // `ip nexthop bucket show` (RTM_NEWNEXTHOPBUCKET): nhmsg + NHA_ID, NHA_RES_BUCKET.
    let tree = corpus_text("0567-rep.bin");
    for line in [
        "NHA_ID: 10",
        "NHA_RES_BUCKET_INDEX: 1",
        "NHA_RES_BUCKET_NH_ID: 11",
    ] {
        assert!(tree.contains(line), "text lacks {line:?}:\n{tree}");
    }
}
