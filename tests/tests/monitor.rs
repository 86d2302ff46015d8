//! `vethctl monitor`: the kernel's notifications from a namespace this test creates, while
//! `ip` changes things there. Every event arrives decoded with kernel names; the JSON
//! Lines encode back to exactly the bytes of the `--pcap` capture, which `decode --pcap`
//! reads back to the same messages; an overrun is reported in the stream; SIGINT,
//! SIGTERM, `--count` and `--timeout` end it with status 0.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use serde_json::Value;
use vethctl_tests::{host_or_skip, vethctl_bin, Netns};

/// How long the test waits for one line before calling monitor hung (a guard, not a
/// measurement).
const HANG: Duration = Duration::from_secs(60);

/// A running `vethctl monitor`, its stdout lines arriving on a channel.
struct Monitor {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
    stderr: std::process::ChildStderr,
    listening: String,
}

impl Monitor {
    /// Start `cmd` (a monitor invocation) and wait until it has joined its groups.
    fn start(mut cmd: Command) -> Monitor {
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starting vethctl monitor");
        let mut stderr = child.stderr.take().unwrap();
        // Up to the end of the "listening" line, byte by byte so nothing after it is
        // taken from the pipe.
        let mut listening = Vec::new();
        let mut b = [0u8];
        while stderr.read(&mut b).unwrap_or(0) == 1 && b[0] != b'\n' {
            listening.push(b[0]);
        }
        let listening = String::from_utf8_lossy(&listening).into_owned();
        assert!(
            listening.contains("listening to"),
            "monitor did not start: {listening}"
        );
        let lines = read_lines(child.stdout.take().unwrap());
        Monitor {
            child,
            lines,
            seen: Vec::new(),
            stderr,
            listening,
        }
    }

    /// Read stdout until a line satisfies `until`; every line read is kept.
    fn read_until(&mut self, what: &str, until: impl Fn(&str) -> bool) {
        if !self.read_within(HANG, until) {
            panic!(
                "monitor never printed {what}; it printed:\n{}",
                self.seen.join("\n")
            );
        }
    }

    /// Read stdout until a line satisfies `until` (true) or `wait` has passed (false);
    /// every line read is kept.
    fn read_within(&mut self, wait: Duration, until: impl Fn(&str) -> bool) -> bool {
        let end = Instant::now() + wait;
        while let Ok(l) = self
            .lines
            .recv_timeout(end.saturating_duration_since(Instant::now()))
        {
            let done = until(&l);
            self.seen.push(l);
            if done {
                return true;
            }
        }
        false
    }

    /// Send `signal`, then wait for the exit: (status, all stdout lines, rest of stderr).
    fn stop(self, signal: &str) -> (Option<i32>, Vec<String>, String) {
        let ok = Command::new("kill")
            .args([signal, &self.child.id().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill {signal} failed");
        self.finish()
    }

    /// Wait for the exit.
    fn finish(mut self) -> (Option<i32>, Vec<String>, String) {
        let status = self.child.wait().unwrap();
        self.seen.extend(self.lines.iter());
        let mut err = String::new();
        self.stderr.read_to_string(&mut err).unwrap();
        (status.code(), self.seen, err)
    }
}

fn read_lines(out: ChildStdout) -> Receiver<String> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for l in BufReader::new(out).lines() {
            let Ok(l) = l else { return };
            if tx.send(l).is_err() {
                return;
            }
        }
    });
    rx
}

/// `vethctl monitor --netns NS ARGS`, run from the test's own namespace.
fn monitor_in(ns: &Netns, args: &[&str]) -> Command {
    let mut cmd = Command::new(vethctl_bin());
    cmd.args(["monitor", "--netns", ns.path()]).args(args);
    cmd
}

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("vethctl-monitor-{}-{name}", std::process::id()))
}

/// The datagrams of a pcap capture, checked to be LINKTYPE_NETLINK with the nlmon cooked
/// header (ARPHRD_NETLINK, NETLINK_ROUTE), with whether each came from the kernel
/// (PACKET_KERNEL) rather than from user space (PACKET_USER).
fn pcap_packets(path: &Path) -> Vec<(bool, Vec<u8>)> {
    let b = std::fs::read(path).unwrap();
    let u32le = |i: usize| u32::from_le_bytes(b[i..i + 4].try_into().unwrap());
    assert_eq!(u32le(0), 0xa1b2_c3d4, "a little-endian pcap, microseconds");
    assert_eq!(u32le(20), 253, "LINKTYPE_NETLINK");
    let mut out = Vec::new();
    let mut i = 24;
    while i < b.len() {
        let incl = u32le(i + 8) as usize;
        assert_eq!(incl, u32le(i + 12) as usize, "nothing cut");
        let p = &b[i + 16..i + 16 + incl];
        assert!(matches!(p[..2], [0, 6 | 7]), "PACKET_USER or PACKET_KERNEL");
        assert_eq!(&p[2..4], &[0x03, 0x38], "ARPHRD_NETLINK");
        assert_eq!(&p[14..16], &[0, 0], "NETLINK_ROUTE");
        out.push((p[1] == 7, p[16..].to_vec()));
        i += 16 + incl;
    }
    out
}

/// The datagrams of a capture in which the kernel sent everything.
fn pcap_datagrams(path: &Path) -> Vec<Vec<u8>> {
    let packets = pcap_packets(path);
    assert!(packets.iter().all(|(k, _)| *k), "all from the kernel");
    packets.into_iter().map(|(_, d)| d).collect()
}

/// `vethctl SUBCOMMAND ARGS` with `stdin` piped in; its stdout.
fn vethctl_pipe(args: &[&str], stdin: &[u8]) -> Vec<u8> {
    let mut child = Command::new(vethctl_bin())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "vethctl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn attr<'a>(m: &'a Value, name: &str) -> Option<&'a Value> {
    m["attrs"]
        .as_array()?
        .iter()
        .find(|a| a["type"] == name)
        .map(|a| &a["value"])
}

fn is_dellink_of(line: &str, ifname: &str) -> bool {
    serde_json::from_str::<Value>(line).is_ok_and(|m| {
        m["type"] == "RTM_DELLINK" && attr(&m, "IFLA_IFNAME").is_some_and(|v| v == ifname)
    })
}

const CHANGES: &[&str] = &[
    "link add mon0 type veth peer name mon1",
    "addr add 192.0.2.1/24 dev mon0",
    "link set mon0 up",
    "link set mon1 up",
    "route add 198.51.100.0/24 via 192.0.2.2 dev mon0",
    "nexthop add id 7 via 192.0.2.3 dev mon0",
    "neigh add 192.0.2.9 lladdr 02:00:00:00:00:09 dev mon0 nud permanent",
    "rule add from 192.0.2.0/24 table 100 pref 1000",
    "link del mon0",
];

#[test]
fn every_event_arrives_decoded_and_captured() {
    let ns = host_or_skip!("monitor: every event arrives decoded and captured");
    let pcap = temp("events.pcap");
    let pcap_arg = pcap.to_str().unwrap();
    let mut json = Monitor::start(monitor_in(&ns, &["--json", "--pcap", pcap_arg]));
    let mut text = Monitor::start(monitor_in(&ns, &["--groups", "link,addr,route"]));
    assert!(
        text.listening.contains("RTNLGRP_IPV6_ROUTE") && !text.listening.contains("NEIGH"),
        "{}",
        text.listening
    );
    for c in CHANGES {
        ns.ip(c);
    }
    json.read_until("the RTM_DELLINK of mon0", |l| is_dellink_of(l, "mon0"));
    text.read_until("an RTM_DELLINK", |l| l.contains("RTM_DELLINK"));
    // The text monitor ends on SIGINT, the JSON one on SIGTERM.
    let (code, text_lines, err) = text.stop("-INT");
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("ended: SIGINT"), "{err}");
    let (code, json_lines, err) = json.stop("-TERM");
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("ended: SIGTERM"), "{err}");

    // The tree: kernel names and values.
    let tree = text_lines.join("\n");
    for want in [
        "RTM_NEWLINK",
        "IFLA_IFNAME: \"mon0\"",
        "IFLA_IFNAME: \"mon1\"",
        "RTM_NEWADDR",
        "IFA_LOCAL: 192.0.2.1",
        "RTM_NEWROUTE",
        "RTA_DST: 198.51.100.0",
        "RTA_GATEWAY: 192.0.2.2",
        "RTM_DELLINK",
        "# event 1, ",
        "RTNLGRP_LINK",
    ] {
        assert!(tree.contains(want), "no {want:?} in the tree:\n{tree}");
    }

    // JSON Lines: each one message, named; every change is there.
    let msgs: Vec<Value> = json_lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let has = |t: &str, a: &str, v: &str| {
        msgs.iter()
            .any(|m| m["type"] == t && attr(m, a).is_some_and(|x| x == v))
    };
    assert!(has("RTM_NEWLINK", "IFLA_IFNAME", "mon0"), "{json_lines:#?}");
    assert!(has("RTM_NEWLINK", "IFLA_IFNAME", "mon1"));
    assert!(has("RTM_NEWADDR", "IFA_LOCAL", "192.0.2.1"));
    assert!(has("RTM_NEWROUTE", "RTA_DST", "198.51.100.0"));
    assert!(has("RTM_DELLINK", "IFLA_IFNAME", "mon0"));
    // RTNLGRP_NEXTHOP is in the default groups, and the codec types nexthop objects.
    let nh = msgs.iter().find(|m| m["type"] == "RTM_NEWNEXTHOP");
    let nh = nh.unwrap_or_else(|| panic!("no RTM_NEWNEXTHOP: {json_lines:#?}"));
    assert_eq!(attr(nh, "NHA_ID"), Some(&Value::from(7)), "{nh}");
    assert_eq!(
        attr(nh, "NHA_GATEWAY"),
        Some(&Value::from("192.0.2.3")),
        "{nh}"
    );

    // So are neighbours (RTNLGRP_NEIGH) and rules (RTNLGRP_IPV4_RULE).
    assert!(
        has("RTM_NEWNEIGH", "NDA_DST", "192.0.2.9"),
        "{json_lines:#?}"
    );
    assert!(has("RTM_NEWNEIGH", "NDA_LLADDR", "02:00:00:00:00:09"));
    let rule = msgs.iter().find(|m| m["type"] == "RTM_NEWRULE");
    let rule = rule.unwrap_or_else(|| panic!("no RTM_NEWRULE: {json_lines:#?}"));
    assert_eq!(
        attr(rule, "FRA_SRC"),
        Some(&Value::from("192.0.2.0")),
        "{rule}"
    );
    assert_eq!(
        attr(rule, "FRA_PRIORITY"),
        Some(&Value::from(1000)),
        "{rule}"
    );
    // And a new device's IP configuration (RTNLGRP_IPV4_NETCONF), attribute by attribute.
    let netconf = msgs
        .iter()
        .any(|m| m["type"] == "RTM_NEWNETCONF" && attr(m, "NETCONFA_IFINDEX").is_some());
    assert!(netconf, "{json_lines:#?}");

    // encode(JSON Lines) is byte for byte what the capture holds ...
    let captured = pcap_datagrams(&pcap);
    assert!(!captured.is_empty(), "the capture is empty");
    let encoded = vethctl_pipe(&["encode"], (json_lines.join("\n") + "\n").as_bytes());
    assert_eq!(
        encoded,
        captured.concat(),
        "encode(--json) != the --pcap capture"
    );
    // ... and decode --pcap reads the capture back to the same JSON Lines.
    let decoded = vethctl_pipe(&["decode", "--pcap", "--json", pcap_arg], b"");
    let decoded: Vec<&str> = std::str::from_utf8(&decoded).unwrap().lines().collect();
    assert_eq!(decoded, json_lines);
    let _ = std::fs::remove_file(&pcap);
}

#[test]
fn count_and_timeout_end_it() {
    let ns = host_or_skip!("monitor: --count and --timeout end it");
    // Inside the namespace, without --netns: vethctl's own namespace is monitored.
    let mut cmd = ns.command(vethctl_bin().to_str().unwrap());
    cmd.args(["monitor", "--groups", "link", "--count", "1"]);
    let mon = Monitor::start(cmd);
    ns.ip("link add cnt0 type veth peer name cnt1");
    let (code, lines, err) = mon.finish();
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("1 event(s); ended: --count reached"), "{err}");
    let events = lines.iter().filter(|l| l.starts_with("# event ")).count();
    assert_eq!(events, 1, "{lines:#?}");
    assert!(
        lines.iter().any(|l| l.contains("RTM_NEWLINK")),
        "{lines:#?}"
    );

    let mon = Monitor::start(monitor_in(&ns, &["--groups", "nexthop", "--timeout", "1"]));
    let (code, lines, err) = mon.finish();
    assert_eq!(code, Some(0), "{err}");
    assert!(lines.is_empty(), "{lines:#?}");
    assert!(err.contains("0 event(s); ended: --timeout passed"), "{err}");
}

/// A JSON monitor of the links of `ns` with the smallest receive buffer the kernel allows
/// (a few link events), stopped (SIGSTOP) while 32 veth pairs are added, then continued:
/// it cannot have kept up, so the kernel dropped notifications.
fn overrun_monitor(ns: &Netns, pcap_arg: &str, extra: &[&str]) -> Monitor {
    let mut args = vec![
        "--groups", "link", "--rcvbuf", "1", "--json", "--pcap", pcap_arg,
    ];
    args.extend_from_slice(extra);
    let mon = Monitor::start(monitor_in(ns, &args));
    let pid = mon.child.id().to_string();
    let signal = |s: &str| {
        let ok = Command::new("kill").args([s, &pid]).status().unwrap();
        assert!(ok.success(), "kill {s}");
    };
    signal("-STOP");
    let batch: String = (0..32)
        .map(|i| format!("link add ovr{i} type veth peer name ovp{i}\n"))
        .collect();
    let mut ip = ns
        .command("ip")
        .args(["-batch", "-"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = ip.stdin.take().unwrap();
    stdin.write_all(batch.as_bytes()).unwrap();
    drop(stdin);
    assert!(ip.wait().unwrap().success());
    signal("-CONT");
    mon
}

#[test]
fn an_overrun_is_reported_in_the_stream() {
    let ns = host_or_skip!("monitor: an overrun is reported in the stream");
    let pcap = temp("overrun.pcap");
    let mut mon = overrun_monitor(&ns, pcap.to_str().unwrap(), &[]);
    mon.read_until("an NLMSG_OVERRUN", |l| l.contains("\"NLMSG_OVERRUN\""));
    // Events after the overrun still arrive. The receive buffer stays as small, so a burst
    // could overrun it again while the backlog drains: one event at a time (an MTU change
    // is one RTM_NEWLINK, and an empty queue always takes one), until one is printed.
    let arrived = (0..20u64).any(|i| {
        let mtu = 1400 - i;
        ns.ip(&format!("link set ovr0 mtu {mtu}"));
        mon.read_within(Duration::from_secs(3), |l| {
            serde_json::from_str::<Value>(l).is_ok_and(|m| {
                m["type"] == "RTM_NEWLINK"
                    && attr(&m, "IFLA_IFNAME").is_some_and(|v| v == "ovr0")
                    && attr(&m, "IFLA_MTU").is_some_and(|v| *v == mtu)
            })
        })
    });
    assert!(
        arrived,
        "no event after the overrun:\n{}",
        mon.seen.join("\n")
    );
    let (code, lines, err) = mon.stop("-INT");
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("overrun 1: events were lost") && err.contains("ENOBUFS"),
        "{err}"
    );
    assert!(err.contains("overrun(s): events were lost"), "{err}");
    // The marker is in the capture too, at the same place.
    let encoded = vethctl_pipe(&["encode"], (lines.join("\n") + "\n").as_bytes());
    assert_eq!(encoded, pcap_datagrams(&pcap).concat());
    let _ = std::fs::remove_file(&pcap);
}

#[test]
fn resync_dumps_what_an_overrun_lost() {
    let ns = host_or_skip!("monitor: --resync dumps what an overrun lost");
    let pcap = temp("resync.pcap");
    let mut mon = overrun_monitor(&ns, pcap.to_str().unwrap(), &["--resync"]);
    mon.read_until("an NLMSG_OVERRUN", |l| l.contains("\"NLMSG_OVERRUN\""));
    mon.read_until("the resync dump's end", |l| l.contains("\"NLMSG_DONE\""));
    let (code, lines, err) = mon.stop("-TERM");
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("recovered by dumping the state again"),
        "{err}"
    );
    let msgs: Vec<Value> = lines
        .iter()
        .skip_while(|l| !l.contains("\"NLMSG_OVERRUN\""))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // After the marker (and the events already queued): the link dump request, then its
    // answers.
    let req = msgs.iter().position(|m| m["type"] == "RTM_GETLINK");
    let req = req.unwrap_or_else(|| panic!("no RTM_GETLINK request: {msgs:#?}"));
    let multi = |m: &Value| {
        m["flags"]
            .as_array()
            .is_some_and(|f| f.contains(&"NLM_F_MULTI".into()))
    };
    let dumped: Vec<&str> = msgs[req..]
        .iter()
        .filter(|m| m["type"] == "RTM_NEWLINK" && multi(m))
        .filter_map(|m| attr(m, "IFLA_IFNAME").and_then(Value::as_str))
        .collect();
    // Every link shows, also those whose notifications were lost.
    for i in 0..32 {
        let name = format!("ovr{i}");
        assert!(
            dumped.contains(&name.as_str()),
            "{name} not in the resync: {dumped:?}"
        );
    }
    // The capture holds the request (from user space) and the answers, in stream order.
    let packets = pcap_packets(&pcap);
    assert_eq!(
        packets.iter().filter(|(k, _)| !*k).count(),
        1,
        "one dump request"
    );
    let all: Vec<u8> = packets.into_iter().flat_map(|(_, d)| d).collect();
    let encoded = vethctl_pipe(&["encode"], (lines.join("\n") + "\n").as_bytes());
    assert_eq!(encoded, all);
    let _ = std::fs::remove_file(&pcap);
}
