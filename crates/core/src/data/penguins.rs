//! Palmer penguins: 342 penguins of three species, four measurements each
//! (`crates/core/data/penguins.csv`; source, version and licence in `crates/core/data/README.md`).
//!
//! **The task: Chinstrap (label 1) against the other two species (label 0).** Of the species
//! pairings, this is the one a real model has to work for:
//! - Gentoo against the rest, and Adélie against Chinstrap, are linearly separable on the four
//!   measurements: logistic regression's cost then has no minimum (it keeps falling as the
//!   weights grow without bound), and every optimizer "wins" by running off to infinity.
//! - Chinstrap against the rest overlaps a little on all four (the best line misclassifies 4 of
//!   342), so the cost has one finite minimum, found and documented.
//! - On bill length and bill depth alone, chinstraps sit in a corner: long bills like a Gentoo's
//!   and deep bills like an Adélie's. No single line cuts a corner out (logistic regression on
//!   those two gets 88 % right), but a small network with a bent boundary can: the MLP's task.
//!
//! Features are standardized, z = (x − mean) / spread, with the mean and the spread (population
//! standard deviation, dividing by m = 342) of each column computed from the file itself, in
//! row order. Decimal parsing, sums, one division and `sqrt` are correctly rounded IEEE
//! operations, so the standardized data are the same bits on every platform.

use super::{Dataset, Task};
use std::sync::OnceLock;

/// The shipped CSV, byte for byte.
pub const CSV: &str = include_str!("../../data/penguins.csv");

/// The four numeric columns, in the file's order: the measurements the models read.
pub const FEATURES: [&str; 4] = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"];

/// The two features the MLP reads: bill length and bill depth (indices into [`FEATURES`]).
pub const MLP_FEATURES: [usize; 2] = [0, 1];

/// A penguin's species.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Species {
    Adelie,
    Chinstrap,
    Gentoo,
}

impl Species {
    /// The label of the binary task: 1 for a chinstrap, 0 otherwise.
    pub fn label(self) -> f64 {
        if self == Species::Chinstrap {
            1.0
        } else {
            0.0
        }
    }
}

/// The parsed table with each column's mean and spread.
#[derive(Clone, Debug, PartialEq)]
pub struct Penguins {
    pub species: Vec<Species>,
    /// The measurements as written in the file (mm and g), one row per penguin.
    pub raw: Vec<[f64; 4]>,
    /// Each column's mean over all rows.
    pub mean: [f64; 4],
    /// Each column's spread: √(1/m Σ (x − mean)²).
    pub spread: [f64; 4],
}

impl Penguins {
    /// The shipped table, parsed once.
    pub fn get() -> &'static Penguins {
        static TABLE: OnceLock<Penguins> = OnceLock::new();
        // The file is compiled in and `tests` parse it, so this cannot fail at run time.
        TABLE.get_or_init(|| Penguins::parse(CSV).expect("the shipped penguins.csv parses"))
    }

    /// Parses a CSV with the columns of `palmerpenguins`' `penguins.csv` (header first). Every row
    /// needs a known species and four numbers; the other columns are not read.
    pub fn parse(text: &str) -> Result<Penguins, String> {
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().ok_or("empty file")?.split(',').collect();
        let col = |name: &str| header.iter().position(|h| *h == name).ok_or(format!("no column {name}"));
        let species_col = col("species")?;
        let cols = [col(FEATURES[0])?, col(FEATURES[1])?, col(FEATURES[2])?, col(FEATURES[3])?];
        let (mut species, mut raw) = (Vec::new(), Vec::new());
        for (n, line) in lines.enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let cells: Vec<&str> = line.split(',').collect();
            let cell = |i: usize| cells.get(i).copied().ok_or(format!("row {}: too few columns", n + 1));
            species.push(match cell(species_col)? {
                "Adelie" => Species::Adelie,
                "Chinstrap" => Species::Chinstrap,
                "Gentoo" => Species::Gentoo,
                other => return Err(format!("row {}: unknown species {other}", n + 1)),
            });
            let mut row = [0.0; 4];
            for (x, &c) in row.iter_mut().zip(&cols) {
                let v = cell(c)?;
                *x = v
                    .parse()
                    .ok()
                    .filter(|x: &f64| x.is_finite())
                    .ok_or(format!("row {}: not a number: {v}", n + 1))?;
            }
            raw.push(row);
        }
        if raw.len() < 2 {
            return Err("fewer than two rows".into());
        }
        let m = raw.len() as f64;
        let mut mean = [0.0; 4];
        let mut spread = [0.0; 4];
        for j in 0..4 {
            mean[j] = raw.iter().map(|r| r[j]).sum::<f64>() / m;
            spread[j] = (raw.iter().map(|r| (r[j] - mean[j]) * (r[j] - mean[j])).sum::<f64>() / m).sqrt();
        }
        Ok(Penguins { species, raw, mean, spread })
    }

    /// Number of penguins, m.
    pub fn rows(&self) -> usize {
        self.raw.len()
    }

    /// Penguin i's feature j, standardized: (x − mean) / spread.
    pub fn standardized(&self, i: usize, j: usize) -> f64 {
        (self.raw[i][j] - self.mean[j]) / self.spread[j]
    }

    /// The task's data set on the chosen `features` (indices into [`FEATURES`]), standardized,
    /// row by row in the file's order, labels 1 = Chinstrap.
    pub fn dataset(&self, features: &[usize]) -> Dataset {
        let mut x = Vec::with_capacity(self.rows() * features.len());
        for i in 0..self.rows() {
            x.extend(features.iter().map(|&j| self.standardized(i, j)));
        }
        let y = self.species.iter().map(|s| s.label()).collect();
        Dataset { x, n: features.len(), y, task: Task::Classification }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_parses_with_every_penguin() {
        let p = Penguins::get();
        assert_eq!(p.rows(), 342);
        let count = |s: Species| p.species.iter().filter(|&&x| x == s).count();
        assert_eq!((count(Species::Adelie), count(Species::Chinstrap), count(Species::Gentoo)), (151, 68, 123));
        // The first and last rows of the file, as written.
        assert_eq!(p.raw[0], [39.1, 18.7, 181.0, 3750.0]);
        assert_eq!(p.raw[341], [50.2, 18.7, 198.0, 3775.0]);
    }

    #[test]
    fn standardization_is_pinned_to_the_bit() {
        let p = Penguins::get();
        // Means and spreads of the four columns (the literals are these f64s exactly).
        assert_eq!(p.mean, [43.921929824561424, 17.15116959064328, 200.91520467836258, 4201.754385964912]);
        assert_eq!(p.spread, [5.45159602316182, 1.9719039187562528, 14.041140568589102, 800.7812292384524]);
        let d = p.dataset(&[0, 1, 2, 3]);
        assert_eq!(d.row(0), [-0.8844987420334929, 0.7854492273303145, -1.418346649339451, -0.564142077099551]);
        assert_eq!(d.row(341), [1.1516022369899337, 0.7854492273303145, -0.20761879450762552, -0.5329225640950127]);
        assert_eq!((d.y[0], d.y[341]), (0.0, 1.0));
        // Standardized columns have mean 0 and spread 1.
        for j in 0..4 {
            let col: Vec<f64> = (0..342).map(|i| d.row(i)[j]).collect();
            let mean = col.iter().sum::<f64>() / 342.0;
            let var = col.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / 342.0;
            assert!(mean.abs() < 1e-14 && (var - 1.0).abs() < 1e-13, "column {j}: {mean}, {var}");
        }
        let bill = p.dataset(&MLP_FEATURES);
        assert_eq!((bill.n, bill.row(0)), (2, &d.row(0)[..2]));
    }

    #[test]
    fn bad_files_are_refused_with_the_row() {
        assert!(Penguins::parse("").is_err());
        let head = "species,island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year\n";
        let e = Penguins::parse(&format!("{head}Adelie,Biscoe,NA,NA,NA,NA,NA,2007\n")).unwrap_err();
        assert!(e.contains("row 1") && e.contains("NA"), "{e}");
        assert!(Penguins::parse(&format!("{head}Emperor,Biscoe,1,2,3,4,male,2007\n")).unwrap_err().contains("Emperor"));
        assert!(Penguins::parse("species,bill_length_mm\nAdelie,3\n").unwrap_err().contains("bill_depth_mm"));
    }
}
