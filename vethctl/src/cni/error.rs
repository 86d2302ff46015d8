//! The CNI error: `{"cniVersion","code","msg","details"}` on stdout, with the spec's codes.

use serde_json::json;

/// `1`: the requested CNI version is not supported.
pub const INCOMPATIBLE_VERSION: u32 = 1;
/// `2`: a field of the network config is not supported.
pub const UNSUPPORTED_FIELD: u32 = 2;
/// `4`: an environment variable is invalid or missing.
pub const INVALID_ENV: u32 = 4;
/// `5`: I/O failure (reading stdin, running the IPAM plugin).
pub const IO_FAILURE: u32 = 5;
/// `6`: stdin is not JSON, or not the JSON the spec describes.
pub const DECODE_FAILURE: u32 = 6;
/// `7`: the network config is invalid.
pub const INVALID_CONFIG: u32 = 7;
/// `11`: a transient failure; the runtime should try again later.
pub const TRY_AGAIN_LATER: u32 = 11;
/// `50` (STATUS): the plugin cannot serve ADD now.
pub const NOT_AVAILABLE: u32 = 50;
/// `999`: any other failure (the code the reference plugins use for theirs).
pub const INTERNAL: u32 = 999;

/// A CNI error result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CniError {
    /// The spec's error code.
    pub code: u32,
    /// What went wrong, in one line.
    pub msg: String,
    /// More about it (may be empty).
    pub details: String,
}

impl CniError {
    /// An error with `code` and `msg`, no details.
    pub fn new(code: u32, msg: impl Into<String>) -> CniError {
        CniError {
            code,
            msg: msg.into(),
            details: String::new(),
        }
    }

    /// Code 4, naming the variable.
    pub fn env(var: &str, why: impl std::fmt::Display) -> CniError {
        CniError::new(INVALID_ENV, format!("{var}: {why}"))
    }

    /// Code 7, naming the field.
    pub fn config(field: &str, why: impl std::fmt::Display) -> CniError {
        CniError::new(
            INVALID_CONFIG,
            format!("network config field {field:?}: {why}"),
        )
    }

    /// With details.
    pub fn with_details(mut self, details: impl Into<String>) -> CniError {
        self.details = details.into();
        self
    }

    /// The error JSON, in CNI version `version`.
    pub fn to_json(&self, version: &str) -> serde_json::Value {
        json!({
            "cniVersion": version,
            "code": self.code,
            "msg": self.msg,
            "details": self.details,
        })
    }
}

impl std::fmt::Display for CniError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CNI error {}: {}", self.code, self.msg)?;
        if !self.details.is_empty() {
            write!(f, " ({})", self.details)?;
        }
        Ok(())
    }
}

/// A vethctl error as a CNI error: input refused before any change is 7 (the values
/// come from the network config or IPAM), a transient kernel state is 11, the rest 999.
impl From<crate::Error> for CniError {
    fn from(e: crate::Error) -> CniError {
        use crate::Error as E;
        let code = match &e {
            E::Invalid { .. } => INVALID_CONFIG,
            E::NotReady { .. } | E::Timeout { .. } | E::DumpInterrupted { .. } => TRY_AGAIN_LATER,
            E::Kernel { errno, .. } | E::Sys { errno, .. }
                if matches!(
                    *errno,
                    netlink_codec::Errno::EBUSY
                        | netlink_codec::Errno::EAGAIN
                        | netlink_codec::Errno::ENOBUFS
                ) =>
            {
                TRY_AGAIN_LATER
            }
            _ => INTERNAL,
        };
        CniError::new(code, crate::cli::chain(&e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vethctl_errors_map_to_cni_codes() {
        let e = CniError::from(crate::Error::invalid("--mtu", "67 is below 68"));
        assert_eq!(e.code, INVALID_CONFIG);
        let e = CniError::from(crate::Error::NotReady {
            what: "IPv6 address fd00::5".into(),
            secs: 5,
        });
        assert_eq!(e.code, TRY_AGAIN_LATER);
        let e = CniError::from(crate::Error::Kernel {
            op: "create veth".into(),
            errno: netlink_codec::Errno::EBUSY,
            msg: None,
            offset: None,
        });
        assert_eq!(e.code, TRY_AGAIN_LATER);
        let e = CniError::from(crate::Error::Conflict("not ours".into()));
        assert_eq!((e.code, e.msg.as_str()), (INTERNAL, "not ours"));
        let j = CniError::new(4, "CNI_IFNAME: is empty").to_json("0.4.0");
        assert_eq!(j["cniVersion"], "0.4.0");
        assert_eq!(j["code"], 4);
        assert_eq!(j["details"], "");
    }
}
