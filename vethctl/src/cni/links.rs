//! The few reads the plugin does besides vethctl's wiring: whether a link exists by name
//! (in the host's namespace or the pod's), its MAC address for the result, and whether
//! the pod has a default route already.

use netlink_codec::header::RTM_NEWLINK;
use netlink_codec::repr::LinkRepr;

use crate::error::{Error, Result};
use crate::msgs;
use crate::request::{Policy, Request};
use crate::socket::NlSocket;

/// A link by name: whether it exists, and its MAC address if it has one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// It exists.
    pub exists: bool,
    /// `IFLA_ADDRESS` as `aa:bb:cc:dd:ee:ff`.
    pub mac: Option<String>,
}

/// Read link `name` through `sock`.
pub fn find(sock: &mut NlSocket, name: &str) -> Result<Found> {
    let what = format!("read link {name}");
    let msg = msgs::get_link(Some(name), 0).map_err(|source| Error::Encode {
        op: what.clone(),
        source,
    })?;
    let answers = sock.batch(&[Request::new(what.clone(), msg, Policy::LINK_LOOKUP)])?;
    let mut found = Found::default();
    for m in answers[0].messages() {
        let m = m.map_err(|source| Error::Decode {
            op: what.clone(),
            source,
        })?;
        if m.msg_type() != RTM_NEWLINK {
            continue;
        }
        found.exists = true;
        if let Ok(link) = LinkRepr::parse_lenient(&m) {
            found.mac = link.attrs.address.map(mac);
        }
    }
    Ok(found)
}

/// Whether the namespace of `sock` has a default route (main table, either family).
pub fn has_default_route(sock: &mut NlSocket) -> Result<bool> {
    let what = "read the pod's routes";
    let msg =
        msgs::dump_routes(netlink_codec::route::RT_TABLE_MAIN).map_err(|source| Error::Encode {
            op: what.into(),
            source,
        })?;
    let answers = sock.batch(&[Request::new(what, msg, Policy::STRICT)])?;
    Ok(crate::state::routes_of(&answers[0], what)?
        .iter()
        .any(|r| r.dst_len == 0 && r.table == u32::from(netlink_codec::route::RT_TABLE_MAIN)))
}

fn mac(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

#[cfg(test)]
mod tests {
    #[test]
    fn macs_are_lowercase_colon_hex() {
        assert_eq!(
            super::mac(&[0xaa, 0x0b, 0, 1, 2, 0xff]),
            "aa:0b:00:01:02:ff"
        );
    }
}
