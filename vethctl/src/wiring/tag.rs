//! The owner tag vethctl writes into the host veth's `IFLA_IFALIAS`, and how to recognise
//! one (docs/design.md, "Ownership"). The desired state carries it; `ownership` proves
//! with it.

/// Prefix of the owner tag vethctl puts in the host veth's `IFLA_IFALIAS`: `vethctl:ID`.
pub const ALIAS_PREFIX: &str = "vethctl:";
/// Prefix of the owner tag of an id too long for an alias: `vethctl-sha256:HEX`. Its own
/// prefix, so that no literal id can produce it: `vethctl:sha256:HEX`, what older
/// versions wrote for a long id, is also the tag of the literal id `sha256:HEX`, so such a
/// tag is read as that literal id's (the only unambiguous reading).
pub const HASHED_ALIAS_PREFIX: &str = "vethctl-sha256:";
/// The longest container id that is its own tag; longer ones are hashed.
pub const ALIAS_ID_MAX: usize = 200;

/// The owner tag of the host veth of `container_id`: `vethctl:ID`, or for an id over
/// [`ALIAS_ID_MAX`] bytes `vethctl-sha256:HEX` (the SHA-256 of the id).
pub fn owner_alias(container_id: &str) -> String {
    if container_id.len() <= ALIAS_ID_MAX {
        format!("{ALIAS_PREFIX}{container_id}")
    } else {
        use sha2::{Digest, Sha256};
        let d = Sha256::digest(container_id.as_bytes());
        let hex: String = d.iter().map(|b| format!("{b:02x}")).collect();
        format!("{HASHED_ALIAS_PREFIX}{hex}")
    }
}

/// Is `alias` an owner tag of vethctl's (of any container)?
pub fn is_owner_tag(alias: &str) -> bool {
    alias.starts_with(ALIAS_PREFIX) || alias.starts_with(HASHED_ALIAS_PREFIX)
}
