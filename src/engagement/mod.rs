//! After each appointment: attendance and follow-up, warnings, the engagement panel, suspensions.

pub mod attendance;
pub mod panel;
pub mod suspensions;
pub mod warnings;
