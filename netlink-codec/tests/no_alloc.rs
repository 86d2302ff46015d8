//! The view path allocates nothing: walking every corpus buffer with `Messages`, the
//! family headers, `Attrs` and `Value::read` at every depth (plus the error and done views)
//! makes zero heap allocations. Counted by a global allocator that forwards to `System`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use netlink_codec::ack::{DoneView, ErrorView, EXT_ACK};
use netlink_codec::attr::Attrs;
use netlink_codec::family::Family;
use netlink_codec::header::{align, Messages, NLMSG_DONE, NLMSG_ERROR};
use netlink_codec::schema::{kind_hint, Space, Value};

struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every method forwards to `System` with the caller's arguments unchanged, so
// `System`'s guarantees hold; the counter has no effect on memory.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded as is (see the impl).
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` with this `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded as is (see the impl).
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Walk a run at every depth; returns how many attributes were read.
fn walk(run: Attrs<'_>, space: &'static Space) -> usize {
    let mut n = 0;
    for a in run.clone() {
        let a = a.unwrap();
        n += 1;
        let shape = space.shape(a.kind());
        match Value::read(&a, shape, kind_hint(shape, run.clone())).unwrap() {
            Value::Nested(inner, s) | Value::Peer(_, inner, s) => n += walk(inner, s),
            Value::Multipath(hops, s) => {
                for h in hops {
                    n += walk(h.unwrap().attrs, s);
                }
            }
            Value::Array(p, e, labels) => {
                n += (0..p.len() / e.size())
                    .filter_map(|i| labels.get(i))
                    .count();
            }
            _ => {}
        }
    }
    n
}

#[test]
fn views_allocate_nothing() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let files: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "bin"))
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    let before = ALLOCS.load(Ordering::Relaxed);
    let mut attrs = 0;
    for bytes in &files {
        for m in Messages::new(bytes) {
            let m = m.unwrap();
            let p = m.payload();
            match (m.msg_type(), Family::of(m.msg_type())) {
                (_, Some(f)) => {
                    let start = align(f.header().len).unwrap().min(p.len());
                    attrs += walk(Attrs::new(&p[start..], start), f.space());
                }
                (NLMSG_ERROR, None) => {
                    let ev = ErrorView::parse(&m).unwrap();
                    let _ = ev.ext_ack_info().unwrap();
                    attrs += walk(ev.ext_ack(), &EXT_ACK);
                }
                (NLMSG_DONE, None) => attrs += walk(DoneView::parse(&m).unwrap().ext_ack, &EXT_ACK),
                _ => {}
            }
        }
    }
    let after = ALLOCS.load(Ordering::Relaxed);
    assert!(attrs > 5000, "only {attrs} attributes walked");
    assert_eq!(after - before, 0, "the view path allocated");
}
