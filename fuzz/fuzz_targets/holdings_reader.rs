//! See `holdings_reader` in `fuzz/src/lib.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| redlist_fuzz::holdings_reader(data));
