//! Segment routing headers ([`Shape::Srh`]) for the renderers: the tree's lines, the
//! JSON value, and that JSON read back.
//!
//! JSON: `{"header":{field: n, ...},"segments":["2001:db8::2",...],"tlvs":[...]}` (SRv6)
//! or `{..., "padding":"hex"}` (RPL). A TLV is its struct's fields (`type`, `len`, and
//! for `sr6_tlv_hmac` `reserved`, `hmackeyid`) and then `hmac` or `data` as hex. The
//! reader sets `hdrlen`, `first_segment` / `pad` and each TLV's `len` from the parts;
//! given ones must agree (a header whose lengths disagree is written as `hex`).

use std::net::IpAddr;

use serde_json::{json, Map, Value as Json};

use super::from_json::{field_value, header_bytes};
use super::json::fields_json;
use super::json_read::{check_keys, hex_bytes, ip, object, Path, R};
use super::text::fields_text;
use super::{hex, Shape};
use crate::model::AttrValue;
use crate::srh::{Sr6Tlv, Sr6TlvHmac, SrhDef, SrhKind, SrhView, Tlv};

/// The header in a [`Shape::Srh`] attribute's bytes, if its lengths agree.
pub(super) fn view(shape: Shape, b: &[u8]) -> Option<SrhView<'_>> {
    match shape {
        Shape::Srh(def) => def.parse(b),
        _ => None,
    }
}

/// The key of the bytes after a TLV's fields.
fn rest_key(t: &Tlv<'_>) -> &'static str {
    if t.def().len == Sr6TlvHmac::DEF.len {
        "hmac"
    } else {
        "data"
    }
}

/// The tree's lines below the attribute's own, each with its byte offset; `payload` is
/// where the attribute's payload starts.
pub(super) fn text_lines(v: &SrhView<'_>, payload: usize) -> Vec<(usize, String)> {
    let mut out = vec![(payload, fields_text(v.def.header, v.header()))];
    let first = payload + v.header().len();
    for (i, s) in v.segments().enumerate() {
        out.push((first + i * 16, format!("segments[{i}] = {s}")));
    }
    let tail = payload + v.tail_offset();
    for (at, t) in v.tlvs() {
        let mut line = fields_text(t.def(), t.bytes());
        if !t.rest().is_empty() {
            line.push_str(&format!(" {}={}", rest_key(&t), hex(t.rest())));
        }
        out.push((tail + at, line));
    }
    if v.def.kind == SrhKind::Rpl && !v.tail().is_empty() {
        out.push((tail, format!("padding: hex {}", hex(v.tail()))));
    }
    out
}

/// The JSON `value`.
pub(super) fn to_json(v: &SrhView<'_>) -> Json {
    let mut o = Map::new();
    o.insert(
        "header".into(),
        Json::Object(fields_json(v.def.header, v.header())),
    );
    let segs = v.segments().map(|s| json!(s.to_string())).collect();
    o.insert("segments".into(), Json::Array(segs));
    match v.def.kind {
        SrhKind::Seg6 => {
            let tlvs = v.tlvs().map(|(_, t)| tlv_json(&t)).collect();
            o.insert("tlvs".into(), Json::Array(tlvs));
        }
        SrhKind::Rpl if !v.tail().is_empty() => {
            o.insert("padding".into(), json!(hex(v.tail())));
        }
        SrhKind::Rpl => {}
    }
    Json::Object(o)
}

fn tlv_json(t: &Tlv<'_>) -> Json {
    let mut o = fields_json(t.def(), t.bytes());
    if !t.rest().is_empty() {
        o.insert(rest_key(t).into(), json!(hex(t.rest())));
    }
    Json::Object(o)
}

/// The JSON `value` back to the header's bytes.
pub(super) fn from_json(v: &Json, def: &'static SrhDef, p: &Path) -> R<AttrValue> {
    let o = object(v, p)?;
    let tail_key = match def.kind {
        SrhKind::Seg6 => "tlvs",
        SrhKind::Rpl => "padding",
    };
    check_keys(o, p, &["header", "segments", tail_key])?;
    let hp = p.key("header");
    let header = header_bytes(def.header, o.get("header"), &hp)?;
    let segments = segments(o.get("segments"), &p.key("segments"))?;
    let tail = match (def.kind, o.get(tail_key)) {
        (_, None) => Vec::new(),
        (SrhKind::Seg6, Some(t)) => tlvs(t, &p.key(tail_key))?,
        (SrhKind::Rpl, Some(h)) => hex_bytes(h, &p.key(tail_key))?,
    };
    let bytes = match def.build(&header, &segments, &tail) {
        Ok(b) => b,
        Err(e) => return p.err(e.to_string()),
    };
    // The length fields the parts set: one given in the JSON must say the same.
    let given = o.get("header").and_then(Json::as_object);
    for name in def.length_fields() {
        let Some(val) = given.and_then(|g| g.get(*name)) else {
            continue;
        };
        let f = def.header.fields.iter().find(|f| f.name == *name);
        let Some(f) = f else { continue };
        let fp = hp.key(name);
        let made = def.header.read(f, &bytes);
        if Some(field_value(f.names, val, &fp)?) != made {
            let made = made.unwrap_or_default();
            return fp.err(format!(
                "disagrees with the segments and the tail, which make it {made} \
                 (a header whose lengths disagree is written as \"hex\")"
            ));
        }
    }
    Ok(AttrValue::Srh(bytes))
}

fn segments(v: Option<&Json>, p: &Path) -> R<Vec<std::net::Ipv6Addr>> {
    let Some(v) = v else { return Ok(Vec::new()) };
    let Json::Array(items) = v else {
        return p.err("expected a list of IPv6 addresses");
    };
    let each = items.iter().enumerate().map(|(i, it)| {
        let ip_path = p.index(i);
        match ip(it, &ip_path)? {
            IpAddr::V6(a) => Ok(a),
            IpAddr::V4(_) => ip_path.err("a segment is an IPv6 address"),
        }
    });
    each.collect()
}

/// A list of TLV objects back to their bytes, back to back.
fn tlvs(v: &Json, p: &Path) -> R<Vec<u8>> {
    let Json::Array(items) = v else {
        return p.err("expected a list of TLVs");
    };
    let mut out = Vec::new();
    for (i, it) in items.iter().enumerate() {
        out.extend(tlv(it, &p.index(i))?);
    }
    Ok(out)
}

/// One TLV: `sr6_tlv_hmac`'s fields and `hmac`, or `sr6_tlv`'s and `data`.
fn tlv(v: &Json, p: &Path) -> R<Vec<u8>> {
    let o = object(v, p)?;
    let (def, key, at) = if o.contains_key("hmac") {
        (&Sr6TlvHmac::DEF, "hmac", Sr6TlvHmac::HMAC_AT)
    } else {
        (&Sr6Tlv::DEF, "data", Sr6Tlv::LEN)
    };
    let rest = match o.get(key) {
        Some(h) => hex_bytes(h, &p.key(key))?,
        None => Vec::new(),
    };
    if key == "hmac" && at + rest.len() != def.len {
        return p.key(key).err(format!("an HMAC is {} bytes", def.len - at));
    }
    let fields: Map<String, Json> = o
        .iter()
        .filter(|(k, _)| k.as_str() != key)
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut b = header_bytes(def, Some(&Json::Object(fields)), p)?;
    b.truncate(at);
    b.extend(rest);
    let Ok(len) = u8::try_from(b.len() - Sr6Tlv::LEN) else {
        return p.err("a TLV holds at most 255 bytes of data");
    };
    if let Some(given) = o.get("len") {
        if given.as_u64() != Some(u64::from(len)) {
            return p.key("len").err(format!("the TLV's data make it {len}"));
        }
    }
    b[1] = len;
    Ok(b)
}
