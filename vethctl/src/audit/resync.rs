//! `vethctl monitor --resync`: after an overrun, the dump requests that show again what
//! the joined groups report on (links, addresses, routes, ...), since which
//! notifications were lost cannot be known.

use netlink_codec::header::{
    NlMsgHdr, NlmFlags, RTM_GETADDR, RTM_GETLINK, RTM_GETNEIGH, RTM_GETNETCONF, RTM_GETNEXTHOP,
    RTM_GETNSID, RTM_GETROUTE, RTM_GETRULE,
};
use zerocopy::IntoBytes;

const AF_UNSPEC: u8 = 0;
const AF_INET: u8 = 2;
const AF_INET6: u8 = 10;

/// For group `n`: the dump that lists its objects (message type, the family byte at the
/// start of the family header, the payload's length: the header's, but 4 for
/// `netconfmsg`, which strict checking wants padded, and 1 for `rtgenmsg`, as iproute2
/// sends it).
fn dump_of(group: u32) -> Option<(u16, u8, usize)> {
    Some(match group {
        1 => (RTM_GETLINK, AF_UNSPEC, 16),
        3 => (RTM_GETNEIGH, AF_UNSPEC, 12),
        5 => (RTM_GETADDR, AF_INET, 8),
        9 => (RTM_GETADDR, AF_INET6, 8),
        7 => (RTM_GETROUTE, AF_INET, 12),
        11 => (RTM_GETROUTE, AF_INET6, 12),
        8 => (RTM_GETRULE, AF_INET, 12),
        19 => (RTM_GETRULE, AF_INET6, 12),
        24 => (RTM_GETNETCONF, AF_INET, 4),
        25 => (RTM_GETNETCONF, AF_INET6, 4),
        28 => (RTM_GETNSID, AF_UNSPEC, 1),
        32 => (RTM_GETNEXTHOP, AF_UNSPEC, 8),
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
        // RTM_GETROUTE, NLM_F_REQUEST|NLM_F_DUMP, an rtmsg with rtm_family AF_INET6.
        let r = &d[1].bytes;
        assert_eq!(r.len(), 28);
        assert_eq!(&r[..8], &[28, 0, 0, 0, 26, 0, 0x01, 0x03]);
        assert_eq!(r[16], AF_INET6);
        assert!(r[17..].iter().all(|&b| b == 0));
        // The 1-byte rtgenmsg is sent as iproute2 sends it: nlmsg_len 17, padded to 20.
        assert_eq!(d[2].bytes.len(), 20);
        assert_eq!(d[2].bytes[0], 17);
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
