//! `decode` / `encode` of attributes whose space the context chooses (the header's family,
//! a sibling's kind or type): the tree names them in that space, and `encode` reads the
//! JSON back in the same space, so an edit lands in the right field.

mod audit_support;

use audit_support::{corpus, json_of, text_of};
use vethctl::audit::encode_lines;

fn corpus_file(name: &str) -> Vec<u8> {
    corpus().into_iter().find(|(n, _)| n == name).unwrap().1
}

/// The tree line holding `needle`, trimmed of its offset column.
fn line(t: &str, needle: &str) -> String {
    t.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no {needle:?} in\n{t}"))
        .trim()
        .to_owned()
}

#[test]
fn tree_names_attributes_in_the_space_their_context_chooses() {
    // bridge vlan add dev v0 vid 10 pvid untagged: AF_BRIDGE's IFLA_AF_SPEC.
    let t = text_of(&corpus_file("0338-req.bin"));
    assert!(
        line(&t, "bridge_vlan_info").ends_with(
            "bridge_vlan_info: flags=BRIDGE_VLAN_INFO_PVID|BRIDGE_VLAN_INFO_UNTAGGED vid=10"
        ),
        "{t}"
    );
    // bridge link show: AF_BRIDGE's IFLA_PROTINFO holds the port's attributes.
    let t = text_of(&corpus_file("0337-rep.bin"));
    assert!(
        line(&t, "IFLA_BRPORT_COST").ends_with("IFLA_BRPORT_COST: 2"),
        "{t}"
    );
    // ip -6 addr show: AF_INET6's IFLA_PROTINFO holds IFLA_INET6_*.
    let t = text_of(&corpus_file("0343-rep.bin"));
    assert!(t.contains("IFLA_INET6_ADDR_GEN_MODE: "), "{t}");
    // ip link add gre1 type gre ... key 5: IFLA_INFO_DATA by IFLA_INFO_KIND.
    let t = text_of(&corpus_file("0300-req.bin"));
    assert!(
        line(&t, "IFLA_GRE_IKEY").ends_with("IFLA_GRE_IKEY: 5 (network order)"),
        "{t}"
    );
    // A route dump with `encap seg6`: RTA_ENCAP by RTA_ENCAP_TYPE, which follows it; its
    // segment routing header by field, the segments (stored last hop first) as addresses.
    let t = text_of(&corpus_file("0351-rep.bin"));
    assert!(
        line(&t, "SEG6_IPTUNNEL_SRH").ends_with("SEG6_IPTUNNEL_SRH: 2 segments"),
        "{t}"
    );
    assert!(line(&t, "seg6_iptunnel_encap").contains("mode=SEG6_IPTUN_MODE_ENCAP "));
    assert!(
        line(&t, "segments[0]").ends_with("segments[0] = 2001:db8::6"),
        "{t}"
    );
}

#[test]
fn encode_reads_an_edit_in_the_space_its_context_chooses() {
    // The VLAN id of `bridge vlan add`, 10, becomes 20: only `encode` knowing that
    // IFLA_AF_SPEC of AF_BRIDGE holds IFLA_BRIDGE_VLAN_INFO can take the named field.
    let bytes = corpus_file("0338-req.bin");
    let json = json_of(&bytes);
    assert!(json.contains("\"vid\":10"), "{json}");
    let edited = json.replace("\"vid\":10", "\"vid\":20");
    let again = encode_lines(&edited).unwrap();
    let mut want = bytes.clone();
    assert_eq!(want[42], 10, "vid is the last field");
    want[42] = 20;
    assert_eq!(again, want);
    // The same names under AF_UNSPEC mean nothing: encode refuses them.
    let unspec = json.replace("\"ifi_family\":7", "\"ifi_family\":0");
    let err = encode_lines(&unspec).unwrap_err();
    assert!(
        format!("{err:#}").contains("IFLA_BRIDGE_VLAN_INFO"),
        "{err:#}"
    );
}
