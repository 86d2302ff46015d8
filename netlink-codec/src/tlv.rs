//! The one checked walk over length-prefixed items that `Messages` (`nlmsghdr`), `Attrs`
//! (`rtattr`) and `Nexthops` (`rtnexthop`) share: each item is checked three ways (the
//! buffer holds its header, its length covers the header, its length fits the buffer),
//! followed by 0-3 bytes of alignment padding; the walk yields `Err` once and then stops.

use zerocopy::{FromBytes, Immutable, KnownLayout, Unaligned};

use crate::align::aligned_within;
use crate::error::{DecodeError, DecodeErrorKind};

/// How one kind of item is framed: its header, where the header keeps the item's length,
/// and the error kind for each of the three checks.
pub(crate) trait Framing {
    /// The fixed header at the start of each item.
    type Header: FromBytes + KnownLayout + Immutable + Unaligned;
    /// Fewer bytes remain than a header.
    const TRUNCATED: DecodeErrorKind;
    /// The length is smaller than the header.
    const TOO_SMALL: DecodeErrorKind;
    /// The length runs past the end of the buffer.
    const PAST_END: DecodeErrorKind;
    /// The item's length (header included, padding not), `None` if it does not fit a
    /// `usize`.
    fn len(header: &Self::Header) -> Option<usize>;
}

/// One checked item.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame<'a, H> {
    /// Offset of the item in the outermost buffer.
    pub(crate) offset: usize,
    /// Its header.
    pub(crate) header: &'a H,
    /// The bytes after the header, up to the item's length.
    pub(crate) body: &'a [u8],
    /// The alignment padding after it (shorter or empty at the end of the buffer).
    pub(crate) pad: &'a [u8],
}

/// Check and cut the item at the start of `buf` (which is at `offset` of the outermost
/// buffer); returns it and the bytes after its padding.
#[inline]
pub(crate) fn split<F: Framing>(
    buf: &[u8],
    offset: usize,
) -> Result<(Frame<'_, F::Header>, &[u8]), DecodeError> {
    let err = |k| DecodeError::new(offset, k);
    let (header, _) = F::Header::ref_from_prefix(buf).map_err(|_| err(F::TRUNCATED))?;
    let Some(len) = F::len(header) else {
        return Err(err(F::PAST_END));
    };
    if len < core::mem::size_of::<F::Header>() {
        return Err(err(F::TOO_SMALL));
    }
    if len > buf.len() {
        return Err(err(F::PAST_END));
    }
    let (item, rest) = buf.split_at(aligned_within(len, buf.len()));
    let frame = Frame {
        offset,
        header,
        body: &item[core::mem::size_of::<F::Header>()..len],
        pad: &item[len..],
    };
    Ok((frame, rest))
}

/// A walk over the items of one buffer: yields each checked item, or one error and then
/// nothing.
#[derive(Debug, Clone)]
pub(crate) struct Walk<'a> {
    rest: &'a [u8],
    offset: usize,
    failed: bool,
}

impl<'a> Walk<'a> {
    /// Walk `buf`, which starts at `offset` of the outermost buffer.
    pub(crate) const fn new(buf: &'a [u8], offset: usize) -> Self {
        Walk {
            rest: buf,
            offset,
            failed: false,
        }
    }

    /// Offset, in the outermost buffer, of the next item (of the end when done).
    pub(crate) fn offset(&self) -> usize {
        self.offset
    }

    /// The next item, framed by `F`.
    #[inline]
    pub(crate) fn next<F: Framing>(&mut self) -> Option<Result<Frame<'a, F::Header>, DecodeError>> {
        if self.rest.is_empty() || self.failed {
            return None;
        }
        match split::<F>(self.rest, self.offset) {
            Ok((frame, rest)) => {
                self.offset += self.rest.len() - rest.len();
                self.rest = rest;
                Some(Ok(frame))
            }
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}
