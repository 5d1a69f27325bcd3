//! The reader against every kind of file the page may be given (the README's "Your own data").

use super::*;
use crate::data::Task;

fn err(text: &str) -> TableError {
    read(text).error().cloned().expect("an error")
}

fn ok(text: &str) -> Reader {
    let r = read(text);
    assert_eq!(r.error(), None, "{text:?}");
    r
}

/// Feeds `text` in slices of `k` bytes (cutting UTF-8 characters and line ends anywhere).
fn sliced(text: &[u8], k: usize) -> Reader {
    let mut r = Reader::new();
    for c in text.chunks(k) {
        if !r.feed(c) {
            break;
        }
    }
    r.finish();
    r
}

#[test]
fn reads_numbers_text_and_types() {
    let r = ok("x,y,name\n1,2.5,a\n-3,1e2,b\n4,.5,a\n");
    assert_eq!(r.rows(), 3);
    let kinds: Vec<&str> = r.columns().iter().map(|c| c.kind().key()).collect();
    assert_eq!(kinds, ["number", "number", "text"]);
    assert_eq!(r.preview()[1], ["-3", "1e2", "b"]);
    assert_eq!(r.separator(), Some(','));
}

#[test]
fn quoted_fields_hold_separators_quotes_and_line_breaks() {
    let text = "a,b,c\n\"1,5\",\"say \"\"hi\"\"\",\"two\nlines\"\n2,x,\"\"\n";
    let r = ok(text);
    assert_eq!(r.rows(), 2);
    assert_eq!(r.preview()[0], ["1,5", "say \"hi\"", "two\nlines"]);
    assert_eq!(r.preview()[1], ["2", "x", ""]);
    // A quoted line break stays in its row: the next row is row 3.
    let e = err("a,b\n\"1\n2\",3\n4\n");
    assert_eq!(e, TableError::Ragged { row: 3, found: 1, expected: 2 });
}

#[test]
fn every_slice_size_reads_the_same() {
    let text = "\u{feff}größe;\"a;b\"\r\n1,5;\"x\r\ny\"\r\n2,25;z\r\n";
    let whole = read(text);
    assert_eq!(whole.error(), None);
    for k in 1..12 {
        let r = sliced(text.as_bytes(), k);
        assert_eq!(r.error(), None, "slices of {k}");
        assert_eq!(r.preview(), whole.preview(), "slices of {k}");
        assert_eq!(r.columns()[0].name, "größe");
        assert_eq!(r.columns()[0].values, [1.5, 2.25], "slices of {k}");
    }
}

#[test]
fn bom_semicolons_and_decimal_commas() {
    let r = ok("\u{feff}h;w\n1,5;2\n3;4,25\n");
    assert_eq!(r.separator(), Some(';'));
    assert_eq!(r.columns()[0].name, "h", "the byte-order mark is not part of the first name");
    assert_eq!(r.columns()[0].values, [1.5, 3.0]);
    assert_eq!(r.columns()[1].values, [2.0, 4.25]);
    // Tabs too.
    let t = ok("a\tb\n1,5\t2\n");
    assert_eq!(t.separator(), Some('\t'));
    assert_eq!(t.columns()[0].values, [1.5]);
    // With commas separating, a quoted decimal comma is text (refused as a feature, named).
    let c = ok("a,b\n\"1,5\",1\n2,3\n");
    assert_eq!(c.columns()[0].kind(), Kind::NumberWithText { row: 2, value: "1,5".into() });
    assert_eq!(
        c.prepare(1, &[0]).unwrap_err(),
        TableError::NotNumber { row: 2, column: "a".into(), value: "1,5".into() }
    );
    // Thousands separators and both marks: text.
    assert_eq!(parse_number("1.234,5", true), None);
    assert_eq!(parse_number("1,2,3", true), None);
    assert_eq!(parse_number("inf", false), None);
    assert_eq!(parse_number("NaN", false), None);
    assert_eq!(parse_number("1e999", false), None);
    assert_eq!(parse_number("-2.5e-3", false), Some(-2.5e-3));
    assert_eq!(parse_number("1,5", false), None);
    assert_eq!(parse_number("-", false), None);
    assert_eq!(parse_number(".", false), None);
    assert_eq!(parse_number("1.2.3", false), None);
    assert_eq!(parse_number("+.5", false), Some(0.5));
    assert_eq!(parse_number("5.", false), Some(5.0));
    assert_eq!(parse_number("-0", false), Some(-0.0));
}

#[test]
fn the_fast_path_reads_as_the_standard_library_does() {
    // Every decimal of up to 15 digits in these shapes: bit for bit what str::parse gives.
    let mut seed = 7u64;
    for _ in 0..200_000 {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let digits = 1 + (seed >> 60) as usize % 15;
        let m = (seed >> 8) % 10u64.pow(digits as u32);
        let k = (seed >> 40) as usize % (digits + 1);
        let text = format!("{m:0digits$}");
        let cell = format!("{}{}.{}", if seed & 1 == 1 { "-" } else { "" }, &text[..digits - k], &text[digits - k..]);
        let want: f64 = cell.parse().unwrap();
        assert_eq!(parse_number(&cell, false).map(f64::to_bits), Some(want.to_bits()), "{cell}");
        assert_eq!(parse_number(&cell.replace('.', ","), true).map(f64::to_bits), Some(want.to_bits()), "{cell}");
    }
}

#[test]
fn ragged_rows_name_the_row() {
    assert_eq!(err("a,b\n1,2\n3\n"), TableError::Ragged { row: 3, found: 1, expected: 2 });
    assert_eq!(err("a,b\n1,2,3\n"), TableError::Ragged { row: 2, found: 3, expected: 2 });
    // Blank lines are skipped, and counted as nothing.
    let r = ok("a,b\n\n1,2\n\n3,4\n\n");
    assert_eq!(r.rows(), 2);
}

#[test]
fn text_in_a_number_column_names_row_and_column() {
    let r = ok("age,y\n3,1\n4,2\nn/a,3\n5,4\n");
    assert_eq!(r.columns()[0].kind(), Kind::NumberWithText { row: 4, value: "n/a".into() });
    let e = r.prepare(1, &[0]).unwrap_err();
    assert_eq!(e, TableError::NotNumber { row: 4, column: "age".into(), value: "n/a".into() });
    assert!(e.message(Lang::En).contains("Row 4, column \"age\""), "{}", e.message(Lang::En));
    assert!(e.message(Lang::Ko).contains("4행, 열 \"age\""), "{}", e.message(Lang::Ko));
    // A text column as a feature: its first row.
    let t = ok("name,y\nab,1\ncd,2\nef,3\n");
    assert_eq!(
        t.prepare(1, &[0]).unwrap_err(),
        TableError::NotNumber { row: 2, column: "name".into(), value: "ab".into() }
    );
}

#[test]
fn no_data_rows() {
    assert_eq!(err(""), TableError::Empty);
    assert_eq!(err("\n\n"), TableError::Empty);
    assert_eq!(err("a,b,c\n"), TableError::NoRows);
    assert_eq!(err("a,b,c"), TableError::NoRows);
    assert_eq!(err("\u{feff}"), TableError::Empty);
}

#[test]
fn label_with_one_class() {
    let r = ok("x,y\n1,yes\n2,yes\n3,yes\n");
    assert_eq!(r.prepare(1, &[0]).unwrap_err(), TableError::SingleClass { column: "y".into(), value: "yes".into() });
    let n = ok("x,y\n1,0\n2,0\n");
    assert_eq!(n.prepare(1, &[0]).unwrap_err(), TableError::SingleClass { column: "y".into(), value: "0".into() });
}

#[test]
fn constant_feature() {
    let r = ok("x,c,y\n1,7,1\n2,7,2\n3,7,4\n");
    assert_eq!(
        r.prepare(2, &[0, 1]).unwrap_err(),
        TableError::ConstantFeature { column: "c".into(), value: "7".into() }
    );
}

#[test]
fn empty_cells_and_choices() {
    let r = ok("x,z,y\n1,,1\n2,5,2\n3,6,\n");
    assert_eq!(r.prepare(2, &[0]).unwrap_err(), TableError::EmptyCell { row: 4, column: "y".into() });
    let r = ok("x,z,y\n1,,1\n2,5,2\n3,6,3\n");
    assert_eq!(r.prepare(2, &[1]).unwrap_err(), TableError::EmptyCell { row: 2, column: "z".into() });
    assert_eq!(r.prepare(2, &[]).unwrap_err(), TableError::NoFeatures);
    assert_eq!(r.prepare(2, &[2]).unwrap_err(), TableError::LabelIsFeature { column: "y".into() });
    assert_eq!(r.prepare(7, &[0]).unwrap_err(), TableError::NoSuchColumn { index: 7 });
    let many = ok("a,b,c,d,y\nu,1,1,1,1\nv,2,2,2,2\nw,3,3,3,3\n");
    assert_eq!(many.prepare(0, &[1]).unwrap_err(), TableError::ManyClasses { column: "a".into() });
}

#[test]
fn quotes_that_do_not_close() {
    assert_eq!(err("a,b\n\"1\"x,2\n"), TableError::StrayQuote { row: 2, column: "a".into() });
    assert_eq!(err("a,b\n1,\"2\n3,4\n"), TableError::OpenQuote { row: 2, column: "b".into() });
}

#[test]
fn binary_files_are_refused() {
    // A PNG's first bytes, renamed .csv.
    let png = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', 0, 0, 0, 13];
    assert_eq!(sliced(&png, 5).error(), Some(&TableError::Binary { row: 1 }));
    // A zip: valid UTF-8 up to control bytes.
    assert_eq!(read("PK\u{3}\u{4}\u{14}").error(), Some(&TableError::Binary { row: 1 }));
    // A bad byte in row 3.
    let mut bytes = b"a,b\n1,2\n3,".to_vec();
    bytes.push(0xC0);
    bytes.extend_from_slice(b"\n");
    assert_eq!(sliced(&bytes, 3).error(), Some(&TableError::Binary { row: 3 }));
    // A NUL.
    assert_eq!(read("a,b\n1,2\0\n").error(), Some(&TableError::Binary { row: 2 }));
    // UTF-16 with its byte-order mark.
    assert_eq!(sliced(&[0xFF, 0xFE, b'a', 0, b',', 0], 1).error(), Some(&TableError::Utf16));
    // A file cut inside a UTF-8 character.
    assert_eq!(sliced(&[b'a', b'\n', 0xC3], 2).error(), Some(&TableError::Binary { row: 2 }));
}

#[test]
fn long_files_stop_at_max_rows_with_a_note() {
    let mut text = String::from("x,y\n");
    for i in 0..2 * MAX_ROWS {
        text.push_str(&format!("{i},{}\n", i % 7));
    }
    let mut r = Reader::new();
    let mut fed = 0;
    for c in text.as_bytes().chunks(1 << 16) {
        fed += 1;
        if !r.feed(c) {
            break;
        }
    }
    assert!(fed < text.len().div_ceil(1 << 16), "the reader stops asking for more");
    assert_eq!(r.finish(), None);
    assert!(r.truncated());
    assert_eq!(r.rows(), MAX_ROWS);
    assert!(r.note(Lang::En).unwrap().contains("100000"));
    assert!(r.note(Lang::Ko).is_some());
}

#[test]
fn too_many_columns() {
    let head: Vec<String> = (0..MAX_COLUMNS + 1).map(|i| format!("c{i}")).collect();
    assert_eq!(err(&format!("{}\n", head.join(","))), TableError::TooManyColumns { found: MAX_COLUMNS + 1 });
}

#[test]
fn prepare_standardizes_and_picks_the_task() {
    let r = ok("a,b,price,kind\n1,10,3.5,cat\n2,20,1.5,dog\n3,60,2.0,cat\n");
    let p = r.prepare(2, &[0, 1]).unwrap();
    assert_eq!(p.data.task, Task::Regression);
    assert_eq!(p.means, [2.0, 30.0]);
    let sd_a = (2.0f64 / 3.0).sqrt();
    assert!((p.spreads[0] - sd_a).abs() < 1e-15);
    assert!((p.data.row(0)[0] + 1.0 / sd_a).abs() < 1e-12);
    // Every standardized column has mean 0 and spread 1.
    for k in 0..2 {
        let col: Vec<f64> = (0..3).map(|i| p.data.row(i)[k]).collect();
        let mean = col.iter().sum::<f64>() / 3.0;
        let var = col.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / 3.0;
        assert!(mean.abs() < 1e-12 && (var - 1.0).abs() < 1e-12);
    }
    assert_eq!(p.data.y, [3.5, 1.5, 2.0]);
    let c = r.prepare(3, &[0, 2]).unwrap();
    assert_eq!(c.data.task, Task::Classification);
    assert_eq!(c.classes, Some(["cat".to_string(), "dog".to_string()]));
    assert_eq!(c.data.y, [0.0, 1.0, 0.0]);
    assert_eq!(c.features, ["a", "price"]);
    // Two numbers: a classification too, the larger read as 1.
    let n = ok("x,y\n1,1\n2,-1\n3,1\n");
    let p = n.prepare(1, &[0]).unwrap();
    assert_eq!(p.classes, Some(["−1".to_string(), "1".to_string()]));
    assert_eq!(p.data.y, [1.0, 0.0, 1.0]);
}

#[test]
fn every_message_names_its_place_in_both_languages() {
    let cases = [
        TableError::Empty,
        TableError::NoRows,
        TableError::Binary { row: 9 },
        TableError::Utf16,
        TableError::Ragged { row: 9, found: 3, expected: 2 },
        TableError::StrayQuote { row: 9, column: "col".into() },
        TableError::OpenQuote { row: 9, column: "col".into() },
        TableError::TooManyColumns { found: 70 },
        TableError::NotNumber { row: 9, column: "col".into(), value: "x".into() },
        TableError::EmptyCell { row: 9, column: "col".into() },
        TableError::SingleClass { column: "col".into(), value: "x".into() },
        TableError::ManyClasses { column: "col".into() },
        TableError::ConstantFeature { column: "col".into(), value: "7".into() },
        TableError::NoFeatures,
        TableError::TooManyFeatures { found: 40 },
        TableError::LabelIsFeature { column: "col".into() },
        TableError::NoSuchColumn { index: 8 },
    ];
    for e in &cases {
        let (en, ko) = (e.message(Lang::En), e.message(Lang::Ko));
        assert!(!en.is_empty() && !ko.is_empty() && en != ko, "{e:?}");
        assert!(ko.chars().any(|c| ('가'..='힣').contains(&c)), "{e:?}: {ko}");
        let row = format!("{e:?}").contains("row: 9");
        if row {
            assert!(en.contains("Row 9") && ko.contains("9행"), "{e:?}: {en} / {ko}");
        }
        if format!("{e:?}").contains("column: \"col\"") {
            assert!(en.contains("\"col\"") && ko.contains("\"col\""), "{e:?}");
        }
    }
}

#[test]
fn garbage_never_panics() {
    // Every byte pattern from a small alphabet, in every slice size: no panic, and either an
    // error or columns of equal length.
    let alphabet: [&[u8]; 8] = [b",", b"\"", b"\n", b"\r", b"1", b"a", b";", &[0xE2, 0x82]];
    let mut seed = 12345u64;
    for _ in 0..3000 {
        let mut bytes = Vec::new();
        for _ in 0..(seed % 40) {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            bytes.extend_from_slice(alphabet[(seed >> 33) as usize % alphabet.len()]);
        }
        let r = sliced(&bytes, 1 + (seed >> 40) as usize % 7);
        if r.error().is_none() {
            assert!(r.columns().iter().all(|c| c.values.len() == r.rows()), "{bytes:?}");
            for l in 0..r.columns().len() {
                let feats: Vec<usize> = (0..r.columns().len()).filter(|&j| j != l).collect();
                let _ = r.prepare(l, &feats);
            }
        }
    }
}
