//! One attachment = (network, container, `CNI_IFNAME`): its owner identity, from which
//! its host veth's name and owner tag are derived, so that every attachment of a
//! container has its own veth and tag, and DEL or GC of one never touches another.

use crate::config::host_iface_name;
use crate::wiring::owner_alias;

/// The owner identity of an attachment: `cni/NETWORK/IFNAME/CONTAINER`. The network and
/// container match `[a-zA-Z0-9][a-zA-Z0-9_.-]*` and an interface name has no `/`, so the
/// parts can be read back ([`parse_identity`]).
pub fn identity(network: &str, container_id: &str, ifname: &str) -> String {
    format!("cni/{network}/{ifname}/{container_id}")
}

/// The host veth's name of the attachment with `identity`.
pub fn host_iface(identity: &str) -> String {
    host_iface_name(identity)
}

/// The parts of an identity: `(network, ifname, container)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts<'a> {
    /// The network.
    pub network: &'a str,
    /// `CNI_IFNAME`.
    pub ifname: &'a str,
    /// `CNI_CONTAINERID`.
    pub container_id: &'a str,
}

/// Read an identity made by [`identity`].
pub fn parse_identity(id: &str) -> Option<Parts<'_>> {
    let rest = id.strip_prefix("cni/")?;
    let (network, rest) = rest.split_once('/')?;
    let (ifname, container_id) = rest.split_once('/')?;
    (!network.is_empty() && !ifname.is_empty() && !container_id.is_empty()).then_some(Parts {
        network,
        ifname,
        container_id,
    })
}

/// The identity an owner tag was made from, when the tag carries it (whatever the tag's
/// format, as long as [`owner_alias`] writes the identity at its end): the suffix `id`
/// of `tag` with `owner_alias(id) == tag`.
pub fn identity_of_tag(tag: &str) -> Option<&str> {
    tag.char_indices()
        .map(|(i, _)| &tag[i..])
        .find(|id| owner_alias(id) == tag)
}

/// Whether the attachment's tag can be read back by GC (it cannot when the tag stands
/// for the identity by a hash, for a very long network name).
pub fn tag_is_readable(identity: &str) -> bool {
    identity_of_tag(&owner_alias(identity)) == Some(identity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_attachment_has_its_own_name_and_tag() {
        let a = identity("net1", "c1", "eth0");
        let b = identity("net1", "c1", "eth1");
        let c = identity("net2", "c1", "eth0");
        let names = [host_iface(&a), host_iface(&b), host_iface(&c)];
        assert!(names[0] != names[1] && names[1] != names[2] && names[0] != names[2]);
        assert!(names.iter().all(|n| n.len() <= 15));
        assert_ne!(owner_alias(&a), owner_alias(&b));
        assert_ne!(host_iface(&a), host_iface_name("c1"), "not the CLI's name");
    }

    #[test]
    fn tags_read_back() {
        let id = identity("net1", "0123abcd", "eth0");
        assert!(tag_is_readable(&id));
        let tag = owner_alias(&id);
        let p = parse_identity(identity_of_tag(&tag).unwrap()).unwrap();
        assert_eq!(
            p,
            Parts {
                network: "net1",
                ifname: "eth0",
                container_id: "0123abcd"
            }
        );
        assert!(!tag_is_readable(&identity(&"n".repeat(300), "c", "eth0")));
        assert_eq!(parse_identity("c1"), None);
        assert_eq!(parse_identity("cni/a/b"), None);
    }
}
