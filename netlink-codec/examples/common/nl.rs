//! The smallest `NETLINK_ROUTE` socket an example needs: send one request, collect the
//! datagrams that answer it. The codec does no I/O; this uses `nix` (safe wrappers).

use std::error::Error;
use std::os::fd::{AsRawFd, OwnedFd};

use netlink_codec::ack::ErrorView;
use netlink_codec::header::{Messages, NLMSG_DONE, NLMSG_ERROR};
use nix::sys::socket::{
    recv, sendto, socket, AddressFamily, MsgFlags, NetlinkAddr, SockFlag, SockProtocol, SockType,
};

/// A kernel datagram is at most this long with the socket defaults (a page, at most 32 KiB).
const RECV_LEN: usize = 64 * 1024;

/// A `NETLINK_ROUTE` socket in the calling thread's network namespace.
pub(crate) struct Route(OwnedFd);

impl Route {
    /// Open the socket (the kernel binds it to a port on the first `sendto`).
    pub(crate) fn open() -> Result<Self, Box<dyn Error>> {
        let fd = socket(
            AddressFamily::Netlink,
            SockType::Raw,
            SockFlag::SOCK_CLOEXEC,
            SockProtocol::NetlinkRoute,
        )?;
        Ok(Route(fd))
    }

    /// Send `request` (one message with sequence number `seq`) and return the datagrams of
    /// its answer: up to `NLMSG_DONE` for a dump, up to the `NLMSG_ERROR` for anything else.
    /// A kernel error is an `Err` naming the errno and the extended-ACK message.
    pub(crate) fn ask(&self, request: &[u8], seq: u32) -> Result<Vec<Vec<u8>>, Box<dyn Error>> {
        sendto(
            self.0.as_raw_fd(),
            request,
            &NetlinkAddr::new(0, 0),
            MsgFlags::empty(),
        )?;
        let mut answer = Vec::new();
        loop {
            let mut buf = vec![0; RECV_LEN];
            // MSG_TRUNC: the length returned is the datagram's, even if it did not fit.
            let len = recv(self.0.as_raw_fd(), &mut buf, MsgFlags::MSG_TRUNC)?;
            if len > buf.len() {
                return Err(format!("a {len}-byte datagram did not fit {RECV_LEN} bytes").into());
            }
            buf.truncate(len);
            let mut last = false;
            for msg in Messages::new(&buf) {
                let msg = msg?;
                if msg.seq() != seq {
                    continue;
                }
                match msg.msg_type() {
                    NLMSG_DONE => last = true,
                    NLMSG_ERROR => {
                        let e = ErrorView::parse(&msg)?;
                        if let Some(errno) = e.errno() {
                            return Err(match e.ext_ack_info()?.msg {
                                Some(text) => format!("kernel: {errno}: {text}"),
                                None => format!("kernel: {errno}"),
                            }
                            .into());
                        }
                        last = true;
                    }
                    _ => {}
                }
            }
            answer.push(buf);
            if last {
                return Ok(answer);
            }
        }
    }
}
