//! The command line. Exit status: 0 success; 1 the operation failed or check found
//! drift; 2 invalid input (rejected before any change); 3 only from the test-only
//! `VETHCTL_TEST_ABORT_AFTER` hook.

use std::io::{self, Write};
use std::net::{Ipv4Addr, Ipv6Addr};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::config::{self, Spec, DEFAULT_IFNAME, DEFAULT_MTU};
use crate::error::{Error, EXIT_INVALID};
use crate::netns::Netns;
use crate::wiring::{self, Exec, Plan, Report, Step};

/// Wire a pod's network namespace to the host with a veth pair, over netlink.
#[derive(Debug, Parser)]
#[command(name = "vethctl", version, about, long_about = None)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Create or repair the wiring of a pod (idempotent, safe to rerun).
    ///
    /// A host veth of that name is repaired only when it is ours: its peer is in the pod
    /// and it is tagged for this container, or untagged (what a setup that crashed before
    /// tagging it leaves; setup adopts it). A host route to the pod's address through
    /// another pod's veth, or an address of the node itself, is refused (exit 1), as is
    /// --ip6 on a link whose IPv6 is disabled. Without --ip6 nothing of IPv6 is needed.
    Setup(WireArgs),
    /// Compare the live state with the desired state; print one line per difference
    /// and exit 1 if there is any.
    Check(WireArgs),
    /// Remove the host veth (its peer goes with it) and the host routes through it.
    ///
    /// What is already gone is success. Only our veth is removed: its peer in another
    /// namespace and tagged for this container, or, untagged (what a setup that crashed
    /// before tagging it leaves), with --netns of the pod and its peer proved there.
    /// Anything else is refused (exit 1) and left alone.
    Teardown(TeardownArgs),
    /// Remove every host veth vethctl tagged whose container is not kept (--keep), with
    /// its peer and host routes, in one kernel deletion (one link group).
    Gc(crate::gc::GcArgs),
    /// Print each request setup would send, decoded and as hex. Changes nothing.
    Plan(WireArgs),
    /// Print the host interface name derived from a container id.
    #[command(long_about = HOST_IFACE_HELP)]
    HostIface(HostIfaceArgs),
    /// Decode netlink messages (raw, hex or an nlmon capture) with kernel names.
    Decode(crate::audit::DecodeArgs),
    /// Encode `decode --json` output back to raw bytes.
    Encode(crate::audit::EncodeArgs),
    /// Send raw requests to the kernel and print its answers decoded. Exit status 1
    /// when the kernel refused a request or dropped answers (ENOBUFS; what arrived is
    /// printed first).
    Send(crate::audit::SendArgs),
    /// Print the kernel's rtnetlink notifications as they arrive, decoded (or as JSON
    /// Lines for `encode`), optionally captured to a pcap file.
    Monitor(crate::audit::monitor::MonitorArgs),
}

const HOST_IFACE_HELP: &str = "Print the host interface name derived from a container id.\n\n\
The name is \"veth\" followed by the first 11 hex digits of the SHA-256 of the container \
id: 15 bytes, the longest name an interface can have (Calico's \"cali\" names are made \
the same way). It is deterministic, so setup, check and teardown find the same link \
without any state file. --host-iface overrides it.";

/// Flags of setup, check and plan.
#[derive(Debug, Clone, Args)]
#[command(group = clap::ArgGroup::new("address").required(true).multiple(true).args(["ip6", "ip4"]))]
pub(crate) struct WireArgs {
    /// The container id (the host interface name is derived from it).
    #[arg(long, value_name = "ID", value_parser = container_id)]
    pub(crate) container_id: String,
    /// The pod's network namespace (`/proc/PID/ns/net`, `/run/netns/NAME`); not
    /// vethctl's own, which needs /proc mounted to tell.
    #[arg(long, value_name = "PATH")]
    pub(crate) netns: PathBuf,
    /// The interface name inside the pod (1-15 bytes, no '/', ':', '%' or whitespace; not
    /// ".", "..", "all" or "default", which the kernel reserves).
    #[arg(long, value_name = "NAME", default_value = DEFAULT_IFNAME, value_parser = ifname)]
    pub(crate) ifname: String,
    /// The host interface name (default: derived from --container-id, see `host-iface`;
    /// checked like --ifname).
    #[arg(long, value_name = "NAME", value_parser = ifname)]
    pub(crate) host_iface: Option<String>,
    /// The pod's IPv6 address (a /128 is implied).
    #[arg(long, value_name = "ADDR", value_parser = config::parse_ip6)]
    pub(crate) ip6: Option<Ipv6Addr>,
    /// The pod's IPv4 address (a /32 is implied).
    #[arg(long, value_name = "ADDR", value_parser = config::parse_ip4)]
    pub(crate) ip4: Option<Ipv4Addr>,
    /// The MTU of both sides (68..=65535; at least 1280 with --ip6).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MTU, value_parser = config::parse_mtu, allow_hyphen_values = true)]
    pub(crate) mtu: u32,
    /// Print the result as JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

/// Flags of teardown.
#[derive(Debug, Clone, Args)]
pub(crate) struct TeardownArgs {
    /// The container id.
    #[arg(long, value_name = "ID", value_parser = container_id)]
    pub(crate) container_id: String,
    /// The host interface name (default: derived from --container-id).
    #[arg(long, value_name = "NAME", value_parser = ifname)]
    pub(crate) host_iface: Option<String>,
    /// The pod's network namespace: proves an untagged veth (what a setup that crashed
    /// before tagging it leaves) is this pod's. Opened only for such a veth; not needed
    /// (and may be gone) otherwise.
    #[arg(long, value_name = "PATH")]
    pub(crate) netns: Option<PathBuf>,
    /// The pod's IPv6 address, whose host route is removed.
    #[arg(long, value_name = "ADDR", value_parser = config::parse_ip6)]
    pub(crate) ip6: Option<Ipv6Addr>,
    /// The pod's IPv4 address, whose host route is removed.
    #[arg(long, value_name = "ADDR", value_parser = config::parse_ip4)]
    pub(crate) ip4: Option<Ipv4Addr>,
    /// Print the result as JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

/// Flags of host-iface.
#[derive(Debug, Clone, Args)]
pub(crate) struct HostIfaceArgs {
    /// The container id.
    #[arg(long, value_name = "ID", value_parser = container_id)]
    pub(crate) container_id: String,
}

fn container_id(s: &str) -> Result<String, String> {
    config::check_container_id(s).map(|()| s.to_owned())
}

fn ifname(s: &str) -> Result<String, String> {
    config::check_ifname(s).map(|()| s.to_owned())
}

impl WireArgs {
    /// Validate into a [`Spec`] and open the namespace: every input check, before any
    /// change.
    pub(crate) fn validate(&self) -> Result<(Spec, Netns), Error> {
        let spec = Spec::new(
            &self.container_id,
            self.host_iface.as_deref(),
            &self.ifname,
            self.ip6,
            self.ip4,
            self.mtu,
            true,
        )?;
        let netns = Netns::open(&self.netns)?;
        Ok((spec, netns))
    }
}

/// Parse the command line and run it; the process's exit status.
pub(crate) fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // Help and version go to stdout with status 0; usage errors exit 2.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(EXIT_INVALID));
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(io::stderr().lock(), "vethctl: {}", chain(&e));
            ExitCode::from(e.exit_code())
        }
    }
}

/// An error and its sources, each once: `outer: inner: innermost`.
pub(crate) fn chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

fn is_broken_pipe(e: &CliError) -> bool {
    matches!(e, CliError::Io(io) if io.kind() == io::ErrorKind::BrokenPipe)
}

/// An error of [`run`].
#[derive(Debug, thiserror::Error)]
pub(crate) enum CliError {
    /// From the wiring.
    #[error(transparent)]
    Vethctl(#[from] Error),
    /// Writing the output.
    #[error("writing the output")]
    Io(#[from] io::Error),
    /// From an audit command.
    #[error(transparent)]
    Audit(#[from] crate::audit::AuditError),
}

impl CliError {
    fn exit_code(&self) -> u8 {
        match self {
            CliError::Vethctl(e) => e.exit_code(),
            _ => 1,
        }
    }
}

/// Run one command.
pub(crate) fn run(cli: Cli) -> Result<ExitCode, CliError> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let code = match cli.command {
        Command::Setup(a) => {
            let (spec, netns) = a.validate()?;
            let report =
                wiring::setup_with_abort_hook(&spec, &netns, Exec::abort_after_from_env())?;
            print_report(&mut out, &report, a.json)?;
            ExitCode::SUCCESS
        }
        Command::Check(a) => {
            let (spec, netns) = a.validate()?;
            let report = wiring::check(&spec, &netns)?;
            if a.json {
                print_json(&mut out, &report)?;
            } else {
                for line in &report.drift {
                    writeln!(out, "{line}")?;
                }
            }
            if report.drift.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Command::Plan(a) => {
            let (spec, netns) = a.validate()?;
            let plan = wiring::plan(&spec, &netns)?;
            print_plan(&mut out, &plan, a.json)?;
            ExitCode::SUCCESS
        }
        Command::Teardown(a) => {
            let spec = Spec::new(
                &a.container_id,
                a.host_iface.as_deref(),
                DEFAULT_IFNAME,
                a.ip6,
                a.ip4,
                DEFAULT_MTU,
                false,
            )?;
            let report = wiring::teardown(&spec, a.netns.as_deref())?;
            print_report(&mut out, &report, a.json)?;
            ExitCode::SUCCESS
        }
        Command::Gc(a) => {
            print_gc(&crate::gc::run(&a)?, a.json, &mut out)?;
            ExitCode::SUCCESS
        }
        Command::HostIface(a) => {
            config::check_container_id(&a.container_id)
                .map_err(|r| Error::invalid("--container-id", r))?;
            writeln!(out, "{}", config::host_iface_name(&a.container_id))?;
            ExitCode::SUCCESS
        }
        Command::Decode(a) => {
            drop(out);
            return crate::audit::run_decode(&a).map_err(CliError::Audit);
        }
        Command::Encode(a) => {
            drop(out);
            return crate::audit::run_encode(&a).map_err(CliError::Audit);
        }
        Command::Send(a) => {
            drop(out);
            return crate::audit::run_send(&a).map_err(CliError::Audit);
        }
        Command::Monitor(a) => {
            drop(out);
            return crate::audit::monitor::run_monitor(&a).map_err(CliError::Audit);
        }
    };
    out.flush()?;
    Ok(code)
}

fn print_json(out: &mut impl Write, v: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, v).map_err(io::Error::from)?;
    writeln!(out)
}

fn print_report(out: &mut impl Write, r: &Report, json: bool) -> io::Result<()> {
    if json {
        return print_json(out, r);
    }
    for (label, items) in [
        ("created", &r.created),
        ("changed", &r.changed),
        ("in place", &r.in_place),
        ("removed", &r.removed),
        ("already gone", &r.already_gone),
        ("note", &r.notes),
    ] {
        for i in items {
            writeln!(out, "{label:>12}  {i}")?;
        }
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

fn print_plan(out: &mut impl Write, plan: &Plan, json: bool) -> io::Result<()> {
    if json {
        let mut steps = Vec::new();
        for (phase, side, list) in &plan.phases {
            for s in list {
                let mut o = serde_json::Map::new();
                o.insert("phase".into(), phase.clone().into());
                o.insert("side".into(), side.as_str().into());
                o.insert("what".into(), s.what().into());
                match s {
                    Step::Netlink(r) => {
                        o.insert("policy".into(), r.policy.to_string().into());
                        o.insert("hex".into(), hex(&r.msg).into());
                        let mut j = Vec::new();
                        if crate::render::write_json(&mut j, &r.msg).is_ok() {
                            if let Ok(v) = serde_json::from_slice::<serde_json::Value>(&j) {
                                o.insert("decoded".into(), v);
                            }
                        }
                    }
                    Step::Sysctl {
                        path,
                        value,
                        if_present,
                        ..
                    } => {
                        o.insert("path".into(), path.display().to_string().into());
                        o.insert("value".into(), value.as_str().into());
                        o.insert("if_present".into(), (*if_present).into());
                    }
                }
                steps.push(serde_json::Value::Object(o));
            }
        }
        let doc = serde_json::json!({ "notes": plan.notes, "steps": steps });
        return print_json(out, &doc);
    }
    for n in &plan.notes {
        writeln!(out, "# note: {n}")?;
    }
    let mut k = 0;
    for (phase, side, list) in &plan.phases {
        if list.is_empty() {
            continue;
        }
        writeln!(out, "## {} {phase} (one sendmsg)", side.as_str())?;
        for s in list {
            k += 1;
            match s {
                Step::Netlink(r) => {
                    writeln!(out, "# {k}. {}: {}", side.as_str(), r.what)?;
                    writeln!(out, "#    errno policy: {}", r.policy)?;
                    crate::render::write_text(out, &r.msg)?;
                    writeln!(out, "hex: {}", hex(&r.msg))?;
                }
                Step::Sysctl {
                    what,
                    path,
                    value,
                    if_present,
                } => {
                    writeln!(out, "# {k}. {}: {what}", side.as_str())?;
                    let when = if *if_present {
                        " (if this kernel has it)"
                    } else {
                        ""
                    };
                    writeln!(out, "write {value:?} to {}{when}", path.display())?;
                }
            }
            writeln!(out)?;
        }
    }
    Ok(())
}

/// The report of `vethctl gc`: JSON, or one line per veth.
fn print_gc(report: &crate::gc::GcReport, json: bool, out: &mut impl Write) -> io::Result<()> {
    if json {
        serde_json::to_writer_pretty(&mut *out, report)?;
        return writeln!(out);
    }
    for r in &report.removed {
        writeln!(out, "{:>12}  host: veth {r}", "removed")?;
    }
    for r in &report.already_gone {
        writeln!(out, "{:>12}  host: veth {r}", "already gone")?;
    }
    for r in &report.kept {
        writeln!(out, "{:>12}  host: veth {r}", "kept")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_print_their_chain_once() {
        let e = Error::Proc {
            op: "writing",
            path: "/proc/sys/net/ipv6/conf/vh1/forwarding".into(),
            source: io::Error::from(io::ErrorKind::PermissionDenied),
        };
        assert_eq!(
            chain(&e),
            "writing /proc/sys/net/ipv6/conf/vh1/forwarding: permission denied"
        );
        let e = CliError::from(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(is_broken_pipe(&e));
        assert_eq!(chain(&e), "writing the output: broken pipe");
        let e = CliError::from(Error::invalid("--mtu", "67 is out of range"));
        assert_eq!(chain(&e), "--mtu: 67 is out of range");
        assert_eq!(e.exit_code(), 2);
    }

    #[test]
    fn audit_errors_print_what_then_why() {
        use crate::audit::error::Context;
        let e: CliError = Err::<(), _>(io::Error::from(io::ErrorKind::StorageFull))
            .context("--pcap: writing x.pcap")
            .unwrap_err()
            .into();
        assert_eq!(chain(&e), "--pcap: writing x.pcap: no storage space");
        assert_eq!(e.exit_code(), 1);
        let e = CliError::from(crate::audit::AuditError::from(Error::invalid(
            "--netns",
            "not a network namespace",
        )));
        assert_eq!(chain(&e), "--netns: not a network namespace");
    }

    #[test]
    fn cli_contract() {
        let parse = |args: &[&str]| {
            Cli::try_parse_from(std::iter::once("vethctl").chain(args.iter().copied()))
        };
        let c = parse(&[
            "setup",
            "--container-id",
            "c",
            "--netns",
            "/x",
            "--ip4",
            "10.0.0.1",
        ])
        .unwrap();
        let Command::Setup(a) = c.command else {
            panic!()
        };
        assert_eq!((a.ifname.as_str(), a.mtu, a.json), ("eth0", 1500, false));
        // At least one address.
        let e = parse(&["check", "--container-id", "c", "--netns", "/x"]).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("--ip6"), "{e}");
        // A negative MTU is a bad value for --mtu, not an unknown flag.
        let e = parse(&[
            "plan",
            "--container-id",
            "c",
            "--netns",
            "/x",
            "--ip4",
            "10.0.0.1",
            "--mtu",
            "-1",
        ])
        .unwrap_err();
        assert!(e.to_string().contains("--mtu"), "{e}");
        // teardown takes an optional --netns (it proves an untagged veth is the pod's),
        // and parsing does not open it: a pod namespace that is gone is no error.
        let Command::Teardown(t) = parse(&["teardown", "--container-id", "c", "--netns", "/gone"])
            .unwrap()
            .command
        else {
            panic!("not teardown")
        };
        assert_eq!(t.netns.as_deref(), Some(std::path::Path::new("/gone")));
        parse(&[
            "teardown",
            "--container-id",
            "c",
            "--ip6",
            "fd00::1",
            "--json",
        ])
        .unwrap();
        let e = parse(&["host-iface", "--container-id", ""]).unwrap_err();
        assert!(e.to_string().contains("--container-id"), "{e}");
        let e = parse(&[
            "setup",
            "--container-id",
            "c",
            "--netns",
            "/x",
            "--ip4",
            "10.0.0.1",
            "--ifname",
            "a b",
        ])
        .unwrap_err();
        assert!(e.to_string().contains("--ifname"), "{e}");
    }
}
