//! A bridge's Media Redundancy Protocol (`IFLA_BRIDGE_MRP` in the `AF_BRIDGE`
//! `IFLA_AF_SPEC`, `linux/if_bridge.h`): the requests `br_mrp_parse` reads and the
//! `IFLA_BRIDGE_MRP_INFO` that `br_mrp_fill_info` dumps (net/bridge/br_mrp_netlink.c). The
//! types are the kernel's policies: `u32` but for the priorities and one interconnect id.

use crate::attr_space;

use super::values::*;

attr_space! {
    /// `IFLA_BRIDGE_MRP` contents, `IFLA_BRIDGE_MRP_*`.
    pub static BRIDGE_MRP = "IFLA_BRIDGE_MRP" {
        IFLA_BRIDGE_MRP_UNSPEC = 0 => Raw,
        IFLA_BRIDGE_MRP_INSTANCE = 1 => Nested(&BRIDGE_MRP_INSTANCE),
        IFLA_BRIDGE_MRP_PORT_STATE = 2 => Nested(&BRIDGE_MRP_PORT_STATE),
        IFLA_BRIDGE_MRP_PORT_ROLE = 3 => Nested(&BRIDGE_MRP_PORT_ROLE),
        IFLA_BRIDGE_MRP_RING_STATE = 4 => Nested(&BRIDGE_MRP_RING_STATE),
        IFLA_BRIDGE_MRP_RING_ROLE = 5 => Nested(&BRIDGE_MRP_RING_ROLE),
        IFLA_BRIDGE_MRP_START_TEST = 6 => Nested(&BRIDGE_MRP_START_TEST),
        IFLA_BRIDGE_MRP_INFO = 7 => Nested(&BRIDGE_MRP_INFO),
        IFLA_BRIDGE_MRP_IN_ROLE = 8 => Nested(&BRIDGE_MRP_IN_ROLE),
        IFLA_BRIDGE_MRP_IN_STATE = 9 => Nested(&BRIDGE_MRP_IN_STATE),
        IFLA_BRIDGE_MRP_START_IN_TEST = 10 => Nested(&BRIDGE_MRP_START_IN_TEST),
    }
}

attr_space! {
    /// `IFLA_BRIDGE_MRP_INSTANCE` contents (a ring added or deleted).
    pub static BRIDGE_MRP_INSTANCE = "IFLA_BRIDGE_MRP_INSTANCE" {
        IFLA_BRIDGE_MRP_INSTANCE_UNSPEC = 0 => Raw,
        IFLA_BRIDGE_MRP_INSTANCE_RING_ID = 1 => U32,
        IFLA_BRIDGE_MRP_INSTANCE_P_IFINDEX = 2 => U32,
        IFLA_BRIDGE_MRP_INSTANCE_S_IFINDEX = 3 => U32,
        IFLA_BRIDGE_MRP_INSTANCE_PRIO = 4 => U16,
    }
}

attr_space! {
    /// `IFLA_BRIDGE_MRP_PORT_STATE` contents (`enum br_mrp_port_state_type`).
    pub static BRIDGE_MRP_PORT_STATE = "IFLA_BRIDGE_MRP_PORT_STATE" {
        IFLA_BRIDGE_MRP_PORT_STATE_UNSPEC = 0 => Raw,
        IFLA_BRIDGE_MRP_PORT_STATE_STATE = 1 => U32; Enum(BR_MRP_PORT_STATE_NAMES),
    }
}

attr_space! {
    /// `IFLA_BRIDGE_MRP_PORT_ROLE` contents (`enum br_mrp_port_role_type`).
    pub static BRIDGE_MRP_PORT_ROLE = "IFLA_BRIDGE_MRP_PORT_ROLE" {
        IFLA_BRIDGE_MRP_PORT_ROLE_UNSPEC = 0 => Raw,
        IFLA_BRIDGE_MRP_PORT_ROLE_ROLE = 1 => U32; Enum(BR_MRP_PORT_ROLE_NAMES),
    }
}

attr_space! {
    /// `IFLA_BRIDGE_MRP_RING_STATE` contents (`enum br_mrp_ring_state_type`).
    pub static BRIDGE_MRP_RING_STATE = "IFLA_BRIDGE_MRP_RING_STATE" {
        IFLA_BRIDGE_MRP_RING_STATE_UNSPEC = 0 => Raw,
        IFLA_BRIDGE_MRP_RING_STATE_RING_ID = 1 => U32,
        IFLA_BRIDGE_MRP_RING_STATE_STATE = 2 => U32; Enum(BR_MRP_RING_STATE_NAMES),
    }
}

attr_space! {
    /// `IFLA_BRIDGE_MRP_RING_ROLE` contents (`enum br_mrp_ring_role_type`).
    pub static BRIDGE_MRP_RING_ROLE = "IFLA_BRIDGE_MRP_RING_ROLE" {
        IFLA_BRIDGE_MRP_RING_ROLE_UNSPEC = 0 => Raw,
        IFLA_BRIDGE_MRP_RING_ROLE_RING_ID = 1 => U32,
        IFLA_BRIDGE_MRP_RING_ROLE_ROLE = 2 => U32; Enum(BR_MRP_RING_ROLE_NAMES),
    }
}

attr_space! {
    /// `IFLA_BRIDGE_MRP_START_TEST` contents (intervals in microseconds).
    pub static BRIDGE_MRP_START_TEST = "IFLA_BRIDGE_MRP_START_TEST" {
        IFLA_BRIDGE_MRP_START_TEST_UNSPEC = 0 => Raw,
        IFLA_BRIDGE_MRP_START_TEST_RING_ID = 1 => U32,
        IFLA_BRIDGE_MRP_START_TEST_INTERVAL = 2 => U32,
        IFLA_BRIDGE_MRP_START_TEST_MAX_MISS = 3 => U32,
        IFLA_BRIDGE_MRP_START_TEST_PERIOD = 4 => U32,
        IFLA_BRIDGE_MRP_START_TEST_MONITOR = 5 => U32,
    }
}

attr_space! {
    /// `IFLA_BRIDGE_MRP_INFO` contents: one ring as `br_mrp_fill_info` dumps it.
    pub static BRIDGE_MRP_INFO = "IFLA_BRIDGE_MRP_INFO" {
        IFLA_BRIDGE_MRP_INFO_UNSPEC = 0 => Raw,
        IFLA_BRIDGE_MRP_INFO_RING_ID = 1 => U32,
        IFLA_BRIDGE_MRP_INFO_P_IFINDEX = 2 => U32,
        IFLA_BRIDGE_MRP_INFO_S_IFINDEX = 3 => U32,
        IFLA_BRIDGE_MRP_INFO_PRIO = 4 => U16,
        IFLA_BRIDGE_MRP_INFO_RING_STATE = 5 => U32; Enum(BR_MRP_RING_STATE_NAMES),
        IFLA_BRIDGE_MRP_INFO_RING_ROLE = 6 => U32; Enum(BR_MRP_RING_ROLE_NAMES),
        IFLA_BRIDGE_MRP_INFO_TEST_INTERVAL = 7 => U32,
        IFLA_BRIDGE_MRP_INFO_TEST_MAX_MISS = 8 => U32,
        IFLA_BRIDGE_MRP_INFO_TEST_MONITOR = 9 => U32,
        IFLA_BRIDGE_MRP_INFO_I_IFINDEX = 10 => U32,
        IFLA_BRIDGE_MRP_INFO_IN_STATE = 11 => U32; Enum(BR_MRP_IN_STATE_NAMES),
        IFLA_BRIDGE_MRP_INFO_IN_ROLE = 12 => U32; Enum(BR_MRP_IN_ROLE_NAMES),
        IFLA_BRIDGE_MRP_INFO_IN_TEST_INTERVAL = 13 => U32,
        IFLA_BRIDGE_MRP_INFO_IN_TEST_MAX_MISS = 14 => U32,
    }
}

attr_space! {
    /// `IFLA_BRIDGE_MRP_IN_STATE` contents (`enum br_mrp_in_state_type`); the policy
    /// reads `IN_ID` as a `u32` here, unlike in `IN_ROLE`.
    pub static BRIDGE_MRP_IN_STATE = "IFLA_BRIDGE_MRP_IN_STATE" {
        IFLA_BRIDGE_MRP_IN_STATE_UNSPEC = 0 => Raw,
        IFLA_BRIDGE_MRP_IN_STATE_IN_ID = 1 => U32,
        IFLA_BRIDGE_MRP_IN_STATE_STATE = 2 => U32; Enum(BR_MRP_IN_STATE_NAMES),
    }
}

attr_space! {
    /// `IFLA_BRIDGE_MRP_IN_ROLE` contents (`enum br_mrp_in_role_type`); `IN_ID` is the
    /// policy's `NLA_U16`.
    pub static BRIDGE_MRP_IN_ROLE = "IFLA_BRIDGE_MRP_IN_ROLE" {
        IFLA_BRIDGE_MRP_IN_ROLE_UNSPEC = 0 => Raw,
        IFLA_BRIDGE_MRP_IN_ROLE_RING_ID = 1 => U32,
        IFLA_BRIDGE_MRP_IN_ROLE_IN_ID = 2 => U16,
        IFLA_BRIDGE_MRP_IN_ROLE_ROLE = 3 => U32; Enum(BR_MRP_IN_ROLE_NAMES),
        IFLA_BRIDGE_MRP_IN_ROLE_I_IFINDEX = 4 => U32,
    }
}

attr_space! {
    /// `IFLA_BRIDGE_MRP_START_IN_TEST` contents (intervals in microseconds).
    pub static BRIDGE_MRP_START_IN_TEST = "IFLA_BRIDGE_MRP_START_IN_TEST" {
        IFLA_BRIDGE_MRP_START_IN_TEST_UNSPEC = 0 => Raw,
        IFLA_BRIDGE_MRP_START_IN_TEST_IN_ID = 1 => U32,
        IFLA_BRIDGE_MRP_START_IN_TEST_INTERVAL = 2 => U32,
        IFLA_BRIDGE_MRP_START_IN_TEST_MAX_MISS = 3 => U32,
        IFLA_BRIDGE_MRP_START_IN_TEST_PERIOD = 4 => U32,
    }
}
