//! The audit commands: `vethctl decode`, `vethctl encode`, `vethctl send` and
//! `vethctl monitor` ([`monitor`]).
//!
//! - `decode [--hex | --pcap] [--json] [FILE]` turns raw netlink bytes, hex text or an
//!   nlmon capture into the human tree or JSON Lines ([`crate::render`]).
//! - `encode [FILE]` turns those JSON Lines (possibly edited) back into raw bytes
//!   ([`netlink_codec::render::message_from_json`]).
//! - `send [--netns PATH] [--hex] [FILE]` sends raw requests on a `NETLINK_ROUTE` socket
//!   and prints the kernel's answers decoded.
//!
//! Input is read from FILE, or from stdin when FILE is absent or `-`: at most
//! [`MAX_INPUT`] bytes, so memory stays bounded whatever is fed in (`/dev/zero`, a
//! multi-gigabyte file); each message decoded is at most [`render::MAX_MESSAGE`] bytes.

pub mod error;
pub mod input;
pub mod monitor;
pub mod resync;
pub mod send;

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;

use self::error::{bail, Context};
pub use self::error::{AuditError, Result};

use crate::render;
use netlink_codec::datagram::{Datagram, DatagramEnd};
use netlink_codec::model::Message;
use netlink_codec::render as codec;

/// `vethctl decode`: show netlink messages with their kernel names.
#[derive(Debug, Clone, clap::Args)]
pub struct DecodeArgs {
    /// The input is hex text (whitespace anywhere is ignored).
    #[arg(long, conflicts_with = "pcap")]
    pub hex: bool,
    /// The input is a pcap or pcapng capture taken on an nlmon device.
    #[arg(long)]
    pub pcap: bool,
    /// Print JSON Lines (one object per message) instead of the tree.
    #[arg(long)]
    pub json: bool,
    /// Read from FILE instead of stdin (at most 64 MiB; each message at most 128 KiB).
    pub file: Option<PathBuf>,
}

/// `vethctl encode`: JSON Lines from `decode --json` back to raw bytes on stdout.
#[derive(Debug, Clone, clap::Args)]
pub struct EncodeArgs {
    /// Read from FILE instead of stdin (at most 64 MiB).
    pub file: Option<PathBuf>,
}

/// `vethctl send`: send raw requests to the kernel and print the answers decoded.
#[derive(Debug, Clone, clap::Args)]
pub struct SendArgs {
    /// Send in the network namespace at PATH (`/run/netns/NAME`, `/proc/PID/ns/net`).
    #[arg(long, value_name = "PATH")]
    pub netns: Option<PathBuf>,
    /// The input is hex text instead of raw bytes.
    #[arg(long)]
    pub hex: bool,
    /// Print the answers as JSON Lines instead of the tree.
    #[arg(long)]
    pub json: bool,
    /// Read from FILE instead of stdin (at most 64 MiB).
    pub file: Option<PathBuf>,
}

/// The most bytes `decode`, `encode` and `send` read (64 MiB): a capture, hex text or
/// JSON Lines larger than this is refused, not read to its end. With one message
/// decoded at a time this bounds their memory (about twice this at most).
pub const MAX_INPUT: u64 = 64 << 20;

/// Read FILE (or stdin), at most [`MAX_INPUT`] bytes.
fn read_input(file: Option<&PathBuf>) -> Result<Vec<u8>> {
    match file {
        Some(p) if p.as_os_str() != "-" => {
            let what = p.display().to_string();
            let f = File::open(p).with_context(|| format!("reading {what}"))?;
            // A regular file says its size: refuse it before reading anything.
            if let Ok(m) = f.metadata() {
                if m.is_file() && m.len() > MAX_INPUT {
                    bail!("{}", too_large(&what, &format!("is {} bytes,", m.len())));
                }
            }
            read_capped(f, &what)
        }
        _ => read_capped(io::stdin().lock(), "stdin"),
    }
}

/// Read `r` to its end, or fail once it gave more than [`MAX_INPUT`] bytes.
fn read_capped(r: impl Read, what: &str) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    r.take(MAX_INPUT + 1)
        .read_to_end(&mut buf)
        .with_context(|| format!("reading {what}"))?;
    if buf.len() as u64 > MAX_INPUT {
        bail!("{}", too_large(what, "holds"));
    }
    Ok(buf)
}

/// `what` `is` more than [`MAX_INPUT`]: the error, with what to do.
fn too_large(what: &str, is: &str) -> String {
    format!(
        "{what} {is} more than the {} MiB vethctl reads: split it (a capture: \
         editcap -c)",
        MAX_INPUT >> 20
    )
}

/// Hex text to bytes, for `--hex`.
fn hex_input(raw: &[u8]) -> Result<Vec<u8>> {
    let text = std::str::from_utf8(raw).context("hex input is not text")?;
    input::parse_hex(text).map_err(|e| AuditError::Msg(format!("hex input: {e}")))
}

/// A failed write to stdout: a closed pipe (`| head`) ends the command quietly.
fn write_failed(e: io::Error) -> Result<ExitCode> {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Ok(ExitCode::SUCCESS)
    } else {
        Err(e).context("writing to stdout")
    }
}

/// Render `bytes` to `out`; a decode error is printed to stderr (after what decoded) and
/// gives exit code 1. `what` names the datagram in the error (`packet 3: `).
pub fn decode_to(
    out: &mut impl Write,
    bytes: &[u8],
    json: bool,
    what: &str,
) -> Result<Result<(), ExitCode>> {
    let r = if json {
        render::write_json(out, bytes)
    } else {
        render::write_text(out, bytes)
    };
    match r {
        Ok(()) => Ok(Ok(())),
        Err(e) => match render::input_error(&e) {
            Some(why) => {
                out.flush().ok();
                eprintln!("vethctl: {what}{why}");
                Ok(Err(ExitCode::FAILURE))
            }
            None => Err(e.into()),
        },
    }
}

/// Run `vethctl decode`.
pub fn run_decode(args: &DecodeArgs) -> Result<ExitCode> {
    let raw = read_input(args.file.as_ref())?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let code = if args.hex {
        // The text is let go before decoding starts.
        hex_input(&raw).and_then(|bytes| {
            drop(raw);
            decode_bytes(&mut out, &bytes, args)
        })
    } else {
        decode_bytes(&mut out, &raw, args)
    };
    match code {
        Ok(code) => match out.flush() {
            Ok(()) => Ok(code),
            Err(e) => write_failed(e),
        },
        Err(e) => match e.into_io() {
            Ok(io) => write_failed(io),
            Err(e) => Err(e),
        },
    }
}

/// `decode` with its input already read, writing to `out` (what the tests call).
pub fn decode_input(out: &mut impl Write, raw: &[u8], args: &DecodeArgs) -> Result<ExitCode> {
    if args.hex {
        decode_bytes(out, &hex_input(raw)?, args)
    } else {
        decode_bytes(out, raw, args)
    }
}

/// `decode` of raw bytes or a capture (`--hex` already turned into bytes).
fn decode_bytes(out: &mut impl Write, bytes: &[u8], args: &DecodeArgs) -> Result<ExitCode> {
    if args.pcap {
        let mut code = ExitCode::SUCCESS;
        input::for_each_record(bytes, |r| {
            let p = match r {
                input::Record::Skipped(note) => {
                    eprintln!("vethctl: skipped {note}");
                    return Ok(ControlFlow::Continue(()));
                }
                input::Record::Packet(p) => p,
            };
            if !args.json {
                let dir = p.direction.map_or_else(String::new, |d| format!(" ({d})"));
                writeln!(out, "# packet {}{dir}, {} bytes", p.number, p.data.len())?;
            }
            let what = format!("packet {}: ", p.number);
            Ok(match decode_to(out, &p.data, args.json, &what)? {
                Ok(()) => ControlFlow::Continue(()),
                Err(c) => {
                    code = c;
                    ControlFlow::Break(())
                }
            })
        })?;
        return Ok(code);
    }
    match decode_to(out, bytes, args.json, "")? {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(code) => {
            if let Some(hint) = input_hint(bytes, args) {
                eprintln!("vethctl: hint: {hint}");
            }
            Ok(code)
        }
    }
}

/// When raw input did not decode: does it look like a capture or hex text instead?
fn input_hint(raw: &[u8], args: &DecodeArgs) -> Option<&'static str> {
    const CAPTURE_MAGICS: [[u8; 4]; 5] = [
        [0xd4, 0xc3, 0xb2, 0xa1],
        [0xa1, 0xb2, 0xc3, 0xd4],
        [0x4d, 0x3c, 0xb2, 0xa1],
        [0xa1, 0xb2, 0x3c, 0x4d],
        [0x0a, 0x0d, 0x0d, 0x0a],
    ];
    if args.hex {
        return None;
    }
    if CAPTURE_MAGICS.iter().any(|m| raw.starts_with(m)) {
        return Some("the input starts like a pcap/pcapng capture: try --pcap");
    }
    let texty = !raw.is_empty()
        && raw
            .iter()
            .all(|b| b.is_ascii_hexdigit() || b.is_ascii_whitespace() || *b == b'x');
    texty.then_some("the input looks like hex text: try --hex")
}

/// Parse JSON Lines into netlink bytes. Blank lines are skipped; an error names the
/// 1-based line and the field. A datagram ending (`{"end":...}`, as `decode --json` prints
/// it after the last message) applies to the messages since the previous ending.
pub fn encode_lines(text: &str) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    // The last message read, held back until it is known whether an ending follows it.
    let mut last: Option<(usize, Message)> = None;
    for (i, line) in text.lines().enumerate() {
        let ln = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| AuditError::Msg(format!("line {ln}: not JSON: {e}")))?;
        let at_line = |e: &dyn std::fmt::Display| AuditError::Msg(format!("line {ln}: {e}"));
        if let Some(end) = codec::end_from_json(&v).map_err(|e| at_line(&e))? {
            let d = end_datagram(last.take().map(|(_, m)| m), end).map_err(|e| at_line(&e))?;
            emit_within_limit(&d, &mut out)
                .map_err(|e| AuditError::Msg(format!("line {ln}: cannot encode: {e}")))?;
            continue;
        }
        let m = codec::message_from_json(&v).map_err(|e| at_line(&e))?;
        if let Some((ln, m)) = last.replace((ln, m)) {
            emit_message(&m, ln, &mut out)?;
        }
    }
    if let Some((ln, m)) = last {
        emit_message(&m, ln, &mut out)?;
    }
    Ok(out)
}

/// Append the message of line `ln` to `out`.
fn emit_message(m: &Message, ln: usize, out: &mut Vec<u8>) -> Result<()> {
    m.emit(out)
        .map_err(|e| AuditError::Msg(format!("line {ln}: cannot encode: {e}")))?;
    Ok(())
}

/// The datagram that an ending closes: the message before it (if any) and the ending.
fn end_datagram(last: Option<Message>, end: DatagramEnd) -> Result<Datagram, String> {
    if matches!(end, DatagramEnd::ShortPad(_)) && last.is_none() {
        return Err("a short padding ends a message, and none comes before it".to_owned());
    }
    Ok(Datagram {
        messages: last.into_iter().collect(),
        end,
    })
}

/// Append `d` to `out`, keeping the output within [`MAX_INPUT`] (a zero tail is a count,
/// so a short line could ask for any number of bytes).
fn emit_within_limit(d: &Datagram, out: &mut Vec<u8>) -> std::result::Result<(), String> {
    if let DatagramEnd::ZeroTail(n) = d.end {
        if (out.len() + n) as u64 > MAX_INPUT {
            return Err(format!(
                "zeros: more than the {} MiB vethctl reads",
                MAX_INPUT >> 20
            ));
        }
    }
    d.emit(out).map(|_| ()).map_err(|e| e.to_string())
}

/// Run `vethctl encode`.
pub fn run_encode(args: &EncodeArgs) -> Result<ExitCode> {
    let raw = read_input(args.file.as_ref())?;
    let text = std::str::from_utf8(&raw).context("input is not UTF-8 text")?;
    let bytes = encode_lines(text)?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match out.write_all(&bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => write_failed(e),
    }
}

/// Run `vethctl send`. Exit code 1 when the kernel answered any request with an errno, or
/// dropped answers (`ENOBUFS`; what arrived is printed first).
pub fn run_send(args: &SendArgs) -> Result<ExitCode> {
    let raw = read_input(args.file.as_ref())?;
    let bytes = if args.hex { hex_input(&raw)? } else { raw };
    let mut sock = send::socket(args.netns.as_deref())?;
    let ex = send::exchange(&mut sock, &bytes)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let printed = send::print(&mut out, &ex, args.json).and_then(|()| Ok(out.flush()?));
    if let Err(e) = printed {
        return match e.into_io() {
            Ok(io) => write_failed(io),
            Err(e) => Err(e),
        };
    }
    if ex.overrun {
        eprintln!(
            "vethctl: send: the kernel dropped answers: ENOBUFS (No buffer space available: \
             they overflowed the receive buffer); shown are the {} datagram(s) that arrived",
            ex.datagrams.len()
        );
        return Ok(ExitCode::FAILURE);
    }
    if ex.errors > 0 {
        eprintln!("vethctl: the kernel refused {} request(s)", ex.errors);
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
