//! Codec benchmarks against neli 0.7.5 and netlink-packet-route 0.34, on the same bytes,
//! in one run: `cargo bench -p netlink-codec`.
//!
//! - `decode/{links,addresses,routes}`: 1000 real kernel replies back to back (see
//!   `inputs.rs`), walked message by message, attribute by attribute, with every typed
//!   value read (see `walk.rs` and `peers.rs` for what each implementation does).
//!   `Repr parse` types every message into its `netlink_codec::repr` value (see `repr.rs`).
//! - `encode/setup_plan`: the 14 requests of one dual-stack pod setup (see `plan.rs`),
//!   written with the builders and, as `Repr emit`, from typed representations.
//!
//! After criterion's own report, a table of medians and ratios (peer / netlink-codec) for
//! the benchmarks of this run is printed, then paired ratios: each peer and netlink-codec
//! alternated in short rounds, so both see the same moments of a noisy machine (criterion
//! measures one benchmark after the other; a disturbance during one of them shows as a
//! ratio that the paired rounds do not have).

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

use criterion::{BenchmarkId, Criterion, Throughput};
use netlink_codec::attr::SliceBuf;
use netlink_codec::model::Message;

mod inputs;
mod peers;
mod plan;
mod repr;
mod walk;

const CODEC: &str = "netlink-codec";
const NPR: &str = "netlink-packet-route";

fn decode(c: &mut Criterion) {
    for d in inputs::dumps() {
        // Check once, outside the timed loops, that every implementation reads every
        // message of this dump.
        let (_, attrs) = walk::walk_dump(&d.bytes).expect("codec walks the dump");
        assert!(attrs >= d.count as u64);
        let (_, parsed) = repr::repr_parse_dump(&d.bytes).expect("reprs parse the dump");
        assert_eq!(parsed, d.count);
        let owned = Message::parse_all(&d.bytes).expect("owned model parses the dump");
        assert_eq!(owned.len(), d.count);
        peers::npr_walk(&d.bytes);
        let neli = peers::neli_walk(d.msg_type);
        neli(&d.bytes);
        eprintln!(
            "decode/{}: {} messages ({} distinct corpus messages), {} bytes, {} attributes",
            d.name,
            d.count,
            d.distinct,
            d.bytes.len(),
            attrs
        );

        let mut g = c.benchmark_group(format!("decode/{}", d.name));
        g.throughput(Throughput::Elements(d.count as u64));
        let b = &d.bytes[..];
        g.bench_function(BenchmarkId::new(CODEC, "typed walk"), |x| {
            x.iter(|| walk::walk_dump(black_box(b)))
        });
        g.bench_function(BenchmarkId::new(CODEC, "bare walk"), |x| {
            x.iter(|| walk::bare_walk(black_box(b)))
        });
        g.bench_function(BenchmarkId::new(CODEC, "Repr parse"), |x| {
            x.iter(|| repr::repr_parse_dump(black_box(b)))
        });
        g.bench_function(BenchmarkId::new(CODEC, "owned model"), |x| {
            x.iter(|| Message::parse_all(black_box(b)))
        });
        g.bench_function(BenchmarkId::new(NPR, "parse + walk"), |x| {
            x.iter(|| peers::npr_walk(black_box(b)))
        });
        g.bench_function(BenchmarkId::new("neli", "parse + top-level TLVs"), |x| {
            x.iter(|| neli(black_box(b)))
        });
        g.finish();
    }
}

fn encode(c: &mut Criterion) {
    let pod = &plan::POD;
    let mut ours = Vec::new();
    plan::encode_plan(&mut ours, pod).expect("codec encodes the plan");
    let msgs = plan::npr_plan(pod);
    assert_eq!(msgs.len(), plan::PLAN_LEN);
    let mut theirs = vec![0u8; 4096];
    let n = plan::npr_emit(&msgs, &mut theirs);
    theirs.truncate(n);
    eprintln!(
        "encode/setup_plan: {} requests, {} bytes (netlink-codec), {} bytes (netlink-packet-route), identical: {}",
        plan::PLAN_LEN,
        ours.len(),
        theirs.len(),
        ours == theirs
    );
    // The two encoders must write the same requests (compared as owned messages, so a
    // difference is named).
    let mut reprs = Vec::new();
    plan::repr_plan(&mut reprs, pod).expect("reprs encode the plan");
    assert_eq!(reprs, ours, "the reprs' plan differs from the builders'");
    let a = Message::parse_all(&ours).expect("own plan parses");
    let b = Message::parse_all(&theirs).expect("npr plan parses");
    assert_eq!(a.len(), b.len());
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        if x != y {
            eprintln!(
                "  request {}: differs\n    codec: {x:?}\n    npr:   {y:?}",
                i + 1
            );
        }
    }

    let mut g = c.benchmark_group("encode/setup_plan");
    g.throughput(Throughput::Elements(plan::PLAN_LEN as u64));
    let mut buf: Vec<u8> = Vec::with_capacity(4096);
    g.bench_function(BenchmarkId::new(CODEC, "Vec"), |x| {
        x.iter(|| {
            buf.clear();
            plan::encode_plan(&mut buf, black_box(pod)).unwrap();
            black_box(buf.len())
        })
    });
    let peer = plan::repr_peer(pod);
    let reqs = plan::repr_requests(pod, &peer);
    g.bench_function(BenchmarkId::new(CODEC, "Repr emit"), |x| {
        x.iter(|| {
            buf.clear();
            plan::repr_emit(&mut buf, black_box(&reqs)).unwrap();
            black_box(buf.len())
        })
    });
    let mut mem = [0u8; 4096];
    g.bench_function(BenchmarkId::new(CODEC, "fixed slice"), |x| {
        x.iter(|| {
            let mut sb = SliceBuf::new(&mut mem);
            plan::encode_plan(&mut sb, black_box(pod)).unwrap();
            black_box(sb.written().len())
        })
    });
    let mut out = vec![0u8; 4096];
    g.bench_function(BenchmarkId::new(NPR, "emit"), |x| {
        x.iter(|| plan::npr_emit(black_box(&msgs), &mut out))
    });
    g.finish();
}

/// `target/criterion`, derived from this executable's path (`target/release/deps/...`).
fn criterion_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("current_exe");
    exe.ancestors()
        .nth(3)
        .map(|t| t.join("criterion"))
        .unwrap_or_else(|| PathBuf::from("target/criterion"))
}

/// Median (ns per iteration) of every benchmark criterion wrote after `since`, keyed by
/// group, then id.
fn medians(dir: &std::path::Path, since: SystemTime) -> BTreeMap<String, Vec<(String, f64)>> {
    let mut out: BTreeMap<String, Vec<(String, f64)>> = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            if !p.ends_with("new/benchmark.json") {
                continue;
            }
            let fresh = e
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t >= since);
            let est = p.with_file_name("estimates.json");
            let (Ok(meta), Ok(est)) = (std::fs::read(&p), std::fs::read(&est)) else {
                continue;
            };
            if !fresh {
                continue;
            }
            let meta: serde_json::Value = serde_json::from_slice(&meta).unwrap_or_default();
            let est: serde_json::Value = serde_json::from_slice(&est).unwrap_or_default();
            let (Some(group), Some(id), Some(ns)) = (
                meta["group_id"].as_str(),
                meta["title"].as_str(),
                est["median"]["point_estimate"].as_f64(),
            ) else {
                continue;
            };
            let id = id.strip_prefix(group).unwrap_or(id).trim_start_matches('/');
            out.entry(group.to_string())
                .or_default()
                .push((id.to_string(), ns));
        }
    }
    out
}

fn summary(since: SystemTime) {
    let all = medians(&criterion_dir(), since);
    if all.is_empty() {
        return;
    }
    println!("\nMedians of this run (ratio = time / {CODEC}'s first line of the group):\n");
    println!(
        "| {:<20} | {:<44} | {:>12} | {:>10} | {:>8} |",
        "group", "implementation", "median", "per item", "ratio"
    );
    println!(
        "|{:-<22}|{:-<46}|{:->14}|{:->12}|{:->10}|",
        "", "", "", "", ""
    );
    for (group, mut rows) in all {
        let items = if group.starts_with("encode") {
            plan::PLAN_LEN as f64
        } else {
            inputs::DUMP_LEN as f64
        };
        // Our baseline first: the typed walk for decode, the Vec encoder for encode.
        rows.sort_by_key(|(id, _)| {
            (
                !id.starts_with(CODEC),
                !(id.ends_with("typed walk") || id.ends_with("Vec")),
                id.clone(),
            )
        });
        let base = rows[0].1;
        for (id, ns) in &rows {
            println!(
                "| {:<20} | {:<44} | {:>12} | {:>10} | {:>7.2}x |",
                group,
                id,
                fmt_ns(*ns),
                fmt_ns(ns / items),
                ns / base
            );
        }
    }
}

fn fmt_ns(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.1} ns")
    }
}

/// Rounds of a paired comparison, and the work timed per side and round.
const ROUNDS: usize = 51;
const BATCH: Duration = Duration::from_millis(2);

/// `base` and `peer` alternated in [`ROUNDS`] rounds (which goes first alternates too),
/// each side timing a batch of about [`BATCH`]; the per-round ratios peer / base, sorted.
fn paired(base: &mut dyn FnMut(), peer: &mut dyn FnMut()) -> Vec<f64> {
    let iterations = |f: &mut dyn FnMut()| {
        let t = Instant::now();
        let mut n = 0u32;
        while t.elapsed() < BATCH {
            f();
            n += 1;
        }
        n
    };
    let time = |f: &mut dyn FnMut(), n: u32| {
        let t = Instant::now();
        for _ in 0..n {
            f();
        }
        t.elapsed().as_nanos() as f64 / f64::from(n)
    };
    let (nb, np) = (iterations(base), iterations(peer));
    let mut ratios: Vec<f64> = (0..ROUNDS)
        .map(|r| {
            if r % 2 == 0 {
                let b = time(base, nb);
                time(peer, np) / b
            } else {
                let p = time(peer, np);
                p / time(base, nb)
            }
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    ratios
}

/// The paired comparisons behind the targets: each peer against netlink-codec's typed
/// walk (decode) or `Vec` encoder (encode), and netlink-packet-route against the typed
/// representations (`Repr parse`, `Repr emit`). `filter`: criterion's name filter, if any.
fn paired_summary(filter: Option<&str>) {
    let wanted = |group: &str| filter.map_or(true, |f| group.contains(f));
    let mut rows: Vec<(String, &str, String, Vec<f64>)> = Vec::new();
    for d in inputs::dumps() {
        let group = format!("decode/{}", d.name);
        if !wanted(&group) {
            continue;
        }
        let b = &d.bytes[..];
        let neli = peers::neli_walk(d.msg_type);
        let mut ours = || {
            black_box(walk::walk_dump(black_box(b)).ok());
        };
        let mut npr = || {
            black_box(peers::npr_walk(black_box(b)));
        };
        let mut nl = || {
            black_box(neli(black_box(b)));
        };
        let mut reprs = || {
            black_box(repr::repr_parse_dump(black_box(b)).ok());
        };
        rows.push((
            group.clone(),
            "typed walk",
            NPR.into(),
            paired(&mut ours, &mut npr),
        ));
        rows.push((
            group.clone(),
            "typed walk",
            "neli".into(),
            paired(&mut ours, &mut nl),
        ));
        rows.push((
            group,
            "Repr parse",
            NPR.into(),
            paired(&mut reprs, &mut npr),
        ));
    }
    if wanted("encode/setup_plan") {
        let pod = &plan::POD;
        let msgs = plan::npr_plan(pod);
        let mut buf: Vec<u8> = Vec::with_capacity(4096);
        let mut out = vec![0u8; 4096];
        let mut ours = || {
            buf.clear();
            plan::encode_plan(&mut buf, black_box(pod)).unwrap();
            black_box(buf.len());
        };
        let mut npr = || {
            black_box(plan::npr_emit(black_box(&msgs), &mut out));
        };
        rows.push((
            "encode/setup_plan".into(),
            "Vec",
            NPR.into(),
            paired(&mut ours, &mut npr),
        ));
        let mut rbuf: Vec<u8> = Vec::with_capacity(4096);
        let peer = plan::repr_peer(pod);
        let reqs = plan::repr_requests(pod, &peer);
        let mut reprs = || {
            rbuf.clear();
            plan::repr_emit(&mut rbuf, black_box(&reqs)).unwrap();
            black_box(rbuf.len());
        };
        rows.push((
            "encode/setup_plan".into(),
            "Repr emit",
            NPR.into(),
            paired(&mut reprs, &mut npr),
        ));
    }
    if rows.is_empty() {
        return;
    }
    println!(
        "\nPaired ratios (peer / {CODEC}'s implementation named in the second column; the two \
         alternated in {ROUNDS} rounds of about {} ms a side):\n",
        BATCH.as_millis()
    );
    println!(
        "| {:<20} | {:<12} | {:<22} | {:>8} | {:>8} | {:>8} | {:>8} |",
        "group", CODEC, "peer", "median", "p25", "p75", "min"
    );
    println!(
        "|{:-<22}|{:-<14}|{:-<24}|{:->10}|{:->10}|{:->10}|{:->10}|",
        "", "", "", "", "", "", ""
    );
    for (group, ours, peer, r) in rows {
        let q = |p: usize| r[(r.len() - 1) * p / 100];
        println!(
            "| {:<20} | {:<12} | {:<22} | {:>7.2}x | {:>7.2}x | {:>7.2}x | {:>7.2}x |",
            group,
            ours,
            peer,
            q(50),
            q(25),
            q(75),
            r[0]
        );
    }
}

fn main() {
    let since = SystemTime::now();
    // criterion's name filter: its first argument that is not an option.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let mut c = Criterion::default()
        .output_directory(&criterion_dir())
        .configure_from_args();
    decode(&mut c);
    encode(&mut c);
    c.final_summary();
    summary(since);
    paired_summary(filter.as_deref());
}
