//! Each tool module opens only its own kind of link (`decode_calculator`, `decode_design`,
//! `decode_plan`) and the page's loader routes by `kind`: for every link shape ever written,
//! the three and `kind` must agree with the full `decode`.

use cidrplan::share::{self, decode, encode, encode_v1, Kind, Opened, ShareState};
use cidrplan::{design::Design, parse, plan, Mode};

/// Links written by earlier builds (v1 and v2, each kind), copied from the frozen tests.
const FROZEN: &[&str] = &[
    "v1.AT8AwP8BARAKFN5MnJkgA3dlYiDinJMAAABkYiwgcHJpbWFyeQAAAAAAAAAAAAAAAAAAAHNwYXJlABAAoAAAAAAAAAA",
    "v1.Y-TQUGDk3SH0Y6alEQMjAxrISUxiAAA",
    "v1.Y2DiNjTQA0FTfSMTAA",
    "v2.XYqxDQAQEAD_QyFmUOtsInYg1MQTranVopCIa-6KQxByaWcng5EC_PAbiOqok0meGpSa4_tt",
    "v2.AVMArP8CCHByb2QtdnBjCXVzLWVhc3QtMQEBEAoAAwAAAAMGcHVibGljBBgHcHJpdmF0ZQUUBGRhdGEGGAAAAAACEMCoDKwQAAIBCQdvbi1wcmVtAAIBAQ",
    "v2.dcy7DYAgEADQO_AfCzQWLkHhLE6ASmHi54JI7TgWDuFo2ppg_ZLHEjLrIB316b5JrTYrG0SRAQcAHtHeTWMf1DGZ0SmrwyoYlFVR_SowcZ_5JYBjGq-LJKNnYIhH6z2LDP7S0pOyb_oA",
    "10.0.0.0/16",
    "%761.2",
];

/// One of the single-kind decoders.
type Decoder = fn(&str) -> Result<Opened, share::ShareError>;

fn kind_of(state: &ShareState) -> Kind {
    match state {
        ShareState::Calculator { .. } => Kind::Calculator,
        ShareState::Design(_) => Kind::Design,
        ShareState::Plan(_) | ShareState::PlanDraft { .. } => Kind::Plan,
    }
}

/// The three single-kind decoders on `link`: exactly the one of its kind opens it, to what
/// `decode` gives; the others name that kind.
fn check(link: &str) {
    let full = decode(link).unwrap_or_else(|e| panic!("{link}: {e}"));
    let want = kind_of(&full);
    assert_eq!(share::kind(link).unwrap(), want, "{link}");
    assert_eq!(share::kind(&format!("#{link}")).unwrap(), want, "{link} with #");
    let decoders: [(Kind, Decoder); 3] = [
        (Kind::Calculator, share::decode_calculator),
        (Kind::Design, share::decode_design),
        (Kind::Plan, share::decode_plan),
    ];
    for (kind, open) in decoders {
        let got = open(link).unwrap_or_else(|e| panic!("{link} as {kind:?}: {e}"));
        if kind == want {
            assert_eq!(got, Opened::Mine(full.clone()), "{link}");
        } else {
            assert_eq!(got, Opened::Other(want), "{link} as {kind:?}");
        }
    }
}

#[test]
fn every_frozen_link_goes_to_its_own_tool_and_no_other() {
    for link in FROZEN {
        check(link);
    }
}

#[test]
fn links_written_today_and_by_v1_go_to_their_tool() {
    let net = parse("10.0.0.0/16").unwrap().network();
    let states = [
        ShareState::Calculator { input: "192.168.10.77/27".into(), mode: Mode::Standard },
        ShareState::Calculator { input: "10.0.0.0/16".into(), mode: Mode::Aws },
        ShareState::Design(Design::new(net, Mode::Azure)),
        ShareState::Plan(plan::preset("aws-3az").unwrap()),
    ];
    for s in &states {
        check(&encode(s));
        check(&encode_v1(s));
    }
}

#[test]
fn a_bad_link_gets_the_same_reason_from_every_tool() {
    for bad in ["v2.____", "v1.AB", "v9.abc", "v2.", "v01.x"] {
        let reason = decode(bad).unwrap_err();
        assert_eq!(share::kind(bad).unwrap_err(), reason, "{bad}");
        assert_eq!(share::decode_calculator(bad).unwrap_err(), reason, "{bad}");
        assert_eq!(share::decode_design(bad).unwrap_err(), reason, "{bad}");
        assert_eq!(share::decode_plan(bad).unwrap_err(), reason, "{bad}");
    }
}

#[test]
fn a_damaged_design_link_is_routed_to_the_designer_which_says_what_is_wrong() {
    // A character changed near the end: the stream still starts with the design kind byte,
    // but the body no longer reads.
    let link = encode(&ShareState::Design(Design::new(parse("10.0.0.0/16").unwrap().network(), Mode::Standard)));
    let damaged = (3..link.len())
        .rev()
        .map(|i| format!("{}{}{}", &link[..i], if &link[i..=i] == "A" { "B" } else { "A" }, &link[i + 1..]))
        .find(|d| share::kind(d) == Ok(Kind::Design) && decode(d).is_err())
        .expect("some one-character change damages the body but not the kind");
    assert_eq!(share::decode_calculator(&damaged), Ok(Opened::Other(Kind::Design)));
    assert_eq!(share::decode_plan(&damaged), Ok(Opened::Other(Kind::Design)));
    assert_eq!(share::decode_design(&damaged).err(), decode(&damaged).err());
}
