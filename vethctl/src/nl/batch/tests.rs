//! The batch against a real kernel (a fresh namespace) and a fake one (DUMP_INTR).

use std::io::{IoSlice, IoSliceMut};
use std::os::fd::AsRawFd;

use netlink_codec::ack::NlMsgErr;
use netlink_codec::build::MessageBuilder;
use netlink_codec::header::{NlMsgHdr, RTM_GETLINK, RTM_NEWLINK};
use netlink_codec::link::{IfInfoMsg, IFLA_IFNAME};
use nix::sys::socket::{bind, recvmsg, sendmsg, MsgFlags, NetlinkAddr};
use zerocopy::byteorder::native_endian::I32;

use super::*;
use crate::nl::socket::tests::{forge, in_new_netns, lo, req};
use crate::nl::socket::{open_fd, SLOT_LEN};
use crate::request::Policy;

/// An `NLMSG_ERROR` answering `seq` with `errno` (0: an ACK), its request capped to the
/// header (`NLM_F_CAPPED`), as the kernel sends it.
fn error_answer(seq: u32, errno: i32) -> Vec<u8> {
    let mut buf = Vec::new();
    let mut m = MessageBuilder::new(&mut buf, NLMSG_ERROR, NlmFlags::CAPPED, seq).unwrap();
    m.family_header(&NlMsgErr {
        error: errno.into(),
        msg: NlMsgHdr::default(),
    })
    .unwrap();
    m.finish().unwrap();
    buf
}

#[test]
fn absorb_keeps_data_and_ends_on_errors() {
    // A reply message, then an NLMSG_ERROR with ENODEV.
    let mut buf = Vec::new();
    let mut m = MessageBuilder::new(&mut buf, RTM_NEWLINK, NlmFlags::empty(), 5).unwrap();
    m.family_header(&IfInfoMsg::default()).unwrap();
    m.attrs().str(IFLA_IFNAME, "lo").unwrap();
    m.finish().unwrap();
    let mut p = Progress::default();
    let msg = Messages::new(&buf).next().unwrap().unwrap();
    assert_eq!(absorb(&msg, &mut p, "x").unwrap(), Took::Data);
    assert_eq!(message_range(&msg), 0..buf.len());

    let err = error_answer(5, -19);
    let msg = Messages::new(&err).next().unwrap().unwrap();
    assert_eq!(absorb(&msg, &mut p, "x").unwrap(), Took::End);
    assert_eq!(p.errno.as_ref().map(|e| e.0), Some(Errno::ENODEV));
    assert!(p.done);
}

#[test]
fn an_answer_views_its_messages_in_place() {
    // Two datagrams; the answer keeps the first's two messages as one run and the second's
    // as another, with the offsets they have in their datagram.
    let link = |seq, name: &str| {
        let mut buf = Vec::new();
        let mut m = MessageBuilder::new(&mut buf, RTM_NEWLINK, NlmFlags::MULTI, seq).unwrap();
        m.family_header(&IfInfoMsg::default()).unwrap();
        m.attrs().str(IFLA_IFNAME, name).unwrap();
        m.finish().unwrap();
        buf
    };
    let first: Arc<[u8]> = [link(1, "a"), link(1, "b")].concat().into();
    let second: Arc<[u8]> = [error_answer(9, 0), link(1, "c")].concat().into();
    let mut a = Answer::from_messages(Status::Ok, Vec::new());
    for d in [&first, &second] {
        for m in Messages::new(d) {
            let m = m.unwrap();
            if m.msg_type() == RTM_NEWLINK {
                a.keep(d, message_range(&m));
            }
        }
    }
    assert_eq!(a.replies.len(), 2, "adjacent messages make one run");
    let names: Vec<crate::state::Text> = a
        .messages()
        .map(|m| crate::state::Link::parse(&m.unwrap()).unwrap().name)
        .collect();
    assert_eq!(names, ["a", "b", "c"]);
    let offsets: Vec<usize> = a.messages().map(|m| m.unwrap().offset()).collect();
    let one = link(1, "a").len();
    assert_eq!(offsets, [0, one, error_answer(9, 0).len()]);
}

#[test]
fn batch_answers_each_request_by_its_policy() {
    in_new_netns("batch_answers_each_request_by_its_policy", || {
        let mut s = NlSocket::open().unwrap();
        let reqs = [
            req(
                "lo",
                crate::msgs::get_link(Some("lo"), 0).unwrap(),
                Policy::STRICT,
            ),
            req(
                "absent",
                crate::msgs::get_link(Some("nope0"), 0).unwrap(),
                Policy::LINK_LOOKUP,
            ),
            req("dump", crate::msgs::dump_routes(0).unwrap(), Policy::STRICT),
        ];
        let a = s.batch(&reqs).unwrap();
        assert_eq!(s.round_trips(), 1);
        assert_eq!(a[0].status, Status::Ok);
        let lo = crate::state::link_of(&a[0], "lo").unwrap().unwrap();
        assert_eq!(lo.name, "lo");
        assert_eq!(a[1].status, Status::Tolerated(Errno::ENODEV));
        assert!(a[1].messages().next().is_none());
        assert_eq!(a[2].status, Status::Ok);
        assert_eq!(s.dropped(), 0);

        // The same absent link under a strict policy: a typed error with the errno
        // by name.
        let e = s
            .batch(&[req(
                "read nope0",
                crate::msgs::get_link(Some("nope0"), 0).unwrap(),
                Policy::STRICT,
            )])
            .unwrap_err();
        assert_eq!(e.errno(), Some(Errno::ENODEV), "{e}");
        assert!(e.to_string().starts_with("read nope0: ENODEV"), "{e}");

        // The kernel's extended ACK travels with the error: a gateway that no route
        // reaches ("Nexthop has invalid gateway").
        let r = crate::msgs::RouteSpec {
            dst: None,
            v6: false,
            dst_len: 0,
            gateway: Some(std::net::Ipv4Addr::new(10, 0, 0, 1).into()),
            oif: lo.index.unsigned_abs(),
            scope_link: false,
            priority: None,
            table: 254,
        };
        let e = s
            .batch(&[req(
                "add a default route via lo",
                crate::msgs::replace_route(&r).unwrap(),
                Policy::GONE_OK,
            )])
            .unwrap_err();
        match &e {
            Error::Kernel { errno, msg, .. } => {
                assert_eq!(*errno, Errno::ENETUNREACH, "{e}");
                assert!(msg.as_deref().is_some_and(|m| !m.is_empty()), "{e}");
            }
            other => panic!("not a kernel error: {other}"),
        }
        assert!(e.to_string().contains("kernel says"), "{e}");
    });
}

#[test]
fn messages_not_from_the_kernel_are_dropped() {
    in_new_netns("messages_not_from_the_kernel_are_dropped", || {
        let mut ours = NlSocket::open().unwrap();
        ours.batch(&[lo()]).unwrap(); // binds a port
                                      // Another socket forges an ACK for the sequence number we send next.
        forge(&ours, &error_answer(ours.next_seq, 0));
        let a = ours.batch(&[lo()]).unwrap();
        assert_eq!(ours.dropped(), 1, "the forged ACK was not dropped");
        // The real answer still arrived: the link itself, then the kernel's ACK.
        assert!(crate::state::link_of(&a[0], "lo").unwrap().is_some());
    });
}

/// A fake kernel: a netlink socket of its own port that answers each datagram it
/// receives with what `answer(try, seq)` builds, `tries` times. The socket under test
/// sends to it and trusts it as the kernel (`kernel_port`), and is otherwise as is.
fn fake_kernel(
    s: &mut NlSocket,
    tries: u32,
    answer: impl Fn(u32, u32) -> Vec<u8> + Send + 'static,
) -> std::thread::JoinHandle<()> {
    let fake = open_fd().unwrap();
    bind(fake.as_raw_fd(), &NetlinkAddr::new(0, 0)).unwrap();
    s.kernel_port = nix::sys::socket::getsockname::<NetlinkAddr>(fake.as_raw_fd())
        .unwrap()
        .pid();
    std::thread::spawn(move || {
        let mut buf = vec![0u8; SLOT_LEN];
        for t in 1..=tries {
            let (len, from) = {
                let mut iov = [IoSliceMut::new(&mut buf)];
                let r = recvmsg::<NetlinkAddr>(fake.as_raw_fd(), &mut iov, None, MsgFlags::empty())
                    .unwrap();
                (r.bytes, r.address.unwrap())
            };
            let req = Messages::new(&buf[..len]).next().unwrap().unwrap();
            let reply = answer(t, req.seq());
            sendmsg(
                fake.as_raw_fd(),
                &[IoSlice::new(&reply)],
                &[],
                MsgFlags::empty(),
                Some(&from),
            )
            .unwrap();
        }
    })
}

/// One part of a link dump: `RTM_NEWLINK` named `name` (flags `flags`), then
/// `NLMSG_DONE`, both with sequence number `seq`.
fn dump_part(seq: u32, name: &str, flags: NlmFlags) -> Vec<u8> {
    let mut buf = Vec::new();
    let mut m = MessageBuilder::new(&mut buf, RTM_NEWLINK, NlmFlags::MULTI | flags, seq).unwrap();
    m.family_header(&IfInfoMsg::default()).unwrap();
    m.attrs().str(IFLA_IFNAME, name).unwrap();
    m.finish().unwrap();
    let mut m = MessageBuilder::new(&mut buf, NLMSG_DONE, NlmFlags::MULTI, seq).unwrap();
    m.family_header(&I32::new(0)).unwrap();
    m.finish().unwrap();
    buf
}

fn link_dump() -> Request {
    let mut buf = Vec::new();
    let mut m =
        MessageBuilder::new(&mut buf, RTM_GETLINK, NlmFlags::REQUEST | NlmFlags::DUMP, 0).unwrap();
    m.family_header(&IfInfoMsg::default()).unwrap();
    m.finish().unwrap();
    req("dump links", buf, Policy::STRICT)
}

#[test]
fn an_interrupted_dump_is_sent_again_and_only_the_whole_one_kept() {
    in_new_netns("an_interrupted_dump_is_sent_again", || {
        let mut s = NlSocket::open().unwrap();
        // The first answer says the dump was interrupted (NLM_F_DUMP_INTR): its links
        // may be a mix of before and after a change.
        let fake = fake_kernel(&mut s, 2, |t, seq| match t {
            1 => dump_part(seq, "torn", NlmFlags::DUMP_INTR),
            _ => dump_part(seq, "whole", NlmFlags::empty()),
        });
        let a = s.batch(&[link_dump()]).unwrap();
        assert_eq!(
            s.round_trips(),
            2,
            "the interrupted dump was not sent again"
        );
        fake.join().unwrap();
        assert_eq!(a[0].status, Status::Ok);
        let names: Vec<crate::state::Text> = a[0]
            .messages()
            .map(|m| crate::state::Link::parse(&m.unwrap()).unwrap().name)
            .collect();
        assert_eq!(names, ["whole"], "the torn dump's links were kept");
        assert_eq!(s.dropped(), 0);
    });
}

#[test]
fn a_dump_interrupted_every_time_is_an_error_after_its_tries() {
    in_new_netns("a_dump_interrupted_every_time", || {
        let mut s = NlSocket::open().unwrap();
        let fake = fake_kernel(&mut s, DUMP_TRIES, |_, seq| {
            dump_part(seq, "torn", NlmFlags::DUMP_INTR)
        });
        let e = s.batch(&[link_dump()]).unwrap_err();
        fake.join().unwrap();
        assert!(
            matches!(
                e,
                Error::DumpInterrupted {
                    tries: DUMP_TRIES,
                    ..
                }
            ),
            "{e}"
        );
        assert_eq!(s.round_trips(), DUMP_TRIES);
    });
}

#[test]
fn the_abort_hook_cuts_a_batch_after_the_kth_request() {
    in_new_netns("the_abort_hook_cuts_a_batch_after_the_kth_request", || {
        let mut s = NlSocket::open().unwrap();
        let mut ex = crate::wiring::Exec::new(Some(4));
        assert_eq!(ex.batch(&mut s, &[lo(), lo()]).unwrap().len(), 2);
        let e = ex.batch(&mut s, &[lo(), lo(), lo()]).unwrap_err();
        assert!(matches!(e, Error::TestAbort(4)), "{e}");
        assert_eq!(e.exit_code(), 3);
        assert_eq!(ex.sent(), 4);
        assert_eq!(s.round_trips(), 2);
        // Only two of the three went out: nothing is left unanswered on the socket.
        ex = crate::wiring::Exec::new(None);
        assert_eq!(ex.batch(&mut s, &[lo()]).unwrap().len(), 1);
        assert_eq!(s.dropped(), 0);
    });
}

#[test]
fn the_raw_barrier_is_an_ordinary_noop_asking_for_an_ack() {
    let b = barrier(7).unwrap();
    let mut msgs = Messages::new(&b);
    let m = msgs.next().unwrap().unwrap();
    assert!(msgs.next().is_none());
    assert_eq!(m.msg_type(), NLMSG_NOOP);
    assert_eq!(m.flags(), NlmFlags::REQUEST | NlmFlags::ACK);
    assert_eq!((m.seq(), m.payload().len()), (7, 0));
}

#[test]
fn a_raw_batch_waits_for_started_dumps_past_the_barrier() {
    let mut wait = RawWait {
        barrier_seq: 99,
        barrier_seen: false,
        dumps: [1, 2].into(),
        answered: BTreeSet::new(),
    };
    let mut errors = 0;
    // Dump 1 sent a part; then the barrier's ACK: dump 2 never started (no answer yet).
    let part = {
        let mut buf = Vec::new();
        let mut m = MessageBuilder::new(&mut buf, RTM_NEWLINK, NlmFlags::MULTI, 1).unwrap();
        m.family_header(&IfInfoMsg::default()).unwrap();
        m.finish().unwrap();
        buf
    };
    assert!(!wait.take(&part, &mut errors));
    assert!(
        wait.take(&error_answer(99, 0), &mut errors),
        "only the barrier"
    );
    assert!(wait.barrier_seen);
    assert_eq!(wait.dumps, [1].into());
    // Dump 1 ends with an error: counted, and nothing is left to wait for.
    let mut done = Vec::new();
    let mut m = MessageBuilder::new(&mut done, NLMSG_DONE, NlmFlags::MULTI, 1).unwrap();
    m.family_header(&I32::new(-16)).unwrap();
    m.finish().unwrap();
    assert!(!wait.take(&done, &mut errors));
    assert!(wait.dumps.is_empty());
    assert_eq!(errors, 1);
}
