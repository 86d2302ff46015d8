//! The netlink transport: requests go out and answers come back, with no knowledge of
//! what the messages mean beyond netlink's own (sequence numbers, ACKs, dumps).
//!
//! - [`socket`]: the socket; the one send (`sendmsg`) and the one receive (`recvmmsg`),
//!   and who sent a datagram.
//! - [`batch`]: answers matched to requests by sequence number, dump retries, the errno
//!   policy; raw mode for `vethctl send`.
//! - [`watch`]: kernel notifications about one IPv6 local route.
//! - [`request`]: a request, its errno policy and how it ended.

pub(crate) mod batch;
pub(crate) mod request;
pub(crate) mod socket;
pub(crate) mod watch;

pub use socket::NlSocket;
