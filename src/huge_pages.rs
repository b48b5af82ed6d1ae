//! Transparent huge pages (2 MiB instead of 4 KiB): off for the whole run.
//!
//! The allocator asks the kernel for huge pages, and on kernels where they
//! are on for every process they would be used for everything. They cost
//! more than they save:
//!
//! - a screen against a small list touches a few tens of megabytes, and
//!   2 MiB pages, each zeroed whole on first touch, nearly double its peak
//!   memory;
//! - a large list's index (240 MB for 100,000 entities) takes some 55,000
//!   faults of 4 KiB pages instead of a few hundred of 2 MiB, but on a
//!   virtual machine each huge page is carved from memory the host may
//!   have taken back while the machine was idle, and is faulted in again
//!   whole. Measured on a 2-core virtual machine, a run started after a
//!   few seconds' pause: loading and indexing 100,000 names took 0.54-0.59
//!   s on huge pages and 0.37-0.43 s on small ones (system time 0.36-0.47
//!   s against 0.10-0.14 s); a screen of 1,000,000 rows against them
//!   1.26-1.43 s against 1.00-1.13 s. Run back to back, huge pages load
//!   the list faster (0.29 s against 0.37 s) and the whole screen takes
//!   the same time (1.09 s against 1.04 s, medians of 11).
//!
//! Only Linux has the switch; elsewhere the call does nothing. A kernel
//! that refuses is not an error: pages stay as they were.

/// Memory touched from here on is backed by 4 KiB pages.
pub fn use_small_pages() {
    set_disabled(true);
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
    fn small_pages_switch_huge_pages_off() {
        use_small_pages();
        assert!(get_thp_disable().unwrap());
    }
}
