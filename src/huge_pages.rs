//! Transparent huge pages (2 MiB instead of 4 KiB), for large list indexes
//! only.
//!
//! The allocator asks the kernel for huge pages, but the process starts
//! with them switched off ([`use_small_pages`]): a screen against a small
//! list touches a few tens of megabytes, and 2 MiB pages, each zeroed whole
//! on first touch, would nearly double its peak memory for no gain. A list
//! of tens of thousands of names is different: it and its index fill
//! hundreds of megabytes at once, and a fault per 4 KiB page costs them
//! about a fifth of the start-up. [`use_huge_pages_for_list`] switches huge
//! pages on before such a list is read.
//!
//! Only Linux has the switch; elsewhere both calls do nothing. A kernel
//! that refuses is not an error: pages stay as they were.

/// List files of at least this many bytes get huge pages: about 50,000
/// entities. (A screen of 1,000,000 rows against a list of 20,000
/// entities, 3 MB, peaked at 84 MB with small pages and 123 MB with huge
/// ones.)
pub const LARGE_LIST_BYTES: u64 = 8 * 1024 * 1024;

/// Memory touched from here on is backed by 4 KiB pages.
pub fn use_small_pages() {
    set_disabled(true);
}

/// Memory touched from here on is backed by huge pages where the kernel
/// can, when a list file of `bytes` is about to be read: at least
/// [`LARGE_LIST_BYTES`].
pub fn use_huge_pages_for_list(bytes: u64) {
    if bytes >= LARGE_LIST_BYTES {
        set_disabled(false);
    }
}

#[cfg(target_os = "linux")]
fn set_disabled(disabled: bool) {
    let _ = nix::sys::prctl::set_thp_disable(disabled);
}

#[cfg(not(target_os = "linux"))]
fn set_disabled(_disabled: bool) {}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use nix::sys::prctl::get_thp_disable;

    #[test]
    fn only_a_large_list_switches_huge_pages_on() {
        use_small_pages();
        assert!(get_thp_disable().unwrap());
        use_huge_pages_for_list(LARGE_LIST_BYTES - 1);
        assert!(get_thp_disable().unwrap(), "a small list keeps small pages");
        use_huge_pages_for_list(LARGE_LIST_BYTES);
        assert!(!get_thp_disable().unwrap(), "a large list gets huge pages");
        use_small_pages();
    }
}
