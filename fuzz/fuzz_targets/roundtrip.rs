//! A structured `model::Message` built by `arbitrary`: emit → parse → emit is stable,
//! and canonical messages come back equal. See `netlink_codec_fuzz::check_roundtrip`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use netlink_codec::model::Message;

fuzz_target!(|m: Message| {
    netlink_codec_fuzz::check_roundtrip(&m);
});
