//! A memory budget a process can enforce on itself: a global allocator that counts the bytes
//! live on the heap and, once armed, ends the process with [`OVER_BUDGET_EXIT`] on the first
//! allocation that would pass the budget. It only makes sense in a process that does nothing
//! but the work being bounded: the reader child of `isolated`, which reads one file and
//! exits. Unarmed (every other process) it costs one relaxed load per allocation.
//!
//! Why exit instead of failing the allocation: Rust's allocation failure aborts the process
//! (there is no stable way to turn it into a panic or an error), and an allocator must not
//! unwind. Exiting with a code of its own lets the parent tell "stopped at the budget" apart
//! from a crash.
//!
//! Knows nothing of files or formats.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, AtomicUsize, Ordering};

/// The exit code of a process that reached its budget.
pub const OVER_BUDGET_EXIT: i32 = 86;

/// Bytes allowed on the heap; 0 while unarmed.
static BUDGET: AtomicUsize = AtomicUsize::new(0);
/// Bytes allocated and not yet freed since the budget was armed (can dip below 0 when memory
/// allocated before arming is freed).
static LIVE: AtomicIsize = AtomicIsize::new(0);

/// The system allocator, counting. Installed as `#[global_allocator]` by the `renja` binary.
pub struct CountingAllocator;

/// Arms the budget: from now on, the process exits with [`OVER_BUDGET_EXIT`] when more than
/// `bytes` would be live on the heap.
pub fn arm(bytes: usize) {
    LIVE.store(0, Ordering::SeqCst);
    BUDGET.store(bytes.max(1), Ordering::SeqCst);
}

/// Counts `size` more bytes; exits the process when that passes the budget.
fn grow(size: usize) {
    let budget = BUDGET.load(Ordering::Relaxed);
    if budget == 0 {
        return;
    }
    let live = LIVE.fetch_add(size as isize, Ordering::Relaxed) + size as isize;
    if live > budget as isize {
        // Unarmed from here: whatever `exit` allocates must not come back here.
        BUDGET.store(0, Ordering::SeqCst);
        std::process::exit(OVER_BUDGET_EXIT);
    }
}

fn shrink(size: usize) {
    if BUDGET.load(Ordering::Relaxed) != 0 {
        LIVE.fetch_sub(size as isize, Ordering::Relaxed);
    }
}

// SAFETY: every call is forwarded to `System` with the same arguments; the counting around it
// neither allocates nor unwinds (`exit` does not return).
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        shrink(layout.size());
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            grow(new_size - layout.size());
        } else {
            shrink(layout.size() - new_size);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}
