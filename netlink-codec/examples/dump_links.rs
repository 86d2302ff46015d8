//! List the links of this network namespace with their addresses, as `ip -brief address`
//! does: one `RTM_GETLINK` dump and one `RTM_GETADDR` dump, built and decoded with the
//! codec. It only reads; nothing is changed.
//!
//! ```sh
//! cargo run -p netlink-codec --example dump_links            # the plain listing
//! cargo run -p netlink-codec --example dump_links -- --raw   # every message in full
//! ```

mod common;

use std::collections::BTreeMap;
use std::error::Error;

use netlink_codec::addr::{IfAddrMsg, IFA_ADDRESS, IFA_LOCAL};
use netlink_codec::af::AF_UNSPEC;
use netlink_codec::build::MessageBuilder;
use netlink_codec::header::{
    Messages, NlmFlags, RTM_GETADDR, RTM_GETLINK, RTM_NEWADDR, RTM_NEWLINK,
};
use netlink_codec::link::{IfInfoMsg, IFLA_IFNAME};

use common::nl::Route;

/// One link as listed: name and addresses (`ADDRESS/PREFIXLEN`).
#[derive(Default)]
struct Link {
    name: String,
    addrs: Vec<String>,
}

fn main() -> Result<(), Box<dyn Error>> {
    let raw = std::env::args().any(|a| a == "--raw");
    let socket = Route::open()?;

    // The links: RTM_GETLINK, NLM_F_DUMP, an all-zero ifinfomsg (every family).
    let mut req = Vec::new();
    let mut m = MessageBuilder::new(&mut req, RTM_GETLINK, NlmFlags::REQUEST | NlmFlags::DUMP, 1)?;
    m.family_header(&IfInfoMsg::default())?;
    m.finish()?;
    let mut links: BTreeMap<i32, Link> = BTreeMap::new();
    for datagram in socket.ask(&req, 1)? {
        for msg in Messages::new(&datagram) {
            let msg = msg?;
            if raw {
                common::print_message(&msg)?;
            }
            if msg.msg_type() != RTM_NEWLINK {
                continue;
            }
            let (ifi, attrs) = msg.split::<IfInfoMsg>()?;
            let name = match attrs.find(IFLA_IFNAME)? {
                Some(a) => a.str()?.to_owned(),
                None => String::from("?"),
            };
            links.entry(ifi.ifi_index.get()).or_default().name = name;
        }
    }

    // The addresses: RTM_GETADDR, NLM_F_DUMP, ifa_family AF_UNSPEC (IPv4 and IPv6).
    let mut req = Vec::new();
    let mut m = MessageBuilder::new(&mut req, RTM_GETADDR, NlmFlags::REQUEST | NlmFlags::DUMP, 2)?;
    m.family_header(&IfAddrMsg {
        ifa_family: AF_UNSPEC,
        ..Default::default()
    })?;
    m.finish()?;
    for datagram in socket.ask(&req, 2)? {
        for msg in Messages::new(&datagram) {
            let msg = msg?;
            if raw {
                common::print_message(&msg)?;
            }
            if msg.msg_type() != RTM_NEWADDR {
                continue;
            }
            let (ifa, attrs) = msg.split::<IfAddrMsg>()?;
            // IFA_LOCAL is the address itself; IFA_ADDRESS is the peer on point-to-point
            // links, and the only one IPv6 sends.
            let Some(a) = attrs.clone().find(IFA_LOCAL)?.or(attrs.find(IFA_ADDRESS)?) else {
                continue;
            };
            let index = i32::try_from(ifa.ifa_index.get()).unwrap_or(i32::MAX);
            links.entry(index).or_default().addrs.push(format!(
                "{}/{}",
                a.ip()?,
                ifa.ifa_prefixlen
            ));
        }
    }

    for (index, link) in &links {
        println!("{index:>4} {:<16} {}", link.name, link.addrs.join(" "));
    }
    Ok(())
}
