//! Build the `RTM_NEWLINK` that creates a veth pair whose peer is born in another network
//! namespace (`IFLA_NET_NS_FD` inside `VETH_INFO_PEER`), print it as hex and decoded, and
//! with `--send` ask the kernel to create it.
//!
//! ```sh
//! cargo run -p netlink-codec --example create_veth -- NETNS [HOST PEER]  # print only
//! cargo run -p netlink-codec --example create_veth -- --send NETNS       # and create it
//! ```
//!
//! `NETNS` is a network namespace file, e.g. `/run/netns/pod` (`ip netns add pod`); it is
//! opened to give the kernel its descriptor. `--send` creates links in the calling
//! namespace: try it in a throwaway one,
//! `unshare --net --mount sh -c 'mount -t tmpfs tmpfs /run; ip netns add pod; create_veth --send /run/netns/pod'`.

mod common;

use std::error::Error;
use std::fs::File;
use std::os::fd::AsRawFd;

use netlink_codec::attr::EmitBuf;
use netlink_codec::build::MessageBuilder;
use netlink_codec::header::{NlmFlags, RTM_NEWLINK};
use netlink_codec::link::{
    IfInfoMsg, IFLA_IFNAME, IFLA_INFO_DATA, IFLA_INFO_KIND, IFLA_LINKINFO, IFLA_NET_NS_FD,
    VETH_INFO_PEER,
};
use zerocopy::IntoBytes;

use common::nl::Route;

fn main() -> Result<(), Box<dyn Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let send = args.first().is_some_and(|a| a == "--send");
    if send {
        args.remove(0);
    }
    let (netns, host, peer) = match args.as_slice() {
        [netns] => (netns.as_str(), "veth-host", "veth-pod"),
        [netns, host, peer] => (netns.as_str(), host.as_str(), peer.as_str()),
        _ => return Err("usage: create_veth [--send] NETNS [HOST PEER]".into()),
    };
    let ns = File::open(netns).map_err(|e| format!("{netns}: {e}"))?;
    let ns_fd = u32::try_from(ns.as_raw_fd())?;

    let seq = 1;
    let request = new_veth(host, peer, ns_fd, seq)?;
    println!("{} bytes: {}", request.len(), common::hex(&request));
    common::print_datagram(&request)?;

    if send {
        Route::open()?.ask(&request, seq)?;
        println!("created {host} here and {peer} in {netns}");
    }
    Ok(())
}

/// `RTM_NEWLINK` with `NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK`: veth `host` here, its peer
/// `peer` in the namespace `ns_fd`.
fn new_veth(host: &str, peer: &str, ns_fd: u32, seq: u32) -> Result<Vec<u8>, Box<dyn Error>> {
    let flags = NlmFlags::REQUEST | NlmFlags::ACK | NlmFlags::CREATE | NlmFlags::EXCL;
    let mut buf = Vec::new();
    let mut m = MessageBuilder::new(&mut buf, RTM_NEWLINK, flags, seq)?;
    m.family_header(&IfInfoMsg::default())?;
    let a = m.attrs();
    a.str(IFLA_IFNAME, host)?;
    let info = a.nest_start(IFLA_LINKINFO)?;
    a.str(IFLA_INFO_KIND, "veth")?;
    let data = a.nest_start(IFLA_INFO_DATA)?;
    // VETH_INFO_PEER holds a whole ifinfomsg, then the peer's own IFLA_* attributes.
    let p = a.nest_start(VETH_INFO_PEER)?;
    a.buf().put(IfInfoMsg::default().as_bytes())?;
    a.str(IFLA_IFNAME, peer)?;
    a.u32(IFLA_NET_NS_FD, ns_fd)?;
    a.nest_end(p)?;
    a.nest_end(data)?;
    a.nest_end(info)?;
    m.finish()?;
    Ok(buf)
}
