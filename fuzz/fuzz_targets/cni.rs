//! The CNI plugin's input: environment and stdin config. Any input gives a parsed request
//! or an error JSON, never a panic. See `netlink_codec_fuzz::check_cni`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    netlink_codec_fuzz::check_cni(data);
});
