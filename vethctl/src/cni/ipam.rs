//! Delegation to the IPAM plugin: exec `ipam.type` from `CNI_PATH` with the same
//! environment (`CNI_COMMAND` set to the command delegated) and the whole stdin, as the
//! spec and libcni's `DelegateAdd` do.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};

use serde_json::Value;

use super::error::{CniError, INTERNAL, IO_FAILURE};

/// Where `plugin` is in `path`: the first directory that has it as an executable file.
pub fn find(plugin: &str, path: &[PathBuf]) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    path.iter().map(|d| d.join(plugin)).find(|p| {
        std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    })
}

/// The "not found" error.
pub fn not_found(plugin: &str, path: &[PathBuf]) -> CniError {
    let dirs: Vec<String> = path.iter().map(|p| p.display().to_string()).collect();
    CniError::new(
        INTERNAL,
        format!(
            "IPAM plugin {plugin:?} not found in CNI_PATH ({})",
            dirs.join(":")
        ),
    )
}

/// Run `plugin` at `exe` for `command` with `stdin`; its stdout on success, its error
/// (code and message, prefixed with its name) on failure.
pub fn run(plugin: &str, exe: &Path, command: &str, stdin: &[u8]) -> Result<Vec<u8>, CniError> {
    let io = |what: &str, e: std::io::Error| {
        CniError::new(
            IO_FAILURE,
            format!("IPAM plugin {plugin} ({command}): {what}: {e}"),
        )
    };
    let mut child = Process::new(exe)
        .env("CNI_COMMAND", command)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| io(&format!("cannot run {}", exe.display()), e))?;
    let mut input = child.stdin.take();
    let mut output = child.stdout.take();
    // Write stdin on a thread while this one reads stdout: a plugin may answer before it
    // has read all its input.
    let (wrote, out) = std::thread::scope(|s| {
        let writer = s.spawn(|| match input.as_mut() {
            Some(i) => {
                let r = i.write_all(stdin);
                drop(input.take());
                r
            }
            None => Ok(()),
        });
        let mut out = Vec::new();
        let read = match output.as_mut() {
            Some(o) => o.read_to_end(&mut out).map(|_| out),
            None => Ok(out),
        };
        (writer.join(), read)
    });
    let out = out.map_err(|e| io("reading its output", e))?;
    let status = child.wait().map_err(|e| io("waiting for it", e))?;
    if status.success() {
        return Ok(out);
    }
    // A plugin that exits before reading its input breaks the pipe; its status tells.
    let _ = wrote;
    Err(plugin_error(plugin, command, &out, status.code()))
}

/// The error a failed plugin printed, or one naming its exit status.
fn plugin_error(plugin: &str, command: &str, out: &[u8], status: Option<i32>) -> CniError {
    let doc: Option<Value> = serde_json::from_slice(out).ok();
    let field = |k: &str| doc.as_ref().and_then(|d| d.get(k)).cloned();
    let code = field("code")
        .and_then(|c| c.as_u64())
        .and_then(|c| u32::try_from(c).ok());
    match code {
        Some(code) => CniError {
            code,
            msg: format!(
                "IPAM plugin {plugin} ({command}): {}",
                field("msg").and_then(|m| m.as_str().map(str::to_owned)).unwrap_or_default()
            ),
            details: field("details")
                .and_then(|m| m.as_str().map(str::to_owned))
                .unwrap_or_default(),
        },
        None => CniError::new(
            INTERNAL,
            format!(
                "IPAM plugin {plugin} ({command}) failed (exit status {}) without an error result: {:?}",
                status.map_or_else(|| "none: killed".into(), |c| c.to_string()),
                String::from_utf8_lossy(&out[..out.len().min(512)])
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plugins_error_keeps_its_code() {
        let e = plugin_error(
            "host-local",
            "ADD",
            br#"{"code":11,"msg":"busy","details":"d"}"#,
            Some(1),
        );
        assert_eq!((e.code, e.details.as_str()), (11, "d"));
        assert!(e.msg.contains("host-local (ADD): busy"), "{}", e.msg);
        let e = plugin_error("x", "DEL", b"garbage", Some(2));
        assert_eq!(e.code, INTERNAL);
        assert!(e.msg.contains("exit status 2"), "{}", e.msg);
    }

    #[test]
    fn runs_a_plugin_and_reads_its_answer() {
        let e = run("true", Path::new("/bin/true"), "ADD", b"{}");
        assert_eq!(e.unwrap(), b"");
        let e = run("false", Path::new("/bin/false"), "ADD", b"{}").unwrap_err();
        assert!(e.msg.contains("exit status 1"), "{}", e.msg);
        assert!(find(
            "sh",
            &[PathBuf::from("/nonexistent"), PathBuf::from("/bin")]
        )
        .is_some());
        assert!(find("no-such-plugin", &[PathBuf::from("/bin")]).is_none());
    }
}
