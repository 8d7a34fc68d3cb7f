//! The workflow kernel's executor side (issue 10): the unit of work every write runs in
//! ([`uow`]), the one executor that takes a step of any workflow ([`step`]), the history read
//! back as a timeline ([`timeline`]), generic JSON case storage ([`cases`]), dispatch by
//! workflow code ([`registry`]), tasks computed from the definitions ([`tasks`]) and the
//! outbox that delivers side effects after commit ([`outbox`]), and the background jobs that
//! run once across nodes ([`jobs`]).

pub mod cases;
pub mod jobs;
pub mod outbox;
pub mod registry;
pub mod step;
pub mod tasks;
pub mod testing;
pub mod timeline;
pub mod uow;

pub use registry::{CaseFlow, CaseView};
pub use step::{Applied, FieldChange, Handler, Loaded, StepInput, StepOutcome};
pub use tasks::Task;
pub use uow::Uow;
