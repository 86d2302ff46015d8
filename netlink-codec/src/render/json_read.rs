//! The pieces every JSON reader here uses: the error with its path, the path being
//! walked, and readers of JSON scalars (numbers, strings of hex, addresses).

use std::fmt;
use std::net::IpAddr;

use serde_json::{Map, Value as Json};

/// A JSON value that does not describe a message: where (a path such as
/// `attrs[2].type`) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// Path of the offending field from the message object (empty: the object itself).
    pub path: String,
    /// What is wrong with it.
    pub msg: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.msg)
        } else {
            write!(f, "{}: {}", self.path, self.msg)
        }
    }
}

impl std::error::Error for JsonError {}

/// A reader's result.
pub(super) type R<T> = Result<T, JsonError>;

/// A path being walked, for error messages.
#[derive(Clone, Copy)]
pub(super) struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    seg: Seg<'a>,
}

#[derive(Clone, Copy)]
enum Seg<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> Path<'a> {
    pub(super) const ROOT: Path<'static> = Path {
        parent: None,
        seg: Seg::Root,
    };
    pub(super) fn key(&'a self, k: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            seg: Seg::Key(k),
        }
    }
    pub(super) fn index(&'a self, i: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            seg: Seg::Index(i),
        }
    }
    fn render(&self) -> String {
        let mut s = self.parent.map_or_else(String::new, Path::render);
        match self.seg {
            Seg::Root => {}
            Seg::Key(k) if s.is_empty() => s.push_str(k),
            Seg::Key(k) => {
                s.push('.');
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
        s
    }
    pub(super) fn err<T>(&self, msg: impl Into<String>) -> R<T> {
        Err(JsonError {
            path: self.render(),
            msg: msg.into(),
        })
    }
}

pub(super) fn lladdr(v: &Json, p: &Path) -> R<Vec<u8>> {
    let Json::String(s) = v else {
        return p.err("expected a link-layer address such as \"aa:bb:cc:dd:ee:ff\"");
    };
    if s.is_empty() {
        return Ok(Vec::new());
    }
    s.split(':')
        .map(|b| match u8::from_str_radix(b, 16) {
            Ok(x) if b.len() == 2 => Ok(x),
            _ => p.err(format!("bad link-layer address {s:?}")),
        })
        .collect()
}

pub(super) fn ip(v: &Json, p: &Path) -> R<IpAddr> {
    match v.as_str().map(str::parse::<IpAddr>) {
        Some(Ok(ip)) => Ok(ip),
        _ => p.err(format!("expected an IPv4 or IPv6 address, got {v}")),
    }
}

pub(super) fn hex_bytes(v: &Json, p: &Path) -> R<Vec<u8>> {
    let Json::String(s) = v else {
        return p.err("expected a hex string");
    };
    match parse_hex(s) {
        Ok(b) => Ok(b),
        Err(e) => p.err(e),
    }
}

pub(super) fn object<'a>(v: &'a Json, p: &Path) -> R<&'a Map<String, Json>> {
    match v {
        Json::Object(o) => Ok(o),
        _ => p.err("expected an object"),
    }
}

pub(super) fn get<'a>(o: &'a Map<String, Json>, p: &Path, k: &str) -> R<&'a Json> {
    match o.get(k) {
        Some(v) => Ok(v),
        None => p.err(format!("missing \"{k}\"")),
    }
}

pub(super) fn check_keys(o: &Map<String, Json>, p: &Path, allowed: &[&str]) -> R<()> {
    for k in o.keys() {
        if !allowed.contains(&k.as_str()) {
            return p.key(k).err(format!(
                "unexpected key here (allowed: {})",
                allowed.join(", ")
            ));
        }
    }
    Ok(())
}

pub(super) fn opt_bool(o: &Map<String, Json>, p: &Path, k: &str) -> R<bool> {
    match o.get(k) {
        None => Ok(false),
        Some(Json::Bool(b)) => Ok(*b),
        Some(_) => p.key(k).err("expected true or false"),
    }
}

pub(super) fn opt_num<T: TryFrom<i64> + TryFrom<u64>>(
    o: &Map<String, Json>,
    p: &Path,
    k: &str,
) -> R<Option<T>> {
    o.get(k).map(|v| num(v, &p.key(k))).transpose()
}

/// A JSON integer that fits `T`.
pub(super) fn num<T: TryFrom<i64> + TryFrom<u64>>(v: &Json, p: &Path) -> R<T> {
    let out = if let Some(u) = v.as_u64() {
        T::try_from(u).ok()
    } else if let Some(i) = v.as_i64() {
        T::try_from(i).ok()
    } else {
        return p.err(format!("expected an integer, got {v}"));
    };
    match out {
        Some(x) => Ok(x),
        None => p.err(format!(
            "{v} is out of range for {}",
            std::any::type_name::<T>()
        )),
    }
}

/// Hex text to bytes. Any whitespace may separate digits (also inside a byte); an
/// optional `0x` before a group is skipped. Errors name the line and column.
pub fn parse_hex(text: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(text.len() / 2);
    let mut high: Option<u8> = None;
    for (ln, line) in text.lines().enumerate() {
        let mut chars = line.char_indices().peekable();
        while let Some((col, c)) = chars.next() {
            if c.is_whitespace() {
                continue;
            }
            if c == '0' && high.is_none() {
                if let Some((_, 'x' | 'X')) = chars.peek() {
                    chars.next();
                    continue;
                }
            }
            let Some(d) = c.to_digit(16) else {
                return Err(format!(
                    "line {}, column {}: {c:?} is not a hex digit",
                    ln + 1,
                    col + 1
                ));
            };
            let d = d as u8;
            match high.take() {
                None => high = Some(d),
                Some(h) => out.push(h << 4 | d),
            }
        }
    }
    if high.is_some() {
        return Err("odd number of hex digits".to_owned());
    }
    Ok(out)
}
