//! The remaining attribute spaces of `linux/rtnetlink.h`, for messages the codec keeps as
//! raw bytes but still names: prefixes (`RTM_NEWPREFIX`) and ND user options
//! (`RTM_NEWNDUSEROPT`). Traffic control and TC actions, typed since, are in
//! [`crate::tc`]; their tables are re-exported here under their old paths.

use crate::attr_space;
use crate::schema::{Elem, Labels};

/// Element names of `struct prefix_cacheinfo` (`PREFIX_CACHEINFO`).
pub static PREFIX_CACHEINFO_NAMES: &[&str] = &["preferred_time", "valid_time"];
#[doc(no_inline)]
pub use crate::tc::{BITFIELD32_NAMES, TC, TC_ROOT};
#[doc(no_inline)]
pub use crate::tc::{
    TCA_CHAIN, TCA_DUMP_FLAGS, TCA_DUMP_INVISIBLE, TCA_EGRESS_BLOCK, TCA_EXT_WARN_MSG, TCA_FCNT,
    TCA_HW_OFFLOAD, TCA_INGRESS_BLOCK, TCA_KIND, TCA_OPTIONS, TCA_PAD, TCA_RATE, TCA_ROOT_COUNT,
    TCA_ROOT_EXT_WARN_MSG, TCA_ROOT_FLAGS, TCA_ROOT_TAB, TCA_ROOT_TIME_DELTA, TCA_ROOT_UNSPEC,
    TCA_STAB, TCA_STATS, TCA_STATS2, TCA_UNSPEC, TCA_XSTATS,
};

attr_space! {
    /// `RTM_NEWPREFIX` attributes (after `struct prefixmsg`), `PREFIX_*`.
    pub static PREFIX = "PREFIX" {
        PREFIX_UNSPEC = 0 => Raw,
        PREFIX_ADDRESS = 1 => Ip,
        PREFIX_CACHEINFO = 2 => Array(Elem::U32, Labels::List(PREFIX_CACHEINFO_NAMES)),
    }
}

attr_space! {
    /// `RTM_NEWNDUSEROPT` attributes (after `struct nduseroptmsg` and the options), `NDUSEROPT_*`.
    pub static NDUSEROPT = "NDUSEROPT" {
        NDUSEROPT_UNSPEC = 0 => Raw,
        NDUSEROPT_SRCADDR = 1 => Ip,
    }
}
