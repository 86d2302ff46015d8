//! The two `/proc/sys` knobs the wiring touches without netlink.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Write `value` to `path` (open, write, close). `if_present`: a missing file is not an
/// error; the answer is whether the file was there (decided by the open, no extra stat).
pub(crate) fn write_proc(path: &Path, value: &str, if_present: bool) -> Result<bool> {
    let io = |source| Error::Proc {
        op: "writing",
        path: path.to_path_buf(),
        source,
    };
    let mut f = match std::fs::OpenOptions::new().write(true).open(path) {
        Ok(f) => f,
        Err(e) if if_present && e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(io(e)),
    };
    f.write_all(value.as_bytes()).map_err(io)?;
    Ok(true)
}

/// `proxy_delay` of `iface` from `/proc/sys/net/ipv4/neigh/IFACE/proxy_delay`.
pub fn read_proxy_delay(iface: &str) -> Result<u64> {
    let path = PathBuf::from(format!("/proc/sys/net/ipv4/neigh/{iface}/proxy_delay"));
    let io = |source| Error::Proc {
        op: "reading",
        path: path.clone(),
        source,
    };
    let mut buf = [0u8; 32];
    let n = std::fs::File::open(&path)
        .and_then(|mut f| f.read(&mut buf))
        .map_err(io)?;
    let text = std::str::from_utf8(&buf[..n]).unwrap_or("").trim();
    text.parse().map_err(|_| {
        io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not a number: {text:?}"),
        ))
    })
}
