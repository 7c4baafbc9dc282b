pub mod app;
pub mod binary;
pub mod fake_telegram;
pub mod seed;
