//! Decode and encode errors: small `Copy` values, one variant per cause.

use core::fmt;

/// The deepest attribute run the model holds typed. A message's top-level attributes are
/// level 1; the children of a nest, of a `VETH_INFO_PEER` and of a next hop of
/// `RTA_MULTIPATH` are one level below their attribute.
/// [`Message::parse`](crate::model::Message::parse) keeps the payload of a nesting
/// attribute at level `MAX_NESTING` as [`AttrValue::Raw`](crate::model::AttrValue::Raw)
/// (lossless: it re-encodes byte-exact), and
/// [`Message::emit`](crate::model::Message::emit) refuses a deeper model
/// ([`EncodeError::TooDeep`]): hostile input nested thousands of levels (4 bytes a level)
/// cannot exhaust the stack. The kernel recurses through at most 10 levels of nested
/// policy (`MAX_POLICY_RECURSION_DEPTH`) and sends nothing deeper; 16 leaves room. Here,
/// beside the error it bounds, so that the errors depend on nothing; also
/// `model::MAX_NESTING`.
pub const MAX_NESTING: usize = 16;

/// Why a buffer failed to decode. Paired with a byte offset in [`DecodeError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// Fewer bytes remain than a `nlmsghdr` (16 bytes).
    TruncatedMessageHeader,
    /// `nlmsg_len` is smaller than the 16-byte header.
    MessageLenTooSmall,
    /// `nlmsg_len` runs past the end of the buffer.
    MessageLenPastEnd,
    /// The payload is shorter than the family header (`ifinfomsg`, `rtmsg`, ...).
    TruncatedFamilyHeader,
    /// Fewer bytes remain than an `rtattr` header (4 bytes).
    TruncatedAttrHeader,
    /// `rta_len` is smaller than the 4-byte attribute header.
    AttrLenTooSmall,
    /// `rta_len` runs past the end of the enclosing buffer.
    AttrLenPastEnd,
    /// An attribute's payload has the wrong size for its type (e.g. a `u32` that is not 4 bytes).
    BadAttrSize,
    /// A string attribute is not valid UTF-8.
    BadString,
    /// An `rtnexthop` in `RTA_MULTIPATH` is truncated or has a bad `rtnh_len`.
    BadNexthop,
    /// An `NLMSG_ERROR` payload is shorter than `nlmsgerr`.
    TruncatedError,
    /// Padding between items is not zero where the codec would write zero.
    NonZeroPadding,
    /// The message does not re-encode to the same bytes (e.g. a length that leaves
    /// unaccounted bytes), so the owned model cannot hold it losslessly.
    NotCanonical,
}

impl DecodeErrorKind {
    /// A fixed, human-readable description.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::TruncatedMessageHeader => "truncated nlmsghdr (need 16 bytes)",
            Self::MessageLenTooSmall => "nlmsg_len smaller than nlmsghdr",
            Self::MessageLenPastEnd => "nlmsg_len runs past the end of the buffer",
            Self::TruncatedFamilyHeader => "payload shorter than the family header",
            Self::TruncatedAttrHeader => "truncated rtattr header (need 4 bytes)",
            Self::AttrLenTooSmall => "rta_len smaller than rtattr header",
            Self::AttrLenPastEnd => "rta_len runs past the end of the enclosing buffer",
            Self::BadAttrSize => "attribute payload has the wrong size for its type",
            Self::BadString => "string attribute is not valid UTF-8",
            Self::BadNexthop => "malformed rtnexthop in RTA_MULTIPATH",
            Self::TruncatedError => "NLMSG_ERROR payload shorter than nlmsgerr",
            Self::NonZeroPadding => "non-zero padding",
            Self::NotCanonical => "message does not re-encode to the same bytes",
        }
    }
}

/// A decode failure: what went wrong, and at which byte offset of the outermost buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DecodeError {
    /// Byte offset (from the start of the buffer handed to the codec) of the offending item.
    pub offset: usize,
    /// What was wrong.
    pub kind: DecodeErrorKind,
}

impl DecodeError {
    /// Build an error at `offset`.
    pub const fn new(offset: usize, kind: DecodeErrorKind) -> Self {
        Self { offset, kind }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at byte {}: {}", self.offset, self.kind.as_str())
    }
}

impl std::error::Error for DecodeError {}

/// Why encoding failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EncodeError {
    /// The caller's fixed buffer has no room for the next item.
    BufferTooSmall {
        /// Bytes the item needed in total.
        needed: usize,
        /// Bytes the buffer holds.
        capacity: usize,
    },
    /// An attribute (or a nest, once closed) would exceed the 65535-byte `rta_len`.
    AttrTooLong {
        /// The attribute type.
        kind: u16,
        /// Its encoded length.
        len: usize,
    },
    /// A message would exceed the `u32` `nlmsg_len`.
    MessageTooLong,
    /// A nest was closed out of order, or a message finished with a nest still open.
    UnbalancedNest,
    /// A model nests attribute runs deeper than [`crate::model::MAX_NESTING`] levels.
    TooDeep,
    /// An attribute's kept padding ([`crate::pad::Pad`]) is not as long as its payload's
    /// alignment needs.
    PadLength {
        /// The attribute type.
        kind: u16,
        /// The bytes of padding kept.
        pad: usize,
        /// The bytes of padding the payload needs.
        needed: usize,
    },
    /// A value does not fit the fixed-header field it is written to
    /// ([`crate::schema::HeaderDef::write`]).
    FieldOutOfRange {
        /// The field (`"ifi_family"`).
        field: &'static str,
        /// The value given.
        value: i64,
        /// The field's C type (`"u8"`, `"i32"`, ...).
        ty: &'static str,
    },
    /// A fixed-header field ends past the bytes given for the header.
    FieldPastEnd {
        /// The field.
        field: &'static str,
    },
    /// A fixed-header field has a width the codec does not write (only 1, 2 and 4 bytes).
    FieldWidth {
        /// The field.
        field: &'static str,
        /// Its width in bytes.
        size: usize,
    },
    /// Bytes (a string, an address) longer than the byte-array field they are written to
    /// ([`crate::schema::HeaderDef::write_bytes`]).
    FieldTooLong {
        /// The field.
        field: &'static str,
        /// The length given.
        len: usize,
        /// The field's width in bytes.
        size: usize,
    },
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::BufferTooSmall { needed, capacity } => {
                write!(f, "buffer too small: need {needed} bytes, have {capacity}")
            }
            Self::AttrTooLong { kind, len } => {
                write!(
                    f,
                    "attribute type {kind} is {len} bytes, over the 65535-byte rta_len limit"
                )
            }
            Self::MessageTooLong => f.write_str("message longer than nlmsg_len can express"),
            Self::UnbalancedNest => {
                f.write_str("nested attribute closed out of order or left open")
            }
            Self::TooDeep => write!(f, "attributes nested deeper than {MAX_NESTING} levels"),
            Self::PadLength { kind, pad, needed } => write!(
                f,
                "attribute type {kind} keeps {pad} padding bytes; its payload needs {needed}"
            ),
            Self::FieldOutOfRange { field, value, ty } => {
                write!(f, "{value} is out of range for {ty} field {field}")
            }
            Self::FieldPastEnd { field } => {
                write!(f, "field {field} ends past the end of the header")
            }
            Self::FieldWidth { field, size } => {
                write!(
                    f,
                    "field {field} is {size} bytes wide; only 1, 2 and 4 are known"
                )
            }
            Self::FieldTooLong { field, len, size } => {
                write!(f, "{len} bytes do not fit the {size}-byte field {field}")
            }
        }
    }
}

impl std::error::Error for EncodeError {}
