//! What the examples share: a printer that walks a datagram with the codec's views and
//! names every message type, header field and attribute the way the kernel's uapi does,
//! and a hex dump.
#![allow(dead_code)] // each example uses a part

pub(crate) mod nl;

use netlink_codec::attr::Attrs;
use netlink_codec::family::Family;
use netlink_codec::header::{msg_type_name, FlagContext, FlagName, Messages, NlMsg};
use netlink_codec::schema::Space;
use netlink_codec::value::Value;
use netlink_codec::DecodeError;

/// Deeper nests than this are printed as bytes: the printer recurses, and a crafted
/// datagram may nest thousands of levels.
const MAX_DEPTH: usize = 16;

/// Print every message of `buf`; stop at the first malformed one with its error.
pub(crate) fn print_datagram(buf: &[u8]) -> Result<(), DecodeError> {
    for msg in Messages::new(buf) {
        print_message(&msg?)?;
    }
    Ok(())
}

/// One message: its header, its family header's fields and its attributes as a tree.
pub(crate) fn print_message(msg: &NlMsg<'_>) -> Result<(), DecodeError> {
    let t = msg.msg_type();
    println!(
        "{} (type {t}) flags {} seq {} pid {} len {}",
        msg_type_name(t).unwrap_or("?"),
        flag_names(msg),
        msg.seq(),
        msg.pid(),
        msg.header().nlmsg_len.get(),
    );
    let Some(family) = Family::of(t) else {
        println!("  payload {}", hex(msg.payload()));
        return Ok(());
    };
    let def = family.header();
    let Some(fixed) = msg.payload().get(..def.len) else {
        println!("  truncated {}: {}", def.name, hex(msg.payload()));
        return Ok(());
    };
    let fields: Vec<String> = def
        .fields
        .iter()
        .map(|f| match def.read(f, fixed) {
            Some(v) => format!("{} {v}", f.name),
            None => format!("{} ?", f.name),
        })
        .collect();
    println!("  {} {{ {} }}", def.name, fields.join(", "));
    print_attrs(msg.attrs_after(def.len), family.space(), 1)
}

/// The attributes of `attrs`, read with `space`, indented `depth` levels.
pub(crate) fn print_attrs(
    attrs: Attrs<'_>,
    space: &Space,
    depth: usize,
) -> Result<(), DecodeError> {
    let indent = "  ".repeat(depth);
    for attr in attrs.clone() {
        let attr = attr?;
        let name = space.name_of(attr.kind()).unwrap_or("?");
        // Nested runs only: the header family is for top-level attributes.
        let shape = space.shape(attr.kind()).resolve(&attrs, None);
        let value = Value::read(&attr, shape, None)?;
        let head = format!("{indent}{name} ({})", attr.kind());
        match value {
            _ if depth >= MAX_DEPTH => println!("{head}: {}", hex(attr.payload())),
            Value::Nested(inner, space) => {
                println!("{head}:");
                print_attrs(inner, space, depth + 1)?;
            }
            Value::Peer(ifi, inner, space) => {
                println!("{head}: ifinfomsg {{ ifi_index {} }}", ifi.ifi_index.get());
                print_attrs(inner, space, depth + 1)?;
            }
            Value::Multipath(hops, space) => {
                println!("{head}:");
                for hop in hops {
                    let hop = hop?;
                    println!(
                        "{indent}  rtnexthop {{ ifindex {} }}",
                        hop.header.rtnh_ifindex.get()
                    );
                    print_attrs(hop.attrs, space, depth + 2)?;
                }
            }
            Value::Str(s) => println!("{head}: {s:?}"),
            Value::Ip(ip) => println!("{head}: {ip}"),
            Value::Raw(b) | Value::LlAddr(b) | Value::Array(b, ..) => {
                println!("{head}: {}", hex(b))
            }
            other => println!("{head}: {other:?}"),
        }
    }
    Ok(())
}

/// `NLM_F_REQUEST|NLM_F_ACK`: the names the message type gives its flag bits.
fn flag_names(msg: &NlMsg<'_>) -> String {
    let names: Vec<String> = msg
        .flags()
        .names(FlagContext::of(msg.msg_type(), msg.flags()))
        .map(|n| match n {
            FlagName::Named(n) => n.to_owned(),
            FlagName::Unknown(bits) => format!("{bits:#x}"),
            _ => String::from("?"),
        })
        .collect();
    if names.is_empty() {
        "0".to_owned()
    } else {
        names.join("|")
    }
}

/// Bytes as space-separated hex pairs.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}
