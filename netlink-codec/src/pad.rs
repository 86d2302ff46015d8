//! The alignment padding after an attribute's payload, as the owned model keeps it.
//!
//! Senders do not always zero it: iproute2 6.1 builds `RTA_ENCAP_TYPE` (a `__u16`) and
//! the `__u8` `LWTUNNEL_IP_TTL`/`LWTUNNEL_IP_TOS` of `ip route add ... encap ip` on the
//! stack and copies 4 bytes, so their padding holds whatever was there (`01 00`,
//! `f0 01 00`). The kernel ignores those bytes; a lossless decoder has to keep them.

/// The padding bytes after an attribute's payload (at most 3), kept only when they are not
/// all zero. [`Pad::ZERO`] (the default, and what every zero-padded input decodes to)
/// stands for zero padding of whatever length the payload needs; a non-zero `Pad` is
/// emitted instead of the zeros and must have exactly that length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Pad {
    len: u8,
    bytes: [u8; 3],
}

impl Pad {
    /// Zero padding.
    pub const ZERO: Pad = Pad {
        len: 0,
        bytes: [0; 3],
    };

    /// The padding `bytes` as found after a payload: [`Pad::ZERO`] when they are all zero,
    /// `None` when there are more than 3 (no alignment padding is longer).
    pub fn new(bytes: &[u8]) -> Option<Pad> {
        if bytes.iter().all(|&b| b == 0) {
            return Some(Pad::ZERO);
        }
        let mut pad = Pad {
            len: u8::try_from(bytes.len()).ok()?,
            bytes: [0; 3],
        };
        pad.bytes.get_mut(..bytes.len())?.copy_from_slice(bytes);
        Some(pad)
    }

    /// The non-zero padding bytes; empty for [`Pad::ZERO`].
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    /// True for zero padding.
    pub fn is_zero(&self) -> bool {
        self.len == 0
    }
}

/// Padding of 0-3 bytes, zero or not: a model that `arbitrary` builds may hold a length
/// that its payload does not need, which emit refuses ([`crate::EncodeError::PadLength`]).
#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for Pad {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        let len = u.int_in_range(0..=3)?;
        let mut bytes = [0; 3];
        u.fill_buffer(&mut bytes[..len])?;
        Ok(Pad::new(&bytes[..len]).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_bytes_are_zero_padding_and_others_are_kept() {
        assert_eq!(Pad::new(&[]), Some(Pad::ZERO));
        assert_eq!(Pad::new(&[0, 0, 0]), Some(Pad::ZERO));
        let p = Pad::new(&[1, 0]).unwrap();
        assert!(!p.is_zero());
        assert_eq!(p.as_bytes(), [1, 0]);
        assert_eq!(Pad::new(&[0, 0, 0, 1]), None);
    }
}
