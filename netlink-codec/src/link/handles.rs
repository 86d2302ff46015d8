//! Handles of objects other netlink families own, which a link dump carries as nests:
//! `IFLA_DEVLINK_PORT` (the devlink port behind the device, `DEVLINK_ATTR_*` of
//! `linux/devlink.h`, as `devlink_nl_port_handle_fill` writes them) and `IFLA_DPLL_PIN`
//! (its DPLL pin, `DPLL_A_PIN_*` of `linux/dpll.h`, as `dpll_msg_add_pin_handle` writes
//! it). Only the attributes the kernel puts in these nests are named: each is the key of
//! the object in its own family. A device with no such object has an empty nest.

use crate::attr_space;

attr_space! {
    /// `IFLA_DEVLINK_PORT` contents: the devlink port's handle, `DEVLINK_ATTR_*`.
    pub static DEVLINK_PORT = "DEVLINK_ATTR" {
        DEVLINK_ATTR_UNSPEC = 0 => Raw,
        DEVLINK_ATTR_BUS_NAME = 1 => Str,
        DEVLINK_ATTR_DEV_NAME = 2 => Str,
        DEVLINK_ATTR_PORT_INDEX = 3 => U32,
    }
}

attr_space! {
    /// `IFLA_DPLL_PIN` contents: the pin's handle, `DPLL_A_PIN_*` (`enum dpll_a_pin`
    /// starts at 1).
    pub static DPLL_PIN = "DPLL_A_PIN" {
        DPLL_A_PIN_ID = 1 => U32,
    }
}
