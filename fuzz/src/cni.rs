//! The CNI target's invariant: see [`check_cni`].

/// The CNI plugin's parser on any input: `data` is `KEY=VALUE` lines (the environment),
/// a NUL byte, then stdin. [`vethctl::cni::parse`] gives a request or a refusal whose
/// error JSON has the spec's four fields; stdin read as a result (an IPAM result or a
/// `prevResult`) parses or is refused, and a result re-encodes in every version.
pub fn check_cni(data: &[u8]) {
    use std::collections::BTreeMap;
    use vethctl::cni::request::SUPPORTED_VERSIONS;
    use vethctl::cni::result::CniResult;
    let (env_part, stdin) = match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let mut env = BTreeMap::new();
    for line in String::from_utf8_lossy(env_part).lines() {
        if let Some((k, v)) = line.split_once('=') {
            env.insert(k.to_owned(), v.to_owned());
        }
    }
    match vethctl::cni::parse(&env, stdin) {
        Ok(inv) => {
            assert!(SUPPORTED_VERSIONS.contains(&inv.version.as_str()));
        }
        Err(r) => {
            let j = r.to_json();
            for k in ["cniVersion", "code", "msg", "details"] {
                assert!(j.get(k).is_some(), "error JSON without {k}: {j}");
            }
            assert!(r.error.code > 0);
        }
    }
    if let Ok(res) = CniResult::from_bytes(stdin, "stdin") {
        let _ = res.addresses("stdin");
        for v in SUPPORTED_VERSIONS {
            let j = res.to_json(v);
            assert_eq!(j["cniVersion"], v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The seeds pass, and the request seeds are accepted (so the target reaches past
    /// the first refusal).
    #[test]
    fn cni_seeds() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/cni");
        let mut accepted = 0;
        for e in std::fs::read_dir(dir).unwrap() {
            let bytes = std::fs::read(e.unwrap().path()).unwrap();
            check_cni(&bytes);
            let i = bytes.iter().position(|b| *b == 0).unwrap();
            let env = String::from_utf8_lossy(&bytes[..i])
                .lines()
                .filter_map(|l| l.split_once('='))
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect();
            accepted += usize::from(vethctl::cni::parse(&env, &bytes[i + 1..]).is_ok());
        }
        assert!(accepted >= 4, "only {accepted} seeds accepted");
    }
}
