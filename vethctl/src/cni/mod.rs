//! The CNI plugin (spec 1.1.0; answers 0.3.0 to 1.1.0). `vethctl` run with no arguments
//! and any `CNI_*` variable in its environment is the plugin of type `vethctl`.
//!
//! - [`request`]: the environment and the stdin config, parsed and validated (pure).
//! - [`result`]: IPAM results and `prevResult` read, ours written per version.
//! - [`ipam`]: delegation to the IPAM plugin.
//! - [`attach`]: an attachment's identity, host veth name and owner tag.
//! - [`commands`]: ADD, DEL, CHECK, STATUS, GC over vethctl's wiring.
//!
//! stdout carries only the result or the error JSON; logs go to stderr.

pub mod attach;
pub mod commands;
pub mod error;
pub mod ipam;
pub mod links;
pub mod request;
pub mod result;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::process::ExitCode;

pub use error::CniError;
pub use request::{parse, Command, Invocation, Refusal};

/// Whether this process should be the CNI plugin: no arguments, and a `CNI_*` variable.
pub fn is_plugin_invocation() -> bool {
    std::env::args_os().len() <= 1
        && request::is_cni_env(std::env::vars_os().filter_map(|(k, _)| k.into_string().ok()))
}

/// The environment as strings; a `CNI_*` variable that is not UTF-8 is refused.
fn environment() -> Result<BTreeMap<String, String>, CniError> {
    let mut env = BTreeMap::new();
    for (k, v) in std::env::vars_os() {
        let Ok(k) = k.into_string() else { continue };
        match v.into_string() {
            Ok(v) => {
                env.insert(k, v);
            }
            Err(_) if k.starts_with("CNI_") => {
                return Err(CniError::env(&k, "is not valid UTF-8"));
            }
            Err(_) => {}
        }
    }
    Ok(env)
}

/// Run the plugin: read the request, do it, print the answer.
pub fn main() -> ExitCode {
    let mut stdin = Vec::new();
    let parsed = match (
        environment(),
        std::io::stdin().lock().read_to_end(&mut stdin),
    ) {
        (Err(e), _) => Err(Refusal {
            version: request::LATEST.into(),
            error: e,
        }),
        (_, Err(e)) => Err(Refusal {
            version: request::LATEST.into(),
            error: CniError::new(error::IO_FAILURE, format!("reading stdin: {e}")),
        }),
        (Ok(env), Ok(_)) => parse(&env, &stdin),
    };
    let inv = match parsed {
        Ok(inv) => inv,
        Err(r) => return fail(&r.error, &r.version, None),
    };
    match commands::run(&inv, &stdin) {
        Ok(Some(out)) => print(&out),
        Ok(None) => ExitCode::SUCCESS,
        Err(e) => fail(&e, &inv.version, Some(inv.command)),
    }
}

fn print(v: &serde_json::Value) -> ExitCode {
    let mut out = std::io::stdout().lock();
    let ok =
        serde_json::to_writer(&mut out, v).is_ok() && writeln!(out).is_ok() && out.flush().is_ok();
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn fail(e: &CniError, version: &str, command: Option<Command>) -> ExitCode {
    let what = command.map_or_else(String::new, |c| format!(" {}", c.as_str()));
    let _ = writeln!(std::io::stderr().lock(), "vethctl (CNI{what}): {e}");
    let _ = print(&e.to_json(version));
    ExitCode::FAILURE
}
