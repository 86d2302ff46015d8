//! `NLMSG_ALIGN` / `RTA_ALIGN`: messages, attributes and next hops all start at 4-byte
//! boundaries. Kept apart from the message and attribute modules so neither imports the
//! other for it.

/// `NLMSG_ALIGNTO`: messages and attributes are aligned to 4 bytes.
pub const NLMSG_ALIGNTO: usize = 4;

/// `NLMSG_ALIGN(len)`, with checked arithmetic: `None` on overflow.
#[inline]
pub const fn align(len: usize) -> Option<usize> {
    match len.checked_add(NLMSG_ALIGNTO - 1) {
        Some(v) => Some(v & !(NLMSG_ALIGNTO - 1)),
        None => None,
    }
}

/// `align(len)`, but at most `end`: where an item of `len` bytes ends once its padding is
/// counted, in a buffer of `end` bytes (the last item of a buffer may lack its padding).
#[inline]
pub(crate) fn aligned_within(len: usize, end: usize) -> usize {
    align(len).map_or(end, |a| a.min(end))
}
