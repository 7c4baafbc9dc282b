//! Who is who: joining, invites, staff, a worker's caseload, parents and carers.

pub mod carers;
pub mod caseload;
pub mod invites;
pub mod onboarding;
pub mod staff;
