pub mod app;
pub mod binary;
pub mod breakage;
pub mod db;
pub mod fake_notify;
pub mod fake_telegram;
pub mod seed;
pub mod snapshot;
