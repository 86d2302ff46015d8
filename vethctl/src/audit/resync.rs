//! `vethctl monitor --resync`: after an overrun, the dump requests that show again what
//! the joined groups report on (links, addresses, routes, ...), since which
//! notifications were lost cannot be known.

use netlink_codec::af::{AF_INET, AF_INET6, AF_UNSPEC};
use netlink_codec::group::*;
use netlink_codec::header::{
    NlMsgHdr, NlmFlags, RTM_GETADDR, RTM_GETLINK, RTM_GETNEIGH, RTM_GETNETCONF, RTM_GETNEXTHOP,
    RTM_GETNSID, RTM_GETROUTE, RTM_GETRULE,
};
use netlink_codec::{
    addr::IfAddrMsg, link::IfInfoMsg, neigh::NdMsg, nexthop::NhMsg, nsid::RtGenMsg, route::RtMsg,
    rule::FibRuleHdr,
};
use zerocopy::IntoBytes;

/// For group `n`: the dump that lists its objects (message type, the family byte at the
/// start of the family header, the payload's length: the header's, but 4 for
/// `netconfmsg`, which strict checking wants padded, and 1 for `rtgenmsg`, as iproute2
/// sends it).
fn dump_of(group: u32) -> Option<(u16, u8, usize)> {
    Some(match group {
        RTNLGRP_LINK => (RTM_GETLINK, AF_UNSPEC, IfInfoMsg::LEN),
        RTNLGRP_NEIGH => (RTM_GETNEIGH, AF_UNSPEC, NdMsg::LEN),
        RTNLGRP_IPV4_IFADDR => (RTM_GETADDR, AF_INET, IfAddrMsg::LEN),
        RTNLGRP_IPV6_IFADDR => (RTM_GETADDR, AF_INET6, IfAddrMsg::LEN),
        RTNLGRP_IPV4_ROUTE => (RTM_GETROUTE, AF_INET, RtMsg::LEN),
        RTNLGRP_IPV6_ROUTE => (RTM_GETROUTE, AF_INET6, RtMsg::LEN),
        RTNLGRP_IPV4_RULE => (RTM_GETRULE, AF_INET, FibRuleHdr::LEN),
        RTNLGRP_IPV6_RULE => (RTM_GETRULE, AF_INET6, FibRuleHdr::LEN),
        // netconfmsg is 1 byte, but strict checking wants it padded to 4.
        RTNLGRP_IPV4_NETCONF => (RTM_GETNETCONF, AF_INET, 4),
        RTNLGRP_IPV6_NETCONF => (RTM_GETNETCONF, AF_INET6, 4),
        RTNLGRP_NSID => (RTM_GETNSID, AF_UNSPEC, RtGenMsg::LEN),
        RTNLGRP_NEXTHOP => (RTM_GETNEXTHOP, AF_UNSPEC, NhMsg::LEN),
        _ => return None,
    })
}

/// One dump request of a resync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dump {
    /// The group it stands in for (`RTNLGRP_LINK`).
    pub group: &'static str,
    /// Its sequence number.
    pub seq: u32,
    /// The request: `NLM_F_REQUEST|NLM_F_DUMP` and a zeroed family header with its
    /// family.
    pub bytes: Vec<u8>,
}

/// The dumps for `groups`, numbered from `first_seq`, and the groups that have none.
pub fn dumps(groups: &[(u32, &'static str)], first_seq: u32) -> (Vec<Dump>, Vec<&'static str>) {
    let mut out = Vec::new();
    let mut none = Vec::new();
    for &(n, name) in groups {
        let Some((msg_type, family, payload)) = dump_of(n) else {
            none.push(name);
            continue;
        };
        let seq = first_seq.wrapping_add(out.len() as u32);
        let hdr = NlMsgHdr {
            nlmsg_len: ((NlMsgHdr::LEN + payload) as u32).into(),
            nlmsg_type: msg_type.into(),
            nlmsg_flags: (NlmFlags::REQUEST | NlmFlags::DUMP).bits().into(),
            nlmsg_seq: seq.into(),
            nlmsg_pid: 0.into(),
        };
        let mut bytes = hdr.as_bytes().to_vec();
        bytes.push(family);
        // Zeroed to the end of the header, then to the 4-byte alignment the next message
        // would start at (nlmsg_len does not count it).
        bytes.resize((NlMsgHdr::LEN + payload).div_ceil(4) * 4, 0);
        out.push(Dump {
            group: name,
            seq,
            bytes,
        });
    }
    (out, none)
}

#[cfg(test)]
mod tests {
    use super::*;
    use netlink_codec::header::Messages;

    #[test]
    fn one_dump_per_group_that_has_one() {
        let (d, none) = dumps(
            &[
                (1, "RTNLGRP_LINK"),
                (11, "RTNLGRP_IPV6_ROUTE"),
                (28, "RTNLGRP_NSID"),
                (4, "RTNLGRP_TC"),
            ],
            7,
        );
        assert_eq!(none, ["RTNLGRP_TC"]);
        let seqs: Vec<u32> = d.iter().map(|d| d.seq).collect();
        assert_eq!(seqs, [7, 8, 9]);
        // RTM_GETROUTE, NLM_F_REQUEST|NLM_F_DUMP, a zeroed rtmsg with rtm_family AF_INET6.
        let r = Messages::new(&d[1].bytes).next().unwrap().unwrap();
        assert_eq!(
            (r.header().nlmsg_len.get() as usize, r.msg_type()),
            (NlMsgHdr::LEN + RtMsg::LEN, RTM_GETROUTE)
        );
        assert_eq!(r.flags(), NlmFlags::REQUEST | NlmFlags::DUMP);
        let (rtm, rest) = r.split::<RtMsg>().unwrap();
        let want = RtMsg {
            rtm_family: AF_INET6,
            ..Default::default()
        };
        assert_eq!((rtm, rest.count()), (&want, 0));
        // The 1-byte rtgenmsg is sent as iproute2 sends it: nlmsg_len 17, padded to 20.
        let nsid = Messages::new(&d[2].bytes).next().unwrap().unwrap();
        assert_eq!(
            (nsid.header().nlmsg_len.get() as usize, d[2].bytes.len()),
            (NlMsgHdr::LEN + RtGenMsg::LEN, 20)
        );
        // Each decodes with kernel names.
        for x in &d {
            let mut out = Vec::new();
            crate::render::write_text(&mut out, &x.bytes).unwrap();
            let text = String::from_utf8(out).unwrap();
            assert!(
                text.contains("NLM_F_REQUEST|NLM_F_ROOT|NLM_F_MATCH"),
                "{text}"
            );
        }
    }
}
