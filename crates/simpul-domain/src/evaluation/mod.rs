//! SPBE evaluation (FRAMEWORKS.md section 1, PermenPANRB 59/2020 and the older 5/2018):
//! frameworks as validated data (`frameworks/*.toml`, embedded) and the exact index arithmetic
//! over maturity levels.
//!
//! ```
//! use simpul_domain::evaluation::{Coverage, Framework, Levels};
//! let fw = Framework::spbe_2020().unwrap();
//! let levels = Levels::from_pairs((1..=47).map(|n| (n, 3))).unwrap();
//! let index = fw.index(&levels, Coverage::Complete).unwrap();
//! assert_eq!(index.to_string(), "3.00");
//! assert_eq!(fw.predicate(index).unwrap().name, "Baik");
//! ```

mod answer_workflow;
mod decimal;
mod framework;
mod index;
mod levels;
mod lookup;
mod set;
mod validate;
mod whatif;

pub use answer_workflow::{AnswerState, AnswerStep, EvaluationAnswer};
pub use decimal::{IndexValue, Weight};
pub use framework::{
    Aspect, Criteria, Domain, Framework, FrameworkError, Indicator, LevelName, LevelScale,
    Predicate,
};
pub use index::{Coverage, IndexError, Scorecard};
pub use levels::{InvalidLevel, Level, Levels};
pub use set::{FrameworkSet, BUILTIN, SPBE_2018, SPBE_2020};
pub use whatif::Priority;

#[cfg(test)]
mod tests;
