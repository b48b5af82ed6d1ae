//! See `list_loader` in `fuzz/src/lib.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| redlist_fuzz::list_loader(data));
