//! See `matcher_decide` in `fuzz/src/lib.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| redlist_fuzz::matcher_decide(data));
