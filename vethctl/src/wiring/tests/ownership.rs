//! The ownership rule, and the owner tags.

use super::{host_link_of, spec, wired};
use crate::config::Spec;
use crate::state::Text;
use crate::wiring::assess::assess;
use crate::wiring::desired::Desired;
use crate::wiring::ownership::{ours, ours_by_host};
use crate::wiring::tag::{is_owner_tag, owner_alias, ALIAS_ID_MAX, HASHED_ALIAS_PREFIX};
use crate::wiring::{item::Item, view::PodView};

#[test]
fn ownership() {
    let spec = spec();
    let (host, pod) = wired(&spec);
    let l = host.link.unwrap();
    assert!(ours(&Desired::of(&spec), &l, &pod, "/x").is_ok());
    // The pod gives the host's namespace another id than its peer's peer lives in: the
    // peer's own peer is some other namespace's link with the same index.
    let other_ns = PodView {
        host_nsid: Some(3),
        ..pod.clone()
    };
    let e = ours(&Desired::of(&spec), &l, &other_ns, "/x").unwrap_err();
    assert!(e.contains("another network namespace"), "{e}");
    // No id for the host at all, or the id not read.
    for id in [Some(-1), None] {
        let unknown = PodView {
            host_nsid: id,
            ..pod.clone()
        };
        assert!(
            ours(&Desired::of(&spec), &l, &unknown, "/x").is_err(),
            "{id:?}"
        );
    }
    // The pod's link at that index points at another host link, is no veth (a
    // macvlan on the host link reports the same IFLA_LINK), or is missing.
    let mut elsewhere = pod.clone();
    elsewhere.link.as_mut().unwrap().link = Some(11);
    assert!(ours(&Desired::of(&spec), &l, &elsewhere, "/x").is_err());
    let mut macvlan = pod.clone();
    macvlan.link.as_mut().unwrap().kind = Some("macvlan".into());
    assert!(ours(&Desired::of(&spec), &l, &macvlan, "/x").is_err());
    let missing = PodView {
        link: None,
        ..pod.clone()
    };
    assert!(ours(&Desired::of(&spec), &l, &missing, "/x").is_err());
    // Host-side refusals need no pod reads.
    let mut local = l.clone();
    local.link_netnsid = None;
    assert!(ours_by_host(&Desired::of(&spec), &local, "/x")
        .unwrap_err()
        .contains("host namespace"));
    assert!(ours(&Desired::of(&spec), &local, &pod, "/x").is_err());
    let mut bridge = l;
    bridge.kind = Some("bridge".into());
    assert!(ours_by_host(&Desired::of(&spec), &bridge, "/x")
        .unwrap_err()
        .contains("bridge"));
    // Tagged for another container: not ours, even with the peer in the pod.
    let mut theirs = host_link_of(&spec);
    theirs.alias = Some("vethctl:other".into());
    let e = ours(&Desired::of(&spec), &theirs, &pod, "/x").unwrap_err();
    assert!(e.contains("someone else"), "{e}");
    // Untagged (a crash before the tag was set): still ours.
    theirs.alias = None;
    assert!(ours(&Desired::of(&spec), &theirs, &pod, "/x").is_ok());
    assert_eq!(owner_alias("c1"), "vethctl:c1");
    assert!(owner_alias(&"x".repeat(300)).len() < 256);
}

#[test]
fn names_and_aliases_that_are_not_utf8_are_drift_or_foreign() {
    let spec = spec();
    // The pod renamed its eth0 to bytes that are not UTF-8: drift, renamed back.
    let (host, mut pod) = wired(&spec);
    pod.link.as_mut().unwrap().name = Text::NotUtf8(vec![0xff, 0xfe]);
    let a = assess(&Desired::of(&spec), &host, &pod).unwrap();
    let lines: Vec<String> = a.items.iter().filter_map(Item::drift_line).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("\\xff\\xfe (not UTF-8) (want eth0)")),
        "{lines:?}"
    );
    assert!(a
        .pod
        .iter()
        .any(|s| s.step.what() == "rename \\xff\\xfe (not UTF-8) to eth0"));
    // A host link whose alias is not UTF-8 is not tagged for us: leave it alone.
    let mut l = host_link_of(&spec);
    l.alias = Some(Text::NotUtf8(vec![0xff]));
    assert!(ours_by_host(&Desired::of(&spec), &l, "/x")
        .unwrap_err()
        .contains("someone else"));
}

#[test]
fn owner_tags_do_not_collide() {
    // A long id is hashed; the literal id that spells that hash must get another tag.
    let long = "x".repeat(ALIAS_ID_MAX + 1);
    let hashed = owner_alias(&long);
    let hex = hashed.rsplit(':').next().unwrap().to_owned();
    assert_eq!(hex.len(), 64, "{hashed}");
    assert_ne!(hashed, owner_alias(&format!("sha256:{hex}")));
    // At the limit the id is its own tag, one byte over it is not.
    let at = "y".repeat(ALIAS_ID_MAX);
    assert_eq!(owner_alias(&at), format!("vethctl:{at}"));
    assert!(owner_alias(&format!("{at}y")).starts_with(HASHED_ALIAS_PREFIX));
    assert!(is_owner_tag(&hashed) && is_owner_tag(&owner_alias("c1")));
    assert!(!is_owner_tag("eth0 uplink"));
    // A host veth tagged by the literal id is not the long id's.
    let spec = Spec {
        container_id: long,
        ..spec()
    };
    let mut l = host_link_of(&spec);
    l.alias = Some(owner_alias(&format!("sha256:{hex}")).into());
    assert!(ours_by_host(&Desired::of(&spec), &l, "/x")
        .unwrap_err()
        .contains("someone else"));
}
