//! can's `IFLA_INFO_DATA`, `IFLA_CAN_*` (`linux/can/netlink.h`), and its structs.

use zerocopy::byteorder::native_endian::{U16, U32};
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::attr_space;
use crate::field;
use crate::schema::{Elem, HeaderDef, Labels, Names};

/// Field names of `struct can_bittiming` (`IFLA_CAN_BITTIMING`, `IFLA_CAN_DATA_BITTIMING`).
pub static CAN_BITTIMING_NAMES: &[&str] = &[
    "bitrate",
    "sample_point",
    "tq",
    "prop_seg",
    "phase_seg1",
    "phase_seg2",
    "sjw",
    "brp",
];
/// Field names of `struct can_clock` (`IFLA_CAN_CLOCK`).
pub static CAN_CLOCK_NAMES: &[&str] = &["freq"];
/// Field names of `struct can_device_stats` (`linux/can/netlink.h`, six `__u32`): what
/// `can_fill_xstats` puts in a CAN device's `IFLA_INFO_XSTATS`.
pub static CAN_DEVICE_STATS_NAMES: &[&str] = &[
    "bus_error",
    "error_warning",
    "error_passive",
    "bus_off",
    "arbitration_lost",
    "restarts",
];

/// Field names of `struct can_ctrlmode` (`IFLA_CAN_CTRLMODE`).
pub static CAN_CTRLMODE_NAMES: &[&str] = &["mask", "flags"];

/// `struct can_berr_counter` (4 bytes), `IFLA_CAN_BERR_COUNTER`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    FromBytes,
    IntoBytes,
    KnownLayout,
    Immutable,
    Unaligned,
)]
#[repr(C)]
pub struct CanBerrCounter {
    /// `txerr`: transmit error counter.
    pub txerr: U16,
    /// `rxerr`: receive error counter.
    pub rxerr: U16,
}

impl CanBerrCounter {
    /// The struct's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "can_berr_counter",
        len: core::mem::size_of::<Self>(),
        fields: &[field!(Self, txerr), field!(Self, rxerr)],
    };
}

/// `struct can_bittiming_const` (48 bytes), `IFLA_CAN_BITTIMING_CONST` /
/// `IFLA_CAN_DATA_BITTIMING_CONST`: the controller's name and its bit-timing limits.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned,
)]
#[repr(C)]
pub struct CanBittimingConst {
    /// `name`: the controller's name, NUL-padded.
    pub name: [u8; 16],
    /// `tseg1_min`: time segment 1 = prop_seg + phase_seg1, minimum.
    pub tseg1_min: U32,
    /// `tseg1_max`.
    pub tseg1_max: U32,
    /// `tseg2_min`: time segment 2 = phase_seg2, minimum.
    pub tseg2_min: U32,
    /// `tseg2_max`.
    pub tseg2_max: U32,
    /// `sjw_max`: synchronisation jump width, maximum.
    pub sjw_max: U32,
    /// `brp_min`: bit-rate prescaler, minimum.
    pub brp_min: U32,
    /// `brp_max`.
    pub brp_max: U32,
    /// `brp_inc`: its step.
    pub brp_inc: U32,
}
const _: () = assert!(core::mem::size_of::<CanBittimingConst>() == 48);

impl CanBittimingConst {
    /// The struct's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "can_bittiming_const",
        len: core::mem::size_of::<Self>(),
        fields: &[
            field!(Self, name, Names::CStr),
            field!(Self, tseg1_min),
            field!(Self, tseg1_max),
            field!(Self, tseg2_min),
            field!(Self, tseg2_max),
            field!(Self, sjw_max),
            field!(Self, brp_min),
            field!(Self, brp_max),
            field!(Self, brp_inc),
        ],
    };
}

attr_space! {
    /// can's `IFLA_INFO_DATA`, `IFLA_CAN_*`.
    pub static CAN = "IFLA_CAN" {
        IFLA_CAN_UNSPEC = 0 => Raw,
        IFLA_CAN_BITTIMING = 1 => Array(Elem::U32, Labels::List(CAN_BITTIMING_NAMES)),
        IFLA_CAN_BITTIMING_CONST = 2 => Structs(&CanBittimingConst::DEF),
        IFLA_CAN_CLOCK = 3 => Array(Elem::U32, Labels::List(CAN_CLOCK_NAMES)),
        IFLA_CAN_STATE = 4 => U32; Enum(super::CAN_STATE_NAMES),
        IFLA_CAN_CTRLMODE = 5 => Array(Elem::U32, Labels::List(CAN_CTRLMODE_NAMES)),
        IFLA_CAN_RESTART_MS = 6 => U32,
        IFLA_CAN_RESTART = 7 => U32,
        IFLA_CAN_BERR_COUNTER = 8 => Structs(&CanBerrCounter::DEF),
        IFLA_CAN_DATA_BITTIMING = 9 => Array(Elem::U32, Labels::List(CAN_BITTIMING_NAMES)),
        IFLA_CAN_DATA_BITTIMING_CONST = 10 => Structs(&CanBittimingConst::DEF),
        IFLA_CAN_TERMINATION = 11 => U16,
        IFLA_CAN_TERMINATION_CONST = 12 => Array(Elem::U16, Labels::List(&[])),
        IFLA_CAN_BITRATE_CONST = 13 => Array(Elem::U32, Labels::List(&[])),
        IFLA_CAN_DATA_BITRATE_CONST = 14 => Array(Elem::U32, Labels::List(&[])),
        IFLA_CAN_BITRATE_MAX = 15 => U32,
        IFLA_CAN_TDC = 16 => Nested(&CAN_TDC),
        IFLA_CAN_CTRLMODE_EXT = 17 => Nested(&CAN_CTRLMODE_EXT),
    }
}

attr_space! {
    /// `IFLA_CAN_TDC` contents (transmitter delay compensation), `IFLA_CAN_TDC_*`.
    pub static CAN_TDC = "IFLA_CAN_TDC" {
        IFLA_CAN_TDC_UNSPEC = 0 => Raw,
        IFLA_CAN_TDC_TDCV_MIN = 1 => U32,
        IFLA_CAN_TDC_TDCV_MAX = 2 => U32,
        IFLA_CAN_TDC_TDCO_MIN = 3 => U32,
        IFLA_CAN_TDC_TDCO_MAX = 4 => U32,
        IFLA_CAN_TDC_TDCF_MIN = 5 => U32,
        IFLA_CAN_TDC_TDCF_MAX = 6 => U32,
        IFLA_CAN_TDC_TDCV = 7 => U32,
        IFLA_CAN_TDC_TDCO = 8 => U32,
        IFLA_CAN_TDC_TDCF = 9 => U32,
    }
}

attr_space! {
    /// `IFLA_CAN_CTRLMODE_EXT` contents, `IFLA_CAN_CTRLMODE_*`.
    pub static CAN_CTRLMODE_EXT = "IFLA_CAN_CTRLMODE" {
        IFLA_CAN_CTRLMODE_UNSPEC = 0 => Raw,
        IFLA_CAN_CTRLMODE_SUPPORTED = 1 => U32,
    }
}
