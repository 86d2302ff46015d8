//! Bulk removal: delete many host veths in one kernel deletion.
//!
//! Deleting a veth waits for an RCU grace period (tens of milliseconds), one per
//! `RTM_DELLINK`. A link group is deleted by one `RTM_DELLINK` (`IFLA_GROUP`, no index):
//! the kernel unregisters every link of the group together and waits once. So `gc`
//! reads every link (one dump), picks the doomed ones, proves each is ours as teardown
//! does (a veth tagged by vethctl, its peer in another namespace), moves them into a link
//! group no link of this namespace is in (read from the same dump), and deletes that
//! group, in one `sendmsg`: the moves are processed in order, then the deletion. The host
//! routes of a deleted link go with it (the kernel flushes a device's routes when it
//! unregisters it).

use serde::Serialize;

use netlink_codec::header::RTM_NEWLINK;
use netlink_codec::repr::LinkRepr;

use crate::error::{Error, Result};
use crate::msgs::{del_group, dump_links, set_group};
use crate::request::{Answer, Policy, Status};
use crate::socket::NlSocket;
use crate::state::Link;
use crate::wiring::{req, ALIAS_PREFIX};

/// What [`remove_tagged`] did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct GcReport {
    /// `gc`.
    pub operation: &'static str,
    /// Host veths removed (their peers and host routes went with them).
    pub removed: Vec<String>,
    /// Host veths tagged by vethctl that were kept.
    pub kept: Vec<String>,
    /// Links that were doomed but vanished before the deletion (already gone).
    pub already_gone: Vec<String>,
    /// The link group the doomed links were moved into (0: nothing to delete).
    pub group: u32,
    /// Netlink round trips (`sendmsg` calls).
    pub round_trips: u32,
}

/// A link of the dump with its link group.
#[derive(Debug, Clone)]
pub struct TaggedLink {
    /// The link.
    pub link: Link,
    /// `IFLA_GROUP`.
    pub group: u32,
}

/// The owner tag of `link` if vethctl can prove it is its host veth: a veth, tagged with
/// vethctl's prefix, whose peer lives in another namespace.
pub fn owner_tag(link: &Link) -> Option<&str> {
    let alias = link.alias.as_ref()?.as_str()?;
    let ok = link.kind.as_deref() == Some("veth")
        && alias.starts_with(ALIAS_PREFIX)
        && link.link_netnsid.is_some()
        && link.link.is_some();
    ok.then_some(alias)
}

/// Every link of the host's namespace, with its group.
pub fn read_links(sock: &mut NlSocket) -> Result<Vec<TaggedLink>> {
    let answers = sock.batch(&[req("dump the links", dump_links(), Policy::STRICT)?])?;
    links_of(&answers[0])
}

fn links_of(answer: &Answer) -> Result<Vec<TaggedLink>> {
    let what = "read the link dump";
    let decode = |source| Error::Decode {
        op: what.into(),
        source,
    };
    let mut out = Vec::new();
    for m in answer.messages() {
        let m = m.map_err(decode)?;
        if m.msg_type() != RTM_NEWLINK {
            continue;
        }
        let repr = LinkRepr::parse_lenient(&m).map_err(decode)?;
        let link = Link::of(&repr).map_err(decode)?;
        let group = repr.attrs.group.unwrap_or(0);
        out.push(TaggedLink { link, group });
    }
    Ok(out)
}

/// A link group no link in `links` is in, away from the small numbers people use by
/// hand, and different from run to run (two concurrent runs rarely pick the same one).
fn free_group(links: &[TaggedLink]) -> u32 {
    let seed = std::process::id()
        ^ std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
    let mut g = 0x4000_0000 | (seed & 0x3fff_ffff);
    while links.iter().any(|l| l.group == g) {
        g = 0x4000_0000 | (g.wrapping_add(1) & 0x3fff_ffff);
    }
    g
}

/// Remove every host veth vethctl can prove is its own (see [`owner_tag`]) for which
/// `doomed(tag)` is true, in one kernel deletion. Links whose tag is not doomed are
/// reported as kept; links vethctl cannot prove are its own are not looked at.
pub fn remove_tagged(doomed: impl Fn(&str) -> bool) -> Result<GcReport> {
    let mut sock = NlSocket::open()?;
    let links = read_links(&mut sock)?;
    let mut report = GcReport {
        operation: "gc",
        ..Default::default()
    };
    let mut reqs = Vec::new();
    let mut names = Vec::new();
    let group = free_group(&links);
    for l in &links {
        let Some(tag) = owner_tag(&l.link) else {
            continue;
        };
        if doomed(tag) {
            reqs.push(req(
                format!("move {} into link group {group}", l.link.name),
                set_group(l.link.index, group),
                Policy::GONE_OK,
            )?);
            names.push(l.link.name.to_string());
        } else {
            report.kept.push(l.link.name.to_string());
        }
    }
    if !reqs.is_empty() {
        reqs.push(req(
            format!("delete link group {group} ({} veths)", names.len()),
            del_group(group),
            Policy::GONE_OK,
        )?);
        let answers = sock.batch(&reqs)?;
        for (name, a) in names.into_iter().zip(&answers) {
            match a.status {
                Status::Ok => report.removed.push(name),
                _ => report.already_gone.push(name),
            }
        }
        report.group = group;
    }
    report.round_trips = sock.round_trips();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use netlink_codec::header::{Messages, RTM_DELLINK};

    #[test]
    fn group_deletion_has_no_index() {
        let m = del_group(77).unwrap();
        let msg = Messages::new(&m).next().unwrap().unwrap();
        assert_eq!(msg.msg_type(), RTM_DELLINK);
        let link = LinkRepr::parse(&msg).unwrap();
        assert_eq!(link.index, 0);
        assert_eq!(link.attrs.group, Some(77));
    }

    #[test]
    fn only_tagged_veths_with_a_peer_elsewhere_are_ours() {
        let mut l = Link {
            kind: Some("veth".into()),
            alias: Some(crate::wiring::owner_alias("c1").into()),
            link: Some(3),
            link_netnsid: Some(0),
            ..Default::default()
        };
        assert!(owner_tag(&l).is_some());
        l.link_netnsid = None;
        assert!(owner_tag(&l).is_none(), "peer in this namespace");
        l.link_netnsid = Some(0);
        l.kind = Some("bridge".into());
        assert!(owner_tag(&l).is_none(), "not a veth");
        l.kind = Some("veth".into());
        l.alias = Some("someone else".into());
        assert!(owner_tag(&l).is_none(), "not our tag");
        l.alias = None;
        assert!(owner_tag(&l).is_none(), "untagged");
    }

    #[test]
    fn the_group_is_free() {
        let links: Vec<TaggedLink> = (0..3)
            .map(|i| TaggedLink {
                link: Link::default(),
                group: i,
            })
            .collect();
        let g = free_group(&links);
        assert!(g >= 0x4000_0000);
        assert!(links.iter().all(|l| l.group != g));
    }
}

/// Flags of `vethctl gc`.
#[derive(Debug, Clone, clap::Args)]
pub struct GcArgs {
    /// A container whose veths stay (repeatable): the host veth setup made for this
    /// container id, and every CNI attachment of it.
    #[arg(long, value_name = "ID", value_parser = keep_id)]
    pub keep: Vec<String>,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

fn keep_id(s: &str) -> std::result::Result<String, String> {
    crate::config::check_container_id(s).map(|()| s.to_owned())
}

/// Whether the host veth tagged `tag` belongs to a kept container: the CLI's tag of the
/// container, or a CNI attachment of it.
fn kept(tag: &str, keep_tags: &std::collections::HashSet<String>, keep: &[String]) -> bool {
    keep_tags.contains(tag)
        || crate::cni::attach::identity_of_tag(tag)
            .and_then(crate::cni::attach::parse_identity)
            .is_some_and(|p| keep.iter().any(|k| k == p.container_id))
}

/// `vethctl gc`: remove every host veth vethctl tagged whose container is not kept.
pub fn run(a: &GcArgs) -> Result<GcReport> {
    let keep_tags: std::collections::HashSet<String> = a
        .keep
        .iter()
        .map(|k| crate::wiring::owner_alias(k))
        .collect();
    remove_tagged(|tag| !kept(tag, &keep_tags, &a.keep))
}

#[cfg(test)]
mod keep_tests {
    use super::*;
    use crate::cni::attach::identity;
    use crate::wiring::owner_alias;

    #[test]
    fn keep_covers_the_cli_tag_and_the_cni_attachments() {
        let keep = vec!["c1".to_owned()];
        let tags = keep.iter().map(|k| owner_alias(k)).collect();
        assert!(kept(&owner_alias("c1"), &tags, &keep));
        assert!(kept(
            &owner_alias(&identity("net", "c1", "eth1")),
            &tags,
            &keep
        ));
        assert!(!kept(&owner_alias("c2"), &tags, &keep));
        assert!(!kept(
            &owner_alias(&identity("net", "c2", "eth0")),
            &tags,
            &keep
        ));
    }
}
