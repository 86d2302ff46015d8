//! One list per kernel enumeration or flag set: each constant, its uapi name and (for flag
//! sets) the `bitflags` type all come from the same lines, so a value and its name cannot
//! drift apart.

/// Emits `pub const NAME: TYPE = VALUE;` for every entry and `TABLE`, the `(value, name)`
/// list the renderers use, in the order written.
///
/// ```text
/// uapi_consts! {
///     /// Names of `rtm_type` values.
///     RTN_NAMES: u8 {
///         RTN_UNSPEC = 0,
///         /// A gateway or direct route.
///         RTN_UNICAST = 1,
///     }
/// }
/// ```
macro_rules! uapi_consts {
    (
        $(#[$table_meta:meta])*
        $table:ident: $ty:ty {
            $( $(#[$meta:meta])* $name:ident = $value:expr, )*
        }
    ) => {
        $(
            #[doc = concat!("`", stringify!($name), "`.")]
            $(#[$meta])*
            pub const $name: $ty = $value;
        )*
        $(#[$table_meta])*
        pub const $table: &[(u64, &str)] = &[ $( ($name as u64, stringify!($name)), )* ];
    };
}

/// Emits a `bitflags` type whose flags are the uapi names without their prefix
/// (`IFF_UP` is `Iff::UP`), and `TABLE`, the `(bit, uapi name)` list the renderers use.
///
/// ```text
/// uapi_flags! {
///     /// `IFF_*` interface flags.
///     #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
///     pub struct Iff: u32, "IFF_", IFF_NAMES {
///         UP = 1 << 0,
///     }
/// }
/// ```
macro_rules! uapi_flags {
    (
        $(#[$type_attr:ident $($type_args:tt)*])*
        pub struct $type:ident: $bits:ty, $prefix:literal, $table:ident {
            $( $(#[doc = $doc:literal])* $name:ident = $value:expr, )*
        }
    ) => {
        // `bitflags!` takes attributes as tokens, not as `meta` fragments.
        bitflags::bitflags! {
            $(#[$type_attr $($type_args)*])*
            pub struct $type: $bits {
                $(
                    #[doc = concat!("`", $prefix, stringify!($name), "`.")]
                    $(#[doc = $doc])*
                    const $name = $value;
                )*
            }
        }
        #[doc = concat!("The uapi names of the [`", stringify!($type), "`] bits.")]
        pub const $table: &[(u64, &str)] = &[
            $( ($value as u64, concat!($prefix, stringify!($name))), )*
        ];
    };
}

/// [`uapi_flags!`] for a flag set whose bits mean different things in different contexts
/// (`NLM_F_*`: 0x100 is `NLM_F_ROOT` in a GET request and `NLM_F_REPLACE` in a NEW one):
/// the entries come in named groups, and each group gets its own `(bit, uapi name)`
/// table; the `bitflags` type has every entry.
///
/// ```text
/// uapi_flag_sets! {
///     /// `NLM_F_*` message flags.
///     #[derive(Debug, Clone, Copy)]
///     pub struct NlmFlags: u16, "NLM_F_" {
///         /// Bits every message type gives the same meaning.
///         NLM_F_COMMON_NAMES { REQUEST = 0x01, }
///         /// Bits of GET requests.
///         NLM_F_GET_NAMES { ROOT = 0x100, }
///     }
/// }
/// ```
macro_rules! uapi_flag_sets {
    (
        $(#[$type_attr:ident $($type_args:tt)*])*
        pub struct $type:ident: $bits:ty, $prefix:literal {
            $(
                $(#[doc = $table_doc:literal])*
                $table:ident { $( $(#[doc = $doc:literal])* $name:ident = $value:expr, )* }
            )*
        }
    ) => {
        bitflags::bitflags! {
            $(#[$type_attr $($type_args)*])*
            pub struct $type: $bits {
                $($(
                    #[doc = concat!("`", $prefix, stringify!($name), "`.")]
                    $(#[doc = $doc])*
                    const $name = $value;
                )*)*
            }
        }
        $(
            $(#[doc = $table_doc])*
            pub const $table: &[(u64, &str)] = &[
                $( ($value as u64, concat!($prefix, stringify!($name))), )*
            ];
        )*
    };
}

/// Two name tables as one, for a field whose bits come from two sets (`rtm_flags`: the
/// `RTNH_F_*` byte, then `RTM_F_*`). `N` must be the sum of both lengths; a wrong `N`
/// fails the build.
pub(crate) const fn concat_names<const N: usize>(
    a: &[(u64, &'static str)],
    b: &[(u64, &'static str)],
) -> [(u64, &'static str); N] {
    assert!(
        a.len() + b.len() == N,
        "N is the sum of both tables' lengths"
    );
    let mut out = [(0, ""); N];
    let mut i = 0;
    while i < a.len() {
        out[i] = a[i];
        i += 1;
    }
    while i < N {
        out[i] = b[i - a.len()];
        i += 1;
    }
    out
}

pub(crate) use {uapi_consts, uapi_flag_sets, uapi_flags};

#[cfg(test)]
mod tests {
    use crate::link::{Iff, IFF_NAMES};
    use crate::route::{RtmFlags, RtnhFlags, RTM_F_NAMES, RTM_F_ONLY_NAMES, RTNH_F_NAMES};
    use crate::route::{RTN_LOCAL, RTN_NAMES, RT_TABLE_LOCAL};

    #[test]
    fn a_flag_table_names_every_bit_of_its_type_with_the_uapi_prefix() {
        let names: Vec<(u64, String)> = Iff::all()
            .iter_names()
            .map(|(n, f)| (u64::from(f.bits()), format!("IFF_{n}")))
            .collect();
        let table: Vec<(u64, String)> = IFF_NAMES.iter().map(|&(v, n)| (v, n.into())).collect();
        assert_eq!(names, table);
    }

    #[test]
    fn rtm_flags_name_the_next_hop_byte_then_the_route_bits() {
        assert_eq!(RTM_F_NAMES[..RTNH_F_NAMES.len()], *RTNH_F_NAMES);
        assert_eq!(RTM_F_NAMES[RTNH_F_NAMES.len()..], *RTM_F_ONLY_NAMES);
        let all = u64::from(RtnhFlags::all().bits()) | u64::from(RtmFlags::all().bits());
        assert_eq!(RTM_F_NAMES.iter().fold(0, |acc, &(v, _)| acc | v), all);
    }

    #[test]
    fn a_constant_and_its_name_come_from_one_line() {
        assert!(RTN_NAMES.contains(&(u64::from(RTN_LOCAL), "RTN_LOCAL")));
        assert_eq!(RT_TABLE_LOCAL, 255);
    }
}
