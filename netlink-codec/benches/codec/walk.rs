//! The decode work measured: walk every message and every attribute of a dump, recursing
//! into nested attributes, and read every typed value with the codec's tables
//! ([`Value::read`] with the attribute's [`Shape`]). Numbers are summed and strings, byte
//! strings and addresses contribute their lengths, so the optimiser cannot skip anything.

use netlink_codec::attr::Attrs;
use netlink_codec::error::{DecodeError, DecodeErrorKind};
use netlink_codec::family::Family;
use netlink_codec::header::{Messages, NlMsg};
use netlink_codec::schema::{Elem, Space};
use netlink_codec::value::Value;

/// Walk a dump; returns a checksum of everything read and the number of attributes.
pub(crate) fn walk_dump(buf: &[u8]) -> Result<(u64, u64), DecodeError> {
    let mut acc = Acc::default();
    for m in Messages::new(buf) {
        walk_message(&m?, &mut acc)?;
    }
    Ok((acc.sum, acc.attrs))
}

/// The bare walk: message and attribute lengths only, no typed values, no recursion.
/// A floor for comparison.
pub(crate) fn bare_walk(buf: &[u8]) -> Result<u64, DecodeError> {
    let mut sum = 0u64;
    for m in Messages::new(buf) {
        let m = m?;
        let hdr = Family::of(m.msg_type()).map_or(0, |f| f.header().len);
        for a in m.attrs_after(hdr) {
            sum += a?.payload().len() as u64;
        }
    }
    Ok(sum)
}

#[derive(Default)]
struct Acc {
    sum: u64,
    attrs: u64,
}

impl Acc {
    fn add(&mut self, v: u64) {
        self.sum = self.sum.wrapping_add(v);
    }
}

fn walk_message(m: &NlMsg<'_>, acc: &mut Acc) -> Result<(), DecodeError> {
    acc.add(m.msg_type().into());
    let Some(fam) = Family::of(m.msg_type()) else {
        acc.add(m.payload().len() as u64);
        return Ok(());
    };
    let def = fam.header();
    let p = m.payload();
    if p.len() < def.len {
        return Err(DecodeError::new(
            m.payload_offset(),
            DecodeErrorKind::TruncatedFamilyHeader,
        ));
    }
    for f in def.fields {
        acc.add(def.read(f, p).unwrap_or(0) as u64);
    }
    let family = p.first().copied();
    walk_attrs(m.attrs_after(def.len), (fam.space(), family), acc)
}

/// A run of attributes; the family is the header's, for the top-level run only.
fn walk_attrs(
    attrs: Attrs<'_>,
    (space, family): (&'static Space, Option<u8>),
    acc: &mut Acc,
) -> Result<(), DecodeError> {
    for a in attrs.clone() {
        let a = a?;
        acc.attrs += 1;
        let shape = space.shape(a.kind()).resolve(&attrs, family);
        let value = Value::read(&a, shape, None)?;
        walk_value(value, acc)?;
    }
    Ok(())
}

fn walk_value(v: Value<'_>, acc: &mut Acc) -> Result<(), DecodeError> {
    match v {
        Value::Raw(b) | Value::LlAddr(b) | Value::Structs(b, _) => acc.add(b.len() as u64),
        Value::Flag => acc.add(1),
        Value::U8(x) => acc.add(x.into()),
        Value::U16(x) | Value::Be16(x) => acc.add(x.into()),
        Value::U32(x) | Value::Be32(x) => acc.add(x.into()),
        Value::I32(x) => acc.add(x as u64),
        Value::U64(x) => acc.add(x),
        Value::Str(s) => acc.add(s.len() as u64),
        Value::Ip(ip) => acc.add(match ip {
            core::net::IpAddr::V4(a) => u32::from(a).into(),
            core::net::IpAddr::V6(a) => u128::from(a) as u64,
        }),
        Value::Via(fam, b) => acc.add(u64::from(fam) + b.len() as u64),
        Value::Nested(attrs, space) => walk_attrs(attrs, (space, None), acc)?,
        Value::Array(b, elem, _) => match elem {
            Elem::U32 | Elem::I32 => {
                for c in b.chunks_exact(4) {
                    acc.add(u32::from_ne_bytes([c[0], c[1], c[2], c[3]]).into());
                }
            }
            Elem::U64 => {
                for c in b.chunks_exact(8) {
                    let mut w = [0u8; 8];
                    w.copy_from_slice(c);
                    acc.add(u64::from_ne_bytes(w));
                }
            }
            _ => acc.add(b.len() as u64),
        },
        Value::Peer(hdr, attrs, space) => {
            acc.add(hdr.ifi_index.get() as u64);
            walk_attrs(attrs, (space, None), acc)?;
        }
        Value::Multipath(hops, space) => {
            for nh in hops {
                let nh = nh?;
                acc.add(nh.header.rtnh_ifindex.get() as u64);
                walk_attrs(nh.attrs, (space, None), acc)?;
            }
        }
        // A value newer than this walk: counted as seen.
        _ => acc.add(1),
    }
    Ok(())
}
