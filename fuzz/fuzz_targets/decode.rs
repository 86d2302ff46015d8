//! Arbitrary bytes: the views never panic, and whatever `Message::parse_all` accepts
//! re-encodes to the identical bytes. See `netlink_codec_fuzz::check_decode`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    netlink_codec_fuzz::check_decode(data);
});
