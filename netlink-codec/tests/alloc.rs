//! Walking a dump allocates nothing: a counting global allocator watches the codec walk
//! every message, every attribute (recursively) and every typed value of 1000-message dumps
//! built from the corpus, and parse every message into its typed representation. This file is its own test binary, so the allocator affects nothing
//! else.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

#[path = "../benches/codec/inputs.rs"]
mod inputs;
#[path = "../benches/codec/repr.rs"]
mod repr;
#[path = "../benches/codec/walk.rs"]
mod walk;

/// Counts allocations made by a thread while it is armed; the test harness's own threads
/// never arm, so their allocations are not counted.
struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static ARMED: Cell<bool> = const { Cell::new(false) };
}

fn note() {
    // `try_with`: the thread-local may already be gone while a thread exits.
    if ARMED.try_with(Cell::get).unwrap_or(false) {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
    }
}

// SAFETY: every method forwards to `System` with the same arguments, so `System`'s
// guarantees hold; the only addition is a counter that does not allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note();
        // SAFETY: forwarded unchanged; the caller upholds `alloc`'s contract.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note();
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note();
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Run `f` armed; return its result and the number of allocations it made.
fn count<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let before = ALLOCS.load(Ordering::Relaxed);
    ARMED.with(|a| a.set(true));
    let r = std::hint::black_box(f());
    ARMED.with(|a| a.set(false));
    (r, ALLOCS.load(Ordering::Relaxed) - before)
}

#[test]
fn the_counter_counts() {
    // The allocator must see allocations, or the zero below proves nothing.
    let (v, n) = count(|| vec![1u8; 64]);
    assert_eq!(v.len(), 64);
    assert!(n >= 1, "the counting allocator saw no allocation for a Vec");
}

#[test]
fn walking_a_dump_does_not_allocate() {
    for d in inputs::dumps() {
        assert_eq!(d.count, inputs::DUMP_LEN);
        assert!(d.distinct > 0);
        // Warm up (first use of anything lazily initialised), then count.
        walk::walk_dump(&d.bytes).unwrap();
        let (r, n) = count(|| walk::walk_dump(&d.bytes));
        let (sum, attrs) = r.unwrap_or_else(|e| panic!("{}: {e}", d.name));
        assert!(
            attrs >= d.count as u64,
            "{}: walked only {attrs} attributes",
            d.name
        );
        assert_ne!(sum, 0, "{}: nothing was read", d.name);
        assert_eq!(
            n, 0,
            "{} (type {}): {n} heap allocations while walking {} messages with \
             Messages/Attrs/Value::read",
            d.name, d.msg_type, d.count
        );

        let (r, n) = count(|| walk::bare_walk(&d.bytes));
        assert!(r.unwrap() > 0);
        assert_eq!(n, 0, "{}: {n} heap allocations in the bare walk", d.name);
    }
}

#[test]
fn parsing_a_dump_into_reprs_does_not_allocate() {
    for d in inputs::dumps() {
        repr::repr_parse_dump(&d.bytes).unwrap();
        let (r, n) = count(|| repr::repr_parse_dump(&d.bytes));
        let (sum, parsed) = r.unwrap_or_else(|e| panic!("{}: {e}", d.name));
        assert_eq!(parsed, d.count, "{}: not every message was parsed", d.name);
        assert_ne!(sum, 0, "{}: nothing was read", d.name);
        assert_eq!(
            n, 0,
            "{}: {n} heap allocations while parsing {} messages into reprs",
            d.name, d.count
        );
    }
}
