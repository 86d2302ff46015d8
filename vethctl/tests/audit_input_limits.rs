//! Input of any size in bounded memory: `decode /dev/zero` grew until memory ran out, a
//! 2 GiB file was held twice to report "malformed at byte 0", and one message of a few
//! MB took hundreds of MB to render. Now input over 64 MiB and a message over 128 KiB are
//! errors naming the limit, and the peak RSS of the process (`ru_maxrss` from `wait4`)
//! stays well under 256 MiB. Each run has an address-space limit (`ulimit -v`), so the
//! unbounded behaviour fails the test instead of exhausting the machine.

use std::fs::File;
use std::io::Read;
use std::process::{Command, Stdio};

/// Peak RSS every run must stay under.
const RSS_LIMIT_KB: i64 = 128 * 1024;

struct Measured {
    code: Option<i32>,
    stderr: String,
    max_rss_kb: i64,
}

/// Runs `vethctl ARGS` with `stdin`, under a 2 GiB address-space limit; its exit code,
/// stderr and peak RSS.
fn run(args: &[&str], stdin: Stdio) -> Measured {
    // Waited for below, with wait4 (std's wait does not give the rusage).
    #[allow(clippy::zombie_processes)]
    let mut child = Command::new("sh")
        .args(["-c", r#"ulimit -v 2097152 && exec "$0" "$@""#])
        .arg(env!("CARGO_BIN_EXE_vethctl"))
        .args(args)
        .stdin(stdin)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run vethctl");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    let mut status = 0;
    // SAFETY: `rusage` is plain integers, valid all-zero, and wait4 fills it in; `status`
    // is a valid int. The child is ours and not yet waited for, so `pid` is still it.
    let (r, usage) = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        (libc::wait4(pid, &mut status, 0, &mut usage), usage)
    };
    assert_eq!(r, pid, "wait4: {}", std::io::Error::last_os_error());
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Measured {
        code,
        stderr,
        max_rss_kb: usage.ru_maxrss,
    }
}

fn assert_refused(m: &Measured, what: &str, because: &str) {
    assert_eq!(m.code, Some(1), "{what}: {}", m.stderr);
    assert!(m.stderr.contains(because), "{what}: {}", m.stderr);
    assert!(
        m.max_rss_kb < RSS_LIMIT_KB,
        "{what}: peak RSS {} KiB",
        m.max_rss_kb
    );
}

#[test]
fn endless_input_is_refused_at_the_limit() {
    for args in [
        &["decode", "/dev/zero"][..],
        &["decode", "--json", "/dev/zero"],
        &["decode", "--hex", "/dev/zero"],
        &["decode", "--pcap", "/dev/zero"],
        &["encode", "/dev/zero"],
        &["send", "/dev/zero"],
    ] {
        let m = run(args, Stdio::null());
        assert_refused(&m, &args.join(" "), "/dev/zero holds more than the 64 MiB");
    }
    let zero = File::open("/dev/zero").unwrap();
    let m = run(&["decode"], Stdio::from(zero));
    assert_refused(&m, "decode < /dev/zero", "stdin holds more than the 64 MiB");
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let path = std::env::temp_dir().join(format!("vethctl-huge-{}.bin", std::process::id()));
    // Sparse: 2 GiB of zeros that take no disk.
    File::create(&path).unwrap().set_len(2 << 30).unwrap();
    let p = path.to_str().unwrap();
    for args in [
        &["decode", p][..],
        &["decode", "--json", p],
        &["decode", "--pcap", p],
    ] {
        let m = run(args, Stdio::null());
        assert_refused(
            &m,
            &args.join(" "),
            "is 2147483648 bytes, more than the 64 MiB",
        );
    }
    std::fs::remove_file(path).unwrap();
}

#[test]
fn a_message_over_the_limit_is_refused_naming_its_offset() {
    // A first message that decodes, then one of 1 MiB: 262,136 4-byte attributes
    // flagged NLA_F_NESTED|NLA_F_NET_BYTEORDER (type 200, unknown: raw), the most JSON per
    // byte.
    let mut bytes = Vec::new();
    for count in [1usize, (1 << 20) / 4 - 8] {
        let len = u32::try_from(32 + 4 * count).unwrap();
        bytes.extend_from_slice(&len.to_ne_bytes());
        bytes.extend_from_slice(&16u16.to_ne_bytes()); // RTM_NEWLINK
        bytes.extend_from_slice(&[0; 10 + 16]);
        for _ in 0..count {
            bytes.extend_from_slice(&4u16.to_ne_bytes());
            bytes.extend_from_slice(&(0xc000u16 | 200).to_ne_bytes());
        }
    }
    let path = std::env::temp_dir().join(format!("vethctl-bigmsg-{}.bin", std::process::id()));
    std::fs::write(&path, &bytes).unwrap();
    let p = path.to_str().unwrap();
    for args in [&["decode", p][..], &["decode", "--json", p]] {
        let m = run(args, Stdio::null());
        assert_refused(
            &m,
            &args.join(" "),
            "at byte 36: a message of 1048576 bytes, over the 128 KiB vethctl decodes",
        );
    }
    std::fs::remove_file(path).unwrap();
}
