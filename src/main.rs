//! The `touchbase` command: parse the command line, start logging, hand over to `cli::run`.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = touchbase::cli::Cli::parse();
    touchbase::cli::init_tracing();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("touchbase: cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(touchbase::cli::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("touchbase: {error:#}");
            ExitCode::FAILURE
        }
    }
}
