//! The scene string: parse, canonical round trip, and clear errors for bad input.

use descent_core::scene::{Batch, ErrorKind, Lang, Scene, KEYS};
use descent_core::{Method, Session};
use proptest::prelude::*;

#[test]
fn defaults_and_a_full_round_trip() {
    let d = Scene::parse("").unwrap();
    assert_eq!(d.surface, "line");
    assert_eq!(d.opts, vec![Method::Gd]);
    assert_eq!(d.to_query(), "");
    let q = "lesson=update&step=2&lang=ko&surface=ravine&cond=50&angle=45&opt=gd,adam&lr=0.3,0.05&beta1=0.8&batch=8&seed=7&start=-4,2&view=contour,loss&show=arrows";
    let s = Scene::parse(q).unwrap();
    assert_eq!(s.lang.as_deref(), Some("ko"));
    assert_eq!(s.batch, vec![Batch::Size(8)]);
    assert_eq!(s.start, Some(vec![-4.0, 2.0]));
    assert_eq!(s.hyper(1).lr, 0.05);
    assert_eq!(s.hyper(1).beta1, 0.8);
    let back = Scene::parse(&s.to_query()).unwrap();
    assert_eq!(back, s);
    assert_eq!(back.to_query(), s.to_query());
}

#[test]
fn every_key_in_the_table_parses_its_default() {
    for k in KEYS {
        if !k.default.is_empty() {
            let q = format!("{}={}", k.key, k.default);
            assert!(Scene::parse(&q).is_ok(), "{q}");
        }
    }
}

#[test]
fn errors_name_the_key_the_value_and_what_is_accepted() {
    let e = Scene::parse("lr=banana").unwrap_err();
    assert_eq!((e.key.as_str(), e.value.as_str(), e.kind), ("lr", "banana", ErrorKind::BadValue));
    let m = e.message(Lang::En);
    assert!(m.contains("\"lr\"") && m.contains("banana") && m.contains("above 0"), "{m}");
    assert!(e.message(Lang::Ko).contains("받는 값"));

    assert_eq!(Scene::parse("colour=red").unwrap_err().kind, ErrorKind::UnknownKey);
    assert_eq!(Scene::parse("lr=0.1&lr=0.2").unwrap_err().kind, ErrorKind::Repeated);
    assert_eq!(Scene::parse("opt=gd,adam&lr=0.1,0.2,0.3").unwrap_err().kind, ErrorKind::Mismatch);
    for bad in [
        "lr=0",
        "lr=-1",
        "lr=NaN",
        "lr=inf",
        "lr=Infinity",
        "lr=1e308",
        "lr=",
        "beta1=1",
        "beta2=1.5",
        "eps=-1",
        "step=0",
        "step=1.5",
        "seed=-3",
        "seed=99999999999",
        "batch=0",
        "opt=gd,gd",
        "opt=gd,gd&batch=8,8",
        "opt=",
        "lang=French",
        "lang=f",
        "lang=pt_BR",
        "surface=moon",
        "start=1,2,3",
        "start=1e9",
        "view=curve,nope",
        "embed=2",
        "m=1",
    ] {
        let e = Scene::parse(bad).unwrap_err();
        let key = bad.split('=').next().unwrap();
        assert_eq!(e.key, key, "{bad}");
    }
}

#[test]
fn an_optimizer_repeats_only_with_another_batch() {
    let s = Scene::parse("surface=cats&opt=gd,gd,sgd&batch=all,8,1").unwrap();
    assert_eq!(s.batch_of(1), Batch::Size(8));
    let sess = Session::new(s).unwrap();
    let labels: Vec<String> = sess.runs.iter().map(|r| r.label()).collect();
    assert_eq!(labels, ["GD", "GD (8)", "SGD"]);
    assert!(sess.runs[1].mini_batch() && !sess.runs[0].mini_batch());
    assert_eq!(Scene::parse("opt=gd,adam&batch=all,8,1").unwrap_err().kind, ErrorKind::Mismatch);
}

#[test]
fn start_must_fit_the_surface() {
    let e = Session::from_query("surface=ravine&start=1").err().unwrap();
    assert_eq!((e.key.as_str(), e.kind), ("start", ErrorKind::Mismatch));
}

#[test]
fn percent_encoding_round_trips() {
    let s = Scene::parse("surface=formula&f=w%5E2%20%2B%20b%5E2").unwrap();
    assert_eq!(s.formula, "w^2 + b^2");
    assert_eq!(Scene::parse(&s.to_query()).unwrap().formula, "w^2 + b^2");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    /// No input string ever panics the parser; whatever parses, round-trips.
    #[test]
    fn any_string_parses_or_errs(q in "\\PC{0,120}") {
        if let Ok(s) = Scene::parse(&q) {
            prop_assert_eq!(Scene::parse(&s.to_query()).unwrap(), s);
        }
    }
    #[test]
    fn any_key_value_pair_is_handled(k in prop::sample::select(KEYS.iter().map(|k| k.key).collect::<Vec<_>>()), v in "[-+0-9a-zA-Z.,%eE ]{0,40}") {
        let q = format!("{k}={v}");
        if let Ok(s) = Scene::parse(&q) {
            prop_assert_eq!(Scene::parse(&s.to_query()).unwrap(), s);
            // A scene that parses builds a session or says why not; never panics.
            let _ = Session::new(Scene::parse(&q).unwrap());
        }
    }
}

#[test]
fn numbers_in_messages_are_short() {
    use descent_core::scene::show_num;
    assert_eq!(show_num(1.8000000000000007), "1.8");
    // The page's one number format (crates/core/src/format.rs): a typographic minus, m×10ⁿ.
    assert_eq!(show_num(-2.1), "−2.1");
    assert_eq!(show_num(0.0), "0");
    assert_eq!(show_num(-0.00001), "−1×10⁻⁵");
    assert_eq!(show_num(1.23456789), "1.2346");
    assert_eq!(show_num(2.5e7), "2.5×10⁷");
    // The start point a formula is undefined at, as the page's message shows it (the lean
    // module, without the parser, says it needs the playground's instead).
    let err = Session::from_query("surface=formula&f=sqrt(w)%2Bln(b)").err().unwrap();
    let want = if cfg!(feature = "formula") { "w = −2.1, b = 1.8;" } else { "playground module" };
    assert!(err.detail(Lang::En).contains(want), "{}", err.detail(Lang::En));
}

#[test]
fn lang_takes_a_language_tag_and_the_page_checks_it_against_its_languages() {
    use descent_core::scene::is_lang_tag;
    for ok in ["en", "ko", "de", "haw", "pt-br", "zh-hant", "es-419"] {
        assert!(is_lang_tag(ok), "{ok}");
        let s = Scene::parse(&format!("lang={ok}")).unwrap();
        assert_eq!(s.lang.as_deref(), Some(ok));
        assert_eq!(s.to_query(), format!("lang={ok}"));
    }
    for bad in ["", "e", "english", "EN", "en-", "-en", "en-us-x", "pt_br", "en-a", "en-abcdefghi", "ko ", "é", "1a"] {
        assert!(!is_lang_tag(bad), "{bad:?}");
    }
    let e = Scene::parse("lang=Deutsch").unwrap_err();
    assert_eq!((e.key.as_str(), e.kind), ("lang", ErrorKind::BadValue));
    assert!(e.message(Lang::En).contains("a language tag such as en, ko"), "{}", e.message(Lang::En));
    assert!(e.message(Lang::Ko).contains("언어 태그"));
    // A tag's messages: Korean for Korean pages, English for every other language.
    assert_eq!(
        [Lang::for_tag("ko"), Lang::for_tag("ko-kr"), Lang::for_tag("de"), Lang::for_tag("kok")],
        [Lang::Ko, Lang::Ko, Lang::En, Lang::En]
    );
}
